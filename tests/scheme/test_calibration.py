"""Calibration: reviewers' records and the most contested criteria, from the worked review."""

import pytest

from tests.scheme.examples import D, E, L, N, worked_reviews
from tri.scheme import (
    CriterionCalibration,
    CriterionReview,
    Reply,
    ReviewerCalibration,
    ReviewerJudgement,
    SchemeError,
    Verdict,
    calibrate_reviewers,
    contested_criteria,
)

pytestmark = pytest.mark.unit


def _judgements() -> list[ReviewerJudgement]:
    """Hackney reviews Camden (the worked review); Barnet reviews Ealing on two rows; Brent has
    been paired but has judged nothing yet."""
    camden = [ReviewerJudgement("Hackney", "Camden", review) for review in worked_reviews()]
    ealing = [
        ReviewerJudgement("Barnet", "Ealing", CriterionReview("1.1", L, Verdict.AGREE)),
        ReviewerJudgement(
            "Barnet",
            "Ealing",
            CriterionReview("1.5", L, Verdict.CHALLENGE, E, Reply.KEEP, E),
        ),
    ]
    waiting = [ReviewerJudgement("Brent", "Barnet", CriterionReview("3.1", D))]
    return camden + waiting + ealing


def test_calibrate_reviewers_counts_each_reviewers_record() -> None:
    """Hackney: 8 judged (1.7 is not), 5 challenged; 1.8 and 2a.1 moderated, neither to
    Hackney's level; final level = Hackney's on 5 of 8; gaps 2 (1.5), 3 (1.8), 1 (2a.1)."""
    assert calibrate_reviewers(_judgements()) == (
        ReviewerCalibration("Barnet", 2, 1, 1, 1, 0, 1.0, 0.0),
        ReviewerCalibration("Brent", 0, 0, 0, 0, 0, None, None),
        ReviewerCalibration("Hackney", 8, 5, 2, 0, 2, 0.625, 0.75),
    )


def test_calibrate_reviewers_of_nothing_is_empty() -> None:
    assert calibrate_reviewers([]) == ()


def test_contested_criteria_ranks_by_share_then_gap_then_overruled() -> None:
    """1.6 and 2a.1 tie on share (1) and gap (1); 2a.1 was overruled, so it comes first although
    it appears later. 1.7 and 3.1 were never judged."""
    assert contested_criteria(_judgements()) == (
        CriterionCalibration("1.8", 1, 1, 1.0, 1, 1, 3.0),
        CriterionCalibration("1.5", 2, 2, 1.0, 1, 0, 1.5),
        CriterionCalibration("2a.1", 1, 1, 1.0, 1, 1, 1.0),
        CriterionCalibration("1.6", 1, 1, 1.0, 0, 0, 1.0),
        CriterionCalibration("1.1", 2, 1, 0.5, 0, 0, 0.5),
        CriterionCalibration("1.2", 1, 0, 0.0, 0, 0, 0.0),
        CriterionCalibration("1.3", 1, 0, 0.0, 0, 0, 0.0),
        CriterionCalibration("1.4", 1, 0, 0.0, 0, 0, 0.0),
    )


def test_contested_criteria_ties_keep_the_order_of_first_appearance() -> None:
    judgements = [
        ReviewerJudgement("Barnet", "Ealing", CriterionReview(row, N, Verdict.AGREE))
        for row in ("4.2", "1.1", "2a.1")
    ]

    assert [row.criterion_id for row in contested_criteria(judgements)] == ["4.2", "1.1", "2a.1"]


@pytest.mark.parametrize(("limit", "expected"), [(0, []), (3, ["1.8", "1.5", "2a.1"])])
def test_contested_criteria_limit(limit: int, expected: list[str]) -> None:
    rows = contested_criteria(_judgements(), limit=limit)

    assert [row.criterion_id for row in rows] == expected


def test_contested_criteria_refuses_a_negative_limit() -> None:
    with pytest.raises(SchemeError) as caught:
        contested_criteria(_judgements(), limit=-1)

    assert caught.value.message == "contested criteria: limit -1: must be 0 or more"
