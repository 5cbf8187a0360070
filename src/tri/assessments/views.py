"""Assessment pages. Each view resolves its objects through `queries`, binds a form, calls one
service and redirects; scores come from the engine through `engine`."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from tri.assessments import engine, queries, services
from tri.assessments.exports import assessment_xlsx, parse_response_upload
from tri.assessments.forms import (
    AnswerForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    ImportForm,
    ReturnForm,
    StartForm,
    form_prefix,
)
from tri.assessments.models import Answer, Assessment
from tri.common.pdf import pdf_response
from tri.common.permissions import can
from tri.organisations.queries import access_organisation, assignable_people
from tri.reports import template_yaml
from tri.returns.suggestions import data_suggestions
from tri.standard import Criterion, ScoreReport
from tri.workforce.criteria import RULES

#: Criteria whose level the workforce figures can suggest.
DATA_LINKED = frozenset(rule.criterion_id for rule in RULES)

# ---------------------------------------------------------------- helpers


def _require(request: HttpRequest, perm: str, obj: object) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(perm)


def _can(request: HttpRequest, assessment: Assessment) -> dict[str, bool]:
    user = request.user
    return {
        "can_edit": can(user, "assessments.edit_answers", assessment),
        "can_submit": can(user, "assessments.submit_assessment", assessment),
        "can_return": can(user, "assessments.return_assessment", assessment),
        "can_copy": can(user, "assessments.copy_assessment", assessment),
        "can_write_guidance": can(user, "assessments.write_guidance", None),
    }


def _criterion(assessment: Assessment, row: str) -> Criterion:
    try:
        return engine.standard_of(assessment).criterion(row)
    except KeyError:
        raise Http404("No such criterion") from None


def _section_of(assessment: Assessment, row: str) -> str:
    return engine.section_of(assessment, row).id


def _criterion_url(assessment: Assessment, row: str) -> str:
    url = reverse(
        "assessments:category",
        kwargs={
            "org": assessment.organisation.slug,
            "pk": assessment.pk,
            "section": _section_of(assessment, row),
        },
    )
    return f"{url}#{form_prefix(row)}"


@dataclass
class CriterionBlock:
    """Everything the category page shows for one criterion."""

    criterion: Criterion
    answer: Answer
    form: AnswerForm | None
    link_form: EvidenceLinkForm | None
    file_form: EvidenceFileForm | None
    guidance: Any
    saved: bool = False
    suggestion: Any = None

    @property
    def anchor(self) -> str:
        return form_prefix(self.criterion.id)


def _block(
    request: HttpRequest,
    assessment: Assessment,
    criterion: Criterion,
    answer: Answer,
    guidance: Any,
    can_edit: bool,
    *,
    form: AnswerForm | None = None,
    link_form: EvidenceLinkForm | None = None,
    file_form: EvidenceFileForm | None = None,
    people: list[Any] | None = None,
) -> CriterionBlock:
    if can_edit:
        people = people if people is not None else list(assignable_people(assessment.organisation))
        form = form or AnswerForm(criterion=criterion, answer=answer, people=people)
        link_form = link_form or EvidenceLinkForm(criterion_id=criterion.id)
        file_form = file_form or EvidenceFileForm(criterion_id=criterion.id)
    return CriterionBlock(criterion, answer, form, link_form, file_form, guidance)


def _category_context(
    request: HttpRequest,
    assessment: Assessment,
    section_id: str,
    bound: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    category, section = engine.find_section(assessment, section_id)
    answers = queries.answers_of(assessment)
    by_row = {a.criterion_id: a for a in answers}
    report = engine.score_answers(assessment, answers)
    guidance = queries.guidance_for(assessment.standard_id, assessment.standard_version)
    allowed = _can(request, assessment)
    people = list(assignable_people(assessment.organisation)) if allowed["can_edit"] else []
    linked = {criterion.id for criterion in section.criteria} & DATA_LINKED
    suggestions = data_suggestions(assessment.organisation) if linked else {}
    blocks = [
        _block(
            request,
            assessment,
            criterion,
            by_row[criterion.id],
            guidance.get(criterion.id),
            allowed["can_edit"],
            people=people,
            **(bound or {}).get(criterion.id, {}),
        )
        for criterion in section.criteria
    ]
    for block in blocks:
        block.suggestion = suggestions.get(block.criterion.id)
    previous_section, next_section = engine.neighbouring_sections(assessment, section)
    return {
        "assessment": assessment,
        "category": category,
        "section": section,
        "category_score": report.category(category.id),
        "blocks": blocks,
        "previous_section": previous_section,
        "next_section": next_section,
        **allowed,
    }


# ---------------------------------------------------------------- start, overview


class StartView(LoginRequiredMixin, View):
    template_name = "assessments/assessment_start.html"

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = access_organisation(request.user, org)  # type: ignore[arg-type]
        _require(request, "assessments.start_assessment", organisation)
        form = StartForm(versions=engine.version_choices())
        return render(request, self.template_name, {"organisation": organisation, "form": form})

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = access_organisation(request.user, org)  # type: ignore[arg-type]
        _require(request, "assessments.start_assessment", organisation)
        form = StartForm(request.POST, versions=engine.version_choices())
        if form.is_valid():
            try:
                assessment = services.start_assessment(
                    organisation=organisation,
                    period=form.cleaned_data["period"],
                    standard_version=form.cleaned_data["standard_version"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Assessment started."))
                return redirect(assessment)
        return render(
            request, self.template_name, {"organisation": organisation, "form": form}, status=400
        )


def _overview_rows(report: ScoreReport, answered: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for category_score in report.categories:
        category = category_score.category
        rows.append(
            {
                "category": category,
                "score": category_score,
                "sections": [
                    {
                        "section": section,
                        "answered": sum(answered.get(c.id, 0) for c in section.criteria),
                        "total": len(section.criteria),
                    }
                    for section in category.sections
                ],
            }
        )
    return rows


class OverviewView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        answers = queries.answers_of(assessment)
        report = engine.score_answers(assessment, answers)
        answered = {a.criterion_id: 1 for a in answers if a.is_answered}
        return render(
            request,
            "assessments/assessment_overview.html",
            {
                "assessment": assessment,
                "standard": report.standard,
                "report": report,
                "rows": _overview_rows(report, answered),
                "answered": len(answered),
                "total": len(answers),
                "needs_review": [a.criterion_id for a in answers if a.needs_review],
                "improvements": engine.next_steps(report),
                "history": queries.assessment_history(assessment)[:50],
                **_can(request, assessment),
            },
        )


# ---------------------------------------------------------------- category, criterion


class CategoryView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int, section: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        context = _category_context(request, assessment, section)
        return render(request, "assessments/category_detail.html", context)


class CriterionView(LoginRequiredMixin, View):
    """GET: the criterion's history. POST: save its answer (htmx swaps the block in place)."""

    def get(self, request: HttpRequest, org: str, pk: int, row: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        criterion = _criterion(assessment, row)
        answer = queries.access_answer(assessment, row)
        return render(
            request,
            "assessments/criterion_history.html",
            {
                "assessment": assessment,
                "criterion": criterion,
                "answer": answer,
                "revisions": queries.revisions_of(answer),
                "back_url": _criterion_url(assessment, row),
            },
        )

    def post(self, request: HttpRequest, org: str, pk: int, row: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        criterion = _criterion(assessment, row)
        answer = queries.access_answer(assessment, row)
        people = list(assignable_people(assessment.organisation))
        form = AnswerForm(request.POST, criterion=criterion, answer=answer, people=people)
        status = 200
        if form.is_valid():
            try:
                answer = services.record_answer(
                    answer=answer,
                    actor=request.user,  # type: ignore[arg-type]
                    level=form.cleaned_data["level"],
                    evidence=form.cleaned_data["evidence"],
                    owner=form.cleaned_data["owner"],
                    target_on=form.cleaned_data["target_on"],
                    seen_revision=form.cleaned_data["revision"],
                )
            except services.StaleAnswerError as error:
                answer = error.answer
                form = AnswerForm(criterion=criterion, answer=answer, people=people)
                form.problems.append(str(error))
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                if not request.htmx:  # type: ignore[attr-defined]
                    messages.success(request, _("Criterion %(row)s saved.") % {"row": criterion.id})
                    return redirect(_criterion_url(assessment, row))
                form = AnswerForm(criterion=criterion, answer=answer, people=people)
        else:
            status = 400
        section = _section_of(assessment, row)
        context = _category_context(request, assessment, section, {row: {"form": form}})
        if request.htmx:  # type: ignore[attr-defined]
            block = next(b for b in context["blocks"] if b.criterion.id == row)
            block.saved = status == 200
            context["block"] = block
            context["oob"] = True
            # htmx swaps 2xx responses only; the form itself carries the error.
            return render(request, "assessments/includes/criterion_htmx.html", context)
        return render(request, "assessments/category_detail.html", context, status=status)


class EvidenceLinkAddView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int, row: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        answer = queries.access_answer(assessment, row)
        form = EvidenceLinkForm(request.POST, criterion_id=row)
        if form.is_valid():
            services.add_evidence_link(
                answer=answer,
                url=form.cleaned_data["url"],
                title=form.cleaned_data["title"],
                actor=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("Link added to %(row)s.") % {"row": row})
            return redirect(_criterion_url(assessment, row))
        context = _category_context(
            request, assessment, _section_of(assessment, row), {row: {"link_form": form}}
        )
        return render(request, "assessments/category_detail.html", context, status=400)


class EvidenceLinkRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int, link: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        evidence_link = queries.access_evidence_link(assessment, link)
        services.remove_evidence_link(link=evidence_link, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Link removed."))
        return redirect(_criterion_url(assessment, evidence_link.answer.criterion_id))


class EvidenceFileAddView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int, row: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        answer = queries.access_answer(assessment, row)
        form = EvidenceFileForm(request.POST, request.FILES, criterion_id=row)
        if form.is_valid():
            try:
                services.add_evidence_file(
                    answer=answer,
                    upload=form.cleaned_data["file"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error("file", error.message_dict.get("file", error.messages))
            else:
                messages.success(request, _("File added to %(row)s.") % {"row": row})
                return redirect(_criterion_url(assessment, row))
        context = _category_context(
            request, assessment, _section_of(assessment, row), {row: {"file_form": form}}
        )
        return render(request, "assessments/category_detail.html", context, status=400)


class EvidenceFileDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int, file: int) -> FileResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        evidence = queries.access_evidence_file(assessment, file)
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.name,
            content_type=evidence.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class EvidenceFileRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int, file: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        evidence = queries.access_evidence_file(assessment, file)
        services.remove_evidence_file(evidence=evidence, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("File removed. It stays in the criterion's history."))
        return redirect(_criterion_url(assessment, evidence.answer.criterion_id))


# ---------------------------------------------------------------- sign-off


class SubmitView(LoginRequiredMixin, View):
    template_name = "assessments/assessment_submit.html"

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.submit_assessment", assessment)
        answers = queries.answers_of(assessment)
        report = engine.score_answers(assessment, answers)
        unanswered = [a.criterion_id for a in answers if not a.is_answered]
        return render(
            request,
            self.template_name,
            {"assessment": assessment, "report": report, "unanswered": unanswered},
        )

    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.submit_assessment", assessment)
        services.submit_assessment(assessment=assessment, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Assessment signed off and submitted. It is now locked."))
        return redirect(assessment)


class ReturnView(LoginRequiredMixin, View):
    template_name = "assessments/assessment_return.html"

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.return_assessment", assessment)
        return render(request, self.template_name, {"assessment": assessment, "form": ReturnForm()})

    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.return_assessment", assessment)
        form = ReturnForm(request.POST)
        if form.is_valid():
            services.return_to_draft(
                assessment=assessment,
                reason=form.cleaned_data["reason"],
                actor=request.user,  # type: ignore[arg-type]
            )
            messages.success(request, _("Assessment returned to draft."))
            return redirect(assessment)
        return render(
            request, self.template_name, {"assessment": assessment, "form": form}, status=400
        )


class CopyView(LoginRequiredMixin, View):
    template_name = "assessments/assessment_copy.html"

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.copy_assessment", assessment)
        form = StartForm(versions=engine.version_choices())
        return render(request, self.template_name, {"assessment": assessment, "form": form})

    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.copy_assessment", assessment)
        form = StartForm(request.POST, versions=engine.version_choices())
        if form.is_valid():
            try:
                copy = services.copy_assessment(
                    source=assessment,
                    period=form.cleaned_data["period"],
                    standard_version=form.cleaned_data["standard_version"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Draft for %(period)s started from %(source)s.")
                    % {"period": copy.period, "source": assessment.period},
                )
                return redirect(copy)
        return render(
            request, self.template_name, {"assessment": assessment, "form": form}, status=400
        )


# ---------------------------------------------------------------- exports and import


class ExportXlsxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        data, filename = assessment_xlsx(assessment, queries.answers_of(assessment))
        response = HttpResponse(
            data,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PrintView(LoginRequiredMixin, View):
    template_name = "assessments/assessment_print.html"

    def context(self, request: HttpRequest, org: str, pk: int) -> dict[str, Any]:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        answers = queries.answers_of(assessment)
        report = engine.score_answers(assessment, answers)
        return {
            "assessment": assessment,
            "report": report,
            "answers": {a.criterion_id: a for a in answers},
            "improvements": engine.next_steps(report),
        }

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        return render(request, self.template_name, self.context(request, org, pk))


class ReportPdfView(PrintView):
    """The printable version as a PDF: the summary, every answer and the improvement list."""

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        context = self.context(request, org, pk)
        assessment: Assessment = context["assessment"]
        organisation = assessment.organisation
        name = f"{organisation.slug}-self-assessment-{slugify(assessment.period)}"
        return pdf_response(
            request,
            self.template_name,
            context,
            filename=f"{name}-{timezone.localdate():%Y-%m-%d}.pdf",
            author=organisation.name,
        )


class TemplateDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        text = template_yaml(engine.standard_of(assessment), assessment.organisation.name)
        response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
        name = f"responses-{assessment.organisation.slug}-v{assessment.standard_version}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


_IMPORT_SESSION = "tri_import_{}"


class ImportView(LoginRequiredMixin, View):
    """Upload a response file, then see what would change before anything is applied."""

    template_name = "assessments/assessment_import.html"

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        return render(request, self.template_name, {"assessment": assessment, "form": ImportForm()})

    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                responses = parse_response_upload(form.cleaned_data["file"])
                changes = services.preview_import(assessment, responses)
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                revisions = {a.criterion_id: a.revision for a in assessment.answers.all()}
                request.session[_IMPORT_SESSION.format(assessment.pk)] = {
                    "changes": [c.__dict__ for c in changes],
                    "revisions": revisions,
                    "source": responses.source,
                }
                return render(
                    request,
                    "assessments/assessment_import_preview.html",
                    {"assessment": assessment, "changes": changes, "source": responses.source},
                )
        return render(
            request, self.template_name, {"assessment": assessment, "form": form}, status=400
        )


class ImportApplyView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        pending = request.session.pop(_IMPORT_SESSION.format(assessment.pk), None)
        if pending is None:
            messages.error(request, _("There is no import waiting. Upload the file again."))
            return redirect("assessments:import", org=org, pk=pk)
        changes = [services.ImportChange(**c) for c in pending["changes"]]
        try:
            count = services.apply_import(
                assessment=assessment,
                changes=changes,
                revisions=pending["revisions"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.StaleAnswerError as error:
            messages.error(
                request,
                _("Nothing was imported: %(problem)s Upload the file again to see the changes.")
                % {"problem": error},
            )
            return redirect("assessments:import", org=org, pk=pk)
        messages.success(
            request,
            _("Imported %(count)s changes from %(source)s.")
            % {"count": count, "source": pending["source"]},
        )
        return redirect(assessment)


class SuggestionAcceptView(LoginRequiredMixin, View):
    """Accept the level the workforce figures suggest for a criterion. The suggestion is
    worked out again here from the latest snapshot, never taken from the form: the form only
    says which snapshot and rule the person saw, so a suggestion that changed is not applied."""

    def post(self, request: HttpRequest, org: str, pk: int, row: str) -> HttpResponse:
        assessment = queries.access_assessment(request.user, org, pk)  # type: ignore[arg-type]
        _require(request, "assessments.edit_answers", assessment)
        criterion = _criterion(assessment, row)
        answer = queries.access_answer(assessment, row)
        suggestion = data_suggestions(assessment.organisation).get(criterion.id)
        seen = (request.POST.get("return_id", ""), request.POST.get("rule", ""))
        if suggestion is None or not suggestion.level:
            messages.error(
                request,
                _("The workforce figures suggest no level for %(row)s.") % {"row": criterion.id},
            )
            return redirect(_criterion_url(assessment, row))
        if seen != (str(suggestion.return_id), suggestion.rule):
            messages.error(
                request,
                _(
                    "Nothing was changed: the workforce figures behind %(row)s have changed since "
                    "the page was shown. Look at the new suggestion before accepting it."
                )
                % {"row": criterion.id},
            )
            return redirect(_criterion_url(assessment, row))
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            return HttpResponse(_("The form was incomplete."), status=400)
        try:
            services.accept_suggestion(
                answer=answer,
                suggestion=suggestion,
                seen_revision=revision,
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.StaleAnswerError as error:
            messages.error(request, str(error))
            return redirect(_criterion_url(assessment, row))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_criterion_url(assessment, row))
        messages.success(
            request,
            _(
                "%(row)s now has the level the workforce figures suggest, with the figure as evidence."
            )
            % {"row": criterion.id},
        )
        return redirect(_criterion_url(assessment, row))
