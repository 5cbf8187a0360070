"""Bar chart geometry: where bars, ticks and legend entries go, from plain numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tri.reports.charts import (
    FALLBACKS,
    MARKERS,
    PATTERNS,
    STYLES,
    Series,
    bar_chart,
    fills_for,
    nice_step,
    number_text,
    ticks_for,
)
from tri.reports.evaluation import CHALLENGED_SERIES, LEVEL_SERIES, MOVEMENT_SERIES
from tri.reports.workforce import _key
from tri.workforce.ethnicity import (
    ALL_EXCEPT_WHITE_BRITISH,
    ALL_GROUPS,
    ETHNIC_MINORITY,
    WHITE_BRITISH,
)

pytestmark = pytest.mark.unit

ONE = (Series("a", "Alpha"),)
TWO = (Series("a", "Alpha"), Series("b", "Beta"))


@pytest.mark.parametrize(
    ("span", "integer", "step"),
    [(10, True, 2.0), (7, True, 2.0), (3, True, 1.0), (1, False, 0.2), (0.3, True, 1.0), (120, True, 50.0)],
)  # fmt: skip
def test_nice_step_is_one_two_or_five_times_a_power_of_ten(
    span: float, integer: bool, step: float
) -> None:
    assert nice_step(span, 5, integer=integer) == step


def test_ticks_cover_the_values_and_zero() -> None:
    assert ticks_for(0, 7, integer=True) == [0, 2, 4, 6, 8]
    assert ticks_for(-8, 2, integer=True) == [-8, -6, -4, -2, 0, 2]
    assert ticks_for(3, 4, integer=True) == [0, 1, 2, 3, 4]
    assert ticks_for(0, 0, integer=True) == [0, 1]
    assert ticks_for(0, 0.9) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_number_text() -> None:
    assert [number_text(v) for v in (3, 3.0, -2, 2.5, 0.25, -0.0)] == [
        "3",
        "3",
        "-2",
        "2.5",
        "0.25",
        "0",
    ]


def test_stacked_segments_sit_end_to_end_and_scale_to_the_last_tick() -> None:
    chart = bar_chart(
        [("One", (2, 1)), ("Two", (0, 4))],
        series=TWO,
        width=500,
        label_width=100,
        value_width=0,
        bar_height=20,
        gap=10,
    )

    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4]
    assert (chart.plot_left, chart.plot_right, chart.zero_x) == (100, 500, 100)
    first, second = chart.bars
    assert [(s.x, s.width) for s in first.segments] == [(100, 200), (300, 100)]
    assert [(s.x, s.width) for s in second.segments] == [(100, 0), (100, 400)]
    # Both segments of a row share its band; the second band starts a bar and a gap lower.
    assert {s.y for s in first.segments} == {first.y}
    assert second.y - first.y == 30
    assert (first.total, first.total_text, first.total_x) == (3, "3", 404)
    assert [(t.value, t.x) for t in chart.ticks][-1] == (4, 500)


def test_stacked_negative_values_grow_leftwards_from_zero() -> None:
    chart = bar_chart(
        [("Row", (-2, 3, -1))],
        series=(*TWO, Series("c", "Gamma")),
        width=900,
        label_width=100,
        value_width=0,
    )

    assert [tick.value for tick in chart.ticks] == [-4, -2, 0, 2, 4]
    assert chart.zero_x == 500
    a, b, c = chart.bars[0].segments
    assert (a.x, a.width) == (300, 200)  # -2..0
    assert (b.x, b.width) == (500, 300)  # 0..3
    assert (c.x, c.width) == (200, 100)  # -3..-2, beyond the first negative value


def test_grouped_bars_each_get_their_own_line_and_diverge_from_zero() -> None:
    chart = bar_chart(
        [("Category 1", (-8, -3)), ("Category 2", (1, 2))],
        series=TWO,
        stacked=False,
        width=600,
        label_width=100,
        value_width=0,
        bar_height=18,
        gap=12,
    )

    assert [tick.value for tick in chart.ticks] == [-8, -6, -4, -2, 0, 2]
    assert chart.zero_x == 500
    peer, final = chart.bars[0].segments
    assert (peer.x, peer.width, peer.height) == (100, 400, 18)
    assert (final.x, final.width) == (350, 150)
    assert final.y - peer.y == 18
    assert chart.bars[0].height == 36
    assert chart.bars[1].y - chart.bars[0].y == 48
    # A negative value is written just right of zero, clear of the row labels.
    assert (peer.text, peer.label_x) == ("-8", 504)
    up = chart.bars[1].segments[1]
    assert (up.x, up.width, up.text, up.label_x) == (500, 100, "2", 604)


def test_a_single_series_has_no_legend_and_several_do() -> None:
    single = bar_chart([("Row", (1,))], series=ONE)
    several = bar_chart([("Row", (1, 2))], series=TWO)

    assert single.legend == ()
    assert [entry.label for entry in several.legend] == ["Alpha", "Beta"]
    assert several.legend[1].x > several.legend[0].text_x
    assert several.plot_top > single.plot_top


def test_a_long_legend_wraps_onto_a_new_line() -> None:
    series = tuple(Series(f"s{n}", f"A rather long series name {n}") for n in range(4))

    chart = bar_chart([("Row", (1, 1, 1, 1))], series=series, width=500)

    assert len({entry.y for entry in chart.legend}) > 1
    assert all(entry.text_x < chart.width for entry in chart.legend)


def test_the_chart_is_tall_enough_for_its_bars_ticks_and_axis_label() -> None:
    chart = bar_chart(
        [(f"Row {n}", (n,)) for n in range(5)], series=ONE, axis_label="Times challenged"
    )

    assert chart.plot_bottom == chart.bars[-1].y + chart.bars[-1].height
    assert chart.plot_bottom < chart.tick_label_y < chart.axis_label_y < chart.height
    assert chart.axis_label == "Times challenged"


def test_no_rows_still_draws_an_axis() -> None:
    chart = bar_chart([], series=ONE)

    assert chart.bars == ()
    assert [tick.value for tick in chart.ticks] == [0, 1]
    assert chart.height > 0


def test_a_row_must_have_one_value_per_series() -> None:
    with pytest.raises(ValueError, match="row 'Row' has 1 values for 2 series"):
        bar_chart([("Row", (1,))], series=TWO)
    with pytest.raises(ValueError, match="at least one series"):
        bar_chart([("Row", ())], series=())


def test_an_extent_widens_the_axis_to_cover_it() -> None:
    chart = bar_chart([("a", (30, 20))], series=TWO, extent=(0, 100))
    assert [t.value for t in chart.ticks] == [0, 20, 40, 60, 80, 100]
    assert bar_chart([("a", (30, 20))], series=TWO).ticks[-1].value == 50


# ---------------------------------------------------------------- styles


def _contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_colour_stands_out_from_white_and_carries_white_text() -> None:
    for token, style in STYLES.items():
        assert _contrast(style.colour) >= 4.5, token
        assert style.pattern in PATTERNS
        assert style.marker == MARKERS[PATTERNS.index(style.pattern)]


def test_the_fallbacks_all_differ_in_colour_and_pattern() -> None:
    styles = [STYLES[token] for token in FALLBACKS]
    assert len(FALLBACKS) == 8
    assert len({style.colour for style in styles}) == 8
    assert {style.pattern for style in styles} == set(PATTERNS)


def test_every_key_of_the_reports_has_a_style_and_those_drawn_together_differ() -> None:
    groups = [_key(group) for group in ALL_GROUPS]
    others = [_key(name) for name in (ETHNIC_MINORITY, WHITE_BRITISH, ALL_EXCEPT_WHITE_BRITISH)]
    measures = [_key(name) for name in ("Leavers", "Formal grievances")]
    for together in (
        groups,  # stacked pay bands and quarters
        [*groups[:5], others[0]],  # the groups compared in recruitment and likelihoods
        [others[0], groups[3]],  # ethnic minority against White
        [others[2], others[1]],  # all except White British against White British
        ["workforce", "population"],
        ["gap"],
        measures,
        [series.key for series in LEVEL_SERIES],
        [series.key for series in MOVEMENT_SERIES],
        [series.key for series in CHALLENGED_SERIES],
        ["planned", "actual"],
        ["ethnic-minority", "target"],
    ):
        assert all(key in STYLES for key in together), together
        # Each keeps its own style: no two share a colour or a pattern.
        assert fills_for(together) == tuple(together)


def test_fills_for_gives_clashing_and_unknown_keys_a_fallback() -> None:
    # "workforce" looks like "asian"; "mystery" has no style; "series-2" is taken by then.
    assert fills_for(["asian", "workforce", "mystery", "series-2"]) == (
        "asian",
        "series-2",
        "series-3",
        "series-4",
    )
    eight = fills_for([f"unknown-{n}" for n in range(8)])
    assert eight == FALLBACKS
    # Past eight, patterns must repeat: by position.
    assert fills_for([f"unknown-{n}" for n in range(10)])[8:] == FALLBACKS[:2]


@given(st.lists(st.sampled_from([*STYLES, "mystery", "other-thing"]), min_size=1, max_size=8))
def test_up_to_eight_series_always_differ_in_pattern_and_marker(keys: list[str]) -> None:
    patterns = [STYLES[token].pattern for token in fills_for(keys)]
    assert len(set(patterns)) == len(keys)


def test_segments_carry_their_style_and_only_solid_ones_take_values_inside() -> None:
    chart = bar_chart(
        [("Row", (40, 40, 2))],
        series=(Series("asian", "Asian"), Series("black", "Black"), Series("x", "X")),
        width=500,
        label_width=100,
        value_width=0,
    )

    asian, black, narrow = chart.bars[0].segments
    assert [(s.fill, s.pattern) for s in (asian, black, narrow)] == [
        ("asian", "solid"),
        ("black", "hatch"),
        ("series-4", "dots"),  # series-3 is green, as "black" is
    ]
    assert (asian.inside, black.inside, narrow.inside) == (True, False, False)
    assert asian.centre_x == asian.x + asian.width / 2
    assert [entry.fill for entry in chart.legend] == ["asian", "black", "series-4"]
    assert [entry.pattern for entry in chart.legend] == ["solid", "hatch", "dots"]
    # Too narrow for its text, even when solid.
    thin = bar_chart([("Row", (1, 99))], series=TWO, width=200, label_width=0, value_width=0)
    assert thin.bars[0].segments[0].pattern == "solid"
    assert not thin.bars[0].segments[0].inside
