"""Glue between stored judgements and the pure scheme engine (tri.scheme): turns answers,
review cycles and judgements into CriterionReviews, and asks the engine for outcomes,
calibration and the evaluation report. Nothing here decides which level counts."""

from collections.abc import Mapping

from tri.assessments import engine
from tri.assessments.enums import AssessmentStatus
from tri.assessments.models import Answer, Assessment, ReviewCycle
from tri.organisations.models import Organisation
from tri.rounds.models import Feedback, Judgement, Participant, Round
from tri.rounds.queries import current_cycle, previous_round
from tri.scheme import (
    CriterionCalibration,
    CriterionReview,
    Evaluation,
    FeedbackRecord,
    Outcome,
    ParticipantRecord,
    Reply,
    ReviewerCalibration,
    ReviewerJudgement,
    Verdict,
    calibrate_reviewers,
    contested_criteria,
    evaluate,
    outcome,
)
from tri.standard import Level, ScoreReport


def _level(key: str) -> Level | None:
    return Level.from_key(key) if key else None


def _review(row: str, self_key: str, judgement: Judgement | None) -> CriterionReview:
    if judgement is None or not judgement.verdict:
        return CriterionReview(criterion_id=row, self_level=_level(self_key))
    return CriterionReview(
        criterion_id=row,
        self_level=_level(self_key),
        verdict=Verdict(judgement.verdict),
        proposed_level=_level(judgement.proposed_level),
        reply=Reply(judgement.reply) if judgement.reply else None,
        moderated_level=_level(judgement.moderated_level),
    )


def self_levels(assessment: Assessment, cycle: ReviewCycle | None) -> dict[str, str]:
    """The organisation's own levels: as signed off in `cycle`, or as they stand now."""
    if cycle is not None:
        return {row: item.get("level", "") for row, item in cycle.snapshot.items()}
    return dict(Answer.objects.filter(assessment=assessment).values_list("criterion_id", "level"))


def reviews_of(
    assessment: Assessment,
    cycle: ReviewCycle | None,
    judgements: Mapping[str, Judgement] | None = None,
) -> list[CriterionReview]:
    """One CriterionReview per criterion of the assessment's version, in the Standard's order."""
    if judgements is None:
        judgements = (
            {j.criterion_id: j for j in Judgement.objects.filter(cycle=cycle)} if cycle else {}
        )
    levels = self_levels(assessment, cycle)
    return [
        _review(c.id, levels.get(c.id, ""), judgements.get(c.id))
        for c in engine.standard_of(assessment).criteria
    ]


def outcome_of(
    assessment: Assessment,
    cycle: ReviewCycle | None,
    judgements: Mapping[str, Judgement] | None = None,
) -> Outcome:
    """Self-assessed, peer-reviewed and final points side by side, from the engine."""
    return outcome(
        engine.standard_of(assessment),
        reviews_of(assessment, cycle, judgements),
        assessment.organisation.name,
    )


def _latest_cycles(assessments: list[Assessment]) -> dict[int, ReviewCycle]:
    latest: dict[int, ReviewCycle] = {}
    for cycle in ReviewCycle.objects.filter(assessment__in=assessments).order_by("number"):
        latest[cycle.assessment_id] = cycle
    return latest


def _current_judgements(cycles: list[ReviewCycle]) -> dict[int, dict[str, Judgement]]:
    found: dict[int, dict[str, Judgement]] = {}
    judgements = Judgement.objects.filter(cycle__in=cycles).select_related("reviewer_organisation")
    for judgement in judgements:
        found.setdefault(judgement.cycle_id, {})[judgement.criterion_id] = judgement
    return found


def _participants(round_: Round) -> list[Participant]:
    return list(
        Participant.objects.filter(round=round_, assessment__isnull=False).select_related(
            "organisation", "assessment__organisation"
        )
    )


def calibration_of(
    round_: Round,
) -> tuple[tuple[ReviewerCalibration, ...], tuple[CriterionCalibration, ...]]:
    """How each reviewing organisation's judgements compare with the outcomes, and the criteria
    reviewers challenged most, over the current cycle of every assessment in the round."""
    participants = _participants(round_)
    assessments = [p.assessment for p in participants if p.assessment is not None]
    cycles = _latest_cycles(assessments)
    judgements = _current_judgements(list(cycles.values()))
    found: list[ReviewerJudgement] = []
    for assessment in assessments:
        cycle = cycles.get(assessment.pk)
        if cycle is None or cycle.returned_at is not None:
            continue
        by_row = judgements.get(cycle.pk, {})
        for review in reviews_of(assessment, cycle, by_row):
            judgement = by_row.get(review.criterion_id)
            if review.verdict is None or judgement is None:
                continue
            reviewer = judgement.reviewer_organisation
            found.append(
                ReviewerJudgement(
                    reviewer=reviewer.name if reviewer else "",
                    reviewed=assessment.organisation.name,
                    review=review,
                )
            )
    return calibrate_reviewers(found), contested_criteria(found, limit=15)


def evaluation_of(round_: Round, *, named: bool) -> Evaluation:
    """The evaluation report for CELC of one round, from the engine. Organisations are
    anonymous unless `named`."""
    standard = engine.catalogue().get(round_.standard_id, round_.standard_version)
    participants = _participants(round_)
    assessments = [p.assessment for p in participants if p.assessment is not None]
    cycles = _latest_cycles(assessments)
    judgements = _current_judgements(list(cycles.values()))
    first_sign_off: dict[int, ReviewCycle] = {}
    for earliest in ReviewCycle.objects.filter(assessment__in=assessments).order_by("-number"):
        first_sign_off[earliest.assessment_id] = earliest
    answered: dict[int, int] = {}
    for assessment_id in (
        Answer.objects.filter(assessment__in=assessments).exclude(level="")
    ).values_list("assessment_id", flat=True):
        answered[assessment_id] = answered.get(assessment_id, 0) + 1
    earlier = _earlier_finals(round_)
    records = []
    for participant in participants:
        assessment = participant.assessment
        if assessment is None:  # _participants() leaves these out
            continue
        cycle = cycles.get(assessment.pk)
        current = cycle if cycle is not None and cycle.returned_at is None else None
        first = first_sign_off.get(assessment.pk)
        records.append(
            ParticipantRecord(
                organisation=participant.organisation.name,
                started=answered.get(assessment.pk, 0) > 0 or assessment.is_signed_off,
                submitted_on=first.submitted_at.date() if first else None,
                answered=answered.get(assessment.pk, 0),
                total=len(standard.criteria),
                is_final=assessment.status == AssessmentStatus.FINAL,
                reviews=tuple(
                    reviews_of(
                        assessment, current, judgements.get(current.pk, {}) if current else {}
                    )
                ),
                earlier=earlier.get(participant.organisation_id),
            )
        )
    feedback = [
        FeedbackRecord(subject=f.subject, kind=f.kind)
        for f in Feedback.objects.filter(round=round_, standard_version=round_.standard_version)
    ]
    return evaluate(
        standard,
        round_name=round_.name,
        opens_on=round_.opens_on,
        participants=records,
        feedback=feedback,
        named=named,
        seed=f"round-{round_.pk}",
    )


def final_reports(round_: Round) -> dict[int, tuple[Participant, ScoreReport]]:
    """The final score report of every participant whose assessment in `round_` is final, by
    organisation id. A handful of queries whatever the number of participants."""
    finals = [
        p
        for p in _participants(round_)
        if p.assessment is not None and p.assessment.status == AssessmentStatus.FINAL
    ]
    assessments = [p.assessment for p in finals if p.assessment is not None]
    cycles = _latest_cycles(assessments)
    judgements = _current_judgements(list(cycles.values()))
    found: dict[int, tuple[Participant, ScoreReport]] = {}
    for participant in finals:
        assessment = participant.assessment
        if assessment is None:  # filtered out above
            continue
        cycle = cycles.get(assessment.pk)
        current = cycle if cycle is not None and cycle.returned_at is None else None
        by_row = judgements.get(current.pk, {}) if current else {}
        report = outcome_of(assessment, current, by_row).final_report
        found[participant.organisation_id] = (participant, report)
    return found


def _earlier_finals(round_: Round) -> dict[int, ScoreReport]:
    """The final score reports of the round before this one, by organisation id."""
    earlier = previous_round(round_)
    if earlier is None:
        return {}
    return {org_id: report for org_id, (_p, report) in final_reports(earlier).items()}


def latest_final(organisation: Organisation) -> tuple[Participant, ScoreReport] | None:
    """The organisation's final result in the latest round where it has one."""
    participant = (
        Participant.objects.filter(
            organisation=organisation, assessment__status=AssessmentStatus.FINAL
        )
        .select_related("round", "organisation", "assessment__organisation")
        .order_by("-round__opens_on")
        .first()
    )
    if participant is None or participant.assessment is None:
        return None
    assessment = participant.assessment
    return participant, outcome_of(assessment, current_cycle(assessment)).final_report
