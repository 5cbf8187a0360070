"""London-wide figures pooled from organisations' published (disclosure-controlled) reports.

Real reports come from the engine: generated employee returns and the Harrow aggregate example,
each through `control()`. Small hand-made reports (only the keys pool() reads) check the
arithmetic: the glass ceiling, the quartiles, what is left out and why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tri.workforce import (
    ALL_GROUPS,
    GROUPS,
    Options,
    Population,
    aggregate_metrics,
    control,
    employee_metrics,
    generate,
    population,
    read_aggregate,
    read_employees,
)
from tri.workforce.london import RangeShare, glass_ceiling, pool, quartiles
from tri.workforce.metrics import SALARY_RANGES

pytestmark = pytest.mark.unit

Json = dict[str, Any]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "workforce"
MINORITY = ("Asian", "Black", "Mixed", "Other")


@pytest.fixture(scope="module")
def london() -> Population:
    return population("london")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, london: Population) -> dict[str, Json]:
    """Two generated councils, a large and a small one (with many hidden cells), and Harrow's
    aggregate return (headcounts by band, no pay), as each would publish them."""
    folder = tmp_path_factory.mktemp("london")
    options = Options(population=london)
    reports: dict[str, Json] = {}
    for name, rows, seed in (("Large", 2_000, 1), ("Small", 200, 2)):
        path = folder / f"{name}.csv"
        generate.employees(rows, seed=seed).write_csv(path)
        reports[name] = control(employee_metrics(read_employees(path), options=options)).as_json()
    aggregate = read_aggregate(EXAMPLES / "harrow-pay-bands-aggregate.csv")
    reports["Harrow"] = control(aggregate_metrics(aggregate, options)).as_json()
    # As the coordinator receives them: JSON text.
    return {n: json.loads(json.dumps(r, ensure_ascii=False)) for n, r in reports.items()}


@pytest.fixture(scope="module")
def pooled(published: dict[str, Json], london: Population) -> Json:
    return pool(published, population=london)


def total(values: list[Any]) -> int:
    """The sum of the published values, nulls left out."""
    return sum(v for v in values if v is not None)


def hand_made(
    *,
    kind: str = "employee",
    headcount: int | None = 0,
    groups: dict[str, int | None] | None = None,
    ranges: dict[str, tuple[int | None, dict[str, int | None]]] | None = None,
    gaps: tuple[float | None, float | None] | None = None,
    reference: str = "White",
) -> Json:
    """A published report with only the keys pool() reads. Groups not given are 0."""
    report: Json = {
        "settings": {"kind": kind, "suppression": True, "threshold": 10, "rounding": None},
        "headcount": headcount,
        "profile": {"groups": {g: {"count": (groups or {}).get(g, 0)} for g in ALL_GROUPS}},
    }
    if kind == "employee":
        given = ranges or {}
        report["salary_ranges"] = {
            "ranges": {
                label: {
                    "headcount": given.get(label, (0, {}))[0],
                    "groups": {
                        g: {"count": given.get(label, (0, {}))[1].get(g, 0)} for g in ALL_GROUPS
                    },
                }
                for label in SALARY_RANGES
            }
        }
    if gaps is not None:
        median, mean = gaps
        em: Json = {"mean_gap_pct": mean}
        if kind == "employee":
            em["median_gap_pct"] = median
        report["pay_gap"] = {"reference": reference, "ethnic_minority": em}
    return report


# ---------------------------------------------------------------- real reports


def test_pooled_totals_are_the_sums_of_the_published_counts(
    published: dict[str, Json], pooled: Json
) -> None:
    reports = list(published.values())
    assert pooled["organisations"] == 3
    assert pooled["returns"] == {"employee": ["Large", "Small"], "aggregate": ["Harrow"]}
    assert pooled["headcount"] == total([r["headcount"] for r in reports])
    groups = pooled["representation"]["groups"]
    for group in GROUPS:
        expected = total([r["profile"]["groups"][group]["count"] for r in reports])
        assert groups[group]["count"] == expected, group
    assert pooled["representation"]["counted"] == sum(groups[g]["count"] for g in GROUPS)
    em = pooled["representation"]["ethnic_minority"]
    assert em["count"] == sum(groups[g]["count"] for g in MINORITY)
    assert sum(groups[g]["workforce_pct"] for g in GROUPS) == pytest.approx(100, abs=0.05)
    assert em["workforce_pct"] == round(100 * em["count"] / pooled["representation"]["counted"], 2)
    # London's residents (Census 2021): 46.24% ethnic minority, as metrics.md says.
    assert em["population_pct"] == 46.24
    # The ratio is of the unrounded shares.
    assert em["ratio"] == pytest.approx(em["workforce_pct"] / 46.24, abs=0.001)
    json.dumps(pooled, allow_nan=False)  # plain JSON, no NaN


def test_salary_ranges_pool_only_the_employee_returns(
    published: dict[str, Json], pooled: Json
) -> None:
    salary = pooled["salary_ranges"]
    assert salary["organisations"] == ["Large", "Small"]  # Harrow's return has no people
    assert salary["order"] == list(SALARY_RANGES)
    employee = [published["Large"], published["Small"]]
    for label in SALARY_RANGES:
        pooled_range = salary["ranges"][label]
        published_ranges = [r["salary_ranges"]["ranges"][label] for r in employee]
        assert pooled_range["headcount"] == total([r["headcount"] for r in published_ranges])
        for group in ALL_GROUPS:
            counts = [r["groups"][group]["count"] for r in published_ranges]
            assert pooled_range["groups"][group]["count"] == total(counts), (label, group)
        missing = sum(
            r["headcount"] - total([g["count"] for g in r["groups"].values()])
            for r in published_ranges
            if r["headcount"] is not None
        )
        assert pooled_range["not_counted"] == missing, label
        em = pooled_range["ethnic_minority"]
        if pooled_range["counted"]:
            low, high = em["pct_known_bounds"]
            assert low <= em["pct_known"] <= high


def test_suppressed_cells_are_counted_as_not_counted(
    published: dict[str, Json], pooled: Json
) -> None:
    small = published["Small"]
    hidden = [g for g, v in small["profile"]["groups"].items() if v["count"] is None]
    assert hidden, "a council of 200 has hidden cells"
    expected = sum(
        r["headcount"] - total([v["count"] for v in r["profile"]["groups"].values()])
        for r in published.values()
    )
    assert expected > 0
    assert pooled["not_counted"]["profile"] == expected
    in_ranges = sum(
        r["headcount"]
        - total(
            [
                g["count"]
                for label in SALARY_RANGES
                for g in r["salary_ranges"]["ranges"][label]["groups"].values()
            ]
        )
        for r in (published["Large"], published["Small"])
    )
    assert in_ranges > 0
    assert pooled["not_counted"]["salary_ranges"] == in_ranges
    assert any("could not" in n or "suppressed" in n for n in pooled["notes"])


def test_an_organisation_without_pay_is_in_representation_only(
    published: dict[str, Json], pooled: Json
) -> None:
    assert "pay_gap" not in published["Harrow"]
    harrow_white = published["Harrow"]["profile"]["groups"]["White"]["count"]
    assert harrow_white is not None
    assert pooled["representation"]["groups"]["White"]["count"] >= harrow_white
    for measure in ("median", "mean"):
        assert "Harrow" not in pooled["pay_gaps"][measure]["by_organisation"]
    median = pooled["pay_gaps"]["median"]
    for name in ("Large", "Small"):
        em = published[name]["pay_gap"]["ethnic_minority"]
        assert median["by_organisation"][name] == em["median_gap_pct"]
    assert (
        "1 organisation sent an aggregate return without pay: they are in the representation "
        "figures but not in salary ranges or pay gaps." in pooled["notes"]
    )


def test_only_disclosure_controlled_reports_are_pooled(tmp_path: Path, london: Population) -> None:
    path = tmp_path / "staff.csv"
    generate.employees(100, seed=3).write_csv(path)
    full = employee_metrics(read_employees(path), options=Options(population=london)).as_json()
    with pytest.raises(ValueError, match="not disclosure-controlled"):
        pool({"Council": full}, population=london)
    with pytest.raises(ValueError, match="not a workforce metrics report"):
        pool({"Council": {"headcount": 10}}, population=london)


# ---------------------------------------------------------------- hand-made reports


def test_disclosure_pools_the_organisations_whose_count_is_published(london: Population) -> None:
    reports = {
        "A": hand_made(headcount=200, groups={"White": 170, "Not disclosed": 30}),
        "B": hand_made(headcount=100, groups={"White": 90, "Not disclosed": 10}),
        "C": hand_made(headcount=60, groups={"White": 55, "Not disclosed": None}),  # hidden
    }
    disclosure = pool(reports, population=london)["disclosure"]
    # 40 of the 300 staff of A and B; C's headcount without its count would say nothing.
    assert disclosure["organisations"] == ["A", "B"]
    assert (disclosure["not_disclosed"], disclosure["headcount"]) == (40, 300)
    assert disclosure["not_disclosed_pct"] == 13.33


def test_quartiles_by_numpys_linear_method() -> None:
    # Sorted: −2, 1, 4, 10. Position (n − 1) × p: 0.75 → −2 + 0.75 × 3 = 0.25; 1.5 → 2.5;
    # 2.25 → 4 + 0.25 × 6 = 5.5.
    assert quartiles([4.0, -2.0, 10.0, 1.0]) == {
        "count": 4,
        "median": 2.5,
        "lower_quartile": 0.25,
        "upper_quartile": 5.5,
        "min": -2.0,
        "max": 10.0,
    }
    assert quartiles([7.5]) == {
        "count": 1,
        "median": 7.5,
        "lower_quartile": 7.5,
        "upper_quartile": 7.5,
        "min": 7.5,
        "max": 7.5,
    }
    assert quartiles([])["count"] == 0
    assert quartiles([])["median"] is None


def test_pay_gaps_leave_out_suppressed_and_incomparable_gaps(london: Population) -> None:
    reports = {
        "A": hand_made(headcount=100, gaps=(4.0, 3.0)),
        "B": hand_made(headcount=100, gaps=(-2.0, -1.0)),
        "C": hand_made(headcount=100, gaps=(10.0, 12.0)),
        "D": hand_made(headcount=100, gaps=(1.0, 2.0)),
        "Hidden": hand_made(headcount=100, gaps=(None, None)),  # suppressed: too few people
        "WB": hand_made(headcount=100, gaps=(30.0, 30.0), reference="White British"),
        "Cells": hand_made(kind="aggregate", headcount=100, gaps=(None, 5.0)),
        "No pay": hand_made(kind="aggregate", headcount=100),
    }
    gaps = pool(reports, population=london)["pay_gaps"]
    median, mean = gaps["median"], gaps["mean"]
    assert median["by_organisation"] == {
        "A": 4.0,
        "B": -2.0,
        "C": 10.0,
        "D": 1.0,
        "Hidden": None,
        "WB": None,
    }
    assert (median["count"], median["median"], median["lower_quartile"]) == (4, 2.5, 0.25)
    assert (median["upper_quartile"], median["min"], median["max"]) == (5.5, -2.0, 10.0)
    # Means include the aggregate return with mean pay: −1, 2, 3, 5, 12.
    assert mean["by_organisation"]["Cells"] == 5.0
    assert "No pay" not in mean["by_organisation"]
    assert (mean["count"], mean["median"], mean["lower_quartile"], mean["upper_quartile"]) == (
        5,
        3.0,
        2.0,
        5.0,
    )
    notes = pool(reports, population=london)["notes"]
    assert any("against White British" in n and "WB" in n for n in notes)


def ranges_of(
    shares: dict[str, tuple[int, int]], not_counted: dict[str, int] | None = None
) -> dict[str, tuple[int | None, dict[str, int | None]]]:
    """Salary ranges from (ethnic minority, White) counts: the minority all Black, for short.
    `not_counted` adds staff to a range's headcount that are in no published cell."""
    extra = not_counted or {}
    return {
        label: (em + white + extra.get(label, 0), {"Black": em, "White": white})
        for label, (em, white) in shares.items()
    }


# Ethnic minority share 60, 50, 25 (a dip), 45, 20, 10: overall 210 / 600 = 35%, line 28%.
CEILING = {
    "£20–30k": (60, 40),
    "£30–40k": (50, 50),
    "£40–50k": (25, 75),
    "£50–60k": (45, 55),
    "£60–70k": (20, 80),
    "£70–80k": (10, 90),
}


def test_glass_ceiling_is_where_the_share_stays_below_the_line(london: Population) -> None:
    # Split between two councils: the London figures are their sums.
    first = {label: (em // 2, white // 2) for label, (em, white) in CEILING.items()}
    second = {
        label: (em - first[label][0], white - first[label][1])
        for label, (em, white) in CEILING.items()
    }
    reports = {}
    for name, part in (("A", first), ("B", second)):
        black = sum(em for em, _ in part.values())
        white = sum(white for _, white in part.values())
        groups: dict[str, int | None] = {"Black": black, "White": white}
        reports[name] = hand_made(headcount=black + white, groups=groups, ranges=ranges_of(part))
    pooled = pool(reports, population=london)
    assert pooled["not_counted"] == {"profile": 0, "salary_ranges": 0}
    salary = pooled["salary_ranges"]
    assert salary["ranges"]["£40–50k"]["ethnic_minority"] == {
        "count": 25,
        "pct_known": 25.0,
        "pct_known_bounds": [25.0, 25.0],
    }
    assert salary["glass_ceiling"] == {
        "fraction": 0.8,
        "overall_pct": 35.0,
        "line_pct": 28.0,
        "range": "£60–70k",  # £40–50k dips below, but £50–60k is back above
        "range_pct": 20.0,
        "first_below": "£40–50k",
        "certain": True,
    }
    assert salary["population_ethnic_minority_pct"] == 46.24


def test_a_glass_ceiling_resting_on_hidden_cells_is_not_certain(london: Population) -> None:
    # 20 staff in £60–70k are in hidden cells: were they all ethnic minority, 40 of 120 (33.3%)
    # would be above the 28% line.
    ranges = ranges_of(CEILING, not_counted={"£60–70k": 20})
    report = hand_made(headcount=620, groups={"Black": 210, "White": 390}, ranges=ranges)
    pooled = pool({"A": report}, population=london)
    salary = pooled["salary_ranges"]
    assert salary["ranges"]["£60–70k"]["not_counted"] == 20
    assert salary["ranges"]["£60–70k"]["ethnic_minority"]["pct_known_bounds"] == [16.67, 33.33]
    assert salary["glass_ceiling"]["range"] == "£60–70k"
    assert salary["glass_ceiling"]["certain"] is False
    assert salary["not_counted"] == 20
    assert pooled["not_counted"]["profile"] == 20  # 620 in post, 600 in published groups
    assert any(n.startswith("The glass ceiling from £60–70k") for n in pooled["notes"])


def test_glass_ceiling_function_without_a_ceiling() -> None:
    rising = [RangeShare("a", 30.0, 30.0), RangeShare("b", 40.0, 40.0)]
    assert glass_ceiling(rising, 35.0)["range"] is None
    assert glass_ceiling(rising, 35.0)["first_below"] is None
    assert glass_ceiling([], None) == {
        "fraction": 0.8,
        "overall_pct": None,
        "line_pct": None,
        "range": None,
        "range_pct": None,
        "first_below": None,
        "certain": None,
    }


def test_a_hidden_headcount_keeps_an_organisation_out_of_the_totals(london: Population) -> None:
    reports = {
        "Big": hand_made(headcount=100, groups={"White": 60, "Asian": 40}),
        "Tiny": hand_made(headcount=None, groups={"White": None, "Asian": None}),
    }
    pooled = pool(reports, population=london)
    assert pooled["headcount"] == 100
    assert pooled["representation"]["groups"]["Asian"]["workforce_pct"] == 40.0
    assert any("headcount of 1 organisation is suppressed (Tiny)" in n for n in pooled["notes"])


def test_nothing_to_pool(london: Population) -> None:
    pooled = pool({}, population=london)
    assert pooled["organisations"] == 0
    assert pooled["headcount"] == 0
    assert pooled["disclosure"]["not_disclosed_pct"] is None
    assert pooled["representation"]["counted"] == 0
    assert pooled["representation"]["ethnic_minority"]["workforce_pct"] is None
    assert pooled["representation"]["ethnic_minority"]["population_pct"] == 46.24
    assert pooled["salary_ranges"]["organisations"] == []
    assert pooled["salary_ranges"]["glass_ceiling"]["range"] is None
    assert pooled["pay_gaps"]["median"] == {
        "by_organisation": {},
        "count": 0,
        "median": None,
        "lower_quartile": None,
        "upper_quartile": None,
        "min": None,
        "max": None,
    }
    assert pooled["not_counted"] == {"profile": 0, "salary_ranges": 0}
    assert pooled["notes"] == ["No reports to pool: there are no London figures yet."]
    json.dumps(pooled, allow_nan=False)
