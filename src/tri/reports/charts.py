"""Geometry for charts drawn as inline SVG by a template: horizontal bars and trend lines.

Plain numbers in, plain numbers out: where each bar, point, tick and legend entry goes in a
chart of a given size. The template only places shapes; colours come from the stylesheet through
each series' style token (`tri-chart__fill--<fill>`), so nothing needs an inline style.

Bars may be stacked (one bar per row, its segments end to end) or grouped (one thin bar per
series within the row's band). Negative values grow leftwards from zero, so the same function
draws diverging bars. Lines run left to right across the x labels (snapshots, years), one per
series, broken where a series has no figure, each labelled at its last point.

No chart relies on colour alone (WCAG 2.2, 1.4.1): besides its colour every series has a fill
pattern (bars, legend swatches) and a marker shape (lines), different from the other series of
its chart; see `STYLES` and `fills_for`. The patterns are SVG `<pattern>` elements defined once
per page (templates/includes/charts/patterns.html) and applied by class from the stylesheet.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import ClassVar

#: Rough width of one character of chart text at 16px, for laying out the legend.
_CHAR_WIDTH = 8.5

# ---------------------------------------------------------------- styles

#: Fill patterns: white ink over the series' colour ("solid" has none). Each goes with the marker
#: at the same place in MARKERS, so a series looks the same in a bar chart and a line chart.
PATTERNS: tuple[str, ...] = (
    "solid",
    "hatch",
    "reverse-hatch",
    "dots",
    "cross-hatch",
    "horizontal",
    "vertical",
    "grid",
)
MARKERS: tuple[str, ...] = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "cross",
    "plus",
    "triangle-down",
    "star",
)


@dataclass(frozen=True, slots=True)
class Style:
    """How a series is drawn: a colour of the GOV.UK palette, at least 4.5:1 against white (so
    its shapes stand out and white text on it is readable), and a pattern with its marker."""

    colour: str
    pattern: str

    @property
    def marker(self) -> str:
        return MARKERS[PATTERNS.index(self.pattern)]


# GOV.UK Frontend brand palette (govuk-frontend 6).
_BLUE, _DARK_BLUE = "#1d70b8", "#0f385c"  # blue, blue shade-50
_GREEN = "#0f7a52"
_TEAL, _DARK_TEAL = "#158187", "#106165"  # teal, teal shade-25
_PURPLE, _DARK_PURPLE = "#54319f", "#3f2577"  # purple, purple shade-25
_MAGENTA = "#ca357c"
_ORANGE = "#b7592a"  # orange shade-25: the primary orange is under 3:1 against white
_GREY = "#484949"  # black tint-25
_BLACK = "#0b0c0c"

#: Style tokens for series with no style of their own: eight colours, eight patterns.
FALLBACKS: tuple[str, ...] = tuple(f"series-{n}" for n in range(1, 9))

#: The style of each series key the reports use, and of the fallbacks. The stylesheets
#: (static/tri/tri.css and reports/templates/workforce.html) colour each token the same; a test
#: holds them to it.
STYLES: dict[str, Style] = {
    # Ethnic groups (tri.reports.workforce). The five groups and Not disclosed share stacked bars,
    # so those six all differ; the combined groups rarely meet the ones they overlap.
    "asian": Style(_BLUE, "solid"),
    "black": Style(_GREEN, "hatch"),
    "mixed": Style(_ORANGE, "reverse-hatch"),
    "white": Style(_PURPLE, "dots"),
    "other": Style(_MAGENTA, "cross-hatch"),
    "not-disclosed": Style(_GREY, "horizontal"),
    "ethnic-minority": Style(_TEAL, "vertical"),
    "white-british": Style(_DARK_PURPLE, "dots"),
    "all-except-white-british": Style(_DARK_TEAL, "vertical"),
    # The workforce report's other series.
    "workforce": Style(_BLUE, "solid"),
    "population": Style(_GREY, "hatch"),
    "gap": Style(_BLUE, "solid"),
    "leavers": Style(_BLUE, "solid"),
    "formal-grievances": Style(_ORANGE, "hatch"),
    # A target or trajectory, drawn dashed in a line chart, and what happened against it.
    "target": Style(_BLACK, "grid"),
    "planned": Style(_BLACK, "grid"),
    "actual": Style(_BLUE, "solid"),
    # The evaluation report (tri.reports.evaluation).
    "developing": Style(_ORANGE, "hatch"),
    "established": Style(_BLUE, "solid"),
    "leading": Style(_GREEN, "reverse-hatch"),
    "not-assessed": Style(_GREY, "horizontal"),
    "peer": Style(_BLUE, "solid"),
    "final": Style(_ORANGE, "hatch"),
    "challenged": Style(_BLUE, "solid"),
    # Fallbacks.
    "series-1": Style(_BLUE, "solid"),
    "series-2": Style(_ORANGE, "hatch"),
    "series-3": Style(_GREEN, "reverse-hatch"),
    "series-4": Style(_PURPLE, "dots"),
    "series-5": Style(_MAGENTA, "cross-hatch"),
    "series-6": Style(_GREY, "horizontal"),
    "series-7": Style(_TEAL, "vertical"),
    "series-8": Style(_DARK_BLUE, "grid"),
}


def fills_for(keys: Sequence[str]) -> tuple[str, ...]:
    """The style token (a key of STYLES) of each series of one chart, in order.

    A series keeps its own key if STYLES has it and no earlier series of the chart has its colour
    or its pattern; otherwise it takes the first fallback with neither; failing that, its own
    key or the first fallback whose pattern is still free; past eight series, a fallback by
    position. So up to eight series always differ in pattern and marker, whatever their keys.
    """
    colours: set[str] = set()
    patterns: set[str] = set()
    tokens: list[str] = []
    for index, key in enumerate(keys):
        candidates = ((key,) if key in STYLES else ()) + FALLBACKS
        token = next(
            (
                t
                for t in candidates
                if STYLES[t].pattern not in patterns and STYLES[t].colour not in colours
            ),
            None,
        ) or next(
            (t for t in candidates if STYLES[t].pattern not in patterns),
            FALLBACKS[index % len(FALLBACKS)],
        )
        tokens.append(token)
        colours.add(STYLES[token].colour)
        patterns.add(STYLES[token].pattern)
    return tuple(tokens)


#: Marker outlines around (0, 0), about 12px across; "circle" is drawn with arcs.
_MARKER_POINTS: dict[str, tuple[tuple[float, float], ...]] = {
    "square": ((-4.5, -4.5), (4.5, -4.5), (4.5, 4.5), (-4.5, 4.5)),
    "triangle": ((0, -6), (5.5, 4), (-5.5, 4)),
    "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
    "plus": (
        (-1.75, -6), (1.75, -6), (1.75, -1.75), (6, -1.75), (6, 1.75), (1.75, 1.75),
        (1.75, 6), (-1.75, 6), (-1.75, 1.75), (-6, 1.75), (-6, -1.75), (-1.75, -1.75),
    ),
    "triangle-down": ((0, 6), (5.5, -4), (-5.5, -4)),
}  # fmt: skip
_MARKER_POINTS["cross"] = tuple(  # the plus turned through 45°
    ((x - y) * math.sqrt(0.5), (x + y) * math.sqrt(0.5)) for x, y in _MARKER_POINTS["plus"]
)
_MARKER_POINTS["star"] = tuple(
    (
        (6.5 if n % 2 == 0 else 2.8) * math.sin(n * math.pi / 5),
        -(6.5 if n % 2 == 0 else 2.8) * math.cos(n * math.pi / 5),
    )
    for n in range(10)
)


def marker_path(marker: str, x: float, y: float) -> str:
    """An SVG path drawing `marker` (one of MARKERS) centred on (x, y)."""
    if marker == "circle":
        r = 5
        return f"M{_n(x - r)} {_n(y)}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"
    points = _MARKER_POINTS[marker]
    return "M" + "L".join(f"{_n(x + dx)} {_n(y + dy)}" for dx, dy in points) + "Z"


# ---------------------------------------------------------------- bar charts


@dataclass(frozen=True, slots=True)
class Series:
    """One kind of value in every row (or one line). `key` names its style in STYLES; a key
    STYLES lacks gets a fallback style."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One value drawn as a rectangle, with where its value is written if values are shown.

    `fill` is its series' style token (CSS `tri-chart__fill--<fill>` colours it) and `pattern`
    the pattern drawn over the colour ("solid": none)."""

    key: str
    series: str
    value: float
    text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    fill: str
    pattern: str

    @property
    def centre_x(self) -> float:
        """Where a value written inside the segment is centred."""
        return _r(self.x + self.width / 2)

    @property
    def inside(self) -> bool:
        """Whether the value can be written inside the segment, white and bold: only on a solid
        fill (a pattern would break up the text) wide enough for the text."""
        return self.pattern == "solid" and self.width >= len(self.text) * _CHAR_WIDTH + 6


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of the chart: its label and the segments drawn in its band."""

    label: str
    label_x: float
    label_y: float
    y: float
    height: float
    segments: tuple[Segment, ...]
    total: float
    total_text: str
    total_x: float


@dataclass(frozen=True, slots=True)
class Tick:
    """A round value on the value axis. In a bar chart the axis runs along x and `x` is where the
    tick is; in a line chart it runs up the side, `y` is where the tick is and `x` is where its
    label ends."""

    value: float
    text: str
    x: float
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class XTick:
    """A label along the bottom of a line chart, centred on `x`."""

    label: str
    x: float


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A swatch and its label. The swatch is a `size` square at (x, y) for bars; for lines, a
    line from x to `end_x` through `text_y` with the marker `shape` in its middle."""

    key: str
    label: str
    x: float
    y: float
    size: float
    text_x: float
    text_y: float
    fill: str
    pattern: str
    marker: str
    end_x: float
    shape: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class BarChart:
    """A chart ready to draw: the SVG's size, the plot area and everything in it."""

    kind: ClassVar[str] = "bar"
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    zero_x: float
    tick_label_y: float
    axis_label: str
    axis_label_x: float
    axis_label_y: float
    stacked: bool
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[LegendEntry, ...]
    series: tuple[Series, ...]


def number_text(value: float) -> str:
    """`3`, `-2`, `2.5`, `0.25`: whole numbers without a decimal point, others to at most two
    places."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_step(span: float, target: int = 5, *, integer: bool = False) -> float:
    """A step of 1, 2 or 5 times a power of ten that cuts `span` into about `target` parts
    (at least 1 when `integer`)."""
    if span <= 0:
        return 1.0
    raw = span / max(target, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        step = factor * power
        if step >= raw:
            break
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return step


def ticks_for(low: float, high: float, target: int = 5, *, integer: bool = False) -> list[float]:
    """Evenly spaced round values covering `low`..`high` (and zero), first and last included."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-6:  # finer than ticks are written (see _clean): as if all zero
        high = low + 1.0
    step = nice_step(high - low, target, integer=integer)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [_clean(index * step) for index in range(first, last + 1)]


def _clean(value: float) -> float:
    """Drop floating-point noise (0.30000000000000004 → 0.3) and negative zero."""
    cleaned = round(value, 6)
    return 0.0 if cleaned == 0 else cleaned


def _r(value: float) -> float:
    """Coordinates to one decimal place: enough for a screen, short in the page."""
    return round(value, 1) + 0.0


def _n(value: float) -> str:
    """A coordinate as path text: `12.5`, `100`."""
    return number_text(_r(value))


def _legend(
    series: Sequence[Series],
    fills: Sequence[str],
    *,
    left: float,
    top: float,
    width: float,
    size: float,
    swatch: float | None = None,
    lines: bool = False,
    dashed: Collection[str] = (),
) -> tuple[list[LegendEntry], float]:
    """Swatch and label per series, left to right, wrapping onto a new line when full; and the
    height used. The swatch is `swatch` wide (`size` unless given); for `lines`, a stretch of
    line with the series' marker, dashed for the `dashed` keys."""
    if len(series) < 2:
        return [], 0.0
    swatch_width = size if swatch is None else swatch
    line_height = size + 10
    entries = []
    x, y = left, top
    for item, fill in zip(series, fills, strict=True):
        needed = swatch_width + 6 + len(item.label) * _CHAR_WIDTH
        if x > left and x + needed > width:
            x, y = left, y + line_height
        style = STYLES[fill]
        entries.append(
            LegendEntry(
                key=item.key,
                label=item.label,
                x=_r(x),
                y=_r(y),
                size=size,
                text_x=_r(x + swatch_width + 6),
                text_y=_r(y + size / 2),
                fill=fill,
                pattern=style.pattern,
                marker=style.marker,
                end_x=_r(x + swatch_width),
                shape=marker_path(style.marker, x + swatch_width / 2, y + size / 2)
                if lines
                else "",
                dashed=item.key in dashed,
            )
        )
        x += needed + 20
    return entries, y + line_height - top + 6


def bar_chart(
    rows: Sequence[tuple[str, Sequence[float]]],
    *,
    series: Sequence[Series],
    stacked: bool = True,
    width: float = 640,
    label_width: float = 110,
    value_width: float = 48,
    bar_height: float = 24,
    gap: float = 12,
    axis_label: str = "",
    integer: bool = True,
    target_ticks: int = 5,
    extent: tuple[float, float] | None = None,
) -> BarChart:
    """Lay out a horizontal bar chart: one band per row, values in the order of `series`.

    Stacked: each row is one bar with its positive values end to end rightwards from zero and
    its negative ones leftwards. Grouped (`stacked=False`): each series gets its own bar of
    `bar_height` within the row's band. Ticks fall on round numbers (whole numbers when
    `integer`), covering at least `extent` if given (0 to 100 for a chart of percentages that
    would otherwise stop short of 100). Raises ValueError if a row does not have one value per
    series.
    """
    if not series:
        raise ValueError("a chart needs at least one series")
    for label, values in rows:
        if len(values) != len(series):
            raise ValueError(f"row {label!r} has {len(values)} values for {len(series)} series")
    plot_left = label_width
    plot_right = width - value_width
    fills = fills_for([item.key for item in series])
    legend, legend_height = _legend(series, fills, left=plot_left, top=0.0, width=width, size=16.0)
    plot_top = legend_height + 6
    if stacked:
        lows = [sum(v for v in values if v < 0) for _, values in rows]
        highs = [sum(v for v in values if v > 0) for _, values in rows]
    else:
        lows = [min(values) for _, values in rows]
        highs = [max(values) for _, values in rows]
    low_value, high_value = min(lows, default=0.0), max(highs, default=0.0)
    if extent is not None:
        low_value, high_value = min(low_value, extent[0]), max(high_value, extent[1])
    ticks = ticks_for(low_value, high_value, target_ticks, integer=integer)
    low, high = ticks[0], ticks[-1]

    def scale(value: float) -> float:
        return plot_left + (value - low) / (high - low) * (plot_right - plot_left)

    zero_x = scale(0.0)
    band = bar_height if stacked else bar_height * len(series)
    bars = []
    for index, (label, values) in enumerate(rows):
        top = plot_top + index * (band + gap)
        segments = []
        right, left = 0.0, 0.0
        for number, (item, fill, value) in enumerate(zip(series, fills, values, strict=True)):
            value = float(value)
            if stacked:
                y = top
                if value >= 0:
                    start, end = right, right + value
                    right = end
                else:
                    start, end = left + value, left
                    left = start
            else:
                y = top + number * bar_height
                start, end = min(0.0, value), max(0.0, value)
            x0, x1 = scale(start), scale(end)
            # A value's label sits just past the end of its bar; a negative one just right of
            # zero, where a grouped bar leaves room, clear of the row labels.
            label_x = x1 + 4 if value > 0 else zero_x + 4
            segments.append(
                Segment(
                    key=item.key,
                    series=item.label,
                    value=value,
                    text=number_text(value),
                    x=_r(x0),
                    y=_r(y),
                    width=_r(x1 - x0),
                    height=bar_height,
                    label_x=_r(label_x),
                    label_y=_r(y + bar_height / 2),
                    fill=fill,
                    pattern=STYLES[fill].pattern,
                )
            )
        total = float(sum(values))
        bars.append(
            Bar(
                label=label,
                label_x=_r(plot_left - 8),
                label_y=_r(top + band / 2),
                y=_r(top),
                height=band,
                segments=tuple(segments),
                total=total,
                total_text=number_text(total),
                total_x=_r(scale(right) + 4 if right > 0 else zero_x + 4),
            )
        )
    plot_bottom = plot_top + len(rows) * (band + gap) - gap if rows else plot_top + band
    tick_label_y = plot_bottom + 20
    axis_label_y = tick_label_y + 24 if axis_label else tick_label_y
    return BarChart(
        width=width,
        height=_r(axis_label_y + 12),
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=_r(plot_top),
        plot_bottom=_r(plot_bottom),
        zero_x=_r(zero_x),
        tick_label_y=_r(tick_label_y),
        axis_label=axis_label,
        axis_label_x=_r((plot_left + plot_right) / 2),
        axis_label_y=_r(axis_label_y),
        stacked=stacked,
        bars=tuple(bars),
        ticks=tuple(Tick(value=t, text=number_text(t), x=_r(scale(t))) for t in ticks),
        legend=tuple(legend),
        series=tuple(series),
    )


# ---------------------------------------------------------------- line charts

#: Space between the plot's edges and the first and last points, so markers clear the edges.
_LINE_PAD = 12.0
#: End labels start this far right of the plot.
_LABEL_OFFSET = 6.0
#: The least distance between the middles of two end labels (16px text).
LABEL_GAP = 18.0


@dataclass(frozen=True, slots=True)
class Point:
    """One figure of a line: where it is, its value and text, the x label it belongs to
    ("2024") and the path of its marker."""

    x: float
    y: float
    value: float
    text: str
    label: str
    shape: str


@dataclass(frozen=True, slots=True)
class Line:
    """One series drawn across the x labels.

    `path` joins its points, starting afresh ("M") after a gap; `marker` names the shape of its
    points, `fill` its style token, `dashed` whether the line is dashed (a target). Its label
    (`label`, shortened to fit if need be) is written at (label_x, label_y), beside its last
    point (end_x, end_y) but nudged clear of the other lines' labels; `leader` says whether a
    thin line should join the two because the label moved or the line stops short of the last
    x label. A line with no figures has no points, an empty path and no label."""

    key: str
    series: str
    fill: str
    marker: str
    dashed: bool
    points: tuple[Point, ...]
    path: str
    label: str
    label_x: float
    label_y: float
    end_x: float
    end_y: float
    leader: bool


@dataclass(frozen=True, slots=True)
class LineChart:
    """A line chart ready to draw: the SVG's size, the plot area and everything in it. The value
    axis runs up the left (`y_ticks`, with grid lines across the plot and a stronger line at
    zero, `zero_y`); the x labels run along the bottom at `x_label_y` (some skipped if they
    would crowd). `axis_label` names the values, written above the plot."""

    kind: ClassVar[str] = "line"
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    zero_y: float
    x_label_y: float
    axis_label: str
    axis_label_x: float
    axis_label_y: float
    x_ticks: tuple[XTick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    legend: tuple[LegendEntry, ...]
    series: tuple[Series, ...]


def spread(wanted: Sequence[float], *, top: float, bottom: float, gap: float) -> list[float]:
    """Positions as near the `wanted` ones as may be, in the same order, at least `gap` apart and
    within `top`..`bottom`; if they cannot all fit, `gap` apart from `top` down."""
    order = sorted(range(len(wanted)), key=lambda index: (wanted[index], index))
    placed = [min(max(wanted[index], top), bottom) for index in order]
    for n in range(1, len(placed)):
        placed[n] = max(placed[n], placed[n - 1] + gap)
    if placed and placed[-1] > bottom:
        placed[-1] = max(bottom, top + gap * (len(placed) - 1))
        for n in range(len(placed) - 2, -1, -1):
            placed[n] = min(placed[n], placed[n + 1] - gap)
    result = [0.0] * len(wanted)
    for n, index in enumerate(order):
        result[index] = placed[n]
    return result


def _shorten(text: str, room: float) -> str:
    """`text`, cut short with "…" if it is wider than `room`."""
    fits = max(int(room / _CHAR_WIDTH), 2)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    values: Sequence[Sequence[float | None]],
    *,
    width: float = 720,
    height: float = 320,
    axis_label: str = "",
    extent: tuple[float, float] | None = None,
    dashed: Collection[str] = (),
    integer: bool = False,
    target_ticks: int = 5,
) -> LineChart:
    """Lay out a line chart: one line per series across `x_labels`, evenly spaced left to right.

    `values` holds, per series, one value per x label; None is no figure, which breaks the line
    (a figure with none either side shows as its marker alone, as does every figure when there
    is one x label, drawn at the right). The value axis falls on round numbers (whole numbers when `integer`) from
    zero or below, covering at least `extent` if given ((0, 100) for percentages). Series whose
    key is in `dashed` (a target trajectory) are drawn dashed. Each line is labelled at its last
    figure, in a column right of the plot; the labels are nudged apart so they do not overlap.
    Raises ValueError unless there is one row of values per series and one value per x label.
    """
    if not series:
        raise ValueError("a chart needs at least one series")
    if len(values) != len(series):
        raise ValueError(f"{len(values)} rows of values for {len(series)} series")
    for item, row in zip(series, values, strict=True):
        if len(row) != len(x_labels):
            raise ValueError(
                f"series {item.key!r} has {len(row)} values for {len(x_labels)} x labels"
            )
    fills = fills_for([item.key for item in series])
    numbers = [float(value) for row in values for value in row if value is not None]
    low_value, high_value = min(numbers, default=0.0), max(numbers, default=0.0)
    if extent is not None:
        low_value, high_value = min(low_value, extent[0]), max(high_value, extent[1])
    ticks = ticks_for(low_value, high_value, target_ticks, integer=integer)
    low, high = ticks[0], ticks[-1]
    tick_texts = [number_text(tick) for tick in ticks]

    # Across: value labels, the plot, then a column for the lines' labels (at most 30% of the
    # width; longer labels are shortened there and given in full in the legend).
    plot_left = max(24.0, max(len(text) for text in tick_texts) * _CHAR_WIDTH + 12)
    labelled = [
        item.label
        for item, row in zip(series, values, strict=True)
        if any(value is not None for value in row)
    ]
    longest = max((len(label) for label in labelled), default=0)
    room = min(width * 0.3, longest * _CHAR_WIDTH + 4) if labelled else 0.0
    plot_right = width - room - _LABEL_OFFSET

    # Down: legend, the axis label, the plot, the x labels.
    legend, legend_height = _legend(
        series,
        fills,
        left=0.0,
        top=0.0,
        width=width,
        size=14.0,
        swatch=28.0,
        lines=True,
        dashed=dashed,
    )
    axis_label_y = legend_height + 8
    plot_top = legend_height + (30 if axis_label else 12)
    plot_bottom = max(plot_top + 40, height - 32)

    def y_of(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - plot_top)

    # The x labels evenly spaced, the last at the right where the lines' labels are (so a single
    # one sits there too); skip some labels if they would crowd, always keeping the last (the
    # latest snapshot).
    count = len(x_labels)
    step = (plot_right - plot_left - 2 * _LINE_PAD) / max(count - 1, 1)
    xs = [plot_right - _LINE_PAD - (count - 1 - index) * step for index in range(count)]
    needed = max((len(label) for label in x_labels), default=0) * _CHAR_WIDTH + 12
    every = max(1, math.ceil(needed / step)) if count > 1 else 1
    x_ticks = tuple(
        XTick(label=label, x=_r(x))
        for index, (label, x) in enumerate(zip(x_labels, xs, strict=True))
        if (count - 1 - index) % every == 0
    )

    drafts = []
    for item, fill, row in zip(series, fills, values, strict=True):
        marker = STYLES[fill].marker
        drawn: list[Point] = []
        parts = []
        drawing = False
        for label, x, value in zip(x_labels, xs, row, strict=True):
            if value is None:
                drawing = False
                continue
            y = y_of(float(value))
            parts.append(f"{'L' if drawing else 'M'}{_n(x)} {_n(y)}")
            drawing = True
            drawn.append(
                Point(
                    x=_r(x),
                    y=_r(y),
                    value=float(value),
                    text=number_text(float(value)),
                    label=label,
                    shape=marker_path(marker, x, y),
                )
            )
        drafts.append((item, fill, marker, tuple(drawn), " ".join(parts)))

    ends = [points[-1].y for _, _, _, points, _ in drafts if points]
    label_ys = iter(spread(ends, top=plot_top, bottom=plot_bottom, gap=LABEL_GAP))
    label_x = plot_right + _LABEL_OFFSET
    last_x = _r(xs[-1]) if xs else 0.0
    lines = []
    for item, fill, marker, points, path in drafts:
        if points:
            end = points[-1]
            label_y = _r(next(label_ys))
            leader = abs(label_y - end.y) > 1 or end.x < last_x
            end_x, end_y = end.x, end.y
        else:
            label_y, leader, end_x, end_y = 0.0, False, 0.0, 0.0
        lines.append(
            Line(
                key=item.key,
                series=item.label,
                fill=fill,
                marker=marker,
                dashed=item.key in dashed,
                points=points,
                path=path,
                label=_shorten(item.label, room) if points else "",
                label_x=_r(label_x),
                label_y=label_y,
                end_x=end_x,
                end_y=end_y,
                leader=leader,
            )
        )
    lowest_label = max((line.label_y for line in lines if line.points), default=0.0)
    x_label_y = plot_bottom + 22
    return LineChart(
        width=width,
        height=_r(max(height, x_label_y + 10, lowest_label + 12)),
        plot_left=_r(plot_left),
        plot_right=_r(plot_right),
        plot_top=_r(plot_top),
        plot_bottom=_r(plot_bottom),
        zero_y=_r(y_of(0.0)),
        x_label_y=_r(x_label_y),
        axis_label=axis_label,
        axis_label_x=0.0,
        axis_label_y=_r(axis_label_y),
        x_ticks=x_ticks,
        y_ticks=tuple(
            Tick(value=tick, text=text, x=_r(plot_left - 8), y=_r(y_of(tick)))
            for tick, text in zip(ticks, tick_texts, strict=True)
        ),
        lines=tuple(lines),
        legend=tuple(legend),
        series=tuple(series),
    )
