"""Geometry for horizontal bar charts drawn as inline SVG by a template.

Plain numbers in, plain numbers out: where each bar, tick and legend entry goes in a chart of a
given size. The template only places shapes; colours come from the stylesheet through each
series' key (`tri-chart__fill--<key>`), so nothing needs an inline style.

Bars may be stacked (one bar per row, its segments end to end) or grouped (one thin bar per
series within the row's band). Negative values grow leftwards from zero, so the same function
draws diverging bars.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Rough width of one character of chart text at 16px, for laying out the legend.
_CHAR_WIDTH = 8.5


@dataclass(frozen=True, slots=True)
class Series:
    """One kind of value in every row. `key` is a CSS-safe token naming its colour."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One value drawn as a rectangle, with where its value is written if values are shown."""

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
    value: float
    text: str
    x: float


@dataclass(frozen=True, slots=True)
class LegendEntry:
    key: str
    label: str
    x: float
    y: float
    size: float
    text_x: float
    text_y: float


@dataclass(frozen=True, slots=True)
class BarChart:
    """A chart ready to draw: the SVG's size, the plot area and everything in it."""

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
    if low == high:
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


def _legend(
    series: Sequence[Series], *, left: float, top: float, width: float, size: float
) -> tuple[list[LegendEntry], float]:
    """Swatch and label per series, left to right, wrapping onto a new line when full; and the
    height used."""
    if len(series) < 2:
        return [], 0.0
    line_height = size + 10
    entries = []
    x, y = left, top
    for item in series:
        needed = size + 6 + len(item.label) * _CHAR_WIDTH
        if x > left and x + needed > width:
            x, y = left, y + line_height
        entries.append(
            LegendEntry(
                key=item.key,
                label=item.label,
                x=_r(x),
                y=_r(y),
                size=size,
                text_x=_r(x + size + 6),
                text_y=_r(y + size / 2),
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
    legend, legend_height = _legend(series, left=plot_left, top=0.0, width=width, size=14.0)
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
        for number, (item, value) in enumerate(zip(series, values, strict=True)):
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
