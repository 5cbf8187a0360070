"""Peer review pages: the reviewer's judgements, the assessed organisation's replies, the
coordinator's moderation and the final scores side by side; earlier review cycles; and the
coordinator's calibration view. Every assessment is reached through
`queries.access_participant`, which uses the assessments' own access query."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tri.assessments import engine
from tri.assessments import queries as assessment_queries
from tri.assessments.enums import LevelChoice
from tri.assessments.models import Answer, Assessment, ReviewCycle
from tri.common.permissions import can
from tri.rounds import outcomes, queries, services
from tri.rounds.forms import JudgeForm, ModerateForm, ReplyForm, judgement_prefix
from tri.rounds.models import Judgement, Participant, Round
from tri.standard import Criterion


def _require(request: HttpRequest, perm: str, obj: object = None) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(perm)


def _resolve(request: HttpRequest, pk: int, org: str) -> tuple[Round, Participant, Assessment]:
    round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
    participant = queries.access_participant(request.user, round_, org)  # type: ignore[arg-type]
    assessment = participant.assessment
    if assessment is None:  # access_participant only returns participants with one
        raise Http404("No assessment")
    return round_, participant, assessment


def _allowed(request: HttpRequest, assessment: Assessment) -> dict[str, bool]:
    user = request.user
    return {
        "can_judge": can(user, "rounds.judge", assessment),
        "can_reply": can(user, "rounds.reply", assessment),
        "can_moderate": can(user, "rounds.moderate", assessment),
        "can_finalise": can(user, "rounds.finalise", assessment),
        "can_return": can(user, "assessments.return_assessment", assessment),
    }


def _section_url(round_: Round, assessment: Assessment, row: str) -> str:
    url = reverse(
        "rounds:review_section",
        kwargs={
            "pk": round_.pk,
            "org": assessment.organisation.slug,
            "section": engine.section_of(assessment, row).id,
        },
    )
    return f"{url}#{judgement_prefix('c', row)}"


def _section_table(
    assessment: Assessment, judgements: dict[str, Judgement]
) -> list[dict[str, Any]]:
    rows = []
    for category in engine.standard_of(assessment).categories:
        for section in category.sections:
            found = [judgements.get(c.id) for c in section.criteria]
            rows.append(
                {
                    "section": section,
                    "total": len(section.criteria),
                    "judged": sum(1 for j in found if j and j.is_judged),
                    "challenged": sum(1 for j in found if j and j.is_challenged),
                    "disputed": sum(1 for j in found if j and j.is_disputed),
                    "moderated": sum(1 for j in found if j and j.moderated_level),
                }
            )
    return rows


class ReviewView(LoginRequiredMixin, View):
    """The review of one assessment in a round: status, the three columns of points per
    category, progress by section and the next step for whoever is looking."""

    def get(self, request: HttpRequest, pk: int, org: str) -> HttpResponse:
        round_, participant, assessment = _resolve(request, pk, org)
        cycle = queries.current_cycle(assessment)
        judgements = queries.judgements_of(cycle)
        return render(
            request,
            "rounds/review_detail.html",
            {
                "round": round_,
                "participant": participant,
                "assessment": assessment,
                "cycle": cycle,
                "outcome": outcomes.outcome_of(assessment, cycle, judgements) if cycle else None,
                "sections": _section_table(assessment, judgements),
                "disputed": [row for row, j in judgements.items() if j.is_disputed],
                "unmoderated": [
                    row for row, j in judgements.items() if j.is_disputed and not j.moderated_level
                ],
                "cycles": [c for c in assessment_queries.cycles_of(assessment) if not c.is_current],
                "history": sorted(
                    [
                        *queries.judgement_history(assessment)[:50],
                        *assessment_queries.assessment_history(assessment)[:50],
                    ],
                    key=lambda event: (event.created_at, event.pk),
                    reverse=True,
                )[:50],
                **_allowed(request, assessment),
            },
        )


@dataclass
class CriterionReviewBlock:
    """Everything the review page shows for one criterion."""

    criterion: Criterion
    own_level: str
    evidence: str
    answer: Answer | None
    judgement: Judgement | None
    judge_form: JudgeForm | None
    reply_form: ReplyForm | None
    moderate_form: ModerateForm | None

    @property
    def anchor(self) -> str:
        return judgement_prefix("c", self.criterion.id)

    @property
    def own_level_label(self) -> str:
        return _level_label(self.own_level)


def _level_label(key: str) -> str:
    return str(LevelChoice(key).label) if key else _("Not answered")


def _section_context(
    request: HttpRequest,
    round_: Round,
    participant: Participant,
    assessment: Assessment,
    section_id: str,
    bound: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    _category, section = engine.find_section(assessment, section_id)
    cycle = queries.current_cycle(assessment)
    judgements = queries.judgements_of(cycle)
    levels = outcomes.self_levels(assessment, cycle)
    snapshot = cycle.snapshot if cycle else {}
    answers = {
        a.criterion_id: a
        for a in assessment_queries.answers_of(
            assessment, criterion_ids=[c.id for c in section.criteria]
        )
    }
    allowed = _allowed(request, assessment)
    blocks = []
    for criterion in section.criteria:
        judgement = judgements.get(criterion.id)
        forms = (bound or {}).get(criterion.id, {})
        challenged = judgement is not None and judgement.is_challenged
        blocks.append(
            CriterionReviewBlock(
                criterion=criterion,
                own_level=levels.get(criterion.id, ""),
                evidence=snapshot.get(criterion.id, {}).get(
                    "evidence", answers[criterion.id].evidence if criterion.id in answers else ""
                ),
                answer=answers.get(criterion.id),
                judgement=judgement,
                judge_form=forms.get("judge")
                or (
                    JudgeForm(criterion=criterion, judgement=judgement)
                    if allowed["can_judge"]
                    else None
                ),
                reply_form=forms.get("reply")
                or (
                    ReplyForm(criterion=criterion, judgement=judgement)
                    if allowed["can_reply"] and challenged
                    else None
                ),
                moderate_form=forms.get("moderate")
                or (
                    ModerateForm(criterion=criterion, judgement=judgement)
                    if allowed["can_moderate"] and challenged
                    else None
                ),
            )
        )
    previous_section, next_section = engine.neighbouring_sections(assessment, section)
    return {
        "round": round_,
        "participant": participant,
        "assessment": assessment,
        "section": section,
        "blocks": blocks,
        "previous_section": previous_section,
        "next_section": next_section,
        **allowed,
    }


class ReviewSectionView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, org: str, section: str) -> HttpResponse:
        round_, participant, assessment = _resolve(request, pk, org)
        context = _section_context(request, round_, participant, assessment, section)
        return render(request, "rounds/review_section.html", context)


class _JudgementStepView(LoginRequiredMixin, View):
    """POST one step on one criterion: the reviewer's judgement, the reply or the moderation."""

    perm = ""
    form_class: type[JudgeForm] | type[ReplyForm] | type[ModerateForm]
    success = ""

    def call(
        self, request: HttpRequest, assessment: Assessment, row: str, data: dict[str, Any]
    ) -> Judgement:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int, org: str, row: str) -> HttpResponse:
        round_, participant, assessment = _resolve(request, pk, org)
        _require(request, self.perm, assessment)
        try:
            criterion = engine.standard_of(assessment).criterion(row)
        except KeyError:
            raise Http404("No such criterion") from None
        judgement = queries.judgements_of(queries.current_cycle(assessment)).get(row)
        form = self.form_class(request.POST, criterion=criterion, judgement=judgement)
        status = 400
        if form.is_valid():
            try:
                self.call(request, assessment, row, form.cleaned_data)
            except services.StaleJudgementError as error:
                form = self.form_class(criterion=criterion, judgement=error.judgement)
                form.problems.append(str(error))
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success % {"row": row})
                return redirect(_section_url(round_, assessment, row))
        context = _section_context(
            request,
            round_,
            participant,
            assessment,
            engine.section_of(assessment, row).id,
            {row: {self.form_class.kind: form}},
        )
        return render(request, "rounds/review_section.html", context, status=status)


class JudgeView(_JudgementStepView):
    perm = "rounds.judge"
    form_class = JudgeForm
    success = _("Your judgement on %(row)s is saved.")

    def call(
        self, request: HttpRequest, assessment: Assessment, row: str, data: dict[str, Any]
    ) -> Judgement:
        return services.record_judgement(
            assessment=assessment,
            criterion_id=row,
            verdict=data["verdict"],
            comment=data["comment"],
            proposed_level=data["proposed_level"],
            seen_revision=data["revision"],
            actor=request.user,  # type: ignore[arg-type]
        )


class ReplyView(_JudgementStepView):
    perm = "rounds.reply"
    form_class = ReplyForm
    success = _("Your response on %(row)s is saved.")

    def call(
        self, request: HttpRequest, assessment: Assessment, row: str, data: dict[str, Any]
    ) -> Judgement:
        return services.reply_to_challenge(
            assessment=assessment,
            criterion_id=row,
            reply=data["reply"],
            note=data["note"],
            seen_revision=data["revision"],
            actor=request.user,  # type: ignore[arg-type]
        )


class ModerateView(_JudgementStepView):
    perm = "rounds.moderate"
    form_class = ModerateForm
    success = _("The moderated level of %(row)s is saved.")

    def call(
        self, request: HttpRequest, assessment: Assessment, row: str, data: dict[str, Any]
    ) -> Judgement:
        return services.moderate_criterion(
            assessment=assessment,
            criterion_id=row,
            level=data["level"],
            reason=data["reason"],
            seen_revision=data["revision"],
            actor=request.user,  # type: ignore[arg-type]
        )


class _StatusStepView(LoginRequiredMixin, View):
    """POST a step of the status flow: complete the review, complete moderation, finalise."""

    perm = ""
    success = ""

    def call(self, request: HttpRequest, assessment: Assessment) -> Assessment:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int, org: str) -> HttpResponse:
        round_, _participant, assessment = _resolve(request, pk, org)
        _require(request, self.perm, assessment)
        try:
            self.call(request, assessment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success)
        return redirect("rounds:review", pk=round_.pk, org=assessment.organisation.slug)


class CompleteReviewView(_StatusStepView):
    perm = "rounds.judge"
    success = _("Peer review complete. The organisation can now respond to your challenges.")

    def call(self, request: HttpRequest, assessment: Assessment) -> Assessment:
        return services.complete_review(assessment=assessment, actor=request.user)  # type: ignore[arg-type]


class CompleteModerationView(_StatusStepView):
    perm = "rounds.moderate"
    success = _("Moderation complete. Confirm the final scores when ready.")

    def call(self, request: HttpRequest, assessment: Assessment) -> Assessment:
        return services.complete_moderation(assessment=assessment, actor=request.user)  # type: ignore[arg-type]


class FinaliseView(_StatusStepView):
    perm = "rounds.finalise"
    success = _("Final scores confirmed.")

    def call(self, request: HttpRequest, assessment: Assessment) -> Assessment:
        return services.finalise_scores(assessment=assessment, actor=request.user)  # type: ignore[arg-type]


class CycleView(LoginRequiredMixin, View):
    """An earlier review cycle, as it was: the answers signed off, the judgements, the replies
    and the moderation, and why it went back for rework."""

    def get(self, request: HttpRequest, pk: int, org: str, number: int) -> HttpResponse:
        round_, participant, assessment = _resolve(request, pk, org)
        cycle: ReviewCycle = assessment_queries.access_cycle(assessment, number)
        judgements = queries.judgements_of(cycle)
        standard = engine.standard_of(assessment)
        rows = [
            {
                "criterion": criterion,
                "own_level": _level_label(cycle.snapshot.get(criterion.id, {}).get("level", "")),
                "evidence": cycle.snapshot.get(criterion.id, {}).get("evidence", ""),
                "judgement": judgements.get(criterion.id),
            }
            for criterion in standard.criteria
        ]
        return render(
            request,
            "rounds/cycle_detail.html",
            {
                "round": round_,
                "participant": participant,
                "assessment": assessment,
                "cycle": cycle,
                "rows": rows,
                "outcome": outcomes.outcome_of(assessment, cycle, judgements),
            },
        )


class CalibrationView(LoginRequiredMixin, View):
    """The coordinator's calibration: each reviewing organisation's judgements against the
    moderated outcomes, and the criteria where reviewers disagree most."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
        _require(request, "rounds.manage_round")
        reviewers, criteria = outcomes.calibration_of(round_)
        standard = engine.catalogue().get(round_.standard_id, round_.standard_version)
        summaries = {c.id: c.summary for c in standard.criteria}
        return render(
            request,
            "rounds/calibration.html",
            {
                "round": round_,
                "reviewers": reviewers,
                "criteria": [
                    {"row": c, "summary": summaries.get(c.criterion_id, "")} for c in criteria
                ],
            },
        )
