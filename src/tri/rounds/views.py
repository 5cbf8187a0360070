"""Round pages: the list, opening and changing a round, the coordinator's tracker, pairing and
peer reviewers, and feedback on the Standard. Each view resolves its objects through
`queries`, binds a form, calls one service and redirects."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from tri.assessments import engine
from tri.assessments.enums import AssessmentStatus
from tri.common.permissions import can
from tri.organisations.enums import OrganisationKind
from tri.organisations.models import Organisation
from tri.organisations.queries import assignable_people
from tri.rounds import queries, services
from tri.rounds.enums import FeedbackKind
from tri.rounds.forms import (
    AddParticipantsForm,
    FeedbackForm,
    OpenRoundForm,
    PairingForm,
    ReviewerForm,
    RoundForm,
)
from tri.rounds.models import Round
from tri.standard import CELC_TRI, check_consistency
from tri.standard.consistency import FindingKind


def _require(request: HttpRequest, perm: str, obj: object = None) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(perm)


def _local_authorities() -> Any:
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")


class RoundListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "rounds/round_list.html",
            {
                "rounds": queries.visible_rounds(request.user),  # type: ignore[arg-type]
                "assignments": queries.review_assignments(request.user),  # type: ignore[arg-type]
                "can_manage": can(request.user, "rounds.manage_round", None),
                "can_view_feedback": can(request.user, "rounds.view_feedback", None),
                "can_manage_groups": can(request.user, "rounds.manage_groups", None),
            },
        )


class RoundOpenView(LoginRequiredMixin, View):
    template_name = "rounds/round_open.html"

    def _form(self, data: Any = None) -> OpenRoundForm:
        return OpenRoundForm(
            data, versions=engine.version_choices(), organisations=_local_authorities()
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, "rounds.manage_round")
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        _require(request, "rounds.manage_round")
        form = self._form(request.POST)
        if form.is_valid():
            try:
                round_ = services.open_round(
                    name=form.cleaned_data["name"],
                    standard_version=form.cleaned_data["standard_version"],
                    opens_on=form.cleaned_data["opens_on"],
                    submit_by=form.cleaned_data["submit_by"],
                    closes_on=form.cleaned_data["closes_on"],
                    organisations=form.cleaned_data["organisations"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Round opened. Next, pair the participants."))
                return redirect(round_)
        return render(request, self.template_name, {"form": form}, status=400)


def _tracker(round_: Round, user: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    total = len(engine.catalogue().get(round_.standard_id, round_.standard_version).criteria)
    reviewers = {p.reviewed_id: p.reviewer for p in queries.pairings_of(round_)}
    rows = []
    for participant in queries.tracked_participants(round_, user):
        assessment = participant.assessment
        is_draft = assessment is None or assessment.status == AssessmentStatus.DRAFT
        rows.append(
            {
                "participant": participant,
                "assessment": assessment,
                "answered": participant.answered,  # type: ignore[attr-defined]
                "total": total,
                "percent": round(100 * participant.answered / total) if total else 0,  # type: ignore[attr-defined]
                "days_left": (round_.submit_by - today).days if is_draft else None,
                "is_overdue": is_draft and today > round_.submit_by,
                "days_overdue": (today - round_.submit_by).days,
                "reviewer": reviewers.get(participant.organisation_id),
            }
        )
    return rows


class RoundDetailView(LoginRequiredMixin, View):
    """The live tracker: each organisation's status, progress and days to the deadline."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        rows = _tracker(round_, request.user)
        return render(
            request,
            "rounds/round_detail.html",
            {
                "round": round_,
                "rows": rows,
                "overdue": sum(1 for r in rows if r["is_overdue"]),
                "assignments": queries.pairings_reviewed_by(round_, request.user),  # type: ignore[arg-type]
                "can_manage": can(request.user, "rounds.manage_round", None),
                "can_benchmark": can(request.user, "rounds.view_benchmark", round_),
                "history": queries.round_history(round_)[:30],
            },
        )


class RoundEditView(LoginRequiredMixin, View):
    template_name = "rounds/round_edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        form = RoundForm(
            initial={
                "name": round_.name,
                "opens_on": round_.opens_on,
                "submit_by": round_.submit_by,
                "closes_on": round_.closes_on,
            }
        )
        return render(request, self.template_name, {"round": round_, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                services.change_round(round_=round_, actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Round changed."))
                return redirect(round_)
        return render(request, self.template_name, {"round": round_, "form": form}, status=400)


class ParticipantsView(LoginRequiredMixin, View):
    template_name = "rounds/round_participants.html"

    def _form(self, round_: Round, data: Any = None) -> AddParticipantsForm:
        taking_part = round_.participants.values("organisation")
        return AddParticipantsForm(
            data, organisations=_local_authorities().exclude(pk__in=taking_part)
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        return render(request, self.template_name, {"round": round_, "form": self._form(round_)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        form = self._form(round_, request.POST)
        if form.is_valid():
            try:
                added = services.add_participants(
                    round_=round_,
                    organisations=form.cleaned_data["organisations"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Added %(n)s organisations. Pair them next.") % {"n": len(added)}
                )
                return redirect(round_)
        return render(request, self.template_name, {"round": round_, "form": form}, status=400)


class RoundCloseView(LoginRequiredMixin, View):
    template_name = "rounds/round_close.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        return render(request, self.template_name, {"round": round_})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        try:
            services.close_round(round_=round_, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Round closed. Peer reviewers no longer have access."))
        return redirect(round_)


class PairingView(LoginRequiredMixin, View):
    """The coordinator pairs participants: by hand, or starting from a proposal."""

    template_name = "rounds/pairing.html"

    def _context(
        self, request: HttpRequest, round_: Round, form: PairingForm | None = None, **extra: Any
    ) -> dict[str, Any]:
        participants = [p.organisation for p in round_.participants.select_related("organisation")]
        pairings = list(queries.pairings_of(round_))
        proposal = None
        seed = 0
        initial = {p.reviewed.slug: p.reviewer.slug for p in pairings}
        if "propose" in request.GET:
            try:
                seed = int(request.GET.get("propose") or 0)
            except ValueError:
                seed = 0
            proposal = services.propose_round_pairing(round_=round_, actor=request.user, seed=seed)  # type: ignore[arg-type]
            initial = {pair.reviewed: pair.reviewer for pair in proposal.pairs}
        if form is None:
            form = PairingForm(participants=participants, initial_reviewers=initial)
        people = {
            p.pk: [
                person
                for person in assignable_people(p.reviewer)
                if person.pk not in {r.user_id for r in p.reviewers.all()}
            ]
            for p in pairings
        }
        return {
            "round": round_,
            "form": form,
            "proposal": proposal,
            "pairings": [
                {"pairing": p, "form": ReviewerForm(people=people[p.pk], prefix=f"p{p.pk}")}
                for p in pairings
            ],
            "next_seed": seed + 1 if proposal is not None else 0,
            **extra,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        return render(request, self.template_name, self._context(request, round_))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        participants = [p.organisation for p in round_.participants.select_related("organisation")]
        form = PairingForm(request.POST, participants=participants, initial_reviewers={})
        if form.is_valid():
            try:
                warnings = services.set_pairing(
                    round_=round_,
                    pairs=form.pairs(),
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Pairing saved. Now name each pairing's peer reviewers.")
                )
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect("rounds:pairing", pk=round_.pk)
        return render(request, self.template_name, self._context(request, round_, form), status=400)


class ReviewerAddView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, pairing: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        found = queries.access_pairing(round_, pairing)
        people = list(assignable_people(found.reviewer))
        form = ReviewerForm(request.POST, people=people, prefix=f"p{found.pk}")
        if form.is_valid():
            try:
                services.grant_reviewer(
                    pairing=found,
                    user=form.people[form.cleaned_data["user"]],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Peer reviewer named."))
        else:
            messages.error(
                request,
                _("Choose a person of %(org)s to review %(partner)s.")
                % {"org": found.reviewer.name, "partner": found.reviewed.name},
            )
        return redirect("rounds:pairing", pk=round_.pk)


class ReviewerRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, pairing: int, reviewer: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        found = queries.access_peer_reviewer(queries.access_pairing(round_, pairing), reviewer)
        services.revoke_reviewer(reviewer=found, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Peer reviewer removed."))
        return redirect("rounds:pairing", pk=round_.pk)


# ---------------------------------------------------------------- feedback on the Standard


def _subjects(version: str) -> list[tuple[str, str]]:
    standard = engine.catalogue().get(CELC_TRI, version)
    subjects: list[tuple[str, str]] = [("", _("Choose a criterion or category"))]
    for category in standard.categories:
        subjects.append(
            (
                category.id,
                _("Category %(id)s: %(title)s (as a whole)")
                % {"id": category.id, "title": category.title},
            )
        )
        subjects += [(c.id, f"{c.id}: {c.summary}") for c in category.criteria]
    return subjects


class FeedbackNewView(LoginRequiredMixin, View):
    """Any participant leaves feedback on a criterion or category (the feedback groups)."""

    template_name = "rounds/feedback_form.html"

    def _form(self, request: HttpRequest, data: Any = None) -> FeedbackForm:
        organisations = list(queries.feedback_organisations(request.user))  # type: ignore[arg-type]
        if not organisations:
            raise PermissionDenied("rounds.leave_feedback")
        version = engine.current_standard().version
        initial = {"subject": request.GET.get("subject", "")}
        return FeedbackForm(
            data, subjects=_subjects(version), organisations=organisations, initial=initial
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                feedback = services.leave_feedback(
                    organisation=form.organisations[form.cleaned_data["organisation"]],
                    standard_version=engine.current_standard().version,
                    subject=form.cleaned_data["subject"],
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your feedback on %s goes to London Councils for the next version."
                    )
                    % feedback.subject,
                )
                return redirect("rounds:list")
        return render(request, self.template_name, {"form": form}, status=400)


def _feedback_groups(request: HttpRequest) -> tuple[list[dict[str, Any]], Any]:
    """Feedback this person may read on the current version, grouped by criterion or category,
    most commented first."""
    standard = engine.current_standard()
    found = list(queries.visible_feedback(request.user).filter(standard_version=standard.version))  # type: ignore[arg-type]
    titles = {c.id: c.title for c in standard.categories} | {
        c.id: c.summary for c in standard.criteria
    }
    order = [c.id for c in standard.categories] + [c.id for c in standard.criteria]
    groups: dict[str, list[Any]] = {}
    for item in found:
        groups.setdefault(item.subject, []).append(item)
    rows: list[dict[str, Any]] = [
        {
            "subject": subject,
            "title": titles.get(subject, ""),
            "items": items,
            "count": len(items),
            "kinds": {
                str(FeedbackKind(kind).label): sum(1 for i in items if i.kind == kind)
                for kind in FeedbackKind.values
                if any(i.kind == kind for i in items)
            },
        }
        for subject, items in groups.items()
    ]
    rows.sort(
        key=lambda r: (-len(r["items"]), order.index(r["subject"]) if r["subject"] in order else 0)
    )
    return rows, standard


class FeedbackListView(LoginRequiredMixin, View):
    """The coordinator's view: feedback grouped by criterion with counts, and the engine's
    consistency check's repeated criteria beside it."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, "rounds.view_feedback")
        rows, standard = _feedback_groups(request)
        duplicates = [f for f in check_consistency(standard) if f.kind == FindingKind.DUPLICATE]
        return render(
            request,
            "rounds/feedback_list.html",
            {
                "rows": rows,
                "standard": standard,
                "duplicates": duplicates,
                "total": sum(r["count"] for r in rows),
            },
        )


class FeedbackExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, "rounds.view_feedback")
        rows, standard = _feedback_groups(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="feedback-v{standard.version}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["subject", "title", "kind", "feedback", "organisation", "round", "left_on"]
        )
        for row in rows:
            for item in row["items"]:
                writer.writerow(
                    [
                        row["subject"],
                        row["title"],
                        item.get_kind_display(),
                        item.text,
                        item.organisation.name,
                        item.round.name if item.round else "",
                        item.created_at.date().isoformat(),
                    ]
                )
        return response
