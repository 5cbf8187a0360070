"""Calibration: how reviewers' judgements compare with the final levels, and which criteria
reviewers most often disagree about. Both help the coordinator brief reviewers and the
Standard's authors reword rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from tri.scheme.errors import SchemeError
from tri.scheme.review import CriterionReview
from tri.standard import Level


@dataclass(frozen=True, slots=True)
class ReviewerJudgement:
    """One reviewer's review of one criterion of another organisation's assessment."""

    reviewer: str
    reviewed: str
    review: CriterionReview


@dataclass(frozen=True, slots=True)
class ReviewerCalibration:
    """How one reviewer's judgements held up.

    `moderated` counts judged criteria the coordinator moderated; of those, `upheld` ended at
    the reviewer's level and `overruled` did not. `agreement` is the share of judged criteria
    whose final level is the reviewer's level; `mean_gap` the mean distance in points between
    them. Both are None when the reviewer has judged nothing.
    """

    reviewer: str
    judged: int
    challenged: int
    moderated: int
    upheld: int
    overruled: int
    agreement: float | None
    mean_gap: float | None


@dataclass(frozen=True, slots=True)
class CriterionCalibration:
    """How often reviewers challenged one criterion, and how far apart the levels were.

    `mean_gap` is the mean distance in points between the organisation's own level and the
    reviewer's, over judged reviews; `overruled` counts moderations that did not end at the
    reviewer's level.
    """

    criterion_id: str
    judged: int
    challenged: int
    challenge_share: float
    moderated: int
    overruled: int
    mean_gap: float


def calibrate_reviewers(
    judgements: Iterable[ReviewerJudgement],
) -> tuple[ReviewerCalibration, ...]:
    """Each reviewer's record, sorted by reviewer, so a coordinator can spot reviewers who
    challenge far more or less than others, or whose challenges rarely survive moderation.

    Only judged reviews (with a verdict) count; a reviewer with none is listed with zeros.
    """
    by_reviewer: dict[str, list[CriterionReview]] = {}
    for judgement in judgements:
        reviews = by_reviewer.setdefault(judgement.reviewer, [])
        if judgement.review.is_judged:
            reviews.append(judgement.review)
    return tuple(_calibrate_reviewer(name, by_reviewer[name]) for name in sorted(by_reviewer))


def contested_criteria(
    judgements: Iterable[ReviewerJudgement], *, limit: int | None = None
) -> tuple[CriterionCalibration, ...]:
    """The criteria reviewers disagree about most: a row that is often challenged, by a wide
    margin, or overruled on moderation is probably hard to read or to evidence.

    Sorted by share challenged, then mean gap, then times overruled (each highest first), then
    the order the criteria first appear in `judgements`. Only judged criteria are listed; at
    most `limit` of them when given.
    """
    if limit is not None and limit < 0:
        raise SchemeError("contested criteria", [f"limit {limit}: must be 0 or more"])
    by_criterion: dict[str, list[CriterionReview]] = {}
    for judgement in judgements:
        if judgement.review.is_judged:
            by_criterion.setdefault(judgement.review.criterion_id, []).append(judgement.review)
    rows = [_calibrate_criterion(row, reviews) for row, reviews in by_criterion.items()]
    ranked = [
        row
        for _, row in sorted(
            enumerate(rows),
            key=lambda item: (
                -item[1].challenge_share,
                -item[1].mean_gap,
                -item[1].overruled,
                item[0],
            ),
        )
    ]
    return tuple(ranked if limit is None else ranked[:limit])


def _points(level: Level | None) -> int:
    return 0 if level is None else level.points


def _is_moderated(review: CriterionReview) -> bool:
    return review.moderated_level is not None


def _calibrate_reviewer(reviewer: str, judged: list[CriterionReview]) -> ReviewerCalibration:
    moderated = [review for review in judged if _is_moderated(review)]
    upheld = sum(review.moderated_level == review.peer_level for review in moderated)
    return ReviewerCalibration(
        reviewer=reviewer,
        judged=len(judged),
        challenged=sum(review.is_challenged for review in judged),
        moderated=len(moderated),
        upheld=upheld,
        overruled=len(moderated) - upheld,
        agreement=(
            sum(review.peer_level == review.final_level for review in judged) / len(judged)
            if judged
            else None
        ),
        mean_gap=(
            fmean(abs(_points(r.peer_level) - _points(r.final_level)) for r in judged)
            if judged
            else None
        ),
    )


def _calibrate_criterion(criterion_id: str, judged: list[CriterionReview]) -> CriterionCalibration:
    challenged = sum(review.is_challenged for review in judged)
    moderated = [review for review in judged if _is_moderated(review)]
    return CriterionCalibration(
        criterion_id=criterion_id,
        judged=len(judged),
        challenged=challenged,
        challenge_share=challenged / len(judged),
        moderated=len(moderated),
        overruled=sum(review.moderated_level != review.peer_level for review in moderated),
        mean_gap=fmean(abs(_points(r.self_level) - _points(r.peer_level)) for r in judged),
    )
