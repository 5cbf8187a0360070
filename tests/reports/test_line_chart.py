"""Line chart geometry: where points, lines, ticks and end labels go, from plain numbers."""

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tri.reports.charts import (
    LABEL_GAP,
    MARKERS,
    LineChart,
    Series,
    XTick,
    line_chart,
    spread,
)

pytestmark = pytest.mark.unit


def _drawn(chart: LineChart) -> list[float]:
    return sorted(line.label_y for line in chart.lines if line.points)


def test_a_small_chart_has_exact_coordinates() -> None:
    # Ticks 0..10 by 2, so the value labels take 2 × 8.5 + 12 = 29px; the one line label "Sx"
    # takes 2 × 8.5 + 4 and 6 more to the plot, leaving a plot from 29 to 453 with the points
    # 12px in from each side, 200px apart.
    chart = line_chart(["a", "b", "c"], [Series("s", "Sx")], [[0, 5, 10]], width=480, height=200)

    assert (chart.plot_left, chart.plot_right, chart.plot_top, chart.plot_bottom) == (
        29,
        453,
        12,
        168,
    )
    assert chart.width == 480
    assert chart.height == 200
    (line,) = chart.lines
    assert [(p.x, p.y, p.value, p.text, p.label) for p in line.points] == [
        (41, 168, 0, "0", "a"),
        (241, 90, 5, "5", "b"),
        (441, 12, 10, "10", "c"),
    ]
    assert line.path == "M41 168 L241 90 L441 12"
    assert (line.label, line.label_x, line.label_y, line.leader) == ("Sx", 459, 12, False)
    assert (line.end_x, line.end_y) == (441, 12)
    assert [(t.value, t.text, t.x, t.y) for t in chart.y_ticks] == [
        (0, "0", 21, 168),
        (2, "2", 21, 136.8),
        (4, "4", 21, 105.6),
        (6, "6", 21, 74.4),
        (8, "8", 21, 43.2),
        (10, "10", 21, 12),
    ]
    assert chart.x_ticks == (XTick("a", 41), XTick("b", 241), XTick("c", 441))
    assert (chart.zero_y, chart.x_label_y) == (168, 190)
    # One series: no legend; the line is drawn in its own style.
    assert chart.legend == ()
    assert (line.fill, line.marker, line.dashed) == ("series-1", "circle", False)
    assert line.points[0].shape == "M36 168a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z"


def test_a_gap_breaks_the_line() -> None:
    chart = line_chart(
        ["2021", "2022", "2023", "2024", "2025"],
        [Series("s", "S")],
        [[1, None, 3, 4, None]],
    )

    (line,) = chart.lines
    assert [p.label for p in line.points] == ["2021", "2023", "2024"]
    assert re.findall("[A-Z]", line.path) == ["M", "M", "L"]
    # The label goes by the last figure, which is not at the last x label: a leader joins them.
    assert line.end_x == line.points[-1].x < chart.x_ticks[-1].x
    assert line.leader


def test_a_series_with_no_figures_draws_nothing_and_has_no_label() -> None:
    chart = line_chart(["a", "b"], [Series("s", "S"), Series("t", "T")], [[1, 2], [None, None]])

    empty = chart.lines[1]
    assert (empty.points, empty.path, empty.label) == ((), "", "")
    assert len(chart.legend) == 2  # still in the legend, as the table still has its column


def test_a_single_x_label_draws_points_at_the_right() -> None:
    chart = line_chart(
        ["2025"], [Series("planned", "Planned"), Series("actual", "Actual")], [[25], [23]]
    )

    planned, actual = chart.lines
    assert planned.path == f"M{planned.points[0].x:g} {planned.points[0].y:g}"
    assert "L" not in actual.path
    assert planned.points[0].x == actual.points[0].x == chart.plot_right - 12
    assert chart.x_ticks == (XTick("2025", chart.plot_right - 12),)
    assert abs(planned.label_y - actual.label_y) >= LABEL_GAP - 0.1


def test_an_extent_widens_the_value_axis() -> None:
    percentages = line_chart(["a", "b"], [Series("s", "S")], [[12.5, 30]], extent=(0, 100))
    beyond = line_chart(["a", "b"], [Series("s", "S")], [[12.5, 130]], extent=(0, 100))
    plain = line_chart(["a", "b"], [Series("s", "S")], [[12.5, 30]])

    assert [t.value for t in percentages.y_ticks] == [0, 20, 40, 60, 80, 100]
    assert percentages.y_ticks[-1].y == percentages.plot_top
    assert beyond.y_ticks[-1].value >= 130
    assert plain.y_ticks[-1].value == 30


def test_negative_values_go_below_the_zero_line() -> None:
    chart = line_chart(["a", "b"], [Series("s", "S")], [[-4, 6]], integer=True)

    assert chart.y_ticks[0].value < 0 < chart.y_ticks[-1].value
    low, high = chart.lines[0].points
    assert low.y > chart.zero_y > high.y
    assert chart.plot_top < chart.zero_y < chart.plot_bottom


def test_lines_differ_by_marker_and_a_target_is_dashed() -> None:
    keys = ["asian", "workforce", "mystery", "black", "other", "x", "y", "target"]
    chart = line_chart(
        ["a", "b"],
        [Series(key, key.title()) for key in keys],
        [[n, n + 1] for n in range(len(keys))],
        dashed=["target"],
    )

    assert len({line.marker for line in chart.lines}) == len(keys)
    assert {line.marker for line in chart.lines} <= set(MARKERS)
    assert [line.key for line in chart.lines if line.dashed] == ["target"]
    assert [entry.key for entry in chart.legend if entry.dashed] == ["target"]
    assert all(entry.shape.startswith("M") for entry in chart.legend)
    # "workforce" has the same style as "asian", so it takes a fallback.
    assert [line.fill for line in chart.lines][:2] == ["asian", "series-2"]


def test_crowded_x_labels_are_thinned_keeping_the_last() -> None:
    labels = [f"{year}/{(year + 1) % 100:02d}" for year in range(2001, 2025)]

    chart = line_chart(labels, [Series("s", "S")], [list(range(len(labels)))], width=400)

    shown = [tick.label for tick in chart.x_ticks]
    assert shown[-1] == labels[-1]
    assert 1 < len(shown) < len(labels)
    gaps = [b.x - a.x for a, b in pairwise(chart.x_ticks)]
    assert min(gaps) >= len(labels[0]) * 8.5


def test_a_long_label_is_shortened_to_fit_and_kept_whole_in_the_legend() -> None:
    long = "All staff other than White British, over all directorates"
    chart = line_chart(["a", "b"], [Series("s", long), Series("t", "T")], [[1, 2], [2, 1]])

    line = chart.lines[0]
    assert line.label.endswith("…")
    assert line.label_x + len(line.label) * 8.5 <= chart.width
    assert chart.legend[0].label == long


def test_values_must_match_the_series_and_the_x_labels() -> None:
    with pytest.raises(ValueError, match="at least one series"):
        line_chart(["a"], [], [])
    with pytest.raises(ValueError, match="1 rows of values for 2 series"):
        line_chart(["a"], [Series("s", "S"), Series("t", "T")], [[1]])
    with pytest.raises(ValueError, match="series 's' has 1 values for 2 x labels"):
        line_chart(["a", "b"], [Series("s", "S")], [[1]])


def test_spread_keeps_order_and_distance() -> None:
    assert spread([50, 52, 200], top=0, bottom=300, gap=18) == [50, 68, 200]
    assert spread([100, 100], top=0, bottom=300, gap=18) == [100, 118]
    # Pushed up from the bottom edge.
    assert spread([295, 299], top=0, bottom=300, gap=18) == [282, 300]
    # Too many to fit: evenly from the top.
    assert spread([5, 5, 5], top=0, bottom=20, gap=18) == [0, 18, 36]


values = st.one_of(
    st.none(),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False),
)


@st.composite
def charts(draw: st.DrawFn) -> LineChart:
    count = draw(st.integers(1, 8))
    lines = draw(st.integers(1, 8))
    extent = draw(st.none() | st.just((0.0, 100.0)))
    return line_chart(
        [f"Snapshot {n}" for n in range(count)],
        [Series(f"key-{n}", f"Series {n}") for n in range(lines)],
        [draw(st.lists(values, min_size=count, max_size=count)) for _ in range(lines)],
        extent=extent,
    )


@given(charts())
def test_end_labels_never_overlap(chart: LineChart) -> None:
    ys = _drawn(chart)
    assert all(b - a >= 16 for a, b in pairwise(ys))
    assert all(8 <= y <= chart.height - 8 for y in ys)
    assert all(line.label_x >= chart.plot_right for line in chart.lines if line.points)


@given(charts())
def test_every_point_is_inside_the_plot(chart: LineChart) -> None:
    for line in chart.lines:
        for point in line.points:
            assert chart.plot_left <= point.x <= chart.plot_right
            assert chart.plot_top - 0.05 <= point.y <= chart.plot_bottom + 0.05
        # One move per run of figures, one line-to per figure after the first in its run.
        assert line.path.count("M") + line.path.count("L") == len(line.points)
    ticks = [tick.y for tick in chart.y_ticks]
    assert ticks == sorted(ticks, reverse=True)
    assert (ticks[0], ticks[-1]) == (chart.plot_bottom, chart.plot_top)
