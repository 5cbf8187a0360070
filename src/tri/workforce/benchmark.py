"""Workforce benchmarks: a few headline measures compared across organisations.

Organisations compare themselves on the figures they have published, never on anyone's full
figures: `workforce_benchmark()` reads only what `measure_value()` finds in each organisation's
*published* report (its metrics JSON after `control()`), and refuses a report that was not
disclosure-controlled, as `tri.workforce.london.pool()` does. A figure disclosure control hid is
null there, so it is "not available": it is left out of the spread and never read as 0.

The measures, by their keys in tri.workforce.measures:

    disclosure.not_disclosed_pct              staff who have not disclosed their ethnicity
    representation.ratio:ethnic_minority      ethnic minority share of the workforce ÷ share of
                                              local residents
    pay_gap.median:ethnic_minority            the engine's headline median hourly pay gap of
                                              ethnic minority staff against its reference group
    senior.top_5pct_ethnic_minority_pct       ethnic minority share of the top 5% of earners

The spread (minimum, quartiles, median, maximum) and each organisation's quarter are given only
when at least `minimum` organisations have the figure, the rule the Standard's benchmark
(tri.scheme.benchmark) applies to groups. Quartiles and quarters are defined once, in
tri.standard.stats; the top quarter holds the *highest* values, whether or not higher is better
(`better` says which is, where that is clear).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from tri.standard import Quartiles, percentile, quarter, quartiles
from tri.workforce.measures import ETHNIC_MINORITY_KEY, format_value, measure, measure_value

#: The measures benchmarked, in the order they are shown.
MEASURES: Final = (
    "disclosure.not_disclosed_pct",
    f"representation.ratio:{ETHNIC_MINORITY_KEY}",
    f"pay_gap.median:{ETHNIC_MINORITY_KEY}",
    "senior.top_5pct_ethnic_minority_pct",
)

#: Fewer organisations with a figure than this and its spread and quarters are not given.
MINIMUM: Final = 5

#: What a person reads for a figure an organisation has not published.
NOT_AVAILABLE: Final = "not available"

#: Measures where neither direction is better. A representation ratio aims at parity (1.00): a
#: workforce can over-represent a group as well as under-represent it.
_NO_DIRECTION: Final = frozenset({f"representation.ratio:{ETHNIC_MINORITY_KEY}"})


@dataclass(frozen=True, slots=True)
class MemberValue:
    """One organisation's figure: None when it is suppressed or absent in its published report.
    `percentile` (mid-rank, 0 to 1) and `quarter` are None when it has no figure or too few
    organisations do."""

    key: str
    value: float | None
    percentile: float | None
    quarter: str | None

    @property
    def is_available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class MeasureBenchmark:
    """One measure across organisations.

    `unit` is "pct", "ratio" or "gap_pct" (as tri.workforce.measures); `better` is "higher",
    "lower" or None when neither is. `spread` is None when fewer than the minimum organisations
    have the figure (`n_available`).
    """

    key: str
    label: str
    unit: str
    better: str | None
    values: tuple[MemberValue, ...]
    n_available: int
    spread: Quartiles | None

    def value(self, member: str) -> MemberValue:
        for value in self.values:
            if value.key == member:
                return value
        raise KeyError(member)

    def text(self, member: str) -> str:
        """A member's figure as a person reads it: "28.2%", "1.07" or "not available"."""
        value = self.value(member).value
        return NOT_AVAILABLE if value is None else format_value(value, self.unit)


@dataclass(frozen=True, slots=True)
class WorkforceBenchmark:
    """Every benchmarked measure, in the order of MEASURES; each lists the organisations in the
    order given."""

    minimum: int
    members: tuple[str, ...]
    measures: tuple[MeasureBenchmark, ...]

    def measure(self, key: str) -> MeasureBenchmark:
        for found in self.measures:
            if found.key == key:
                return found
        raise KeyError(key)


def workforce_benchmark(
    reports: Mapping[str, Mapping[str, Any]], *, minimum: int = MINIMUM
) -> WorkforceBenchmark:
    """Compare organisations' latest *published* (disclosure-controlled) reports on MEASURES.

    `reports` maps an organisation's key to its published report JSON, never to its full
    figures. A suppressed or missing figure is not available: it is not in `n_available`, the
    spread or anyone's percentile. Raises ValueError naming the organisation for a report that
    was not disclosure-controlled, and for a `minimum` below 1.
    """
    if minimum < 1:
        raise ValueError(f"the minimum number of organisations is at least 1, not {minimum}")
    for key, report in reports.items():
        _check(key, report)
    return WorkforceBenchmark(
        minimum=minimum,
        members=tuple(reports),
        measures=tuple(_measure(key, reports, minimum) for key in MEASURES),
    )


def _check(key: str, report: Mapping[str, Any]) -> None:
    settings = report.get("settings")
    if not isinstance(settings, Mapping) or settings.get("suppression") is not True:
        raise ValueError(
            f"{key}: this report was not disclosure-controlled; organisations are benchmarked "
            "only on their published reports"
        )


def _measure(key: str, reports: Mapping[str, Mapping[str, Any]], minimum: int) -> MeasureBenchmark:
    found = measure(key)
    values = {member: measure_value(report, key) for member, report in reports.items()}
    available = [value for value in values.values() if value is not None]
    enough = len(available) >= minimum

    def place(value: float | None) -> float | None:
        return percentile(value, available) if enough and value is not None else None

    return MeasureBenchmark(
        key=key,
        label=found.label,
        unit=found.unit,
        better=None if key in _NO_DIRECTION else found.better,
        values=tuple(
            MemberValue(
                key=member,
                value=value,
                percentile=(p := place(value)),
                quarter=None if p is None else quarter(p),
            )
            for member, value in values.items()
        ),
        n_available=len(available),
        spread=quartiles(available) if enough else None,
    )
