"""Measures a target can be set on, and progress towards a target across snapshots.

An organisation sets targets on figures of its workforce metrics ("ethnic minority share of the
top 5% of earners: 25% by 2022, 35% by 2023, 45% by 2024, 50% by 2025"). A *measure* names one
figure of a report's JSON by a stable key, so a target outlives any one snapshot:

    disclosure.not_disclosed_pct                     staff who have not disclosed their ethnicity
    profile.share:<group>                            a group's share of the workforce
    representation.workforce_pct:<group>             a group's share of staff who disclosed
    representation.ratio:<group>                     workforce share ÷ local population share
    senior.top_5pct_ethnic_minority_pct              ethnic minority share of the top 5% of earners
    senior.tier_ethnic_minority_pct:<tier>           ethnic minority share of a leadership tier
    pay_band.ethnic_minority_pct:<band>              ethnic minority share of a pay band (disclosed)
    pay_gap.median:<group>, pay_gap.mean:<group>     hourly pay gaps against the reference group
    relative_likelihood.appointment_from_shortlisting | .formal_disciplinary
        | .non_mandatory_training                    the WRES relative likelihoods
    rates.leavers:<group>                            leaver rates

`<group>` is `ethnic_minority` or one of the high-level groups as the JSON names them (`Asian`,
`Black`, `Mixed`, `White`, `Other`); bands and tiers are named as the return names them.

`measure_value()` reads a measure from a report's JSON and gives None when the figure is missing,
not defined or suppressed: a target's progress reads what the report it is given shows, so give
it disclosure-controlled reports wherever the result is seen outside the organisation.
`progress()` sets the actual values of a measure, snapshot by snapshot, against a target's
milestones, interpolated linearly between milestone years.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from tri.workforce.ethnicity import ETHNIC_MINORITY_GROUPS, GROUPS, WHITE

#: The key naming ethnic minority staff (Asian, Black, Mixed and Other together) in a measure.
ETHNIC_MINORITY_KEY: Final = "ethnic_minority"

UNITS: Final = ("pct", "ratio", "gap_pct")
DIRECTIONS: Final = ("at_least", "at_most")
STATUSES: Final = ("on_track", "behind", "achieved", "no_data", "not_started")
FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2100

_MINUS: Final = "\u2212"
_LEFT: Final = "\u201c"
_RIGHT: Final = "\u201d"

#: How each group is named at the start of a label ("Black staff …").
_ADJECTIVE: Final[Mapping[str, str]] = {
    ETHNIC_MINORITY_KEY: "Ethnic minority",
    "Asian": "Asian",
    "Black": "Black",
    "Mixed": "Mixed or Multiple ethnic group",
    "White": "White",
    "Other": "Other ethnic group",
}


@dataclass(frozen=True, slots=True)
class Measure:
    """A figure a target can be set on.

    `unit` is "pct" (a percentage, 0–100), "ratio" or "gap_pct" (a pay gap in %, positive when
    the group is paid less). `better` is the direction a target on it normally aims at
    ("higher" or "lower"); the target itself chooses its direction.
    """

    key: str
    label: str
    unit: str
    better: str


@dataclass(frozen=True, slots=True)
class YearProgress:
    """One year of a target: the planned value (None before the first milestone), the actual
    value (None without a figure that year) and whether the actual meets the plan."""

    year: int
    planned: float | None
    actual: float | None
    met: bool | None


@dataclass(frozen=True, slots=True)
class Progress:
    """A target's trajectory against the actual figures, and where it stands now.

    `status` is one of "on_track", "behind", "achieved", "no_data", "not_started" (see
    `progress()`); `sentence` says the same in plain English.
    """

    years: tuple[YearProgress, ...]
    status: str
    latest_year: int | None
    latest_actual: float | None
    latest_planned: float | None
    sentence: str
    #: How the values are written: "pct", "gap_pct" or "ratio" (see `format_value`).
    unit: str = "pct"


# ---------------------------------------------------------------- reading the JSON


def _at(report: Mapping[str, Any], *path: str) -> Any:
    """The value at `path`, or None if any step is missing or not a mapping."""
    node: Any = report
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def band_ethnic_minority_pct(report: Mapping[str, Any], band: str) -> float | None:
    """The ethnic minority share of staff who disclosed in one pay band, as a percentage.

    The sum of the Asian, Black, Mixed and Other `pct_known` shares; when one of them is
    suppressed, 100 less the White share, which is the same figure (the five groups make up
    everyone in the band who disclosed) and can be worked out from what is published. None when
    neither can be read.
    """
    groups = _at(report, "pay_bands", "bands", band, "groups")
    if not isinstance(groups, Mapping):
        return None
    shares = [_number(_at(groups, group, "pct_known")) for group in ETHNIC_MINORITY_GROUPS]
    if all(share is not None for share in shares):
        return round(sum(share for share in shares if share is not None), 2)
    white = _number(_at(groups, WHITE, "pct_known"))
    return None if white is None else round(100.0 - white, 2)


def _leaver_rate(report: Mapping[str, Any], group: str) -> float | None:
    leavers = _at(report, "rates", "leavers")
    if not isinstance(leavers, Mapping):
        return None
    if group != ETHNIC_MINORITY_KEY:
        return _number(_at(leavers, group, "rate_pct"))
    counts = [_number(_at(leavers, g, "count")) for g in ETHNIC_MINORITY_GROUPS]
    staff = [_number(_at(leavers, g, "staff")) for g in ETHNIC_MINORITY_GROUPS]
    if any(value is None for value in (*counts, *staff)):
        return None
    everyone = sum(value for value in staff if value is not None)
    if everyone == 0:
        return None
    return round(100.0 * sum(value for value in counts if value is not None) / everyone, 2)


def _group_entry(section: Any, group: str) -> Any:
    if group == ETHNIC_MINORITY_KEY:
        return _at(section, "ethnic_minority")
    return _at(section, "groups", group)


# ---------------------------------------------------------------- the kinds of measure


@dataclass(frozen=True, slots=True)
class _Family:
    """Measures that share a key before the colon: one measure, or one per group, band or tier."""

    base: str
    #: None (no parameter), "group", "band" or "tier".
    param: str | None
    unit: str
    label: Callable[[str], str]
    better: Callable[[str], str]
    read: Callable[[Mapping[str, Any], str], float | None]
    #: The parameters this report has (for a family without one: ("",) when present, else ()).
    present: Callable[[Mapping[str, Any]], tuple[str, ...]]
    #: The groups a group parameter may name.
    groups: tuple[str, ...] = ()


def _higher(_: str) -> str:
    return "higher"


def _lower(_: str) -> str:
    return "lower"


def _higher_unless_white(group: str) -> str:
    return "lower" if group == WHITE else "higher"


def _if(present: bool) -> tuple[str, ...]:
    return ("",) if present else ()


def _keys_with(section: Any, field: str, groups: tuple[str, ...]) -> tuple[str, ...]:
    """The groups of `groups` whose entry in `section` has `field` (null or not)."""
    found = []
    for group in groups:
        entry = _group_entry(section, group)
        if isinstance(entry, Mapping) and field in entry:
            found.append(group)
    return tuple(found)


def _pay_gap_groups(report: Mapping[str, Any]) -> tuple[str, ...]:
    named = tuple(_mapping(_at(report, "pay_gap", "groups")))
    return (ETHNIC_MINORITY_KEY, *(g for g in GROUPS if g in named))


def _pay_gap_label(kind: str) -> Callable[[str], str]:
    def label(group: str) -> str:
        if group == WHITE:
            return f"{kind} hourly pay gap: White minority staff (against White British staff)"
        return f"{kind} hourly pay gap: {_in_sentence(group)} staff"

    return label


def _in_sentence(group: str) -> str:
    return "ethnic minority" if group == ETHNIC_MINORITY_KEY else _ADJECTIVE[group]


def _band_label(band: str) -> str:
    named = band if band.lower().startswith("band") else f"pay band {band}"
    return f"Ethnic minority share of staff who disclosed, {named}"


_EVERY_GROUP: Final = (ETHNIC_MINORITY_KEY, *GROUPS)


def _likelihood(name: str, label: str) -> _Family:
    """A WRES relative likelihood: one ratio, lower is better (1.00 is equal)."""
    return _Family(
        base=f"relative_likelihood.{name}",
        param=None,
        unit="ratio",
        label=lambda _: label,
        better=_lower,
        read=lambda r, _: _number(_at(r, "relative_likelihood", name, "ratio")),
        present=lambda r: _if(isinstance(_at(r, "relative_likelihood", name), Mapping)),
    )


_FAMILIES: Final[tuple[_Family, ...]] = (
    _Family(
        base="disclosure.not_disclosed_pct",
        param=None,
        unit="pct",
        label=lambda _: "Staff who have not disclosed their ethnicity",
        better=_lower,
        read=lambda r, _: _number(_at(r, "disclosure", "not_disclosed_pct")),
        present=lambda r: _if("not_disclosed_pct" in _mapping(_at(r, "disclosure"))),
    ),
    _Family(
        base="profile.share",
        param="group",
        groups=GROUPS,
        unit="pct",
        label=lambda g: f"{_ADJECTIVE[g]} staff as a share of the workforce",
        better=_higher_unless_white,
        read=lambda r, g: _number(_at(r, "profile", "groups", g, "pct")),
        present=lambda r: tuple(g for g in GROUPS if g in _mapping(_at(r, "profile", "groups"))),
    ),
    _Family(
        base="representation.workforce_pct",
        param="group",
        groups=_EVERY_GROUP,
        unit="pct",
        label=lambda g: f"{_ADJECTIVE[g]} staff as a share of staff who disclosed their ethnicity",
        better=_higher_unless_white,
        read=lambda r, g: _number(_at(_group_entry(_at(r, "representation"), g), "workforce_pct")),
        present=lambda r: _keys_with(_at(r, "representation"), "workforce_pct", _EVERY_GROUP),
    ),
    _Family(
        base="representation.ratio",
        param="group",
        groups=_EVERY_GROUP,
        unit="ratio",
        label=lambda g: f"{_ADJECTIVE[g]} staff: share of the workforce ÷ share of local residents",
        better=_higher_unless_white,
        read=lambda r, g: _number(_at(_group_entry(_at(r, "representation"), g), "ratio")),
        present=lambda r: _keys_with(_at(r, "representation"), "ratio", _EVERY_GROUP),
    ),
    _Family(
        base="senior.top_5pct_ethnic_minority_pct",
        param=None,
        unit="pct",
        label=lambda _: "Ethnic minority share of the top 5% of earners",
        better=_higher,
        read=lambda r, _: _number(_at(r, "senior", "top_5pct_ethnic_minority_pct")),
        present=lambda r: _if("top_5pct_ethnic_minority_pct" in _mapping(_at(r, "senior"))),
    ),
    _Family(
        base="senior.tier_ethnic_minority_pct",
        param="tier",
        unit="pct",
        label=lambda t: f"Ethnic minority share of {t}",
        better=_higher,
        read=lambda r, t: _number(_at(r, "senior", "tiers", t, "ethnic_minority_pct")),
        present=lambda r: tuple(_mapping(_at(r, "senior", "tiers"))),
    ),
    _Family(
        base="pay_band.ethnic_minority_pct",
        param="band",
        unit="pct",
        label=_band_label,
        better=_higher,
        read=band_ethnic_minority_pct,
        present=lambda r: tuple(
            str(b)
            for b in (_at(r, "pay_bands", "order") or ())
            if str(b) in _mapping(_at(r, "pay_bands", "bands"))
        ),
    ),
    _Family(
        base="pay_gap.median",
        param="group",
        groups=_EVERY_GROUP,
        unit="gap_pct",
        label=_pay_gap_label("Median"),
        better=_lower,
        read=lambda r, g: _number(_at(_group_entry(_at(r, "pay_gap"), g), "median_gap_pct")),
        present=lambda r: _keys_with(_at(r, "pay_gap"), "median_gap_pct", _pay_gap_groups(r)),
    ),
    _Family(
        base="pay_gap.mean",
        param="group",
        groups=_EVERY_GROUP,
        unit="gap_pct",
        label=_pay_gap_label("Mean"),
        better=_lower,
        read=lambda r, g: _number(_at(_group_entry(_at(r, "pay_gap"), g), "mean_gap_pct")),
        present=lambda r: _keys_with(_at(r, "pay_gap"), "mean_gap_pct", _pay_gap_groups(r)),
    ),
    _likelihood(
        "appointment_from_shortlisting",
        "Relative likelihood of White applicants being appointed from shortlisting "
        "compared with ethnic minority applicants (WRES 2)",
    ),
    _likelihood(
        "formal_disciplinary",
        "Relative likelihood of ethnic minority staff entering a formal disciplinary "
        "process compared with White staff (WRES 3)",
    ),
    _likelihood(
        "non_mandatory_training",
        "Relative likelihood of White staff accessing non-mandatory training compared "
        "with ethnic minority staff (WRES 4)",
    ),
    _Family(
        base="rates.leavers",
        param="group",
        groups=_EVERY_GROUP,
        unit="pct",
        label=lambda g: f"Leaver rate: {_in_sentence(g)} staff",
        better=_lower,
        read=_leaver_rate,
        present=lambda r: _EVERY_GROUP if isinstance(_at(r, "rates", "leavers"), Mapping) else (),
    ),
)

_BY_BASE: Final[Mapping[str, _Family]] = {family.base: family for family in _FAMILIES}


def _parse_key(key: str) -> tuple[_Family, str]:
    if not isinstance(key, str) or not key.strip():
        raise ValueError("A measure key is empty.")
    base, colon, param = key.partition(":")
    family = _BY_BASE.get(base)
    if family is None:
        known = ", ".join(f.base for f in _FAMILIES)
        raise ValueError(f"{_LEFT}{key}{_RIGHT} is not a measure. Measures: {known}.")
    if family.param is None:
        if colon:
            raise ValueError(f"{_LEFT}{key}{_RIGHT}: {base} takes nothing after a colon.")
        return family, ""
    if not param:
        what = {"group": "an ethnic group", "band": "a pay band", "tier": "a leadership tier"}
        raise ValueError(
            f"{_LEFT}{key}{_RIGHT}: {base} needs {what[family.param]} after a colon, "
            f"such as {base}:{_example(family)}."
        )
    if family.param == "group" and param not in family.groups:
        raise ValueError(f"{_LEFT}{key}{_RIGHT}: {param} is not one of {', '.join(family.groups)}.")
    return family, param


def _example(family: _Family) -> str:
    if family.param == "group":
        return family.groups[0]
    return "6" if family.param == "band" else "Corporate Leadership Group"


def _build(family: _Family, param: str) -> Measure:
    key = f"{family.base}:{param}" if family.param else family.base
    return Measure(
        key=key, label=family.label(param), unit=family.unit, better=family.better(param)
    )


def measure(key: str) -> Measure:
    """The measure a key names, whether or not any report has it; ValueError if not a measure."""
    family, param = _parse_key(key)
    return _build(family, param)


def measure_label(key: str) -> str:
    """The label of any valid measure key; ValueError, naming the key, if it is not one."""
    return measure(key).label


def available_measures(report: Mapping[str, Any]) -> tuple[Measure, ...]:
    """The measures this report has, in the order a list to choose from should show them.

    A measure is available when its figure is in the report's shape, even if this snapshot's
    value is null (suppressed or not defined): a target spans years. Group, band and tier
    measures are expanded from the report's own keys: bands in pay band order, groups with
    ethnic minority staff first.
    """
    found: list[Measure] = []
    for family in _FAMILIES:
        found.extend(_build(family, param) for param in family.present(report))
    return tuple(found)


def measure_value(report: Mapping[str, Any], key: str) -> float | None:
    """The measure's value in this report: None when missing, not defined or suppressed.

    ValueError if the key is not a measure.
    """
    family, param = _parse_key(key)
    return family.read(report, param)


# ---------------------------------------------------------------- milestones


_SEPARATORS: Final = re.compile(r"[,;\n]+")
_BY_YEAR: Final = re.compile(r"^(?P<value>.+?)\s+by\s+(?P<year>\S+)$", re.IGNORECASE)


def parse_milestones(text: str) -> dict[int, float]:
    """Read a target's milestones: "2022=25, 2023=35" (also "2024: 45" or "45% by 2024").

    Milestones are separated by commas, semicolons or new lines. Returns year → value, in year
    order. ValueError with a message naming the piece at fault: a year must be from 2000 to
    2100 and given once, a value must be a number, and there must be at least one milestone.
    """
    milestones: dict[int, float] = {}
    for raw in _SEPARATORS.split(text or ""):
        piece = raw.strip()
        if not piece:
            continue
        year, value = _read_milestone(piece)
        if year in milestones:
            raise ValueError(f"{_LEFT}{piece}{_RIGHT}: {year} is given more than once.")
        milestones[year] = value
    if not milestones:
        raise ValueError("Give at least one milestone, such as 2025=50.")
    return dict(sorted(milestones.items()))


def _read_milestone(piece: str) -> tuple[int, float]:
    quoted = f"{_LEFT}{piece}{_RIGHT}"
    by = _BY_YEAR.match(piece)
    if by is not None:
        year_text, value_text = by["year"], by["value"]
    elif "=" in piece or ":" in piece:
        separator = "=" if "=" in piece else ":"
        year_text, _, value_text = piece.partition(separator)
    else:
        raise ValueError(f"{quoted}: write each milestone as YEAR=VALUE, such as 2025=50.")
    year_text, value_text = year_text.strip(), value_text.strip()
    if not year_text:
        raise ValueError(f"{quoted}: give a year, such as 2025=50.")
    if not year_text.isdigit() or not year_text.isascii():
        raise ValueError(f"{quoted}: {year_text} should be a year, such as 2025.")
    year = int(year_text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{quoted}: {year} should be a year from {FIRST_YEAR} to {LAST_YEAR}.")
    if not value_text:
        raise ValueError(f"{quoted}: give a number for {year}.")
    number_text = value_text.removesuffix("%").strip().replace(_MINUS, "-")
    try:
        value = float(number_text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", number_text):
        raise ValueError(f"{quoted}: {value_text} should be a number.") from None
    return year, value


# ---------------------------------------------------------------- progress


def format_value(value: float, unit: str, places: int | None = None) -> str:
    """A measure's value as text: "28.2%" for percentages and gaps, "1.07" for ratios."""
    if unit == "ratio":
        digits = 2 if places is None else places
        text = f"{round(value, digits) + 0.0:.{digits}f}"
    else:
        digits = 1 if places is None else places
        text = f"{round(value, digits) + 0.0:.{digits}f}%"
    return _MINUS + text[1:] if text.startswith("-") else text


def year_texts(row: YearProgress, unit: str) -> tuple[str, str]:
    """One year's planned and actual values as text ("–" where there is none), written as the
    sentence writes them: with one more place where fewer would hide a difference."""
    if row.planned is not None and row.actual is not None:
        actual, planned = _pair(row.actual, row.planned, unit)
        return planned, actual

    def shown(value: float | None) -> str:
        return "–" if value is None else format_value(value, unit)

    return shown(row.planned), shown(row.actual)


def _pair(actual: float, planned: float, unit: str) -> tuple[str, str]:
    """Both values as text, with one more place when the shorter text would hide a difference."""
    places = 1 if unit != "ratio" else 2
    for extra in (0, 1):
        shown = format_value(actual, unit, places + extra)
        target = format_value(planned, unit, places + extra)
        if shown != target or actual == planned:
            return shown, target
    return format_value(actual, unit, places + 2), format_value(planned, unit, places + 2)


def _meets(actual: float, planned: float, direction: str) -> bool:
    return actual >= planned if direction == "at_least" else actual <= planned


def _planned(points: list[tuple[int, float]], year: int, places: int) -> float | None:
    """The plan for `year`: None before the first milestone, linear between milestones, and the
    final milestone's value after it (a target met should stay met)."""
    if year < points[0][0]:
        return None
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        if y0 <= year <= y1:
            return round(v0 + (v1 - v0) * (year - y0) / (y1 - y0), places)
    return points[-1][1]


def progress(
    milestones: Mapping[int, float],
    direction: str,
    actuals: Mapping[int, float | None],
    *,
    unit: str = "pct",
) -> Progress:
    """Set a target's milestones against the actual figure of each year.

    `direction` is "at_least" (the figure should reach the plan or more) or "at_most" (the plan
    or less). The plan is interpolated linearly between milestone years; there is none before the
    first milestone, and after the last it stays at the final value. `actuals` maps each
    snapshot's year to its figure (None when it is missing or suppressed). `unit` ("pct",
    "gap_pct" or "ratio") only changes how the sentence writes numbers.

    The status reads the latest year with a figure: "achieved" when it meets the final
    milestone; "on_track" when it meets that year's plan; "behind" when it misses it;
    "not_started" when it is before the first milestone year; "no_data" when no year has a
    figure. ValueError for an unknown direction or unit, or no milestones.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"The direction should be at_least or at_most, not {direction!r}.")
    if unit not in UNITS:
        raise ValueError(f"The unit should be one of {', '.join(UNITS)}, not {unit!r}.")
    if not milestones:
        raise ValueError("A target needs at least one milestone.")
    places = 3 if unit == "ratio" else 2
    points = sorted((int(year), float(value)) for year, value in milestones.items())
    observed = {int(year): (None if v is None else float(v)) for year, v in actuals.items()}
    first_milestone, first_target = points[0]
    final_year, final_target = points[-1]

    years = []
    span = [year for year, _ in points] + list(observed)
    for year in range(min(span), max(span) + 1):
        planned = _planned(points, year, places)
        actual = observed.get(year)
        met = None if planned is None or actual is None else _meets(actual, planned, direction)
        years.append(YearProgress(year=year, planned=planned, actual=actual, met=met))

    with_figures = {year: value for year, value in observed.items() if value is not None}
    if not with_figures:
        first = format_value(first_target, unit)
        return Progress(
            years=tuple(years),
            status="no_data",
            latest_year=None,
            latest_actual=None,
            latest_planned=None,
            sentence=f"No figure yet: the first milestone is {first} by {first_milestone}.",
            unit=unit,
        )
    latest = max(with_figures)
    actual = with_figures[latest]
    planned = _planned(points, latest, places)
    if planned is None:
        status = "not_started"
        sentence = (
            f"{format_value(actual, unit)} in {latest}, before the first milestone "
            f"({format_value(first_target, unit)} by {first_milestone}): not started."
        )
    elif _meets(actual, final_target, direction):
        status = "achieved"
        shown, target = _pair(actual, final_target, unit)
        sentence = (
            f"{shown} in {latest} against a final target of {target} by {final_year}: achieved."
        )
    else:
        status = "on_track" if _meets(actual, planned, direction) else "behind"
        shown, target = _pair(actual, planned, unit)
        words = "on track" if status == "on_track" else "behind"
        sentence = f"{shown} in {latest} against a planned {target}: {words}."
    return Progress(
        years=tuple(years),
        status=status,
        latest_year=latest,
        latest_actual=actual,
        latest_planned=planned,
        sentence=sentence,
        unit=unit,
    )
