"""The improvement view: the next level's descriptor for every row below its top."""

import pytest

from tests.standard.builders import responses
from tri.standard import Level, Standard, improvements, score

pytestmark = pytest.mark.unit

WORKED_EXAMPLE = {
    "1.1": "established",
    "1.2": "developing",
    "1.3": "established",
    "1.4": "established",
    "1.5": "established",
    "1.6": "leading",
    "1.7": "none",
    "1.8": "leading",
}


def test_worked_example_next_steps(v14: Standard) -> None:
    found = [
        i for i in improvements(score(v14, responses(v14, WORKED_EXAMPLE))) if i.category == "1"
    ]
    assert [(i.row, i.current, i.next) for i in found] == [
        ("1.1", Level.ESTABLISHED, Level.LEADING),
        ("1.2", Level.DEVELOPING, Level.ESTABLISHED),
        ("1.5", Level.ESTABLISHED, Level.LEADING),
        ("1.7", Level.NONE, Level.LEADING),
    ]
    assert found[1].sentence == (
        "To reach Established: Roles and responsibilities addressing racial inequalities are "
        "clearly defined and there is an understanding of the risk of organisational decisions, "
        "but the impact of these decisions is not improving outcomes for diverse communities."
    )


def test_unanswered_rows_start_from_their_lowest_level(v14: Standard) -> None:
    found = improvements(score(v14, responses(v14, {})))
    assert len(found) == len(v14.criteria)
    assert [(i.row, i.current, i.next) for i in found if i.category == "5"] == [
        ("5.1", None, Level.DEVELOPING),
        ("5.2", None, Level.ESTABLISHED),
        ("5.3", None, Level.ESTABLISHED),
        ("5.4", None, Level.LEADING),
    ]


def test_a_row_at_its_highest_level_needs_nothing_more(v14: Standard) -> None:
    # 1.3 offers Established only; 2c.1 skips Established (Developing -> Leading).
    found = improvements(score(v14, responses(v14, {"1.3": "established", "2c.1": "developing"})))
    assert [i.row for i in found if i.row in ("1.3", "2c.1")] == ["2c.1"]
    assert next(i.next for i in found if i.row == "2c.1") is Level.LEADING
