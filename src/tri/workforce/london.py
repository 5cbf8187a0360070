"""The London-wide picture, pooled from the figures each organisation has published.

London Councils coordinates the programme and must see combined figures across every
organisation that submitted, without ever holding any organisation's full figures. So `pool()`
reads only each organisation's *published* report: its metrics JSON after disclosure control
(`control()`), which the coordinator may see anyway. It refuses a report that was not
disclosure-controlled.

**Why this is safe.** Every number `pool()` reads is already public. What it returns are sums of
public numbers, published totals less their published parts, percentages of those, and census
figures (already protected by ONS). Anything that can be worked out from the pooled result could
be worked out from the published reports already: pooling opens no new way to a hidden cell,
because the hidden cells never reach it.

**What it costs.** A cell hidden at organisation level is missing from the London figures, even
though pooled across London it would be far above the threshold: a borough's 4 Mixed staff in
its £90–100k range are published as null, so they are in no London numerator. `pool()` does not
guess them. It reports how many staff sit in cells that could not be counted (`not_counted`: a
published total less the sum of its published parts), so the reader sees how much is missing and
where. Small groups and the top salary ranges, where cells are small, lose the most, so their
pooled shares lean low. Each salary range therefore also gives the lowest and highest its ethnic
minority share could be were the staff not counted there all White or all ethnic minority
(`pct_known_bounds`), and the glass ceiling says whether it would survive the worst case
(`certain`). (A range whose headcount an organisation hid is not in its bounds: those staff are
only in the overall `not_counted.salary_ranges`.) Pooling the full figures and controlling the
pooled table would lose less, but the coordinator would then hold everyone's full figures.

`pool()` returns:

- `organisations` (how many), `returns` (names by kind), `headcount` (published headcounts);
- `disclosure`: not disclosed, pooled, and each organisation's published share;
- `representation`: each group and ethnic minority staff, share of the staff counted with a known
  ethnicity against the population's share, ratio and difference in points;
- `salary_ranges`: staff by £10k range of full-time salary and group, from employee returns
  (aggregate returns have no people, so no salary ranges), with the ethnic minority share in each
  range, the population's, the staff not counted, and the `glass_ceiling`;
- `pay_gaps`: the organisations' ethnic minority median and mean hourly pay gaps against White
  staff, each organisation's and their spread (count, median, quartiles, min, max);
- `not_counted`: staff in cells hidden by organisations' disclosure control, in the ethnic group
  profile and in the salary ranges;
- `notes`: plain-English caveats about what is and is not in the figures.

Conventions, everywhere:

- a pooled count is the sum of the organisations' published counts; a hidden (null) count is
  left out;
- a share is of what could be counted: a group's share of staff with a known ethnicity is its
  pooled count over the pooled published counts of the five groups (`counted`), overall and in
  each salary range. A hidden cell is so left out of both sides, and the shares add up to 100.
  (An organisation's own total of staff who disclosed is no help when a cell is hidden: the
  hidden cell may be anyone's, and the total itself is often hidden with it.) The not-disclosed
  share is over the headcounts of the organisations whose not-disclosed count is published;
- *ethnic minority* is Asian, Black, Mixed and Other together, as in the engine;
- percentages are 0–100, rounded to 2 places, computed from unrounded sums;
- *quartiles* of the organisations' pay gaps are numpy's default ("linear": Hyndman and Fan's
  definition 7): with the n values sorted, the p-quantile is at position (n − 1) × p counting
  from 0, interpolating between neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from tri.workforce.ethnicity import ALL_GROUPS, ETHNIC_MINORITY_GROUPS, GROUPS, NOT_DISCLOSED, WHITE
from tri.workforce.metrics import SALARY_RANGES, Options
from tri.workforce.population import SOURCE as POPULATION_SOURCE
from tri.workforce.population import Population

Json = dict[str, Any]

#: The glass ceiling fraction the engine uses by default.
FRACTION: Final = Options().glass_ceiling_fraction
_KINDS: Final = ("employee", "aggregate")


def pool(
    reports: Mapping[str, Mapping[str, Any]],
    *,
    population: Population,
    fraction: float = FRACTION,
) -> dict[str, Any]:
    """Pool organisations' published (disclosure-controlled) report JSON into London figures.

    `reports` maps an organisation's name to its latest published report, employee or aggregate
    kind; `population` is the population compared with (`population("london")`). Returns plain
    dicts and lists: `organisations`, `returns`, `headcount`, `disclosure`, `representation`,
    `salary_ranges`, `pay_gaps`, `not_counted` and `notes`. Raises ValueError for a report that
    is not a disclosure-controlled metrics report.
    """
    for name, report in reports.items():
        _check(name, report)
    names = sorted(reports)
    kinds = {kind: [n for n in names if _kind(reports[n]) == kind] for kind in _KINDS}
    headcounts = {n: _count(reports[n], "headcount") for n in names}
    hidden_headcount = [n for n in names if headcounts[n] is None]
    profile_not_counted = sum(
        _missing(headcounts[n], [_count(reports[n], *_profile(g)) for g in ALL_GROUPS])
        for n in names
    )
    disclosure = _disclosure(reports, names)
    representation = _representation(reports, names, population)
    salary = _salary_ranges(reports, names, population, fraction)
    pay_gaps = _pay_gaps(reports, names)
    return {
        "organisations": len(names),
        "returns": kinds,
        "headcount": _whole(sum(v for v in headcounts.values() if v is not None)),
        "disclosure": disclosure,
        "representation": representation,
        "salary_ranges": salary,
        "pay_gaps": pay_gaps,
        "not_counted": {
            "profile": _whole(profile_not_counted),
            "salary_ranges": salary["not_counted"],
        },
        "notes": _notes(
            reports, names, kinds, hidden_headcount, profile_not_counted, disclosure, salary
        ),
    }


# ---------------------------------------------------------------- reading a published report


def _check(name: str, report: Mapping[str, Any]) -> None:
    settings = report.get("settings")
    if not isinstance(settings, Mapping) or settings.get("kind") not in _KINDS:
        raise ValueError(f"{name}: not a workforce metrics report (no settings.kind)")
    if settings.get("suppression") is not True:
        raise ValueError(
            f"{name}: this report was not disclosure-controlled; London figures are pooled only "
            "from published reports"
        )


def _kind(report: Mapping[str, Any]) -> str:
    return str(report["settings"]["kind"])


def _get(report: Mapping[str, Any], *keys: str) -> Any:
    """The value at `keys`, or None where it is null, missing or under a null section."""
    node: Any = report
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _count(report: Mapping[str, Any], *keys: str) -> float | None:
    value = _get(report, *keys)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _profile(group: str) -> tuple[str, ...]:
    return ("profile", "groups", group, "count")


def _sum(values: Iterable[float | None]) -> float:
    return sum(v for v in values if v is not None)


def _missing(total: float | None, parts: Iterable[float | None]) -> float:
    """Staff in a published total that its published parts do not account for. 0 when the total
    is hidden (its staff are then not counted anywhere); never negative (rounded counts)."""
    return 0.0 if total is None else max(0.0, total - _sum(parts))


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else round(value, 2)


def _share(part: float, whole: float) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# ---------------------------------------------------------------- sections


def _disclosure(reports: Mapping[str, Mapping[str, Any]], names: list[str]) -> Json:
    """Not disclosed, pooled over the organisations whose headcount and not-disclosed count are
    both published (one without the other says nothing about the share)."""
    counted = [
        n
        for n in names
        if _count(reports[n], "headcount") is not None
        and _count(reports[n], *_profile(NOT_DISCLOSED)) is not None
    ]
    headcount = _sum(_count(reports[n], "headcount") for n in counted)
    nd = _sum(_count(reports[n], *_profile(NOT_DISCLOSED)) for n in counted)
    return {
        "organisations": counted,
        "headcount": _whole(headcount),
        "not_disclosed": _whole(nd),
        "not_disclosed_pct": _two(_share(nd, headcount)),
        "by_organisation": {n: _get(reports[n], "disclosure", "not_disclosed_pct") for n in names},
    }


def _comparison(count: float, known: float, residents: int, population: Population) -> Json:
    workforce = _share(count, known)
    population_pct = population.pct(residents)
    return {
        "count": _whole(count),
        "workforce_pct": _two(workforce),
        "population_pct": round(population_pct, 2),
        "ratio": None if workforce is None else round(workforce / population_pct, 3),
        "difference_pts": None if workforce is None else round(workforce - population_pct, 2),
    }


def _population(population: Population) -> Json:
    return {
        "code": population.code,
        "name": population.name,
        "residents": population.total,
        "source": POPULATION_SOURCE,
    }


def _em_residents(population: Population) -> int:
    return sum(population.group(g) for g in ETHNIC_MINORITY_GROUPS)


def _representation(
    reports: Mapping[str, Mapping[str, Any]], names: list[str], population: Population
) -> Json:
    """Each group's share of the pooled staff counted with a known ethnicity, against residents'."""
    groups = {g: _sum(_count(reports[n], *_profile(g)) for n in names) for g in GROUPS}
    counted = sum(groups.values())
    em = sum(groups[g] for g in ETHNIC_MINORITY_GROUPS)
    return {
        "population": _population(population),
        "counted": _whole(counted),
        "groups": {
            g: _comparison(groups[g], counted, population.group(g), population) for g in GROUPS
        },
        "ethnic_minority": _comparison(em, counted, _em_residents(population), population),
    }


def _salary_ranges(
    reports: Mapping[str, Mapping[str, Any]],
    names: list[str],
    population: Population,
    fraction: float,
) -> Json:
    """Staff by salary range and group, pooled over the reports that have salary ranges."""
    having = [n for n in names if isinstance(_get(reports[n], "salary_ranges", "ranges"), Mapping)]
    ranges: dict[str, Json] = {}
    shares: list[RangeShare] = []
    em_all = counted_all = 0.0
    for label in SALARY_RANGES:
        base = ("salary_ranges", "ranges", label)
        headcount = _sum(_count(reports[n], *base, "headcount") for n in having)
        counts = {
            g: _sum(_count(reports[n], *base, "groups", g, "count") for n in having)
            for g in ALL_GROUPS
        }
        not_counted = sum(
            _missing(
                _count(reports[n], *base, "headcount"),
                [_count(reports[n], *base, "groups", g, "count") for g in ALL_GROUPS],
            )
            for n in having
        )
        counted = sum(counts[g] for g in GROUPS)
        em = sum(counts[g] for g in ETHNIC_MINORITY_GROUPS)
        em_all += em
        counted_all += counted
        share = _share(em, counted)
        # If every staff member not counted in the range were ethnic minority, or none were.
        lowest = _share(em, counted + not_counted)
        highest = _share(em + not_counted, counted + not_counted)
        if share is not None and highest is not None:
            shares.append(RangeShare(label, share, highest))
        groups: Json = {
            g: {"count": _whole(counts[g]), "pct_known": _two(_share(counts[g], counted))}
            for g in GROUPS
        }
        groups[NOT_DISCLOSED] = {"count": _whole(counts[NOT_DISCLOSED])}
        ranges[label] = {
            "headcount": _whole(headcount),
            "counted": _whole(counted),
            "groups": groups,
            "ethnic_minority": {
                "count": _whole(em),
                "pct_known": _two(share),
                "pct_known_bounds": [_two(lowest), _two(highest)],
            },
            "not_counted": _whole(not_counted),
        }
    # Everyone in post in an organisation whose headcount is published, less every published
    # cell: this includes the staff of ranges whose headcount is hidden.
    not_counted_all = sum(
        _missing(
            _count(reports[n], "headcount"),
            [
                _count(reports[n], "salary_ranges", "ranges", r, "groups", g, "count")
                for r in SALARY_RANGES
                for g in ALL_GROUPS
            ],
        )
        for n in having
    )
    return {
        "order": list(SALARY_RANGES),
        "organisations": having,
        "population_ethnic_minority_pct": round(population.pct(_em_residents(population)), 2),
        "ranges": ranges,
        "glass_ceiling": glass_ceiling(shares, _share(em_all, counted_all), fraction),
        "not_counted": _whole(not_counted_all),
    }


@dataclass(frozen=True, slots=True)
class RangeShare:
    """The ethnic minority share of one salary range's counted staff with a known ethnicity, and
    the highest it could be if every staff member not counted there were ethnic minority."""

    range: str
    pct: float
    highest_pct: float


def glass_ceiling(
    shares: Sequence[RangeShare], overall: float | None, fraction: float = FRACTION
) -> Json:
    """The ethnic minority glass ceiling over salary ranges.

    `shares` are the ranges, lowest first, with anyone counted; `overall` is the ethnic minority
    share across all of them. The line is `fraction` × `overall`. `range` is the first range
    from which the share stays below the line in every higher range (London Councils' "glass
    ceiling … at the £50–60k pay band"); `first_below` is the first range below the line at all
    (the engine's `band`), lower when the share dips and recovers. `certain` says whether the
    ceiling would still be there if every staff member not counted in those ranges were ethnic
    minority: hidden cells are mostly small groups, so an uncertain ceiling may be partly made
    by suppression.
    """
    line = None if overall is None else fraction * overall
    below = [line is not None and s.pct < line for s in shares]
    first_below = next((s.range for s, b in zip(shares, below, strict=True) if b), None)
    start = len(shares)
    while start > 0 and below[start - 1]:
        start -= 1
    above = shares[start:]
    found = above[0] if above else None
    certain = None if line is None or not above else all(s.highest_pct < line for s in above)
    return {
        "fraction": fraction,
        "overall_pct": _two(overall),
        "line_pct": _two(line),
        "range": None if found is None else found.range,
        "range_pct": None if found is None else _two(found.pct),
        "first_below": first_below,
        "certain": certain,
    }


def quartiles(values: Iterable[float]) -> Json:
    """count, median, lower and upper quartile (numpy's linear method), min and max; None for
    each statistic when there are no values."""
    array = np.asarray(list(values), dtype=float)
    if array.size == 0:
        return dict.fromkeys(("median", "lower_quartile", "upper_quartile", "min", "max")) | {
            "count": 0
        }
    lower, median, upper = np.percentile(array, [25, 50, 75])
    return {
        "count": int(array.size),
        "median": round(float(median), 2),
        "lower_quartile": round(float(lower), 2),
        "upper_quartile": round(float(upper), 2),
        "min": round(float(array.min()), 2),
        "max": round(float(array.max()), 2),
    }


def _pay_gaps(reports: Mapping[str, Mapping[str, Any]], names: list[str]) -> Json:
    """The spread of organisations' ethnic minority pay gaps (against White staff).

    Medians come from employee returns only (cells' medians cannot be pooled); means from
    employee returns and aggregate returns that give mean pay. An organisation is listed with
    None when its gap is suppressed, or was measured against White British."""
    out: Json = {}
    for measure in ("median", "mean"):
        by_organisation: dict[str, float | None] = {}
        for n in names:
            report = reports[n]
            if "pay_gap" not in report or (measure == "median" and _kind(report) == "aggregate"):
                continue  # no pay in the return, or no medians from cells
            value = _get(report, "pay_gap", "ethnic_minority", f"{measure}_gap_pct")
            comparable = _get(report, "pay_gap", "reference") == WHITE
            number = isinstance(value, int | float) and not isinstance(value, bool)
            by_organisation[n] = float(value) if comparable and number else None
        available = [v for v in by_organisation.values() if v is not None]
        out[measure] = {"by_organisation": by_organisation, **quartiles(available)}
    return out


# ---------------------------------------------------------------- notes


def _organisations(n: int) -> str:
    return f"{n} organisation{'s' if n != 1 else ''}"


def _staff(n: float) -> str:
    return "1 member of staff" if n == 1 else f"{_whole(n):,} staff"


def _notes(
    reports: Mapping[str, Mapping[str, Any]],
    names: list[str],
    kinds: Mapping[str, list[str]],
    hidden_headcount: list[str],
    profile_not_counted: float,
    disclosure: Json,
    salary: Json,
) -> list[str]:
    if not names:
        return ["No reports to pool: there are no London figures yet."]
    notes = [
        "Pooled only from each organisation's published figures, after its disclosure control: "
        "figures hidden there are not in the London totals."
    ]
    aggregates = kinds["aggregate"]
    without_pay = [n for n in aggregates if "pay_gap" not in reports[n]]
    with_pay = [n for n in aggregates if "pay_gap" in reports[n]]
    if without_pay:
        notes.append(
            f"{_organisations(len(without_pay))} sent an aggregate return without pay: they are "
            "in the representation figures but not in salary ranges or pay gaps."
        )
    if with_pay:
        notes.append(
            f"{_organisations(len(with_pay))} sent an aggregate return with mean pay: they are in "
            "the representation figures and the mean pay gaps, but not in salary ranges or "
            "median pay gaps."
        )
    missing_ranges = [n for n in kinds["employee"] if n not in salary["organisations"]]
    if missing_ranges:
        notes.append(
            f"{_organisations(len(missing_ranges))} sent a report made before salary ranges were "
            f"added ({', '.join(missing_ranges)}): not in the salary ranges."
        )
    if hidden_headcount:
        notes.append(
            f"The headcount of {_organisations(len(hidden_headcount))} is suppressed "
            f"({', '.join(hidden_headcount)}): their staff are not in the totals."
        )
    if profile_not_counted:
        notes.append(
            f"{_staff(profile_not_counted)} sit in ethnic group figures that organisations "
            "suppressed: they are in the headcount but in no group's count or share."
        )
    nd_hidden = [n for n in names if n not in disclosure["organisations"]]
    if nd_hidden:
        notes.append(
            f"The not-disclosed count of {_organisations(len(nd_hidden))} is suppressed "
            f"({', '.join(nd_hidden)}): they are left out of the not-disclosed share."
        )
    if salary["not_counted"]:
        notes.append(
            f"{_staff(salary['not_counted'])} sit in salary range figures that organisations "
            "suppressed: they are in no range's group counts or shares."
        )
    ceiling = salary["glass_ceiling"]
    if ceiling["certain"] is False:
        notes.append(
            f"The glass ceiling from {ceiling['range']} rests partly on suppressed figures: were "
            "the staff not counted in those ranges from ethnic minority groups, the share would "
            "not stay below the line (see each range's pct_known_bounds)."
        )
    white_british = [
        n for n in names if _get(reports[n], "pay_gap", "reference") == "White British"
    ]
    if white_british:
        notes.append(
            f"{_organisations(len(white_british))} measured pay gaps against White British staff "
            f"({', '.join(white_british)}): not comparable, so left out of the pay gaps."
        )
    rounded = [n for n in names if reports[n]["settings"].get("rounding")]
    if rounded:
        notes.append(
            f"{_organisations(len(rounded))} published rounded counts ({', '.join(rounded)}): "
            "sums that include them are approximate."
        )
    return notes
