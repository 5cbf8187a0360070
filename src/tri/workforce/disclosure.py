"""Disclosure control: what another party may see of an organisation's workforce figures.

On by default. `control()` returns a new Report in which:

1. *Primary suppression.* No count from 1 to threshold − 1 is shown (0 is shown: it describes
   nobody).
2. *Secondary suppression.* Wherever counts add up to a published total (a band's headcount and
   its groups, a group and its categories, the whole workforce and its groups), a relation with
   exactly one suppressed member would give it away by subtraction. So another member is
   suppressed with it: the smallest non-zero part, else a zero part, else the total. This
   repeats until no relation has exactly one suppressed member, across every table at once
   (suppressing a band total can expose a cell in another relation, and so on).
3. *Derived figures.* A percentage, gap, ratio or pay figure is suppressed when any count it is
   computed from is suppressed, or when any group behind it has fewer than threshold people.
4. *Rounding* (optional): published counts are rounded to the nearest `rounding`. Percentages
   and gaps are computed from the unrounded counts, as ONS does.

Every suppression is listed in the result with its reason. The input Report is not changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from tri.workforce.report import Count, Figure, Path, Report, Stat, Suppression, Total, dotted

DEFAULT_THRESHOLD = 10


def control(
    report: Report, *, threshold: int = DEFAULT_THRESHOLD, rounding: int | None = None
) -> Report:
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    if rounding is not None and rounding < 1:
        raise ValueError("rounding must be a positive whole number")
    figures = report.figures
    reasons: dict[Path, str] = {}
    for path, figure in figures.items():
        if isinstance(figure, Count) and _small(figure.value, threshold):
            reasons[path] = f"a count from 1 to {threshold - 1}"
    _secondary(figures, report.totals, reasons)
    for path, figure in figures.items():
        if isinstance(figure, Stat) and figure.value is not None:
            reason = _derived_reason(figure, reasons, threshold)
            if reason:
                reasons[path] = reason

    controlled: dict[Path, Figure] = {}
    for path, figure in figures.items():
        if path in reasons:
            controlled[path] = replace(figure, value=None)
        elif isinstance(figure, Count) and rounding and figure.value is not None:
            controlled[path] = Count(_round(figure.value, rounding))
        else:
            controlled[path] = figure
    suppressed = tuple(
        Suppression(p, r) for p, r in reasons.items() if figures[p].value is not None
    )
    settings = dict(report.settings) | {
        "suppression": True,
        "threshold": threshold,
        "rounding": rounding,
    }
    return Report(controlled, report.totals, suppressed, settings)


def _small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _round(value: float, base: int) -> int:
    return base * int(value / base + 0.5)


def _secondary(
    figures: Mapping[Path, Figure], totals: tuple[Total, ...], reasons: dict[Path, str]
) -> None:
    changed = True
    while changed:
        changed = False
        for relation in totals:
            members = relation.members()
            hidden = [m for m in members if m in reasons]
            if len(hidden) != 1:
                continue
            partner = _partner(figures, relation, reasons)
            if partner is None:
                continue
            reasons[partner] = f"hidden with {dotted(hidden[0])}, which the total would reveal"
            changed = True


def _partner(
    figures: Mapping[Path, Figure], relation: Total, reasons: dict[Path, str]
) -> Path | None:
    def value(path: Path) -> float:
        figure = figures.get(path)
        return 0.0 if figure is None or figure.value is None else float(figure.value)

    open_parts = [p for p in relation.parts if p not in reasons and p in figures]
    nonzero = sorted((p for p in open_parts if value(p) > 0), key=value)
    if nonzero:
        return nonzero[0]
    if open_parts:
        return open_parts[0]
    if relation.total not in reasons and relation.total in figures:
        return relation.total
    return None


def _derived_reason(figure: Stat, reasons: dict[Path, str], threshold: int) -> str | None:
    for source in figure.of:
        if source in reasons:
            return f"computed from {dotted(source)}, which is suppressed"
    if any(base < threshold for base in figure.bases):
        return f"computed from fewer than {threshold} people"
    return None
