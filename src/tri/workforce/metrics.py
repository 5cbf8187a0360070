"""The workforce metrics. Definitions, formulas and sources: docs/metrics.md.

`employee_metrics()` computes everything an employee return (and optionally a recruitment
return) supports; `aggregate_metrics()` computes what headcounts by ethnicity and band support.
Both return a full Report: pass it through `disclosure.control()` before anyone else sees it.

Conventions, everywhere:
- staff *in post* are rows without `left_on`; profile, representation, bands and pay use them;
  leaver, disciplinary, grievance and training rates use every row of the year;
- *not disclosed* staff (Prefer not to say, Not known) are counted, and left out of both sides
  of every comparison;
- percentages are 0–100, rounded to 2 places; pay in pounds to 2 places.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import polars as pl

from tri.workforce import stats
from tri.workforce.ethnicity import (
    ALL_EXCEPT_WHITE_BRITISH,
    ALL_GROUPS,
    CATEGORIES,
    CENSUS_CATEGORIES,
    ETHNIC_MINORITY,
    ETHNIC_MINORITY_GROUPS,
    GROUPS,
    NOT_DISCLOSED,
    WHITE,
    WHITE_BRITISH,
    categories_in,
)
from tri.workforce.ingest import AggregateReturn, BandOrder, EmployeeReturn, RecruitmentReturn
from tri.workforce.population import SOURCE as POPULATION_SOURCE
from tri.workforce.population import Population
from tri.workforce.report import Builder, Path, Report
from tri.workforce.schemas import APPOINTED, SHORTLISTED, STAGES

QUARTERS = ("lower", "lower_middle", "upper_middle", "upper")
SCHEMA_VERSION = "1.0"


class Reference(enum.StrEnum):
    WHITE = "white"
    WHITE_BRITISH = "white-british"

    @property
    def label(self) -> str:
        return WHITE if self is Reference.WHITE else WHITE_BRITISH


@dataclass(frozen=True)
class Options:
    population: Population | None = None
    reference: Reference = Reference.WHITE
    #: A band is a glass ceiling for a group when its share there falls below this fraction of
    #: its share of the whole workforce.
    glass_ceiling_fraction: float = 0.8
    #: Target ethnic minority share of the top 5% earners, year → %.
    targets: Mapping[int, float] = field(default_factory=dict)
    #: The year the return describes (for the target trajectory).
    year: int | None = None
    seed: int = 0


def _share(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, unrounded: for ratios and comparisons."""
    return None if whole == 0 else 100.0 * part / whole


def _pct(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, as published (2 decimal places)."""
    share = _share(part, whole)
    return None if share is None else round(share, 2)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 3)


def _money(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 2)


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# ---------------------------------------------------------------- counts by ethnicity and band


@dataclass(frozen=True)
class _Cells:
    """Headcounts: group × band, and category × band where known, as plain dicts."""

    bands: BandOrder
    by_group_band: dict[tuple[str, int], int]
    by_category: dict[str, int] | None

    def group(self, group: str) -> int:
        return sum(n for (g, _), n in self.by_group_band.items() if g == group)

    def band(self, band: int) -> int:
        return sum(n for (_, b), n in self.by_group_band.items() if b == band)

    @property
    def headcount(self) -> int:
        return sum(self.by_group_band.values())


def _cells(frame: pl.DataFrame, bands: BandOrder, by_category: bool) -> _Cells:
    grouped = frame.group_by("group", "band").agg(pl.col("headcount").sum())
    by_group_band = {
        (str(g), int(b)): int(n)
        for g, b, n in grouped.select("group", "band", "headcount").iter_rows()
    }
    categories = None
    if by_category:
        counted = frame.group_by("category").agg(pl.col("headcount").sum())
        categories = {str(c): int(n) for c, n in counted.iter_rows()}
    return _Cells(bands, by_group_band, categories)


def _profile(b: Builder, cells: _Cells) -> None:
    headcount = b.count(("headcount",), cells.headcount)
    groups = []
    for group in ALL_GROUPS:
        n = cells.group(group)
        path = b.count(("profile", "groups", group, "count"), n)
        b.stat(("profile", "groups", group, "pct"), _pct(n, cells.headcount), of=[path, headcount])
        groups.append(path)
    b.total(headcount, groups)
    nd = ("profile", "groups", NOT_DISCLOSED, "count")
    nd_count = cells.group(NOT_DISCLOSED)
    mirror = b.count(("disclosure", "not_disclosed"), nd_count)
    b.stat(
        ("disclosure", "not_disclosed_pct"), _pct(nd_count, cells.headcount), of=[mirror, headcount]
    )
    b.total(mirror, [nd])
    if cells.by_category is None:
        return
    for group in ALL_GROUPS:
        parts = []
        for category in categories_in(group):
            n = cells.by_category.get(category.name, 0)
            path = b.count(("profile", "categories", category.name, "count"), n)
            b.value(("profile", "categories", category.name, "group"), group)
            b.stat(
                ("profile", "categories", category.name, "pct"),
                _pct(n, cells.headcount),
                of=[path, headcount],
            )
            parts.append(path)
        b.total(("profile", "groups", group, "count"), parts)
    for name in ("Prefer not to say", "Not known"):
        b.stat(
            ("disclosure", f"{name.lower().replace(' ', '_')}_pct"),
            _pct(cells.by_category.get(name, 0), cells.headcount),
            of=[("profile", "categories", name, "count"), headcount],
        )


def _representation(b: Builder, cells: _Cells, population: Population | None) -> None:
    if population is None:
        b.value(("representation",), None)
        return
    known = cells.headcount - cells.group(NOT_DISCLOSED)
    root = ("representation",)
    b.value(
        (*root, "population"),
        {
            "code": population.code,
            "name": population.name,
            "residents": population.total,
            "source": POPULATION_SOURCE,
        },
    )
    known_path = b.count((*root, "known"), known)
    b.total(("headcount",), [known_path, ("profile", "groups", NOT_DISCLOSED, "count")])

    def entry(key: Path, n: int, residents: int, count_path: Path) -> None:
        # Ratio and difference from the unrounded shares, then rounded.
        workforce = _share(n, known)
        population_pct = population.pct(residents)
        base = (*root, *key)
        of = [count_path, known_path]
        b.stat((*base, "workforce_pct"), _two(workforce), of=of)
        b.value((*base, "population_pct"), round(population_pct, 2))
        b.stat((*base, "ratio"), _ratio(workforce, population_pct), of=of)
        difference = None if workforce is None else round(workforce - population_pct, 2)
        b.stat((*base, "difference_pts"), difference, of=of)

    for group in GROUPS:
        entry(
            ("groups", group),
            cells.group(group),
            population.group(group),
            ("profile", "groups", group, "count"),
        )
    em = sum(cells.group(g) for g in ETHNIC_MINORITY_GROUPS)
    em_path = b.count((*root, "ethnic_minority", "count"), em)
    b.total(em_path, [("profile", "groups", g, "count") for g in ETHNIC_MINORITY_GROUPS])
    em_residents = sum(population.group(g) for g in ETHNIC_MINORITY_GROUPS)
    entry(("ethnic_minority",), em, em_residents, em_path)
    if cells.by_category is not None:
        for category in CENSUS_CATEGORIES:
            entry(
                ("categories", category.name),
                cells.by_category.get(category.name, 0),
                population.by_category[category.name],
                ("profile", "categories", category.name, "count"),
            )


def _pay_bands(b: Builder, cells: _Cells, fraction: float) -> None:
    root = ("pay_bands",)
    b.value((*root, "order"), list(cells.bands.bands))
    b.value((*root, "order_from"), cells.bands.source)
    _band_table(b, cells, (*root, "bands"))
    _glass_ceiling(b, cells, (*root, "bands"), ("glass_ceiling",), fraction)


def _band_table(b: Builder, cells: _Cells, table: Path) -> None:
    """Staff in post by band (or salary range) and group, at `table`.B.…, with its sums: each
    band's groups make its headcount, the bands make the whole headcount, and each group's
    bands make its profile count (everyone in post is in exactly one band)."""
    band_totals = []
    by_group: dict[str, list[Path]] = {g: [] for g in ALL_GROUPS}
    for index, band in enumerate(cells.bands.bands):
        base = (*table, band)
        total = cells.band(index)
        nd = cells.by_group_band.get((NOT_DISCLOSED, index), 0)
        known = total - nd
        total_path = b.count((*base, "headcount"), total)
        band_totals.append(total_path)
        nd_path = (*base, "groups", NOT_DISCLOSED, "count")
        parts = []
        for group in ALL_GROUPS:
            n = cells.by_group_band.get((group, index), 0)
            path = b.count((*base, "groups", group, "count"), n)
            parts.append(path)
            by_group[group].append(path)
            b.stat((*base, "groups", group, "pct"), _pct(n, total), of=[path, total_path])
            if group != NOT_DISCLOSED:
                b.stat(
                    (*base, "groups", group, "pct_known"),
                    _pct(n, known),
                    of=[path, total_path, nd_path],
                )
        b.total(total_path, parts)
    b.total(("headcount",), band_totals)
    for group, paths in by_group.items():
        b.total(("profile", "groups", group, "count"), paths)


def _glass_ceiling(b: Builder, cells: _Cells, table: Path, root: Path, fraction: float) -> None:
    """The first band of `table` (lowest first) where a group's share (among known) falls below
    `fraction` of its share of the whole workforce (among known), written at `root`.

    Shares among those who disclosed rest on the not-disclosed counts too."""
    known_all = cells.headcount - cells.group(NOT_DISCLOSED)
    overall_of = [("headcount",), ("profile", "groups", NOT_DISCLOSED, "count")]
    b.value((*root, "fraction"), fraction)
    for group in GROUPS:
        overall = _share(cells.group(group), known_all)
        gc = (*root, "groups", group)
        count_path = ("profile", "groups", group, "count")
        b.stat((*gc, "overall_pct"), _two(overall), of=[count_path, *overall_of])
        found: tuple[str, float, list[Path]] | None = None
        below_after = True
        for index, band in enumerate(cells.bands.bands):
            band_known = cells.band(index) - cells.by_group_band.get((NOT_DISCLOSED, index), 0)
            share = _share(cells.by_group_band.get((group, index), 0), band_known)
            if overall is None or share is None:
                continue
            below = share < fraction * overall
            if found is None and below:
                cell_of = [
                    (*table, band, "groups", group, "count"),
                    (*table, band, "headcount"),
                    (*table, band, "groups", NOT_DISCLOSED, "count"),
                ]
                found = (band, share, cell_of)
            elif found is not None and not below:
                below_after = False
        if found is None:
            b.value((*gc, "band"), None)
            b.value((*gc, "band_pct"), None)
            b.value((*gc, "stays_below"), None)
        else:
            band, share, cell_of = found
            of = [*cell_of, count_path, *overall_of]
            b.stat((*gc, "band"), band, of=of)
            b.stat((*gc, "band_pct"), _two(share), of=of)
            b.stat((*gc, "stays_below"), below_after, of=of)


# ---------------------------------------------------------------- salary ranges

#: A full-time annual salary is hourly pay × a standard working year of 36 hours × 52.143 weeks
#: (365 / 7). London local government's standard week is 35 hours in inner London and 36 in
#: outer London under the GLPC (Greater London Provincial Council) agreement, and 37 nationally
#: under the NJC; 36 is the middle of the three. Documented in docs/metrics.md#salary-ranges.
STANDARD_WEEK_HOURS: Final = 36
WEEKS_PER_YEAR: Final = 52.143
ANNUAL_HOURS: Final = STANDARD_WEEK_HOURS * WEEKS_PER_YEAR
#: £10k ranges of full-time annual salary, lowest first, written as London Councils writes them
#: ("the £50–60k pay band"). A range holds salaries from its lower edge up to, not including,
#: its upper edge: £30,000.00 is in "£30–40k".
SALARY_RANGES: Final = (
    "Under £20k",
    *(f"£{k}–{k + 10}k" for k in range(20, 100, 10)),
    "£100k and over",
)
_RANGE_WIDTH: Final = 10_000


def salary_range(annual: pl.Expr) -> pl.Expr:
    """The index in SALARY_RANGES of a full-time annual salary (pounds)."""
    # To the penny first, so a rate worked back from a round salary lands in the right range.
    steps = (annual.round(2) / _RANGE_WIDTH).floor() - 1
    return steps.clip(0, len(SALARY_RANGES) - 1).cast(pl.UInt16)


def _salary_ranges(b: Builder, staff: pl.DataFrame, fraction: float) -> None:
    """Pay bands are each council's own; £10k ranges of full-time annual salary compare across
    London. The same table and glass ceiling as pay bands, over salary ranges."""
    root = ("salary_ranges",)
    # Staff in post all have an hourly rate (the reader refuses a blank one, as pay quarters
    # rely on), so the ranges hold everyone in post and add up to the profile.
    counted = (
        staff.lazy()
        .filter(pl.col("hourly_pay").is_not_null())
        .group_by("group", salary_range(pl.col("hourly_pay") * ANNUAL_HOURS).alias("band"))
        .len("headcount")
        .collect()
    )
    cells = _cells(counted, BandOrder(SALARY_RANGES, "salary"), by_category=False)
    b.value((*root, "order"), list(SALARY_RANGES))
    b.value((*root, "hours_per_week"), STANDARD_WEEK_HOURS)
    b.value((*root, "weeks_per_year"), WEEKS_PER_YEAR)
    _band_table(b, cells, (*root, "ranges"))
    _glass_ceiling(b, cells, (*root, "ranges"), (*root, "glass_ceiling"), fraction)


# ---------------------------------------------------------------- employee-only metrics


def _is_em(col: str = "group") -> pl.Expr:
    return pl.col(col).is_in(list(ETHNIC_MINORITY_GROUPS))


def _senior(b: Builder, staff: pl.DataFrame, options: Options) -> None:
    root = ("senior",)
    pays = staff.get_column("hourly_pay").drop_nulls().to_numpy()
    if len(pays) == 0:
        b.value(root, None)
        return
    threshold = stats.nearest_rank(pays, 95)
    top = staff.select("group", "hourly_pay").filter(pl.col("hourly_pay") >= threshold)
    population_em = None
    if options.population is not None:
        residents = sum(options.population.group(g) for g in ETHNIC_MINORITY_GROUPS)
        population_em = round(options.population.pct(residents), 2)

    def block(base: Path, frame: pl.DataFrame) -> Path:
        total = frame.height
        em = frame.filter(_is_em()).height
        white = frame.filter(pl.col("group") == WHITE).height
        nd = frame.filter(pl.col("group") == NOT_DISCLOSED).height
        total_path = b.count((*base, "headcount"), total)
        em_path = b.count((*base, "ethnic_minority"), em)
        white_path = b.count((*base, "white"), white)
        nd_path = b.count((*base, "not_disclosed"), nd)
        b.total(total_path, [em_path, white_path, nd_path])
        return b.stat(
            (*base, "ethnic_minority_pct"),
            _pct(em, em + white),
            of=[em_path, white_path],
        )

    top_base = (*root, "top_5pct")
    b.stat((*top_base, "threshold_hourly_pay"), _money(threshold), bases=[top.height])
    top_pct = block(top_base, top)
    b.stat(
        (*root, "top_5pct_ethnic_minority_pct"),
        b.figures[top_pct].value,
        of=[(*top_base, "ethnic_minority"), (*top_base, "white")],
    )
    b.value((*root, "population_ethnic_minority_pct"), population_em)
    tiers = staff.select("group", "leadership_tier").filter(pl.col("leadership_tier").is_not_null())
    tier_names = sorted(tiers.get_column("leadership_tier").unique().to_list())
    if not tier_names:
        b.value((*root, "tiers"), {})
    for tier in tier_names:
        block((*root, "tiers", tier), tiers.filter(pl.col("leadership_tier") == tier))
    _targets(b, options, b.figures[top_pct].value, top_base)


def _targets(b: Builder, options: Options, actual: float | None, top_base: Path) -> None:
    root = ("senior", "targets")
    if not options.targets:
        b.value(root, None)
        return
    trajectory = dict(sorted(options.targets.items()))
    b.value((*root, "measure"), "top_5pct_ethnic_minority_pct")
    b.value((*root, "trajectory"), {str(y): v for y, v in trajectory.items()})
    year = options.year
    b.value((*root, "year"), year)
    due = [v for y, v in trajectory.items() if year is not None and y <= year]
    target = due[-1] if due else None
    b.value((*root, "target_pct"), target)
    final_year = max(trajectory)
    b.value((*root, "final_year"), final_year)
    b.value((*root, "final_target_pct"), trajectory[final_year])
    of = [(*top_base, "ethnic_minority"), (*top_base, "white")]
    b.stat((*root, "actual_pct"), actual, of=of)
    if actual is None or target is None:
        b.stat((*root, "gap_pts"), None, of=of)
        b.stat((*root, "on_track"), None, of=of)
    else:
        b.stat((*root, "gap_pts"), round(actual - target, 2), of=of)
        b.stat((*root, "on_track"), actual >= target, of=of)


@dataclass(frozen=True)
class _Comparison:
    """People compared on pay: a group, a category, or the ethnic minority groups together."""

    key: Path
    label: str
    categories: frozenset[str]


def _in_group(*groups: str) -> frozenset[str]:
    return frozenset(c.name for c in CENSUS_CATEGORIES if c.group in groups)


def _comparisons(reference: Reference) -> tuple[frozenset[str], list[_Comparison]]:
    """The reference group's categories, and every comparison made against it."""
    ref = _in_group(WHITE) if reference is Reference.WHITE else frozenset({WHITE_BRITISH})
    out = []
    for group in GROUPS:
        if reference is Reference.WHITE and group == WHITE:
            continue
        # With White British as the reference, White minorities are compared with it.
        out.append(_Comparison(("groups", group), group, _in_group(group) - {WHITE_BRITISH}))
    for category in CENSUS_CATEGORIES:
        if category.name in ref:
            continue
        out.append(
            _Comparison(("categories", category.name), category.name, frozenset({category.name}))
        )
    out.append(
        _Comparison(("ethnic_minority",), ETHNIC_MINORITY, _in_group(*ETHNIC_MINORITY_GROUPS))
    )
    return ref, out


class _ByCategory:
    """Columns of numbers grouped by category (one stable counting sort of the enum indices), so
    the people of any set of categories are a few slices, not a pass over everyone."""

    _INDEX: Final = {c.name: i for i, c in enumerate(CATEGORIES)}

    def __init__(self, codes: np.ndarray, **columns: np.ndarray) -> None:
        order = np.argsort(codes, kind="stable")
        counts = np.bincount(codes, minlength=len(CATEGORIES))
        self._ends = np.cumsum(counts)
        self._starts = self._ends - counts
        self._columns = {name: values[order] for name, values in columns.items()}

    def of(self, column: str, categories: frozenset[str]) -> np.ndarray:
        values = self._columns[column]
        indices = sorted(self._INDEX[name] for name in categories)
        return np.concatenate(
            [values[self._starts[i] : self._ends[i]] for i in indices] or [values[:0]]
        )


@dataclass(frozen=True)
class _Side:
    """The people a pay gap is measured against, summarised once for every comparison."""

    n: int
    n_path: Path
    mean: float
    median: float
    draws: stats.Draws

    @classmethod
    def of(cls, pay: stats.Floats, n_path: Path, rng: np.random.Generator) -> _Side:
        """From pay sorted ascending. Draws its bootstrap first, as each comparison then does."""
        draws = stats.bootstrap(pay, rng)
        mean = float(pay.mean()) if len(pay) else math.nan
        return cls(len(pay), n_path, mean, stats.sorted_median(pay), draws)


def _comparison_totals(
    b: Builder,
    root: Path,
    leaf: str,
    comparisons: list[_Comparison],
    same_as: tuple[Path, str] | None = None,
) -> None:
    """The sums between the people compared: ethnic minority = its four groups, a group = its
    categories compared. With `same_as` (a root and a leaf), each figure also equals the one at
    the same key there: the same people counted in another section."""
    keys = {c.key for c in comparisons}
    for comparison in comparisons:
        key = comparison.key
        if same_as is not None:
            other_root, other_leaf = same_as
            b.total((*root, *key, leaf), [(*other_root, *key, other_leaf)])
        if key[0] == "groups":
            parts = [("categories", c.name) for c in categories_in(key[1])]
            compared = [part for part in parts if part in keys]
            if compared:
                b.total((*root, *key, leaf), [(*root, *part, leaf) for part in compared])
    b.total(
        (*root, "ethnic_minority", leaf),
        [(*root, "groups", g, leaf) for g in ETHNIC_MINORITY_GROUPS],
    )


def _pay_gap(b: Builder, staff: pl.DataFrame, options: Options, has_bonus: bool) -> None:
    root = ("pay_gap",)
    # As numbers only: each comparison's pay is picked by its categories' enum indices, then
    # sorted for medians and bootstrap draws (numpy sorts a million floats in milliseconds).
    known = (
        staff.lazy()
        .filter(pl.col("group") != NOT_DISCLOSED, pl.col("hourly_pay").is_not_null())
        .select(pl.col("category").to_physical().alias("code"), "hourly_pay", "bonus_pay")
        .collect()
    )
    rng = np.random.default_rng(options.seed)
    ref_categories, comparisons = _comparisons(options.reference)
    columns = {"pay": known.get_column("hourly_pay").to_numpy()}
    if has_bonus:
        columns["bonus"] = known.get_column("bonus_pay").fill_null(0).to_numpy()
    people = _ByCategory(known.get_column("code").to_numpy(), **columns)
    white_british = frozenset({WHITE_BRITISH})
    everyone_else = frozenset(c.name for c in CENSUS_CATEGORIES) - white_british

    def values(categories: frozenset[str]) -> stats.Floats:
        chosen: stats.Floats = np.sort(people.of("pay", categories))
        return chosen

    b.value((*root, "reference"), options.reference.label)
    ref_pay = values(ref_categories)
    ref_n = b.count((*root, "reference_group", "n"), len(ref_pay))
    reference = _Side.of(ref_pay, ref_n, rng)
    bases = [reference.n]
    b.stat((*root, "reference_group", "mean_hourly_pay"), _money(reference.mean), bases=bases)
    b.stat((*root, "reference_group", "median_hourly_pay"), _money(reference.median), bases=bases)

    def gap(key: Path, group: np.ndarray, ref: _Side) -> None:
        base = (*root, *key)
        n_path = b.count((*base, "n"), len(group))
        bases = [len(group), ref.n]
        of = [n_path, ref.n_path]
        mean = float(group.mean()) if len(group) else math.nan
        median = stats.sorted_median(group)
        b.stat((*base, "mean_hourly_pay"), _money(mean), of=[n_path], bases=[len(group)])
        b.stat((*base, "median_hourly_pay"), _money(median), of=[n_path], bases=[len(group)])
        b.stat((*base, "mean_gap_pct"), _two(stats.gap_pct(ref.mean, mean)), of=of, bases=bases)
        b.stat(
            (*base, "median_gap_pct"), _two(stats.gap_pct(ref.median, median)), of=of, bases=bases
        )
        own = stats.bootstrap(group, rng)
        for kind, ours, theirs in (
            ("mean_gap_pct", own.mean, ref.draws.mean),
            ("median_gap_pct", own.median, ref.draws.median),
        ):
            b.stat((*base, "ci95", kind), stats.interval(theirs, ours), of=of, bases=bases)

    for comparison in comparisons:
        gap(comparison.key, values(comparison.categories), reference)
    # The government's proposed comparison: White British against everyone else who said.
    if options.reference is Reference.WHITE_BRITISH:
        white_british_side = reference
    else:
        wb_pay = values(white_british)
        wb_path = b.count((*root, "white_british", "n"), len(wb_pay))
        white_british_side = _Side.of(wb_pay, wb_path, rng)
    gap(("all_except_white_british",), values(everyone_else), white_british_side)
    b.value((*root, "all_except_white_british", "label"), ALL_EXCEPT_WHITE_BRITISH)

    # Tie the group sizes back to the profile, so suppression in one is suppression in both.
    for comparison in comparisons:
        key = comparison.key
        if key[0] == "categories" or (key[0] == "groups" and key[1] != WHITE):
            b.total((*root, *key, "n"), [("profile", *key, "count")])
    if options.reference is Reference.WHITE:
        b.total(ref_n, [("profile", "groups", WHITE, "count")])
    else:
        b.total(ref_n, [("profile", "categories", WHITE_BRITISH, "count")])
    _comparison_totals(b, root, "n", comparisons)
    if has_bonus:
        _bonus(b, people, ref_categories, comparisons)


def _bonus(
    b: Builder,
    people: _ByCategory,
    ref_categories: frozenset[str],
    comparisons: list[_Comparison],
) -> None:
    root = ("pay_gap", "bonus")

    def block(key: Path, categories: frozenset[str]) -> tuple[Path, np.ndarray]:
        base = (*root, *key)
        bonus = people.of("bonus", categories)
        staff = len(bonus)
        got = bonus[bonus > 0]
        staff_path = b.count((*base, "staff"), staff)
        got_path = b.count((*base, "received"), len(got))
        b.stat((*base, "received_pct"), _pct(len(got), staff), of=[got_path, staff_path])
        return got_path, got

    ref_path, ref = block(("reference_group",), ref_categories)
    b.total((*root, "reference_group", "staff"), [("pay_gap", "reference_group", "n")])
    _comparison_totals(b, root, "staff", comparisons, same_as=(("pay_gap",), "n"))
    _comparison_totals(b, root, "received", comparisons)
    for comparison in comparisons:
        path, got = block(comparison.key, comparison.categories)
        of = [path, ref_path]
        bases = [len(got), len(ref)]
        mean = (
            stats.gap_pct(float(ref.mean()), float(got.mean())) if len(ref) and len(got) else None
        )
        median = (
            stats.gap_pct(float(np.median(ref)), float(np.median(got)))
            if len(ref) and len(got)
            else None
        )
        b.stat((*root, *comparison.key, "mean_gap_pct"), _two(mean), of=of, bases=bases)
        b.stat((*root, *comparison.key, "median_gap_pct"), _two(median), of=of, bases=bases)


def _pay_quarters(b: Builder, staff: pl.DataFrame) -> None:
    """Quarters as the gender pay gap regulations define them, by ethnic group.

    Staff with known ethnicity are ranked by hourly pay and cut into four sections of exactly
    n/4 places. A run of people on the same rate that crosses a boundary is shared out between
    the sections in proportion to the places it fills, and each group takes its own share of
    the run's places in each section ("distributed evenly").
    """
    root = ("pay_quarters",)
    known = (
        staff.lazy()
        .select("group", "hourly_pay")
        .filter(pl.col("group") != NOT_DISCLOSED, pl.col("hourly_pay").is_not_null())
        .collect()
    )
    n = known.height
    pay = known.get_column("hourly_pay").to_numpy()
    groups = known.get_column("group").to_physical().to_numpy()

    def places_below(t: float) -> np.ndarray:
        """Each group's places among the first t (fractional) places in pay order: everyone paid
        less than the run of equal pay that holds place t, plus that run's places below t
        shared by each group's part of the run."""
        if t <= 0 or n == 0:
            return np.zeros(len(GROUPS))
        if t >= n:
            return np.bincount(groups, minlength=len(ALL_GROUPS))[: len(GROUPS)].astype(float)
        index = math.floor(t)
        value = np.partition(pay, index)[index]
        below, equal = pay < value, pay == value
        start = int(below.sum())
        in_run = np.bincount(groups[equal], minlength=len(ALL_GROUPS))[: len(GROUPS)]
        before = np.bincount(groups[below], minlength=len(ALL_GROUPS))[: len(GROUPS)]
        share: np.ndarray = before + in_run * (t - start) / in_run.sum()
        return share

    edges = [places_below(n * q / 4) for q in range(5)]
    row = {
        f"{group}|{q}": float(edges[q + 1][i] - edges[q][i])
        for q in range(4)
        for i, group in enumerate(GROUPS)
    }
    by_group: dict[str, list[Path]] = {g: [] for g in GROUPS}
    for q, name in enumerate(QUARTERS):
        base = (*root, name)
        size = n / 4
        size_path = b.count((*base, "headcount"), round(size, 2))
        parts = []
        for group in GROUPS:
            value = float(row.get(f"{group}|{q}", 0.0) or 0.0)
            path = b.count((*base, "groups", group, "count"), round(value, 2))
            parts.append(path)
            by_group[group].append(path)
            b.stat((*base, "groups", group, "pct"), _pct(value, size), of=[path, size_path])
        b.total(size_path, parts)
    for group, paths in by_group.items():
        b.total(("profile", "groups", group, "count"), paths)


_FLAGS = ("formal_disciplinary", "non_mandatory_training", "formal_grievance", "__left")


def _likelihoods(b: Builder, everyone: pl.DataFrame, columns: frozenset[str]) -> None:
    """WRES indicators 3 and 4, and leaver and grievance rates, over everyone in the year."""
    root = ("relative_likelihood",)
    summed = (
        everyone.with_columns(pl.col("left_on").is_not_null().alias("__left"))
        .group_by("group")
        .agg(pl.len().alias("staff"), *(pl.col(f).sum().alias(f) for f in _FLAGS))
    )
    by_group = {str(row["group"]): row for row in summed.iter_rows(named=True)}

    def tally(groups: tuple[str, ...], flag: str) -> tuple[int, int]:
        rows = [by_group[g] for g in groups if g in by_group]
        return sum(int(r["staff"]) for r in rows), sum(int(r[flag]) for r in rows)

    def rate_block(
        base: Path, groups: tuple[str, ...], flag: str
    ) -> tuple[Path, Path, float | None]:
        staff, events = tally(groups, flag)
        staff_path = b.count((*base, "staff"), staff)
        events_path = b.count((*base, "count"), events)
        # Everyone in the year, by group: the same people in every block.
        b.total(staff_path, [("rates", "leavers", g, "staff") for g in groups])
        rate = _share(events, staff)
        b.stat((*base, "rate_pct"), _two(rate), of=[staff_path, events_path])
        return staff_path, events_path, rate

    em, white = ETHNIC_MINORITY_GROUPS, (WHITE,)
    # WRES 3: ethnic minority staff against White staff; WRES 4: White staff against ethnic minority.
    for flag, first, second, first_label, second_label in (
        ("formal_disciplinary", em, white, "ethnic_minority", "white"),
        ("non_mandatory_training", white, em, "white", "ethnic_minority"),
    ):
        base = (*root, flag)
        if flag not in columns:
            b.value(base, None)
            continue
        s1, e1, r1 = rate_block((*base, first_label), first, flag)
        s2, e2, r2 = rate_block((*base, second_label), second, flag)
        b.stat((*base, "ratio"), _ratio(r1, r2), of=[s1, e1, s2, e2])

    for group in ALL_GROUPS:
        # Everyone in the year: in post at the snapshot, or left during it.
        staff, left = tally((group,), "__left")
        leavers: Path = ("rates", "leavers", group)
        staff_path = b.count((*leavers, "staff"), staff)
        left_path = b.count((*leavers, "count"), left)
        b.stat((*leavers, "rate_pct"), _pct(left, staff), of=[staff_path, left_path])
        b.total(staff_path, [("profile", "groups", group, "count"), left_path])
    if "formal_grievance" not in columns:
        b.value(("rates", "formal_grievance"), None)
    else:
        for group in ALL_GROUPS:
            rate_block(("rates", "formal_grievance", group), (group,), "formal_grievance")


def _intersections(
    b: Builder, staff: pl.DataFrame, options: Options, column: str, key: str
) -> None:
    """Profile and pay gaps within each value of `column` (sex, directorate): Black women
    against White women, say. No intervals here: the cells are small and many."""
    root = ("intersectional", key)
    # Everyone is counted somewhere, so the table adds up to the profile: a blank is "Not
    # recorded" (a table missing some people would let a reader subtract a hidden cell).
    frame = staff.lazy().select(
        pl.col(column).fill_null(NOT_RECORDED).cast(pl.Categorical),
        "group",
        "category",
        "hourly_pay",
    )
    compared = [g for g in GROUPS if not (options.reference is Reference.WHITE and g == WHITE)]
    # Pay by value and group; with White British as the reference, White is split in two.
    by_wb = options.reference is Reference.WHITE_BRITISH
    keys = [pl.col(column), pl.col("group")]
    if by_wb:
        keys.append((pl.col("category") == WHITE_BRITISH).alias("__wb"))
    summary = (
        pl.len().alias("n"),
        pl.col("hourly_pay").mean().alias("mean"),
        pl.col("hourly_pay").median().alias("median"),
    )
    # One pass for the counts and the pay of every group (staff in post all have a rate).
    by_group, by_em = pl.collect_all(
        [
            frame.group_by(keys).agg(*summary),
            frame.filter(_is_em()).group_by(column).agg(*summary),
        ]
    )
    counts: dict[tuple[str, str], int] = {}
    figures: dict[tuple[str, str], tuple[int, float, float]] = {}
    for row in by_group.iter_rows(named=True):
        value, group = str(row[column]), str(row["group"])
        counts[(value, group)] = counts.get((value, group), 0) + int(row["n"])
        if group == NOT_DISCLOSED:
            continue
        is_reference = row["__wb"] if by_wb else group == WHITE
        name = "__reference" if is_reference else group
        figures[(value, name)] = (row["n"], row["mean"], row["median"])
    values = sorted({v for v, _ in counts}, key=lambda v: (v == NOT_RECORDED, v))
    if values in ([], [NOT_RECORDED]):
        b.value(root, None)
        return
    figures |= {
        (str(v), ETHNIC_MINORITY): (n, mean, median) for v, n, mean, median in by_em.iter_rows()
    }
    for value in values:
        base = (*root, value)
        total_n = sum(n for (v, _), n in counts.items() if v == value)
        total = b.count((*base, "headcount"), total_n)
        parts = []
        for group in ALL_GROUPS:
            n = counts.get((value, group), 0)
            path = b.count((*base, "groups", group, "count"), n)
            parts.append(path)
            b.stat((*base, "groups", group, "pct"), _pct(n, total_n), of=[path, total])
            if group in GROUPS and group != WHITE:  # the same people as the pay gap's n
                b.total(path, [(*base, "pay_gap", group, "n")])
        b.total(total, parts)
        b.total(
            (*base, "pay_gap", ETHNIC_MINORITY, "n"),
            [(*base, "groups", g, "count") for g in ETHNIC_MINORITY_GROUPS],
        )
        ref_n, ref_mean, ref_median = figures.get((value, "__reference"), (0, math.nan, math.nan))
        for group in [*compared, ETHNIC_MINORITY]:
            n, mean, median = figures.get((value, group), (0, math.nan, math.nan))
            gb = (*base, "pay_gap", group)
            n_path = b.count((*gb, "n"), n)
            bases = [n, ref_n]
            b.stat(
                (*gb, "mean_gap_pct"), _two(stats.gap_pct(ref_mean, mean)), of=[n_path], bases=bases
            )
            b.stat(
                (*gb, "median_gap_pct"),
                _two(stats.gap_pct(ref_median, median)),
                of=[n_path],
                bases=bases,
            )


def _intersection_totals(b: Builder, key: str) -> None:
    """Each group's count across the values adds up to the profile; so do the headcounts."""
    root = ("intersectional", key)
    values = sorted({p[2] for p in b.figures if p[:2] == root and len(p) > 3})
    if not values:
        return
    b.total(("headcount",), [(*root, v, "headcount") for v in values])
    for group in ALL_GROUPS:
        b.total(
            ("profile", "groups", group, "count"),
            [(*root, v, "groups", group, "count") for v in values],
        )


def _recruitment(b: Builder, applications: RecruitmentReturn | None) -> None:
    root = ("recruitment",)
    likelihood = ("relative_likelihood", "appointment_from_shortlisting")
    if applications is None:
        b.value(root, None)
        b.value(likelihood, None)
        return
    frame = applications.frame
    b.value((*root, "stages"), list(STAGES))
    b.count((*root, "applications"), frame.height)
    reached: dict[tuple[str, int], int] = {}
    counted = frame.group_by("group", "stage").len()
    at_stage = {(str(g), int(s)): int(n) for g, s, n in counted.iter_rows()}
    groups = [*ALL_GROUPS, ETHNIC_MINORITY]
    for group in ALL_GROUPS:
        for stage in range(len(STAGES)):
            reached[(group, stage)] = sum(
                n for (g, s), n in at_stage.items() if g == group and s >= stage
            )
    for stage in range(len(STAGES)):
        reached[(ETHNIC_MINORITY, stage)] = sum(reached[(g, stage)] for g in ETHNIC_MINORITY_GROUPS)

    def path(group: str, stage: int) -> Path:
        return (*root, "funnel", group, STAGES[stage], "count")

    for group in groups:
        for stage, name in enumerate(STAGES):
            n = reached[(group, stage)]
            this = b.count(path(group, stage), n)
            if stage:
                previous = reached[(group, stage - 1)]
                b.stat(
                    (*root, "funnel", group, name, "conversion_pct"),
                    _pct(n, previous),
                    of=[this, path(group, stage - 1)],
                )
    for stage, name in enumerate(STAGES):
        total = b.count((*root, "totals", name), sum(reached[(g, stage)] for g in ALL_GROUPS))
        b.total(total, [path(g, stage) for g in ALL_GROUPS])
        b.total(path(ETHNIC_MINORITY, stage), [path(g, stage) for g in ETHNIC_MINORITY_GROUPS])

    # Adverse impact: each group's selection rate at a stage against the highest group's.
    for stage in range(1, len(STAGES)):
        rates = {
            g: reached[(g, stage)] / reached[(g, stage - 1)]
            for g in GROUPS
            if reached[(g, stage - 1)]
        }
        if not rates:
            continue
        best = max(rates, key=lambda g: rates[g])
        for group in GROUPS:
            base = (*root, "adverse_impact", STAGES[stage], group)
            of = [
                path(group, stage),
                path(group, stage - 1),
                path(best, stage),
                path(best, stage - 1),
            ]
            if group not in rates:
                b.stat((*base, "selection_rate_pct"), None, of=of)
                continue
            selected, pool = reached[(group, stage)], reached[(group, stage - 1)]
            best_selected, best_pool = reached[(best, stage)], reached[(best, stage - 1)]
            ratio = None if rates[best] == 0 else round(rates[group] / rates[best], 3)
            p = stats.fisher_exact(
                selected, pool - selected, best_selected, best_pool - best_selected
            )
            b.stat((*base, "selection_rate_pct"), _pct(selected, pool), of=of)
            b.value((*base, "compared_with"), best)
            b.stat((*base, "impact_ratio"), ratio, of=of)
            b.stat((*base, "fisher_p"), round(p, 4), of=of)
            b.stat((*base, "below_four_fifths"), ratio is not None and ratio < 0.8, of=of)

    # WRES indicator 2: White applicants' likelihood of appointment from shortlisting,
    # relative to ethnic minority applicants'.
    white_rate = _share(reached[(WHITE, APPOINTED)], reached[(WHITE, SHORTLISTED)])
    em_rate = _share(reached[(ETHNIC_MINORITY, APPOINTED)], reached[(ETHNIC_MINORITY, SHORTLISTED)])
    of = [path(g, s) for g in (WHITE, ETHNIC_MINORITY) for s in (SHORTLISTED, APPOINTED)]
    b.stat((*likelihood, "white_pct"), _two(white_rate), of=of[:2])
    b.stat((*likelihood, "ethnic_minority_pct"), _two(em_rate), of=of[2:])
    b.stat((*likelihood, "ratio"), _ratio(white_rate, em_rate), of=of)


# ---------------------------------------------------------------- entry points


def _settings(options: Options, source: str, kind: str) -> dict[str, object]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "kind": kind,
        "reference": options.reference.label,
        "population": None if options.population is None else options.population.code,
        "glass_ceiling_fraction": options.glass_ceiling_fraction,
        "suppression": False,
        "threshold": None,
        "rounding": None,
    }


#: An intersectional value for people with nothing in that column.
NOT_RECORDED: Final = "Not recorded"

_STAFF_COLUMNS: Final = (
    "category",
    "group",
    "band",
    "hourly_pay",
    "bonus_pay",
    "leadership_tier",
    "sex",
    "directorate",
)


def employee_metrics(
    employees: EmployeeReturn,
    applications: RecruitmentReturn | None = None,
    options: Options | None = None,
) -> Report:
    """Every metric an employee return (and a recruitment return, if given) supports."""
    options = options or Options()
    everyone = employees.frame
    # Staff in post, with only the columns the sections below read.
    staff = everyone.lazy().filter(pl.col("left_on").is_null()).select(_STAFF_COLUMNS).collect()
    b = Builder()
    counted = staff.group_by("group", "category", "band").len("headcount")
    cells = _cells(counted, employees.bands, by_category=True)
    _profile(b, cells)
    _representation(b, cells, options.population)
    _pay_bands(b, cells, options.glass_ceiling_fraction)
    _salary_ranges(b, staff, options.glass_ceiling_fraction)
    _senior(b, staff, options)
    _pay_gap(b, staff, options, has_bonus="bonus_pay" in employees.columns)
    _pay_quarters(b, staff)
    _recruitment(b, applications)
    _likelihoods(b, everyone, employees.columns)
    b.value(("intersectional", "reference"), options.reference.label)
    for column, key in (("sex", "sex"), ("directorate", "directorate")):
        if column in employees.columns:
            _intersections(b, staff, options, column, key)
            _intersection_totals(b, key)
        else:
            b.value(("intersectional", key), None)
    settings = _settings(options, employees.source, "employee")
    settings["rows"] = everyone.height
    settings["ignored_columns"] = list(employees.ignored)
    return b.build(settings)


def aggregate_metrics(aggregate: AggregateReturn, options: Options | None = None) -> Report:
    """The metrics headcounts by ethnicity and band support: profile, representation, bands,
    glass ceilings, and (where mean pay is given) the mean pay gap."""
    options = options or Options()
    frame = aggregate.frame
    b = Builder()
    cells = _cells(frame, aggregate.bands, by_category=aggregate.by_category)
    _profile(b, cells)
    _representation(b, cells, options.population)
    _pay_bands(b, cells, options.glass_ceiling_fraction)
    if aggregate.has_mean_pay:
        _aggregate_pay_gap(b, frame, options)
    settings = _settings(options, aggregate.source, "aggregate")
    return b.build(settings)


def _aggregate_pay_gap(b: Builder, frame: pl.DataFrame, options: Options) -> None:
    """Mean gaps from cell means (the mean of a group is its cells' means weighted by headcount).
    Medians cannot be pooled from cells, so an aggregate return has no median gap."""
    root = ("pay_gap",)
    known = frame.filter(pl.col("pay_total").is_not_null(), pl.col("group") != NOT_DISCLOSED)
    if options.reference is Reference.WHITE_BRITISH:
        b.value(root, None)
        return
    b.value((*root, "reference"), WHITE)

    def mean_of(mask: pl.Expr) -> tuple[int, float]:
        part = known.filter(mask)
        n = int(part.get_column("headcount").sum())
        total = float(part.get_column("pay_total").sum())
        return n, (total / n if n else math.nan)

    ref_n, ref_mean = mean_of(pl.col("group") == WHITE)
    ref_path = b.count((*root, "reference_group", "n"), ref_n)
    b.total(ref_path, [("profile", "groups", WHITE, "count")])
    b.stat((*root, "reference_group", "mean_hourly_pay"), _money(ref_mean), bases=[ref_n])
    for key, mask in [
        *((("groups", g), pl.col("group") == g) for g in GROUPS if g != WHITE),
        (("ethnic_minority",), _is_em()),
    ]:
        n, mean = mean_of(mask)
        base = (*root, *key)
        n_path = b.count((*base, "n"), n)
        # Every disclosed cell with staff has pay (the reader checks), so n is the profile's.
        members = [key[1]] if key[0] == "groups" else list(ETHNIC_MINORITY_GROUPS)
        b.total(n_path, [("profile", "groups", g, "count") for g in members])
        b.stat((*base, "mean_hourly_pay"), _money(mean), of=[n_path], bases=[n])
        b.stat(
            (*base, "mean_gap_pct"),
            _two(stats.gap_pct(ref_mean, mean)),
            of=[n_path, ref_path],
            bases=[n, ref_n],
        )
