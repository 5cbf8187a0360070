"""Peer review outcomes: which level is final, the three score reports, every error."""

import pytest

from tests.scheme.examples import D, E, L, N, worked_reviews
from tri.scheme import (
    CategoryOutcome,
    CriterionReview,
    Reply,
    SchemeError,
    Verdict,
    outcome,
)
from tri.standard import Level, Standard, StandardError

pytestmark = pytest.mark.unit

C, A = Verdict.CHALLENGE, Verdict.AGREE


@pytest.mark.parametrize(
    ("review", "challenged", "disputed", "peer", "final"),
    [
        (CriterionReview("1.1", E), False, False, E, E),
        (CriterionReview("1.1", None), False, False, None, None),
        (CriterionReview("1.1", E, A), False, False, E, E),
        # a proposed level on an agreement is ignored
        (CriterionReview("1.1", E, A, D), False, False, E, E),
        (CriterionReview("1.1", E, C, D), True, True, D, E),
        (CriterionReview("1.1", E, C, D, Reply.ACCEPT), True, False, D, D),
        (CriterionReview("1.1", E, C, D, Reply.KEEP), True, True, D, E),
        (CriterionReview("1.1", E, C, D, Reply.KEEP, L), True, True, D, L),
        (CriterionReview("1.1", None, C, D), True, True, D, None),
        # the coordinator's level stands even over an accepted challenge
        (CriterionReview("1.1", E, C, D, Reply.ACCEPT, N), True, False, D, N),
    ],
)
def test_criterion_review_reads_peer_and_final_levels(
    review: CriterionReview,
    challenged: bool,
    disputed: bool,
    peer: Level | None,
    final: Level | None,
) -> None:
    assert (review.is_challenged, review.is_disputed, review.peer_level, review.final_level) == (
        challenged,
        disputed,
        peer,
        final,
    )


def test_outcome_scores_the_worked_review_three_ways(v14: Standard) -> None:
    result = outcome(v14, worked_reviews(), "London Borough of Example")

    category_1 = result.final_report.category("1")
    assert [row.points for row in category_1.rows] == [1, 1, 2, 2, 2, 2, 0, 3]
    assert [row.points for row in result.peer_report.category("1").rows] == [
        1, 1, 2, 2, 0, 2, 0, 0,
    ]  # fmt: skip
    assert result.categories[:3] == (
        CategoryOutcome(v14.category("1"), 15, 8, 13, E, D, E),
        CategoryOutcome(v14.category("2"), 1, 2, 3, D, D, D),
        CategoryOutcome(v14.category("3"), 0, 0, 0, None, None, None),
    )
    assert [c.moved for c in result.categories] == [-2, 2, 0, 0, 0, 0, 0]
    assert (result.self_points, result.peer_points, result.final_points) == (16, 10, 16)
    assert result.challenged == ("1.1", "1.5", "1.6", "1.8", "2a.1")  # the Standard's order
    assert result.disputed == ("1.5", "1.8", "2a.1")
    assert {r.organisation for r in (result.self_report, result.peer_report)} == {
        "London Borough of Example"
    }


def test_outcome_counts_missing_and_blank_criteria_as_unanswered(v14: Standard) -> None:
    result = outcome(v14, [CriterionReview("1.1", None, C, L), CriterionReview("1.2", D)])

    assert result.self_report.category("1").unanswered == (
        "1.1", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",
    )  # fmt: skip
    assert result.categories[0] == CategoryOutcome(v14.category("1"), 1, 4, 1, D, D, D)
    assert result.final_report.category("2").level is None


def test_outcome_of_no_reviews_is_not_assessed(v14: Standard) -> None:
    result = outcome(v14, [])

    assert [(c.self_level, c.peer_level, c.final_level) for c in result.categories] == [
        (None, None, None)
    ] * 7
    assert (result.challenged, result.disputed, result.final_points) == ((), (), 0)


def test_outcome_allows_not_yet_on_every_criterion(v14: Standard) -> None:
    """1.7 offers only Leading, but "none" (Not yet) is always an answer."""
    result = outcome(v14, [CriterionReview("1.7", L, C, N, Reply.KEEP, N)])

    assert (result.categories[0].self_points, result.categories[0].final_points) == (3, 0)


def test_outcome_lists_every_problem_in_one_error(v14: Standard) -> None:
    reviews = [
        CriterionReview("9.9", E),
        CriterionReview("1.1", E, C),
        CriterionReview("1.7", L, C, E),
        CriterionReview("1.3", L),
        CriterionReview("2a.5", E, C, N, Reply.KEEP, D),
        CriterionReview("1.1", E),
    ]

    with pytest.raises(SchemeError) as caught:
        outcome(v14, reviews, "London Borough of Example")

    assert isinstance(caught.value, StandardError)
    assert caught.value.source == "peer review of London Borough of Example"
    assert caught.value.problems == (
        "criterion 9.9: not a criterion of version 14",
        "criterion 1.1: challenged without a proposed level",
        'criterion 1.7: proposed level "established" is not offered (offers none, leading)',
        'criterion 1.3: own level "leading" is not offered (offers none, established)',
        'criterion 2a.5: moderated level "developing" is not offered (offers none, established)',
        "criterion 1.1: reviewed more than once",
    )
    assert str(caught.value).startswith("peer review of London Borough of Example: criterion 9.9")


def test_outcome_error_without_an_organisation_names_the_review(v14: Standard) -> None:
    with pytest.raises(SchemeError, match=r"^peer review: criterion 9\.9: not a criterion"):
        outcome(v14, [CriterionReview("9.9", E)])
