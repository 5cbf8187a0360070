"""Peer review outcomes: which level stands for each criterion once a reviewer, the assessed
organisation and (if needed) the coordinator have had their say."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tri.scheme.errors import SchemeError
from tri.standard import (
    Category,
    Criterion,
    Level,
    Response,
    ResponseSet,
    ScoreReport,
    Standard,
    score,
)


class Verdict(enum.Enum):
    """The reviewer's judgement of the organisation's own level."""

    AGREE = "agree"
    CHALLENGE = "challenge"


class Reply(enum.Enum):
    """The assessed organisation's response to a challenge."""

    ACCEPT = "accept"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class CriterionReview:
    """One criterion of one assessment in one review cycle."""

    criterion_id: str
    self_level: Level | None
    verdict: Verdict | None = None
    proposed_level: Level | None = None
    reply: Reply | None = None
    moderated_level: Level | None = None

    @property
    def is_judged(self) -> bool:
        return self.verdict is not None

    @property
    def is_challenged(self) -> bool:
        return self.verdict is Verdict.CHALLENGE

    @property
    def is_disputed(self) -> bool:
        """Challenged and not (yet) accepted: the coordinator must moderate."""
        return self.is_challenged and self.reply is not Reply.ACCEPT

    @property
    def peer_level(self) -> Level | None:
        """The level the reviewer stands by."""
        return self.proposed_level if self.is_challenged else self.self_level

    @property
    def final_level(self) -> Level | None:
        """The coordinator's level if moderated, the reviewer's if the challenge was accepted,
        otherwise the organisation's own."""
        if self.moderated_level is not None:
            return self.moderated_level
        if self.is_challenged and self.reply is Reply.ACCEPT:
            return self.proposed_level
        return self.self_level


@dataclass(frozen=True, slots=True)
class CategoryOutcome:
    """A category's points and level as self-assessed, as the reviewer sees it, and as final."""

    category: Category
    self_points: int
    peer_points: int
    final_points: int
    self_level: Level | None
    peer_level: Level | None
    final_level: Level | None

    @property
    def moved(self) -> int:
        """Points gained (positive) or lost (negative) through review."""
        return self.final_points - self.self_points


@dataclass(frozen=True, slots=True)
class Outcome:
    """The three score reports of one reviewed assessment, and the criteria in contention.

    `challenged` and `disputed` list criterion ids in the Standard's order.
    """

    self_report: ScoreReport
    peer_report: ScoreReport
    final_report: ScoreReport
    categories: tuple[CategoryOutcome, ...]
    challenged: tuple[str, ...]
    disputed: tuple[str, ...]

    @property
    def self_points(self) -> int:
        return sum(category.self_points for category in self.categories)

    @property
    def peer_points(self) -> int:
        return sum(category.peer_points for category in self.categories)

    @property
    def final_points(self) -> int:
        return sum(category.final_points for category in self.categories)


def outcome(
    standard: Standard, reviews: Iterable[CriterionReview], organisation: str = ""
) -> Outcome:
    """Score an assessment three times (self-assessed, peer, final) with the Standard's own
    scoring, so that a review can never score differently from the assessment itself.

    Criteria missing from `reviews`, and criteria whose level is None, count as unanswered.
    Raises SchemeError listing every review that names a criterion the Standard lacks, reviews a
    criterion twice, challenges without a proposed level, or gives a level its criterion does
    not offer.
    """
    by_id = _check_reviews(standard, reviews, organisation)
    order = [criterion.id for criterion in standard.criteria if criterion.id in by_id]
    reports = tuple(
        score(standard, _responses(standard, by_id, organisation, pick))
        for pick in (_self, _peer, _final)
    )
    self_report, peer_report, final_report = reports
    return Outcome(
        self_report=self_report,
        peer_report=peer_report,
        final_report=final_report,
        categories=tuple(
            CategoryOutcome(
                category=mine.category,
                self_points=mine.points,
                peer_points=peer.points,
                final_points=final.points,
                self_level=mine.level,
                peer_level=peer.level,
                final_level=final.level,
            )
            for mine, peer, final in zip(
                self_report.categories,
                peer_report.categories,
                final_report.categories,
                strict=True,
            )
        ),
        challenged=tuple(row for row in order if by_id[row].is_challenged),
        disputed=tuple(row for row in order if by_id[row].is_disputed),
    )


def _check_reviews(
    standard: Standard, reviews: Iterable[CriterionReview], organisation: str = ""
) -> dict[str, CriterionReview]:
    """The reviews by criterion id, or SchemeError listing every review that cannot be scored."""
    known = {criterion.id: criterion for criterion in standard.criteria}
    by_id: dict[str, CriterionReview] = {}
    problems: list[str] = []
    for review in reviews:
        row = review.criterion_id
        criterion = known.get(row)
        if criterion is None:
            problems.append(f"criterion {row}: not a criterion of version {standard.version}")
            continue
        if row in by_id:
            problems.append(f"criterion {row}: reviewed more than once")
            continue
        by_id[row] = review
        if review.is_challenged and review.proposed_level is None:
            problems.append(f"criterion {row}: challenged without a proposed level")
        for role, level in (
            ("own", review.self_level),
            ("proposed", review.proposed_level),
            ("moderated", review.moderated_level),
        ):
            if level is not None and not criterion.offers(level):
                problems.append(_not_offered(criterion, role, level))
    if problems:
        raise SchemeError(_source(organisation), problems)
    return by_id


def _not_offered(criterion: Criterion, role: str, level: Level) -> str:
    offered = ", ".join(level.key for level in criterion.levels)
    return (
        f'criterion {criterion.id}: {role} level "{level.key}" is not offered '
        f"(offers none, {offered})"
    )


def _source(organisation: str) -> str:
    return f"peer review of {organisation}" if organisation else "peer review"


def _self(review: CriterionReview) -> Level | None:
    return review.self_level


def _peer(review: CriterionReview) -> Level | None:
    return review.peer_level


def _final(review: CriterionReview) -> Level | None:
    return review.final_level


def _responses(
    standard: Standard,
    by_id: Mapping[str, CriterionReview],
    organisation: str,
    pick: Callable[[CriterionReview], Level | None],
) -> ResponseSet:
    levels = {row: pick(review) for row, review in by_id.items()}
    return ResponseSet(
        standard_id=standard.id,
        version=standard.version,
        responses={row: Response(level) for row, level in levels.items() if level is not None},
        organisation=organisation,
        source=_source(organisation),
    )
