"""Scoring: the seed's worked example, every category's boundaries, every error, properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.standard.builders import levels_for_points, responses
from tri.standard import (
    Catalogue,
    Category,
    Level,
    Response,
    ResponseError,
    ResponseSet,
    Standard,
    load_responses,
    score,
)

pytestmark = pytest.mark.unit


def test_worked_example_scores_15_points_established(catalogue: Catalogue) -> None:
    example = load_responses(EXAMPLES / "worked-example-category-1.yaml")
    report = score(catalogue.for_responses(example), example)
    category_1 = report.category("1")
    assert [row.points for row in category_1.rows] == [2, 1, 2, 2, 2, 3, 0, 3]
    assert (category_1.points, category_1.level, category_1.warnings) == (15, Level.ESTABLISHED, ())
    assert [(c.category.id, c.points, c.level) for c in report.categories[1:]] == [
        (str(n), 0, None) for n in range(2, 8)
    ]


def _boundaries(standard: Standard) -> list[tuple[str, int, Level]]:
    return [
        (category.id, points, level)
        for category in standard.categories
        for level, score_range in category.published_ranges
        for points in (score_range.low, score_range.high)
    ]


@pytest.fixture(scope="module")
def standard() -> Standard:
    return Catalogue.load().get("celc-tri", "14")


@pytest.mark.parametrize(
    ("category_id", "points", "level"), _boundaries(Catalogue.load().get("celc-tri", "14"))
)
def test_category_boundaries_read_from_the_data_file(
    standard: Standard, category_id: str, points: int, level: Level
) -> None:
    """The bottom and top of every published range of every category, reached by real answers."""
    category = standard.category(category_id)
    report = score(standard, responses(standard, levels_for_points(category, points)))
    result = report.category(category_id)
    assert (result.points, result.level) == (points, level)


@pytest.mark.parametrize(
    ("category_id", "points", "level"),
    [
        ("1", 10, Level.DEVELOPING),  # the seed: "the top score within developing practice is 10"
        ("1", 11, Level.ESTABLISHED),
        ("1", 18, Level.ESTABLISHED),
        ("1", 19, Level.LEADING),
        ("2", 36, Level.DEVELOPING),
        ("2", 37, Level.ESTABLISHED),
        ("2", 59, Level.ESTABLISHED),
        ("2", 60, Level.LEADING),
        ("3", 12, Level.ESTABLISHED),
        ("3", 13, Level.LEADING),
        ("4", 2, Level.DEVELOPING),
        ("4", 3, Level.ESTABLISHED),
        ("5", 9, Level.ESTABLISHED),
        ("5", 10, Level.LEADING),
        ("6", 14, Level.DEVELOPING),
        ("6", 24, Level.LEADING),
        ("7", 16, Level.ESTABLISHED),
        ("7", 17, Level.LEADING),
    ],
)
def test_category_boundaries_as_published(
    standard: Standard, category_id: str, points: int, level: Level
) -> None:
    assert standard.category(category_id).published_ranges.level_for(points) is level


def test_unanswered_rows_count_zero_and_are_reported(standard: Standard) -> None:
    report = score(standard, responses(standard, {"1.1": "leading", "1.3": "established"}))
    category_1 = report.category("1")
    assert (category_1.points, category_1.level, category_1.answered) == (5, Level.DEVELOPING, 2)
    assert category_1.unanswered == ("1.2", "1.4", "1.5", "1.6", "1.7", "1.8")
    assert category_1.warnings == (
        "6 of 8 rows unanswered, counted as 0 points: 1.2, 1.4, 1.5, 1.6, 1.7, 1.8",
    )


def test_none_is_an_answer(standard: Standard) -> None:
    report = score(
        standard, responses(standard, dict.fromkeys(("5.1", "5.2", "5.3", "5.4"), "none"))
    )
    assert (report.category("5").points, report.category("5").level) == (0, Level.DEVELOPING)
    assert report.category("5").warnings == ()


def test_a_score_above_the_published_maximum_is_a_warning_not_capped(standard: Standard) -> None:
    category = standard.category("2")
    top = {c.id: c.levels[-1].key for c in category.criteria}
    result = score(standard, responses(standard, top)).category("2")
    assert (result.points, result.level) == (76, Level.LEADING)
    assert result.warnings == (
        "76 points is above the published maximum of 75; read as Leading, not capped",
    )


def test_every_problem_is_reported_in_one_error(standard: Standard) -> None:
    bad = ResponseSet(
        standard_id="celc-tri",
        version="14",
        responses={
            "1.3": Response(Level.LEADING),
            "9.9": Response(Level.DEVELOPING),
            "2c.2": Response(Level.ESTABLISHED),
            "1.1": Response(Level.LEADING),
        },
        source="council.yaml",
    )
    with pytest.raises(ResponseError) as excinfo:
        score(standard, bad)
    assert excinfo.value.problems == (
        'row 1.3: does not offer "leading" (offers none, established)',
        "row 9.9: not a criterion of version 14",
        'row 2c.2: does not offer "established" (offers none, developing)',
    )
    assert excinfo.value.source == "council.yaml"


def test_responses_for_another_version_are_an_error(standard: Standard) -> None:
    other = ResponseSet(standard_id="celc-tri", version="15", responses={}, source="x.yaml")
    with pytest.raises(ResponseError) as excinfo:
        score(standard, other)
    assert (
        excinfo.value.message
        == "x.yaml: field version: responses are for version 15, not version 14"
    )


def test_a_row_from_another_version_is_an_error_naming_it(v14: Standard, v15: Standard) -> None:
    # 3.7 exists only in the hypothetical Version 15.
    with pytest.raises(ResponseError) as excinfo:
        score(v14, ResponseSet("celc-tri", "14", {"3.7": Response(Level.LEADING)}, source="r"))
    assert excinfo.value.problems == ("row 3.7: not a criterion of version 14",)
    assert score(v15, responses(v15, {"3.7": "leading"})).category("3").points == 3


def test_responses_for_another_standard_are_an_error(standard: Standard) -> None:
    other = ResponseSet(standard_id="wres", version="14", responses={}, source="x.yaml")
    with pytest.raises(ResponseError) as excinfo:
        score(standard, other)
    assert excinfo.value.problems == ("field standard: 'wres' is not 'celc-tri'",)


@st.composite
def response_sets(draw: st.DrawFn, standard: Standard) -> dict[str, str]:
    chosen = {}
    for criterion in standard.criteria:
        options = [None, "none", *(level.key for level in criterion.levels)]
        level = draw(st.sampled_from(options))
        if level is not None:
            chosen[criterion.id] = level
    return chosen


V14 = Catalogue.load().get("celc-tri", "14")


@given(response_sets(V14))
def test_score_never_exceeds_the_sum_of_row_maxima(levels: dict[str, str]) -> None:
    report = score(V14, responses(V14, levels))
    for result in report.categories:
        assert 0 <= result.points <= sum(c.max_points for c in result.category.criteria)
        assert result.points == sum(row.points for row in result.rows)


@given(response_sets(V14), st.data())
def test_level_is_monotone_in_points(levels: dict[str, str], data: st.DataObject) -> None:
    """Raising any answers never lowers a category's level."""
    raised = dict(levels)
    for criterion in V14.criteria:
        if data.draw(st.booleans()):
            raised[criterion.id] = criterion.levels[-1].key
    before = score(V14, responses(V14, levels))
    after = score(V14, responses(V14, raised))
    for old, new in zip(before.categories, after.categories, strict=True):
        assert new.points >= old.points
        if old.level is not None:
            assert new.level is not None
            assert new.level.points >= old.level.points


@given(st.sampled_from(V14.categories), st.integers(0, 80), st.integers(0, 80))
def test_published_ranges_read_monotonically(category: Category, low: int, high: int) -> None:
    low, high = sorted((low, high))
    ranges = category.published_ranges
    assert ranges.level_for(low).points <= ranges.level_for(high).points


def test_demo_borough_example_scores_every_category(catalogue: Catalogue) -> None:
    demo = load_responses(EXAMPLES / "demo-borough.yaml")
    report = score(catalogue.for_responses(demo), demo)
    assert [(c.category.id, c.points, c.level, c.answered) for c in report.categories] == [
        ("1", 17, Level.ESTABLISHED, 8),
        ("2", 41, Level.ESTABLISHED, 28),
        ("3", 13, Level.LEADING, 6),
        ("4", 4, Level.ESTABLISHED, 5),
        ("5", 7, Level.ESTABLISHED, 4),
        ("6", 22, Level.ESTABLISHED, 11),
        ("7", 6, Level.DEVELOPING, 7),
    ]
    assert all(c.warnings == () for c in report.categories)
