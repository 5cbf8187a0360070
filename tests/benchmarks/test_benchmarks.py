"""The benchmark's yardsticks: the pandas baseline computes the engine's figures, and the one
command writes BENCHMARKS.md. Small returns only: the real run is `make bench`."""

from __future__ import annotations

import copy
import json
import math
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmarks import floor, pandas_baseline, run
from tri.reports.frames import write_table
from tri.workforce import Options, control, employee_metrics, population, read_employees
from tri.workforce.ethnicity import CATEGORIES
from tri.workforce.generate import employees
from tri.workforce.labels import EthnicityMap, normalise

pytestmark = pytest.mark.unit

ROWS = 2_000
FORMATS = ("csv", "parquet")

Json = dict[str, Any]


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("returns")
    frame = employees(ROWS, seed=11)
    paths = {fmt: folder / f"employees.{fmt}" for fmt in FORMATS}
    for path in paths.values():
        write_table(frame, path)
    return paths


@pytest.fixture(scope="module")
def outputs(returns: dict[str, Path]) -> dict[str, tuple[Json, Json]]:
    """(engine, baseline) for each format, both without disclosure control."""
    options = Options(population=population("london"))
    result = {}
    for fmt, path in returns.items():
        engine = employee_metrics(read_employees(path), options=options).as_json()
        baseline = pandas_baseline.metrics(path, bootstrap=False, suppression=False)
        result[fmt] = (engine, baseline)
    return result


SECTIONS = [
    ("headcount",),
    ("profile", "groups"),
    ("profile", "categories"),
    ("disclosure",),
    ("representation", "groups"),
    ("representation", "ethnic_minority"),
    ("representation", "categories"),
    ("pay_bands", "bands"),
    ("glass_ceiling",),
    ("senior", "top_5pct"),
    ("senior", "tiers"),
    ("pay_gap", "groups"),
    ("pay_gap", "categories"),
    ("pay_gap", "ethnic_minority"),
    ("pay_gap", "all_except_white_british"),
    ("pay_gap", "bonus"),
    ("pay_quarters",),
    ("relative_likelihood", "formal_disciplinary"),
    ("relative_likelihood", "non_mandatory_training"),
    ("rates",),
    ("intersectional", "sex"),
    ("intersectional", "directorate"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("section", SECTIONS, ids=".".join)
def test_baseline_figures_equal_the_engines(
    outputs: dict[str, tuple[Json, Json]], fmt: str, section: tuple[str, ...]
) -> None:
    engine, baseline = outputs[fmt]
    figures = [
        (path, value) for path, value in run.leaves(baseline) if path[: len(section)] == section
    ]
    assert figures, f"the baseline has no {'.'.join(section)}"
    for path, value in figures:
        theirs = run.lookup(engine, path)
        assert theirs is not run.MISSING, f"{'.'.join(path)} is not in the engine's output"
        assert run.same(theirs, value), f"{'.'.join(path)}: engine {theirs}, baseline {value}"


def test_key_figures_are_the_same_numbers(outputs: dict[str, tuple[Json, Json]]) -> None:
    engine, baseline = outputs["csv"]
    assert baseline["headcount"] == engine["headcount"] > 0
    for path in [
        ("disclosure", "not_disclosed_pct"),
        ("senior", "top_5pct_ethnic_minority_pct"),
        ("pay_gap", "groups", "Black", "mean_gap_pct"),
        ("pay_gap", "groups", "Black", "median_gap_pct"),
        ("pay_quarters", "upper", "groups", "White", "pct"),
        ("relative_likelihood", "formal_disciplinary", "ratio"),
        ("relative_likelihood", "non_mandatory_training", "ratio"),
    ]:
        theirs, ours = run.lookup(engine, path), run.lookup(baseline, path)
        assert isinstance(ours, float)
        assert abs(theirs - ours) <= 0.01, path


def test_the_whole_outputs_agree_with_disclosure_control_on(returns: dict[str, Path]) -> None:
    """As the benchmark compares them: each with its own disclosure control."""
    report = employee_metrics(
        read_employees(returns["csv"]), options=Options(population=population("london"))
    )
    engine = control(report).as_json()
    baseline = pandas_baseline.metrics(returns["csv"], bootstrap=False)
    agreement = run.compare(engine, baseline)
    assert not agreement.problems
    assert agreement.compared > 500
    assert str(agreement).startswith("outputs agree")


def test_compare_finds_a_figure_that_differs(outputs: dict[str, tuple[Json, Json]]) -> None:
    engine, baseline = outputs["csv"]
    agreement = run.compare(engine, baseline)
    assert not agreement.problems
    assert agreement.main_compared == len(run.MAIN_FIGURES)
    assert f"all {len(run.MAIN_FIGURES)} main figures" in str(agreement)
    changed = copy.deepcopy(baseline)
    changed["pay_gap"]["groups"]["Asian"]["median_gap_pct"] += 0.05
    del changed["profile"]["groups"]["Mixed"]["pct"]
    changed["pay_bands"]["bands"]["1"]["groups"]["Black"]["unheard_of"] = 1
    problems = run.compare(engine, changed).problems
    assert any("pay_gap.groups.Asian.median_gap_pct" in p for p in problems)
    assert any("profile.groups.Mixed.pct is missing from the baseline" in p for p in problems)
    assert any("unheard_of is not in the engine's output" in p for p in problems)
    assert str(run.compare(engine, changed)).startswith("OUTPUTS DISAGREE")


def test_baseline_uses_the_engines_categories_labels_and_population() -> None:
    assert [(code, name, group) for code, name, group in pandas_baseline.CATEGORIES] == [
        (c.code, c.name, c.group) for c in CATEGORIES
    ]
    labels = pandas_baseline.label_categories()
    for label, category in EthnicityMap.standard().entries:
        assert pandas_baseline.label_key(label) == normalise(label)
        assert labels[pandas_baseline.label_key(label)] == category.name
    assert pandas_baseline.london_residents() == population("london").by_category


def test_baseline_suppresses_counts_from_1_to_9(
    returns: dict[str, Path], outputs: dict[str, tuple[Json, Json]]
) -> None:
    result = pandas_baseline.metrics(returns["csv"], bootstrap=False)
    counts = [
        value
        for path, value in run.leaves(result)
        if path[-1] in pandas_baseline.COUNT_KEYS and isinstance(value, int | float)
    ]
    assert counts
    assert not any(0 < value < 10 for value in counts)
    small = [
        path
        for path, value in run.leaves(outputs["csv"][1])
        if path[-1] in pandas_baseline.COUNT_KEYS and isinstance(value, int | float)
        if 0 < value < 10
    ]
    assert small, "the sample has cells of 1 to 9 people"
    for path in small:
        assert run.lookup(result, path) is None
        share = run.lookup(result, (*path[:-1], "pct"))
        assert share in (None, run.MISSING)


def test_baseline_bootstrap_gives_an_interval_around_each_gap(returns: dict[str, Path]) -> None:
    df = pandas_baseline.prepare(pandas_baseline.read(returns["parquet"]))
    staff = df[df["left_on"].isna()]
    known = staff[(staff["group"] != pandas_baseline.ND) & staff["hourly_pay"].notna()]
    result = pandas_baseline.pay_gap(known, bootstrap=False)
    pandas_baseline.add_intervals(result, known, np.random.default_rng(1), resamples=200)
    for entry in (result["groups"]["Asian"], result["ethnic_minority"]):
        for key in ("mean_gap_pct", "median_gap_pct"):
            low, high = entry["ci95"][key]
            assert low <= entry[key] <= high


def test_baseline_command_writes_json(returns: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "baseline.json"
    pandas_baseline.main([str(returns["parquet"]), "--out", str(out), "--no-bootstrap"])
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["settings"]["bootstrap"] is False
    assert written["headcount"] > 0


def test_floor_counts_every_row_by_ethnicity(returns: dict[str, Path], tmp_path: Path) -> None:
    for path in returns.values():
        counts = floor.counts(path)
        assert sum(counts.values()) == ROWS
        assert "" in counts  # blank labels are counted too
    out = tmp_path / "floor.json"
    floor.main([str(returns["csv"]), "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8")) == floor.counts(returns["csv"])


def test_one_command_writes_the_tables(returns: dict[str, Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy(returns["csv"], run.data_path(cache, ROWS, "csv"))  # no need to generate it
    out = tmp_path / "B.md"
    quick = ["--formats", "csv", "--repeat", "1", "--no-warm-up"]
    status = run.main(["--sizes", str(ROWS), *quick, "--out", str(out), "--cache", str(cache)])
    assert status == 0
    text = out.read_text(encoding="utf-8")
    for heading in ("# Benchmarks", "## Results", "## Targets", "## The outputs agree"):
        assert heading in text
    assert "| Employees | File | File MB | Engine s |" in text
    row = next(line for line in text.splitlines() if line.startswith("| 2,000 | CSV |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 13  # the baseline with confidence intervals ran too, at 2,000 rows
    assert all(math.isfinite(float(cell.rstrip("×").replace(",", ""))) for cell in cells[2:])
    assert "| At least 5× faster than the pandas baseline doing the same work" in text
    assert "| At least 5× faster than the pandas baseline without confidence intervals" in text
    assert "- 2k CSV: outputs agree" in text
    assert "make bench" in text
