"""The evaluation report as a workbook, and the charts drawn from the same evaluation."""

from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.scheme.examples import E, L, worked_reviews
from tests.standard.builders import responses
from tri.reports import evaluation_xlsx
from tri.reports.evaluation import SHEETS, evaluation_charts, kind_label, organisations_note
from tri.scheme import CriterionReview, Evaluation, FeedbackRecord, ParticipantRecord, evaluate
from tri.standard import Standard, score

pytestmark = pytest.mark.unit

OPENS_ON = date(2025, 4, 1)
ALPHA, BETA, GAMMA = "Alphaville Council", "Betamax Borough", "Gammashire Council"


def _evaluation(v14: Standard, *, named: bool = False, earlier: bool = True) -> Evaluation:
    total = len(v14.criteria)
    before = score(v14, responses(v14, dict.fromkeys(("1.1", "1.3", "2a.1"), "established")))
    return evaluate(
        v14,
        round_name="Pilot round 1",
        opens_on=OPENS_ON,
        participants=[
            ParticipantRecord(
                ALPHA,
                True,
                date(2025, 4, 11),
                9,
                total,
                True,
                worked_reviews(),
                before if earlier else None,
            ),
            ParticipantRecord(
                BETA,
                True,
                None,
                2,
                total,
                False,
                (CriterionReview("1.1", L), CriterionReview("1.2", E)),
            ),
            ParticipantRecord(GAMMA, False, None, 0, total, False, ()),
        ],
        feedback=[
            FeedbackRecord("1.5", "unclear"),
            FeedbackRecord("1.5", "hard_to_evidence"),
            FeedbackRecord("2", "typo"),
        ],
        named=named,
        seed="round-1",
    )


def _open(data: bytes) -> dict[str, Worksheet]:
    workbook = load_workbook(BytesIO(data))
    return {sheet.title: sheet for sheet in workbook.worksheets}


def _values(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _all_text(sheets: dict[str, Worksheet]) -> str:
    return "\n".join(
        str(value)
        for sheet in sheets.values()
        for row in _values(sheet)
        for value in row
        if value is not None
    )


def test_the_workbook_has_one_sheet_per_table(v14: Standard) -> None:
    sheets = _open(evaluation_xlsx(_evaluation(v14)))

    assert tuple(sheets) == SHEETS
    assert sheets["Participation"].freeze_panes == "A2"
    assert sheets["Participation"]["A1"].font.bold


def test_an_anonymous_workbook_names_no_organisation(v14: Standard) -> None:
    evaluation = _evaluation(v14)
    sheets = _open(evaluation_xlsx(evaluation))
    text = _all_text(sheets)

    for name in (ALPHA, BETA, GAMMA):
        assert name not in text
    labels = sorted(row[0] for row in _values(sheets["Participation"])[1:])
    assert labels == ["Organisation A", "Organisation B", "Organisation C"]
    assert ("Organisations named", "No") in _values(sheets["Summary"])
    assert "anonymised" in text


def test_a_named_workbook_names_them(v14: Standard) -> None:
    sheets = _open(evaluation_xlsx(_evaluation(v14, named=True)))

    labels = [row[0] for row in _values(sheets["Participation"])[1:]]
    assert labels == [ALPHA, BETA, GAMMA]
    assert ("Organisations named", "Yes") in _values(sheets["Summary"])


def test_summary_and_participation_carry_the_figures(v14: Standard) -> None:
    evaluation = _evaluation(v14, named=True)
    sheets = _open(evaluation_xlsx(evaluation))
    summary = {row[0]: row[1] for row in _values(sheets["Summary"])[3:]}

    assert summary["Organisations invited"] == 3
    assert summary["Started"] == 2
    assert summary["Signed off and submitted"] == 1
    assert summary["Scores confirmed as final"] == 1
    assert summary["Criteria answered, all organisations (%)"] == evaluation.completion
    assert summary["Median days from opening to sign-off"] == 10
    assert summary["Levels used"] == evaluation.level_basis
    alpha = _values(sheets["Participation"])[1]
    assert alpha[:5] == (ALPHA, "Final", 9, 69, 13.0)
    assert isinstance(alpha[5], datetime)
    assert alpha[5].date() == date(2025, 4, 11)
    assert alpha[6:] == (10, "Final")
    assert _values(sheets["Participation"])[3][5:] == (None, None, "Self-assessed")


def test_levels_movement_and_most_challenged_follow_the_evaluation(v14: Standard) -> None:
    evaluation = _evaluation(v14)
    sheets = _open(evaluation_xlsx(evaluation))

    levels = _values(sheets["Levels"])
    assert levels[0] == (f"Levels used: {evaluation.level_basis}.", *(None,) * 6)
    first = evaluation.levels[0]
    assert levels[3] == (
        "1",
        first.title,
        first.developing,
        first.established,
        first.leading,
        first.not_assessed,
        first.median_points,
    )
    movement = _values(sheets["Peer review"])
    assert movement[1] == ("1", "Strategic Leadership and Management", 7, 4, 4 / 7, -7, -2)
    assert movement[3][4] is None  # no criterion judged in Category 3
    challenged = _values(sheets["Most challenged"])
    assert challenged[0] == ("Criterion", "Summary", "Times challenged", "Times judged")
    assert [row[0] for row in challenged[1:]] == [
        row.criterion_id for row in evaluation.most_challenged
    ]


def test_feedback_has_a_column_per_kind_with_readable_names(v14: Standard) -> None:
    sheets = _open(evaluation_xlsx(_evaluation(v14), kind_labels={"unclear": "Not clear enough"}))

    feedback = _values(sheets["Feedback"])
    assert feedback[0] == (
        "Criterion or category",
        "Title",
        "Not clear enough",
        "Duplicated",
        "Too hard to evidence",
        "Suggestion",
        "Typo",
        "Total",
    )
    assert feedback[1][0] == "1.5"
    assert feedback[1][2:] == (1, 0, 1, 0, 0, 2)
    assert feedback[2][:2] == ("2", "Employee Lifecycle")


def test_changes_since_the_earlier_round(v14: Standard) -> None:
    evaluation = _evaluation(v14, named=True)
    changes = _values(_open(evaluation_xlsx(evaluation))["Change since last round"])

    assert changes[2] == ("Organisation", *(f"Category {n}" for n in range(1, 8)))
    assert changes[3] == (ALPHA, *evaluation.changes[0].changes)
    assert len(changes) == 4


def test_without_earlier_scores_or_challenges_the_sheets_say_so(v14: Standard) -> None:
    evaluation = evaluate(v14, round_name="Empty", opens_on=OPENS_ON, participants=[])
    sheets = _open(evaluation_xlsx(evaluation))

    assert _values(sheets["Change since last round"])[3][0] == (
        "No organisation has final scores from an earlier round."
    )
    assert _values(sheets["Most challenged"])[1][0] == "No criterion has been challenged."
    assert _values(sheets["Feedback"])[1][0] == (
        "No feedback has been left on this version of the Standard."
    )


def test_kind_labels_and_the_note_on_names(v14: Standard) -> None:
    assert kind_label("hard_to_evidence") == "Too hard to evidence"
    assert kind_label("typo") == "Typo"
    assert kind_label("needs_example", {"typo": "Typo"}) == "Needs example"
    assert "anonymised" in organisations_note(_evaluation(v14))
    assert organisations_note(_evaluation(v14, named=True)) == (
        "Organisations are named in this report."
    )


def test_charts_of_the_evaluation(v14: Standard) -> None:
    evaluation = _evaluation(v14)

    charts = evaluation_charts(evaluation)

    assert [bar.label for bar in charts.levels.bars] == [f"Category {n}" for n in range(1, 8)]
    assert [entry.label for entry in charts.levels.legend] == [
        "Developing",
        "Established",
        "Leading",
        "Not assessed",
    ]
    # Every category's stacked bar counts every organisation.
    assert {bar.total for bar in charts.levels.bars} == {3}
    assert not charts.movement.stacked
    assert [s.value for s in charts.movement.bars[0].segments] == [-7, -2]
    assert charts.challenged is not None
    assert [bar.label for bar in charts.challenged.bars] == [
        f"Criterion {row.criterion_id}" for row in evaluation.most_challenged
    ]
    empty = evaluate(v14, round_name="Empty", opens_on=OPENS_ON, participants=[])
    assert evaluation_charts(empty).challenged is None
