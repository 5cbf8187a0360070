"""The pandas baseline: the employee metrics as a council analyst would write them in pandas.

    python benchmarks/pandas_baseline.py FILE --out OUT.json [--no-bootstrap] [--no-suppression]

FILE is an employee return (CSV or Parquet). The figures are those of `tri workforce metrics`
for an employee return, with London's population and White as the reference group, and the
JSON uses the same paths, so the two outputs can be compared figure by figure.

Written the straightforward way on purpose: read the whole file with pandas, map the ethnicity
labels with a dict, then a groupby or a mask per table. It does not import the engine, whose
start-up (polars, dataframely: about 0.25 s) would otherwise be charged to the baseline: the
label → category dict comes from the engine's published mapping file and the population shares
from the census file shipped with it, both read here directly, as an analyst would. The tests
check that both are the engine's own.

It does less than the engine, so a comparison of times flatters the baseline:
- no checking of the return beyond "every ethnicity label is known";
- disclosure control is primary only: counts from 1 to 9 are blanked with the percentages in
  the same table, but nothing else is suppressed to stop them being worked out by subtraction;
- with --no-bootstrap (as the benchmark runs it) there are no confidence intervals. With
  bootstrap on, they come from naive resampling, 1000 draws per group.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import yaml

# The 2021 census categories (ONS TS021 column, name, group), then the two ways of not saying.
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("asian_bangladeshi", "Bangladeshi", "Asian"),
    ("asian_chinese", "Chinese", "Asian"),
    ("asian_indian", "Indian", "Asian"),
    ("asian_pakistani", "Pakistani", "Asian"),
    ("asian_other", "Other Asian", "Asian"),
    ("black_african", "African", "Black"),
    ("black_caribbean", "Caribbean", "Black"),
    ("black_other", "Other Black", "Black"),
    ("mixed_white_asian", "White and Asian", "Mixed"),
    ("mixed_white_black_african", "White and Black African", "Mixed"),
    ("mixed_white_black_caribbean", "White and Black Caribbean", "Mixed"),
    ("mixed_other", "Other Mixed", "Mixed"),
    ("white_british", "White British", "White"),
    ("white_irish", "Irish", "White"),
    ("white_gypsy_irish_traveller", "Gypsy or Irish Traveller", "White"),
    ("white_roma", "Roma", "White"),
    ("white_other", "Other White", "White"),
    ("other_arab", "Arab", "Other"),
    ("other_any_other", "Any other ethnic group", "Other"),
    ("prefer_not_to_say", "Prefer not to say", "Not disclosed"),
    ("not_known", "Not known", "Not disclosed"),
)
GROUP_OF = {name: group for _, name, group in CATEGORIES}
GROUPS = ("Asian", "Black", "Mixed", "White", "Other")
ND = "Not disclosed"
ALL_GROUPS = (*GROUPS, ND)
EM_GROUPS = ("Asian", "Black", "Mixed", "Other")
WHITE = "White"
WHITE_BRITISH = "White British"
NOT_KNOWN = "Not known"
NOT_RECORDED = "Not recorded"
COMPARED_GROUPS = tuple(g for g in GROUPS if g != WHITE)
COMPARED_CATEGORIES = tuple(
    name for _, name, group in CATEGORIES if group not in (WHITE, ND) and name != WHITE_BRITISH
)
QUARTERS = ("lower", "lower_middle", "upper_middle", "upper")
GLASS_CEILING = 0.8
THRESHOLD = 10
RESAMPLES = 1000
FLAGS = ("formal_disciplinary", "formal_grievance", "non_mandatory_training")
TRUE_WORDS = frozenset({"true", "yes", "y", "1"})

Json = dict[str, Any]
Floats = npt.NDArray[np.float64]


# ---------------------------------------------------------------- small helpers


def share(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, unrounded: ratios and comparisons use this."""
    return None if whole == 0 else 100.0 * part / whole


def pct(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, as published: 2 decimal places."""
    return None if whole == 0 else round(100.0 * part / whole, 2)


def two(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else round(a / b, 3)


def money(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 2)


def gap(reference: float, group: float) -> float | None:
    """(reference - group) / reference x 100: positive when the group is paid less."""
    if reference == 0 or math.isnan(reference) or math.isnan(group):
        return None
    return round((reference - group) / reference * 100, 2)


def data_file(name: str) -> Path:
    """A file in the engine's data folder, found without importing the engine."""
    spec = importlib.util.find_spec("tri.workforce")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the tri package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


# ---------------------------------------------------------------- reading


def label_key(label: str) -> str:
    """Labels match whatever their case, spacing and punctuation (as the mapping file says)."""
    text = label.casefold()
    for mark in "-\u2010\u2011\u2012\u2013\u2014\u2212:/,()._":
        text = text.replace(mark, " ")
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(text.split())


def label_categories() -> dict[str, str]:
    """Normalised label → category name, from the engine's mapping file."""
    text = data_file("ethnicity-labels.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    mapping = {label_key(code): name for code, name in data["nhs_codes"].items()}
    for name, labels in data["categories"].items():
        mapping.update({label_key(label): name for label in labels})
    return mapping


def london_residents() -> dict[str, int]:
    """London's residents by category: the 33 boroughs of ONS Census 2021 TS021, summed."""
    table = pd.read_csv(data_file("census2021_ts021_ethnic_group_ltla.csv"))
    london = table[table["ltla21_code"].str.startswith("E09")]
    return {name: int(london[code].sum()) for code, name, group in CATEGORIES if group != ND}


def read(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    # Only an empty cell is missing: "NA" and "None" are ethnicity labels, not gaps.
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def flag(column: pd.Series) -> pd.Series:
    if column.dtype == bool:
        return column
    return column.astype(str).str.strip().str.lower().isin(TRUE_WORDS)


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Ethnicity labels to category and group, flags to booleans, bands to text."""
    labels = df["ethnicity"].fillna("")
    known = label_categories()
    lookup: dict[str, str] = {}
    unknown = []
    for label in labels.unique():
        key = label_key(str(label))
        if not key:
            lookup[label] = NOT_KNOWN
        elif key in known:
            lookup[label] = known[key]
        else:
            unknown.append(label)
    if unknown:
        raise SystemExit(f"unmapped ethnicity labels: {', '.join(map(repr, unknown[:10]))}")
    df["category"] = labels.map(lookup)
    df["group"] = df["category"].map(GROUP_OF)
    for column in FLAGS:
        if column in df.columns:
            df[column] = flag(df[column])
    df["pay_band"] = df["pay_band"].astype(str).str.strip()
    return df


def band_order(bands: Iterable[str]) -> list[str]:
    distinct = sorted(set(bands))
    try:
        return sorted(distinct, key=float)
    except ValueError:
        return distinct


# ---------------------------------------------------------------- the metrics


def profile(staff: pd.DataFrame) -> Json:
    headcount = len(staff)
    groups = staff["group"].value_counts()
    categories = staff["category"].value_counts()
    nd = int(groups.get(ND, 0))
    return {
        "headcount": headcount,
        "profile": {
            "groups": {
                g: {"count": int(groups.get(g, 0)), "pct": pct(groups.get(g, 0), headcount)}
                for g in ALL_GROUPS
            },
            "categories": {
                name: {
                    "count": int(categories.get(name, 0)),
                    "group": group,
                    "pct": pct(categories.get(name, 0), headcount),
                }
                for _, name, group in CATEGORIES
            },
        },
        "disclosure": {
            "not_disclosed": nd,
            "not_disclosed_pct": pct(nd, headcount),
            "prefer_not_to_say_pct": pct(categories.get("Prefer not to say", 0), headcount),
            "not_known_pct": pct(categories.get(NOT_KNOWN, 0), headcount),
        },
    }


def representation(staff: pd.DataFrame, residents: dict[str, int]) -> Json:
    total = sum(residents.values())
    known = staff[staff["group"] != ND]
    groups = known["group"].value_counts()
    categories = known["category"].value_counts()

    def entry(n: int, people: int) -> Json:
        workforce = share(n, len(known))
        population = 100.0 * people / total
        return {
            "workforce_pct": two(workforce),
            "population_pct": round(population, 2),
            "ratio": ratio(workforce, population),
            "difference_pts": None if workforce is None else round(workforce - population, 2),
        }

    group_residents = {
        g: sum(residents[name] for _, name, group in CATEGORIES if group == g) for g in GROUPS
    }
    em = int(sum(groups.get(g, 0) for g in EM_GROUPS))
    em_entry = entry(em, sum(group_residents[g] for g in EM_GROUPS))
    return {
        "known": len(known),
        "groups": {g: entry(int(groups.get(g, 0)), group_residents[g]) for g in GROUPS},
        "ethnic_minority": {"count": em, **em_entry},
        "categories": {
            name: entry(int(categories.get(name, 0)), residents[name]) for name in residents
        },
    }


def pay_bands(staff: pd.DataFrame, order: list[str]) -> tuple[Json, Json]:
    table = staff.groupby(["pay_band", "group"]).size().unstack(fill_value=0)
    table = table.reindex(index=order, columns=list(ALL_GROUPS), fill_value=0)
    bands: Json = {}
    for band, row in table.iterrows():
        total = int(row.sum())
        known = total - int(row[ND])
        groups: Json = {}
        for g in ALL_GROUPS:
            groups[g] = {"count": int(row[g]), "pct": pct(row[g], total)}
            if g != ND:
                groups[g]["pct_known"] = pct(row[g], known)
        bands[str(band)] = {"headcount": total, "groups": groups}

    # Glass ceiling: the first band where a group's share of the known falls below 80% of its
    # share of the whole known workforce.
    known_all = int(table[list(GROUPS)].to_numpy().sum())
    ceilings: Json = {}
    for g in GROUPS:
        overall = share(table[g].sum(), known_all)
        found = None
        stays_below = True
        for band, row in table.iterrows():
            here = share(row[g], int(row[list(GROUPS)].sum()))
            if overall is None or here is None:
                continue
            below = here < GLASS_CEILING * overall
            if found is None and below:
                found = (str(band), here)
            elif found is not None and not below:
                stays_below = False
        ceilings[g] = {
            "overall_pct": two(overall),
            "band": None if found is None else found[0],
            "band_pct": None if found is None else two(found[1]),
            "stays_below": None if found is None else stays_below,
        }
    return (
        {"order": order, "bands": bands},
        {"fraction": GLASS_CEILING, "groups": ceilings},
    )


def senior(staff: pd.DataFrame, residents: dict[str, int]) -> Json:
    def block(frame: pd.DataFrame) -> Json:
        em = int(frame["group"].isin(EM_GROUPS).sum())
        white = int((frame["group"] == WHITE).sum())
        return {
            "headcount": len(frame),
            "ethnic_minority": em,
            "white": white,
            "not_disclosed": int((frame["group"] == ND).sum()),
            "ethnic_minority_pct": pct(em, em + white),
        }

    pays = staff["hourly_pay"].dropna().sort_values()
    rank = max(1, math.ceil(95 / 100 * len(pays)))  # nearest rank
    threshold = float(pays.iloc[rank - 1])
    top = block(staff[staff["hourly_pay"] >= threshold])
    em_residents = sum(residents[n] for _, n, g in CATEGORIES if g in EM_GROUPS)
    tiers = {str(tier): block(frame) for tier, frame in staff.groupby("leadership_tier")}
    return {
        "top_5pct": {"threshold_hourly_pay": round(threshold, 2), **top},
        "top_5pct_ethnic_minority_pct": top["ethnic_minority_pct"],
        "population_ethnic_minority_pct": round(100.0 * em_residents / sum(residents.values()), 2),
        "tiers": dict(sorted(tiers.items())),
    }


def pay_summary(pay: pd.Series) -> tuple[int, float, float]:
    return len(pay), float(pay.mean()), float(pay.median())


def pay_gap(known: pd.DataFrame, bootstrap: bool) -> Json:
    """Mean and median hourly pay gaps against White staff, and the bonus gap."""
    rng = np.random.default_rng(0)
    pay = known["hourly_pay"]
    by_group = known.groupby("group")["hourly_pay"].agg(["size", "mean", "median"])
    by_category = known.groupby("category")["hourly_pay"].agg(["size", "mean", "median"])
    is_white = known["group"] == WHITE
    is_wb = known["category"] == WHITE_BRITISH
    ref_n, ref_mean, ref_median = pay_summary(pay[is_white])

    def entry(n: int, mean: float, median: float, r_mean: float, r_median: float) -> Json:
        return {
            "n": n,
            "mean_hourly_pay": money(mean),
            "median_hourly_pay": money(median),
            "mean_gap_pct": gap(r_mean, mean),
            "median_gap_pct": gap(r_median, median),
        }

    def from_table(table: pd.DataFrame, name: str) -> Json:
        if name not in table.index:
            return entry(0, math.nan, math.nan, ref_mean, ref_median)
        row = table.loc[name]
        return entry(int(row["size"]), row["mean"], row["median"], ref_mean, ref_median)

    wb_n, wb_mean, wb_median = pay_summary(pay[is_wb])
    result: Json = {
        "reference": WHITE,
        "reference_group": {
            "n": ref_n,
            "mean_hourly_pay": money(ref_mean),
            "median_hourly_pay": money(ref_median),
        },
        "groups": {g: from_table(by_group, g) for g in COMPARED_GROUPS},
        "categories": {c: from_table(by_category, c) for c in COMPARED_CATEGORIES},
        "ethnic_minority": entry(
            *pay_summary(pay[known["group"].isin(EM_GROUPS)]), ref_mean, ref_median
        ),
        "white_british": {"n": wb_n},
        "all_except_white_british": entry(*pay_summary(pay[~is_wb]), wb_mean, wb_median),
    }
    if bootstrap:
        add_intervals(result, known, rng)
    if "bonus_pay" in known.columns:
        result["bonus"] = bonus_gap(known)
    return result


def resample(values: Floats, rng: np.random.Generator, resamples: int) -> tuple[Floats, Floats]:
    """Bootstrap means and medians, by drawing the group again `resamples` times."""
    means = np.full(resamples, np.nan)
    medians = np.full(resamples, np.nan)
    if len(values) == 0:
        return means, medians
    for i in range(resamples):
        draw = rng.choice(values, size=len(values), replace=True)
        means[i] = draw.mean()
        medians[i] = np.median(draw)
    return means, medians


def interval(reference: Floats, group: Floats) -> list[float] | None:
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = (reference - group) / reference * 100
    gaps = gaps[np.isfinite(gaps)]
    if len(gaps) == 0:
        return None
    low, high = np.percentile(gaps, [2.5, 97.5])
    return [round(float(low), 2), round(float(high), 2)]


def add_intervals(
    result: Json, known: pd.DataFrame, rng: np.random.Generator, resamples: int = RESAMPLES
) -> None:
    """95% intervals of each gap: resample the group and its reference group independently."""
    pay = known["hourly_pay"]
    is_wb = known["category"] == WHITE_BRITISH
    ref = resample(pay[known["group"] == WHITE].to_numpy(), rng, resamples)
    wb = resample(pay[is_wb].to_numpy(), rng, resamples)
    masks = [
        *((result["groups"][g], known["group"] == g, ref) for g in COMPARED_GROUPS),
        *((result["categories"][c], known["category"] == c, ref) for c in COMPARED_CATEGORIES),
        (result["ethnic_minority"], known["group"].isin(EM_GROUPS), ref),
        (result["all_except_white_british"], ~is_wb, wb),
    ]
    for entry, mask, (ref_means, ref_medians) in masks:
        means, medians = resample(pay[mask].to_numpy(), rng, resamples)
        entry["ci95"] = {
            "mean_gap_pct": interval(ref_means, means),
            "median_gap_pct": interval(ref_medians, medians),
        }


def bonus_gap(known: pd.DataFrame) -> Json:
    bonus = known["bonus_pay"].fillna(0)
    received = known[bonus > 0]
    staff = {
        "reference_group": known["group"] == WHITE,
        **{g: known["group"] == g for g in COMPARED_GROUPS},
        **{c: known["category"] == c for c in COMPARED_CATEGORIES},
        "ethnic_minority": known["group"].isin(EM_GROUPS),
    }
    ref = received.loc[received["group"] == WHITE, "bonus_pay"]

    def entry(name: str) -> Json:
        got = received.loc[staff[name][received.index], "bonus_pay"]
        n = int(staff[name].sum())
        row: Json = {"staff": n, "received": len(got), "received_pct": pct(len(got), n)}
        if name != "reference_group":
            both = len(got) > 0 and len(ref) > 0
            row["mean_gap_pct"] = gap(ref.mean(), got.mean()) if both else None
            row["median_gap_pct"] = gap(ref.median(), got.median()) if both else None
        return row

    return {
        "reference_group": entry("reference_group"),
        "groups": {g: entry(g) for g in COMPARED_GROUPS},
        "categories": {c: entry(c) for c in COMPARED_CATEGORIES},
        "ethnic_minority": entry("ethnic_minority"),
    }


def pay_quarters(known: pd.DataFrame) -> Json:
    """Rank by pay and cut into four sections of n/4 places. Everyone on the same rate shares
    that rate's places equally, so a run of equal pay crossing a boundary is split between the
    sections in proportion to the places it fills there."""
    pay = known["hourly_pay"]
    n = len(pay)
    first = pay.rank(method="min") - 1  # the first place of each person's run of equal pay
    run = pay.groupby(pay).transform("size")  # the run's length
    result: Json = {}
    for q, name in enumerate(QUARTERS):
        low, high = n * q / 4, n * (q + 1) / 4
        share = (np.minimum(first + run, high) - np.maximum(first, low)).clip(lower=0) / run
        counts = share.groupby(known["group"]).sum()
        groups = {}
        for g in GROUPS:
            count = float(counts.get(g, 0.0))
            groups[g] = {"count": round(count, 2), "pct": pct(count, n / 4)}
        result[name] = {"headcount": round(n / 4, 2), "groups": groups}
    return result


def likelihoods(everyone: pd.DataFrame) -> tuple[Json, Json]:
    """Disciplinary and training relative likelihoods, leaver and grievance rates: everyone."""
    everyone = everyone.assign(left=everyone["left_on"].notna())
    flags = [c for c in FLAGS if c in everyone.columns]
    sums = everyone.groupby("group")[["left", *flags]].sum()
    staff = everyone.groupby("group").size()

    def block(groups: Iterable[str], column: str) -> Json:
        names = [g for g in groups if g in staff.index]
        n = int(staff[names].sum())
        events = int(sums.loc[names, column].sum())
        return {"staff": n, "count": events, "rate_pct": share(events, n)}

    relative: Json = {}
    for column, first, second, first_label, second_label in (
        ("formal_disciplinary", EM_GROUPS, (WHITE,), "ethnic_minority", "white"),
        ("non_mandatory_training", (WHITE,), EM_GROUPS, "white", "ethnic_minority"),
    ):
        if column not in flags:
            relative[column] = None
            continue
        one, other = block(first, column), block(second, column)
        relative[column] = {
            first_label: one,
            second_label: other,
            "ratio": ratio(one["rate_pct"], other["rate_pct"]),
        }
    rates = {
        name: {g: block((g,), column) for g in ALL_GROUPS} if column in sums.columns else None
        for name, column in (("leavers", "left"), ("formal_grievance", "formal_grievance"))
    }
    for entry in [*relative.values(), *rates.values()]:  # rates are published to 2 places
        for row in (entry or {}).values():
            if isinstance(row, dict):
                row["rate_pct"] = two(row["rate_pct"])
    return relative, rates


def intersection(staff: pd.DataFrame, column: str) -> Json | None:
    """Profile and pay gaps against White staff within each sex or directorate; a blank is
    "Not recorded", which comes last."""
    frame = staff.assign(**{column: staff[column].fillna(NOT_RECORDED)})
    counts = frame.groupby([column, "group"]).size()
    paid = frame[frame["hourly_pay"].notna() & (frame["group"] != ND)]
    pay = paid.groupby([column, "group"])["hourly_pay"].agg(["size", "mean", "median"])
    em = paid[paid["group"].isin(EM_GROUPS)].groupby(column)["hourly_pay"]
    em_pay = em.agg(["size", "mean", "median"])
    result: Json = {}
    values = sorted({str(v) for v, _ in counts.index}, key=lambda v: (v == NOT_RECORDED, v))
    if values in ([], [NOT_RECORDED]):
        return None
    for value in values:
        here = counts[value]
        total = int(here.sum())
        groups = {
            g: {"count": int(here.get(g, 0)), "pct": pct(here.get(g, 0), total)} for g in ALL_GROUPS
        }
        figures = {g: pay.loc[(value, g)] for g in GROUPS if (value, g) in pay.index}
        if value in em_pay.index:
            figures["Ethnic minority"] = em_pay.loc[value]
        ref = figures.get(WHITE)
        ref_mean = math.nan if ref is None else float(ref["mean"])
        ref_median = math.nan if ref is None else float(ref["median"])
        gaps = {}
        for g in (*COMPARED_GROUPS, "Ethnic minority"):
            row = figures.get(g)
            n = 0 if row is None else int(row["size"])
            mean = math.nan if row is None else float(row["mean"])
            median = math.nan if row is None else float(row["median"])
            gaps[g] = {
                "n": n,
                "mean_gap_pct": gap(ref_mean, mean),
                "median_gap_pct": gap(ref_median, median),
            }
        result[value] = {"headcount": total, "groups": groups, "pay_gap": gaps}
    return result


# ---------------------------------------------------------------- suppression and output

COUNT_KEYS = frozenset(
    {"count", "headcount", "n", "staff", "received", "ethnic_minority", "white", "not_disclosed"}
)


def suppress(node: Json) -> None:
    """Primary suppression only: blank each count from 1 to 9 and the shares beside it."""
    small = [
        key
        for key, value in node.items()
        if key in COUNT_KEYS and isinstance(value, int | float) and 0 < value < THRESHOLD
    ]
    for key in small:
        node[key] = None
    if small:
        for key, value in node.items():
            if isinstance(value, float) and (key.endswith("pct") or key == "ratio"):
                node[key] = None
    for value in node.values():
        if isinstance(value, dict):
            suppress(value)


def metrics(path: Path, *, bootstrap: bool = True, suppression: bool = True) -> Json:
    df = prepare(read(path))
    residents = london_residents()
    staff = df[df["left_on"].isna()]
    known = staff[(staff["group"] != ND) & staff["hourly_pay"].notna()]
    bands, ceiling = pay_bands(staff, band_order(df["pay_band"]))
    relative, rates = likelihoods(df)
    result: Json = {
        "settings": {
            "implementation": "pandas baseline (benchmarks/pandas_baseline.py)",
            "source": path.name,
            "rows": len(df),
            "bootstrap": bootstrap,
            "suppression": "primary only, counts 1-9" if suppression else False,
        },
        **profile(staff),
        "representation": representation(staff, residents),
        "pay_bands": bands,
        "glass_ceiling": ceiling,
        "senior": senior(staff, residents),
        "pay_gap": pay_gap(known, bootstrap),
        "pay_quarters": pay_quarters(known),
        "relative_likelihood": relative,
        "rates": rates,
        "intersectional": {
            "reference": WHITE,
            **{c: intersection(staff, c) for c in ("sex", "directorate") if c in df.columns},
        },
    }
    if suppression:
        suppress(result)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="an employee return, .csv or .parquet")
    parser.add_argument("--out", type=Path, required=True, help="write the JSON here")
    parser.add_argument("--no-bootstrap", action="store_true", help="no confidence intervals")
    parser.add_argument("--no-suppression", action="store_true", help="no small-number control")
    args = parser.parse_args(argv)
    result = metrics(
        args.file, bootstrap=not args.no_bootstrap, suppression=not args.no_suppression
    )
    text = json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
