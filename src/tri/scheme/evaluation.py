"""The evaluation report for CELC on one round of the pilot: who took part and how far they got,
where organisations stand, what peer review changed, and what participants said about the
Standard. Organisations are anonymised unless the report is explicitly named."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from tri.scheme.errors import SchemeError
from tri.scheme.review import CriterionReview, Outcome, outcome
from tri.standard import Level, ScoreReport, Standard

#: The kinds of feedback the pilot asks for, in the order the report shows them. Other kinds
#: found in the feedback follow, alphabetically.
FEEDBACK_KINDS: tuple[str, ...] = ("unclear", "duplicated", "hard_to_evidence", "suggestion")

#: How many of the most challenged criteria the report lists.
MOST_CHALLENGED = 10


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    """What the report needs to know about one invited organisation."""

    organisation: str
    started: bool
    submitted_on: date | None
    answered: int
    total: int
    is_final: bool
    reviews: tuple[CriterionReview, ...]
    earlier: ScoreReport | None = None


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """One piece of feedback on a criterion or a category of the Standard."""

    subject: str
    kind: str


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    """One organisation's progress. `basis` says whether its levels in the report are "final"
    or "self-assessed"."""

    label: str
    status: str
    answered: int
    total: int
    completion: float
    submitted_on: date | None
    days_to_submit: int | None
    basis: str


@dataclass(frozen=True, slots=True)
class LevelDistributionRow:
    """How many organisations reached each level of one category; the median is over the
    organisations assessed in it."""

    category_id: str
    title: str
    not_assessed: int
    developing: int
    established: int
    leading: int
    median_points: float | None


@dataclass(frozen=True, slots=True)
class MovementRow:
    """What peer review did to one category, summed over every organisation."""

    category_id: str
    title: str
    reviewed: int
    challenged: int
    challenge_share: float | None
    self_to_peer: int
    self_to_final: int


@dataclass(frozen=True, slots=True)
class ChallengedCriterionRow:
    criterion_id: str
    summary: str
    challenged: int
    judged: int


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    """Feedback on one criterion or category; `counts` line up with `Evaluation.feedback_kinds`."""

    subject: str
    title: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """An organisation's points now minus its points in the earlier round, per category; the
    changes line up with `Evaluation.category_ids` (None where the earlier version had no such
    category)."""

    label: str
    changes: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The evaluation of one round, as rows a web page and a spreadsheet can both walk.

    Percentages are 0-100, rounded to one decimal place; shares are 0-1.
    """

    standard_name: str
    round_name: str
    opens_on: date
    is_named: bool
    invited: int
    started: int
    submitted: int
    final: int
    completion: float
    median_days_to_submit: float | None
    participants: tuple[ParticipationRow, ...]
    level_basis: str
    category_ids: tuple[str, ...]
    levels: tuple[LevelDistributionRow, ...]
    movement: tuple[MovementRow, ...]
    most_challenged: tuple[ChallengedCriterionRow, ...]
    feedback_kinds: tuple[str, ...]
    feedback: tuple[FeedbackRow, ...]
    changes: tuple[ChangeRow, ...]


def evaluate(
    standard: Standard,
    *,
    round_name: str,
    opens_on: date,
    participants: Sequence[ParticipantRecord],
    feedback: Iterable[FeedbackRecord] = (),
    named: bool = False,
    seed: str = "",
) -> Evaluation:
    """Build the evaluation report of a round.

    Levels are the final ones for organisations whose scores are confirmed and their own
    otherwise, so the report can be run at any point in the round. Unless `named`, each
    organisation appears only as "Organisation A", "Organisation B", …, lettered in an order
    set by a hash of `seed` and its name: stable for one seed, and not alphabetical, so the
    letters do not hint at the names. Raises SchemeError if an organisation is listed twice,
    feedback names something the Standard lacks, or a review cannot be scored.
    """
    names = [record.organisation for record in participants]
    duplicated = sorted(name for name, times in Counter(names).items() if times > 1)
    if duplicated:
        raise SchemeError("evaluation", ["listed more than once: " + ", ".join(duplicated)])
    order = _order(names, named=named, seed=seed)
    labels = {
        name: name if named else f"Organisation {_letters(index)}"
        for index, name in enumerate(order)
    }
    records = sorted(participants, key=lambda record: order.index(record.organisation))
    outcomes = {
        record.organisation: outcome(standard, record.reviews, record.organisation)
        for record in records
    }
    current = {
        record.organisation: _current(record, outcomes[record.organisation]) for record in records
    }
    submitted_days = [
        (record.submitted_on - opens_on).days for record in records if record.submitted_on
    ]
    final = sum(record.is_final for record in records)
    kinds, feedback_rows = _feedback(standard, feedback)
    return Evaluation(
        standard_name=standard.name,
        round_name=round_name,
        opens_on=opens_on,
        is_named=named,
        invited=len(records),
        started=sum(record.started for record in records),
        submitted=len(submitted_days),
        final=final,
        completion=_percent(
            sum(record.answered for record in records), sum(record.total for record in records)
        ),
        median_days_to_submit=float(median(submitted_days)) if submitted_days else None,
        participants=tuple(
            _participation(record, labels[record.organisation], opens_on) for record in records
        ),
        level_basis=(
            f"Final levels for {final} of {len(records)} organisations, "
            f"self-assessed levels for the other {len(records) - final}"
        ),
        category_ids=tuple(category.id for category in standard.categories),
        levels=_levels(standard, list(current.values())),
        movement=_movement(standard, records, list(outcomes.values())),
        most_challenged=_most_challenged(standard, records),
        feedback_kinds=kinds,
        feedback=feedback_rows,
        changes=tuple(
            _change(standard, labels[record.organisation], current[record.organisation], earlier)
            for record in records
            if (earlier := record.earlier) is not None
        ),
    )


def _order(names: list[str], *, named: bool, seed: str) -> list[str]:
    """Names alphabetically when the report is named; otherwise in an order that reveals
    nothing about them, fixed by the seed."""
    if named:
        return sorted(names)
    return sorted(names, key=lambda name: (hashlib.sha256((seed + name).encode()).digest(), name))


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as spreadsheet columns are lettered."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _current(record: ParticipantRecord, result: Outcome) -> ScoreReport:
    return result.final_report if record.is_final else result.self_report


def _status(record: ParticipantRecord) -> str:
    if record.is_final:
        return "Final"
    if record.submitted_on is not None:
        return "Submitted"
    if record.started:
        return "In progress"
    return "Not started"


def _participation(record: ParticipantRecord, label: str, opens_on: date) -> ParticipationRow:
    return ParticipationRow(
        label=label,
        status=_status(record),
        answered=record.answered,
        total=record.total,
        completion=_percent(record.answered, record.total),
        submitted_on=record.submitted_on,
        days_to_submit=(
            None if record.submitted_on is None else (record.submitted_on - opens_on).days
        ),
        basis="final" if record.is_final else "self-assessed",
    )


def _levels(standard: Standard, reports: list[ScoreReport]) -> tuple[LevelDistributionRow, ...]:
    rows = []
    for category in standard.categories:
        scores = [report.category(category.id) for report in reports]
        levels = Counter(result.level for result in scores)
        assessed = [result.points for result in scores if result.level is not None]
        rows.append(
            LevelDistributionRow(
                category_id=category.id,
                title=category.title,
                not_assessed=levels[None],
                developing=levels[Level.DEVELOPING],
                established=levels[Level.ESTABLISHED],
                leading=levels[Level.LEADING],
                median_points=float(median(assessed)) if assessed else None,
            )
        )
    return tuple(rows)


def _movement(
    standard: Standard, records: list[ParticipantRecord], outcomes: list[Outcome]
) -> tuple[MovementRow, ...]:
    reviews = [review for record in records for review in record.reviews]
    rows = []
    for index, category in enumerate(standard.categories):
        ids = {criterion.id for criterion in category.criteria}
        mine = [review for review in reviews if review.criterion_id in ids]
        reviewed = sum(review.is_judged for review in mine)
        challenged = sum(review.is_challenged for review in mine)
        moved = [result.categories[index] for result in outcomes]
        rows.append(
            MovementRow(
                category_id=category.id,
                title=category.title,
                reviewed=reviewed,
                challenged=challenged,
                challenge_share=challenged / reviewed if reviewed else None,
                self_to_peer=sum(row.peer_points - row.self_points for row in moved),
                self_to_final=sum(row.final_points - row.self_points for row in moved),
            )
        )
    return tuple(rows)


def _most_challenged(
    standard: Standard, records: list[ParticipantRecord]
) -> tuple[ChallengedCriterionRow, ...]:
    reviews = [review for record in records for review in record.reviews]
    judged = Counter(review.criterion_id for review in reviews if review.is_judged)
    challenged = Counter(review.criterion_id for review in reviews if review.is_challenged)
    rows = [
        ChallengedCriterionRow(
            criterion_id=criterion.id,
            summary=criterion.summary,
            challenged=challenged[criterion.id],
            judged=judged[criterion.id],
        )
        for criterion in standard.criteria
        if challenged[criterion.id]
    ]
    rows.sort(key=lambda row: -row.challenged)  # stable: ties stay in the Standard's order
    return tuple(rows[:MOST_CHALLENGED])


def _feedback(
    standard: Standard, feedback: Iterable[FeedbackRecord]
) -> tuple[tuple[str, ...], tuple[FeedbackRow, ...]]:
    subjects: dict[str, str] = {}
    for category in standard.categories:
        subjects[category.id] = category.title
        for criterion in category.criteria:
            subjects[criterion.id] = criterion.summary
    records = list(feedback)
    unknown = sorted({record.subject for record in records if record.subject not in subjects})
    if unknown:
        raise SchemeError(
            "feedback",
            [
                f"subject {subject}: not a category or criterion of version {standard.version}"
                for subject in unknown
            ],
        )
    seen = {record.kind for record in records}
    kinds = (*FEEDBACK_KINDS, *sorted(seen - set(FEEDBACK_KINDS)))
    counts = Counter((record.subject, record.kind) for record in records)
    totals = Counter(record.subject for record in records)
    order = list(subjects)
    rows = [
        FeedbackRow(
            subject=subject,
            title=subjects[subject],
            counts=tuple(counts[subject, kind] for kind in kinds),
            total=totals[subject],
        )
        for subject in sorted(totals, key=lambda subject: (-totals[subject], order.index(subject)))
    ]
    return kinds, tuple(rows)


def _change(standard: Standard, label: str, now: ScoreReport, earlier: ScoreReport) -> ChangeRow:
    before = {result.category.id: result.points for result in earlier.categories}
    return ChangeRow(
        label=label,
        changes=tuple(
            None
            if category.id not in before
            else now.category(category.id).points - before[category.id]
            for category in standard.categories
        ),
    )
