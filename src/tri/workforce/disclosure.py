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
4. *Rounding* (optional): published counts are rounded to the nearest `rounding`, and, as the
   NHS Digital SRHAD rules did ("rounding of all counts to the nearest 5, rounding all
   rates/percentages to integers"), every percentage to a whole number and every ratio to one
   decimal place: exact percentages of known totals would otherwise give the exact counts back.

The file's row count (`settings.rows`) is dropped: with the published headcount it would be a
total no relation covers.

Every suppression is listed in the result with its reason. The input Report is not changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from tri.workforce.report import (
    Count,
    Figure,
    JsonValue,
    Path,
    Report,
    Stat,
    Suppression,
    Total,
    dotted,
)

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
    _audit(figures, report.totals, reasons, threshold)
    for path, figure in figures.items():
        if isinstance(figure, Stat) and figure.value is not None:
            reason = _derived_reason(figure, reasons, threshold)
            if reason:
                reasons[path] = reason

    controlled: dict[Path, Figure] = {}
    for path, figure in figures.items():
        if path in reasons:
            controlled[path] = replace(figure, value=None)
        elif rounding and isinstance(figure, Count) and figure.value is not None:
            controlled[path] = Count(_round(figure.value, rounding))
        elif rounding and isinstance(figure, Stat):
            controlled[path] = replace(figure, value=_coarsen(path, figure.value))
        else:
            controlled[path] = figure
    suppressed = tuple(
        Suppression(p, r) for p, r in reasons.items() if figures[p].value is not None
    )
    settings = {k: v for k, v in report.settings.items() if k != "rows"} | {
        "suppression": True,
        "threshold": threshold,
        "rounding": rounding,
    }
    return Report(controlled, report.totals, suppressed, settings)


def _small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _coarsen(path: Path, value: JsonValue) -> JsonValue:
    """A percentage to a whole number, a ratio to one decimal place; anything else as it is."""
    name = path[-1]
    digits = 0 if name.endswith("pct") else 1 if name.endswith("ratio") else None
    if digits is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(value) if digits == 0 else round(value, digits)
    if isinstance(value, list | tuple):  # an interval
        return [_coarsen(path, v) for v in value]
    return value


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


def _audit(
    figures: Mapping[Path, Figure],
    totals: tuple[Total, ...],
    reasons: dict[Path, str],
    threshold: int,
) -> None:
    """Hide more until no small count can be worked out from several relations together.

    One subtraction is not the only attack: two rows and a column can pin a cell that no single
    relation gives away. The hidden counts are the unknowns of the linear equations the
    relations make; one is determined exactly when every solution of the homogeneous system is
    zero in its place (its unit vector lies in the row space). For each determined count, the
    smallest published count in a relation with it, or else with any count it was solved
    together with, is hidden too, and secondary suppression runs again. Only small counts (1 to
    threshold − 1) matter: working out a count hidden as a partner (say 40) discloses nothing
    that could have been published.
    """
    while True:
        leaks = [
            leak
            for leak in _determined(figures, totals, reasons)
            if _small(figures[leak[0]].value, threshold)
        ]
        if not leaks:
            return
        leak, together = leaks[0]
        partner = _nearest_partner(figures, totals, reasons, {leak}) or _nearest_partner(
            figures, totals, reasons, together
        )
        if partner is None:
            return  # everything related is hidden already
        reasons[partner] = f"hidden with {dotted(leak)}, which other published figures would reveal"
        _secondary(figures, totals, reasons)


def _nearest_partner(
    figures: Mapping[Path, Figure],
    totals: tuple[Total, ...],
    reasons: Mapping[Path, str],
    hidden: set[Path],
) -> Path | None:
    """The smallest published count (non-zero first) in a relation with any of `hidden`."""

    def key(path: Path) -> tuple[bool, float]:
        value = figures[path].value or 0.0
        return (value == 0, float(value))

    candidates = {
        member
        for relation in totals
        if hidden.intersection(relation.members())
        for member in relation.members()
        if member not in reasons and isinstance(figures.get(member), Count)
    }
    return min(candidates, key=key) if candidates else None


def _determined(
    figures: Mapping[Path, Figure], totals: tuple[Total, ...], reasons: Mapping[Path, str]
) -> list[tuple[Path, set[Path]]]:
    """Hidden counts the published ones pin down, each with the hidden counts solved with it."""
    hidden = [
        p for p in reasons if isinstance(figures.get(p), Count) and figures[p].value is not None
    ]
    index = {p: i for i, p in enumerate(hidden)}
    rows: list[dict[int, float]] = []
    for relation in totals:
        row: dict[int, float] = {}
        for sign, members in ((1.0, (relation.total,)), (-1.0, relation.parts)):
            for member in members:
                if member in index:
                    row[index[member]] = row.get(index[member], 0.0) + sign
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    # Unknowns linked by a relation are solved together; apart, they cannot inform each other.
    parent = list(range(len(hidden)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        first, *rest = row
        for other in rest:
            parent[find(other)] = find(first)
    components: dict[int, list[dict[int, float]]] = {}
    for row in rows:
        components.setdefault(find(next(iter(row))), []).append(row)
    found: list[tuple[Path, set[Path]]] = []
    for equations in components.values():
        unknowns = sorted({i for row in equations for i in row})
        column = {u: j for j, u in enumerate(unknowns)}
        matrix = np.zeros((len(equations), len(unknowns)))
        for r, row in enumerate(equations):
            for u, coefficient in row.items():
                matrix[r, column[u]] = coefficient
        _, singular, vt = np.linalg.svd(matrix)
        rank = int((singular > 1e-9 * max(1.0, singular[0])).sum()) if singular.size else 0
        null_space = vt[rank:]
        together = {hidden[u] for u in unknowns}
        for u, j in column.items():
            if null_space.shape[0] == 0 or np.all(np.abs(null_space[:, j]) < 1e-9):
                found.append((hidden[u], together))
    return sorted(found, key=lambda leak: leak[0])


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
