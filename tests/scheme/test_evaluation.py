"""The evaluation report: four organisations at different stages of one round."""

import hashlib
from dataclasses import replace
from datetime import date

import pytest

from tests.scheme.examples import D, E, L, worked_reviews
from tests.standard.builders import responses
from tri.scheme import (
    ChallengedCriterionRow,
    ChangeRow,
    CriterionReview,
    Evaluation,
    FeedbackRecord,
    FeedbackRow,
    LevelDistributionRow,
    MovementRow,
    ParticipantRecord,
    ParticipationRow,
    Reply,
    SchemeError,
    Verdict,
    evaluate,
)
from tri.standard import Standard, score

pytestmark = pytest.mark.unit

OPENS_ON = date(2025, 4, 1)
ALPHA, BETA, GAMMA, DELTA = (
    "London Borough of Alphaville",
    "Royal Borough of Betamax",
    "Gammashire Council",
    "Deltaport Trust",
)
NAMES = (ALPHA, BETA, GAMMA, DELTA)


def _participants(v14: Standard) -> list[ParticipantRecord]:
    """Alpha: the worked review, final (Category 1: 13, Category 2: 3), 10 and 2 points a round
    ago. Beta: submitted, 22 points (Leading) in Category 1 with one challenge accepted. Gamma:
    5 points in Category 3, not submitted. Delta: not started."""
    total = len(v14.criteria)
    earlier_rows = ("1.1", "1.3", "1.4", "1.5", "1.6", "2a.1")
    earlier = score(v14, responses(v14, dict.fromkeys(earlier_rows, "established")))
    beta_levels = {"1.1": L, "1.2": L, "1.3": E, "1.4": E, "1.5": L, "1.6": L, "1.7": L, "1.8": L}
    beta = [CriterionReview(row, level) for row, level in beta_levels.items()]
    beta[0] = replace(beta[0], verdict=Verdict.AGREE)
    beta[4] = replace(beta[4], verdict=Verdict.CHALLENGE, proposed_level=E, reply=Reply.ACCEPT)
    gamma = (CriterionReview("3.1", D), CriterionReview("3.2", E), CriterionReview("3.3", E))
    return [
        ParticipantRecord(GAMMA, True, None, 3, total, False, gamma),
        ParticipantRecord(
            ALPHA, True, date(2025, 4, 11), 9, total, True, worked_reviews(), earlier
        ),
        ParticipantRecord(DELTA, False, None, 0, total, False, ()),
        ParticipantRecord(BETA, True, date(2025, 4, 21), 8, total, False, tuple(beta)),
    ]


FEEDBACK = [
    FeedbackRecord("1.5", "unclear"),
    FeedbackRecord("1.1", "suggestion"),
    FeedbackRecord("2", "duplicated"),
    FeedbackRecord("1.5", "hard_to_evidence"),
    FeedbackRecord("1", "unclear"),
    FeedbackRecord("2", "typo"),
    FeedbackRecord("1.5", "unclear"),
]


def _labels(seed: str) -> dict[str, str]:
    """The rule, written out: letters in order of sha256(seed + name)."""
    order = sorted(NAMES, key=lambda name: hashlib.sha256((seed + name).encode()).digest())
    return {name: f"Organisation {'ABCD'[index]}" for index, name in enumerate(order)}


def _evaluate(v14: Standard, *, named: bool = False, seed: str = "round 1") -> Evaluation:
    return evaluate(
        v14,
        round_name="Pilot round 1",
        opens_on=OPENS_ON,
        participants=_participants(v14),
        feedback=FEEDBACK,
        named=named,
        seed=seed,
    )


def test_evaluate_participation_and_completion(v14: Standard) -> None:
    label = _labels("round 1")

    result = _evaluate(v14)

    assert (result.standard_name, result.round_name, result.opens_on, result.is_named) == (
        "CELC Tackling Racial Inequality Standard, Version 14 (draft)",
        "Pilot round 1",
        OPENS_ON,
        False,
    )
    assert (result.invited, result.started, result.submitted, result.final) == (4, 3, 2, 1)
    assert len(v14.criteria) == 69
    assert result.completion == 7.2  # 20 of 4 × 69 = 276 criteria answered
    assert result.median_days_to_submit == 15.0  # 10 and 20 days
    assert result.participants == tuple(
        sorted(
            [
                ParticipationRow(label[ALPHA], "Final", 9, 69, 13.0, date(2025, 4, 11), 10, "final"),
                ParticipationRow(label[BETA], "Submitted", 8, 69, 11.6, date(2025, 4, 21), 20, "self-assessed"),
                ParticipationRow(label[GAMMA], "In progress", 3, 69, 4.3, None, None, "self-assessed"),
                ParticipationRow(label[DELTA], "Not started", 0, 69, 0.0, None, None, "self-assessed"),
            ],
            key=lambda row: row.label,
        )
    )  # fmt: skip


def test_evaluate_level_distribution_uses_final_levels_only_where_final(v14: Standard) -> None:
    """Category 1: Alpha's final 13 (Established; 15 self-assessed), Beta's own 22 (Leading)."""
    result = _evaluate(v14)

    assert result.level_basis == (
        "Final levels for 1 of 4 organisations, self-assessed levels for the other 3"
    )
    assert result.category_ids == ("1", "2", "3", "4", "5", "6", "7")
    assert result.levels[:4] == (
        LevelDistributionRow("1", "Strategic Leadership and Management", 2, 0, 1, 1, 17.5),
        LevelDistributionRow("2", "Employee Lifecycle", 3, 1, 0, 0, 3.0),
        LevelDistributionRow("3", "Data Governance", 3, 1, 0, 0, 5.0),
        LevelDistributionRow("4", "Policies and Processes", 4, 0, 0, 0, None),
    )
    assert [row.not_assessed for row in result.levels[4:]] == [4, 4, 4]


def test_evaluate_movement_per_category(v14: Standard) -> None:
    """Category 1: Alpha 7 judged, 4 challenged, 15 → 8 → 13; Beta 2 judged, 1 challenged,
    22 → 21 → 21."""
    result = _evaluate(v14)

    assert result.movement[:3] == (
        MovementRow("1", "Strategic Leadership and Management", 9, 5, 5 / 9, -8, -3),
        MovementRow("2", "Employee Lifecycle", 1, 1, 1.0, 1, 2),
        MovementRow("3", "Data Governance", 0, 0, None, 0, 0),
    )


def test_evaluate_most_challenged_criteria(v14: Standard) -> None:
    result = _evaluate(v14)

    assert result.most_challenged == tuple(
        ChallengedCriterionRow(row, v14.criterion(row).summary, challenged, judged)
        for row, challenged, judged in [
            ("1.5", 2, 2),
            ("1.1", 1, 2),
            ("1.6", 1, 1),
            ("1.8", 1, 1),
            ("2a.1", 1, 1),
        ]
    )
    assert result.most_challenged[0].summary.startswith(
        "The senior leadership team has performance objectives on equality"
    )


def test_evaluate_most_challenged_lists_ten_at_most(v14: Standard) -> None:
    rows = [criterion.id for criterion in v14.criteria[:12]]
    reviews = tuple(CriterionReview(row, None, Verdict.CHALLENGE, D) for row in rows[:2])
    reviews += tuple(
        CriterionReview(row, None, Verdict.CHALLENGE, v14.criterion(row).levels[0])
        for row in rows[2:]
    )
    record = ParticipantRecord("Solo", True, None, 0, 69, False, reviews)

    result = evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[record])

    assert [row.criterion_id for row in result.most_challenged] == rows[:10]


def test_evaluate_feedback_counts_by_subject_and_kind(v14: Standard) -> None:
    result = _evaluate(v14)

    assert result.feedback_kinds == (
        "unclear",
        "duplicated",
        "hard_to_evidence",
        "suggestion",
        "typo",
    )
    assert result.feedback == (
        FeedbackRow("1.5", v14.criterion("1.5").summary, (2, 0, 1, 0, 0), 3),
        FeedbackRow("2", "Employee Lifecycle", (0, 1, 0, 0, 1), 2),
        FeedbackRow("1", "Strategic Leadership and Management", (1, 0, 0, 0, 0), 1),
        FeedbackRow("1.1", v14.criterion("1.1").summary, (0, 0, 0, 1, 0), 1),
    )


def test_evaluate_without_feedback_keeps_the_usual_columns(v14: Standard) -> None:
    result = evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[])

    assert (result.feedback_kinds, result.feedback) == (
        ("unclear", "duplicated", "hard_to_evidence", "suggestion"),
        (),
    )
    assert (result.invited, result.completion, result.median_days_to_submit) == (0, 0.0, None)


def test_evaluate_change_since_the_earlier_round(v14: Standard) -> None:
    """Alpha: 10 → 13 in Category 1, 2 → 3 in Category 2; no one else has an earlier round."""
    result = _evaluate(v14)

    assert result.changes == (ChangeRow(_labels("round 1")[ALPHA], (3, 1, 0, 0, 0, 0, 0)),)


def test_evaluate_change_is_blank_for_a_category_the_earlier_report_lacks(
    v14: Standard,
) -> None:
    earlier = score(v14, responses(v14, {"1.1": "leading"}))
    earlier = replace(earlier, categories=earlier.categories[:1])
    record = ParticipantRecord("Solo", True, None, 1, 69, False, (), earlier)

    result = evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[record])

    assert result.changes == (
        ChangeRow("Organisation A", (-3, None, None, None, None, None, None)),
    )


def test_evaluate_anonymises_every_name(v14: Standard) -> None:
    text = repr(_evaluate(v14))

    assert [
        word for word in ("Alphaville", "Betamax", "Gammashire", "Deltaport") if word in text
    ] == []
    assert sorted(row.label for row in _evaluate(v14).participants) == [
        "Organisation A", "Organisation B", "Organisation C", "Organisation D",
    ]  # fmt: skip


def test_evaluate_labels_are_stable_for_a_seed_and_change_with_it(v14: Standard) -> None:
    def labelled(seed: str) -> dict[str, str]:
        result = _evaluate(v14, seed=seed)
        return {row.label: row.status for row in result.participants}

    status = {ALPHA: "Final", BETA: "Submitted", GAMMA: "In progress", DELTA: "Not started"}
    for seed in ("round 1", "round 2"):
        assert labelled(seed) == {_labels(seed)[name]: status[name] for name in NAMES}
    assert _labels("round 1") != _labels("round 2")


def test_evaluate_letters_past_z_like_spreadsheet_columns(v14: Standard) -> None:
    records = [ParticipantRecord(f"Borough {n}", False, None, 0, 69, False, ()) for n in range(28)]

    result = evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=records)

    assert [row.label for row in result.participants][24:] == [
        "Organisation Y", "Organisation Z", "Organisation AA", "Organisation AB",
    ]  # fmt: skip


def test_evaluate_named_shows_names_in_alphabetical_order(v14: Standard) -> None:
    result = _evaluate(v14, named=True)

    assert result.is_named
    assert [row.label for row in result.participants] == sorted(NAMES)
    assert result.changes[0].label == ALPHA


def test_evaluate_refuses_an_organisation_listed_twice(v14: Standard) -> None:
    records = _participants(v14)

    with pytest.raises(SchemeError) as caught:
        evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[*records, records[0]])

    assert caught.value.message == f"evaluation: listed more than once: {GAMMA}"


def test_evaluate_refuses_feedback_on_something_the_standard_lacks(v14: Standard) -> None:
    feedback = [FeedbackRecord("9", "unclear"), FeedbackRecord("1.99", "unclear")]

    with pytest.raises(SchemeError) as caught:
        evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[], feedback=feedback)

    assert caught.value.problems == (
        "subject 1.99: not a category or criterion of version 14",
        "subject 9: not a category or criterion of version 14",
    )


def test_evaluate_refuses_a_review_that_cannot_be_scored(v14: Standard) -> None:
    record = ParticipantRecord("Solo", True, None, 1, 69, False, (CriterionReview("1.7", E),))

    with pytest.raises(SchemeError) as caught:
        evaluate(v14, round_name="r", opens_on=OPENS_ON, participants=[record])

    assert caught.value.message == (
        'peer review of Solo: criterion 1.7: own level "established" is not offered '
        "(offers none, leading)"
    )
