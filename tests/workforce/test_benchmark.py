"""Workforce benchmarks over real published reports: eight generated organisations of 250 to
1,200 staff, each through `employee_metrics()` and `control()`, as the service stores them.

At these sizes disclosure control hides much: every organisation publishes its median ethnic
minority pay gap, three their not-disclosed share and representation ratio, and one its top 5%
share. The expected figures are worked out here from `measure_value()` over the published
reports, with the quartile rule written out.
"""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import pytest

from tri.standard import Quartiles
from tri.workforce import (
    Options,
    control,
    employee_metrics,
    generate,
    measure_label,
    measure_value,
    population,
    read_employees,
    workforce_benchmark,
)
from tri.workforce.benchmark import MEASURES

pytestmark = pytest.mark.unit

Json = dict[str, Any]

#: Organisation → (staff, generator seed).
SIZES = {
    "alphaville-lb": (400, 1),
    "betamax-rb": (500, 2),
    "gammashire-cc": (600, 3),
    "deltaport-lb": (800, 4),
    "epsilon-cc": (1000, 5),
    "zetaford-lb": (1200, 6),
    "etaham-lb": (250, 7),
    "thetaside-lb": (700, 8),
}
NOT_DISCLOSED = "disclosure.not_disclosed_pct"
RATIO = "representation.ratio:ethnic_minority"
PAY_GAP = "pay_gap.median:ethnic_minority"
TOP_5 = "senior.top_5pct_ethnic_minority_pct"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Json, Json]]:
    """Each organisation's (full, published) report JSON, as the service stores them."""
    folder = tmp_path_factory.mktemp("benchmark")
    options = Options(population=population("london"))
    found = {}
    for key, (rows, seed) in SIZES.items():
        path = folder / f"{key}.csv"
        generate.employees(rows, seed=seed).write_csv(path)
        full = employee_metrics(read_employees(path), options=options)
        pair = (full.as_json(), control(full).as_json())
        found[key] = json.loads(json.dumps(pair, ensure_ascii=False))
    return found


@pytest.fixture(scope="module")
def published(reports: dict[str, tuple[Json, Json]]) -> dict[str, Json]:
    return {key: pair[1] for key, pair in reports.items()}


def by_hand(values: list[float]) -> Quartiles:
    """Quartiles as documented: the p-quantile of n sorted values at position (n − 1) × p,
    counting from 0, interpolating between neighbours."""
    ordered = sorted(values)

    def at(p: float) -> float:
        position = (len(ordered) - 1) * p
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (position - low) * (ordered[high] - ordered[low])

    return Quartiles(ordered[0], at(0.25), at(0.5), at(0.75), ordered[-1])


def available(published: dict[str, Json], key: str) -> dict[str, float]:
    return {
        member: value
        for member, report in published.items()
        if (value := measure_value(report, key)) is not None
    }


def test_benchmark_measures_labels_and_directions(published: dict[str, Json]) -> None:
    result = workforce_benchmark(published)

    assert result.minimum == 5
    assert result.members == tuple(SIZES)
    assert [(m.key, m.unit, m.better) for m in result.measures] == [
        (NOT_DISCLOSED, "pct", "lower"),
        (RATIO, "ratio", None),
        (PAY_GAP, "gap_pct", "lower"),
        (TOP_5, "pct", "higher"),
    ]
    assert [m.label for m in result.measures] == [measure_label(key) for key in MEASURES]
    for found in result.measures:
        assert [v.key for v in found.values] == list(SIZES)


def test_statistics_and_positions_by_hand(published: dict[str, Json]) -> None:
    """Every organisation publishes its median pay gap: 8 values, so a spread and quarters."""
    values = available(published, PAY_GAP)
    assert len(values) == 8

    gap = workforce_benchmark(published).measure(PAY_GAP)

    assert gap.n_available == 8
    assert gap.spread == by_hand(list(values.values()))
    everyone = list(values.values())
    for member, value in values.items():
        below = sum(other < value for other in everyone)
        equal = sum(other == value for other in everyone)
        p = (below + 0.5 * equal) / 8
        quarter = ["bottom", "third", "second", "top"][min(3, int(p * 4))] + " quarter"
        assert (gap.value(member).value, gap.value(member).percentile) == (value, p)
        assert gap.value(member).quarter == quarter
    highest = max(values, key=lambda member: values[member])
    assert gap.value(highest).quarter == "top quarter"
    assert gap.value(highest).percentile == 7.5 / 8


def test_below_the_minimum_no_spread_and_no_positions(published: dict[str, Json]) -> None:
    """Three organisations publish their not-disclosed share: too few at 5, enough at 3."""
    shares = available(published, NOT_DISCLOSED)
    assert sorted(shares) == ["epsilon-cc", "gammashire-cc", "zetaford-lb"]

    at_5 = workforce_benchmark(published).measure(NOT_DISCLOSED)
    at_3 = workforce_benchmark(published, minimum=3).measure(NOT_DISCLOSED)

    assert (at_5.n_available, at_5.spread) == (3, None)
    assert all(v.percentile is None and v.quarter is None for v in at_5.values)
    assert [v.value for v in at_5.values] == [shares.get(member) for member in SIZES]
    assert at_3.n_available == 3
    assert at_3.spread == by_hand(list(shares.values()))
    assert {v.key for v in at_3.values if v.quarter is not None} == set(shares)


def test_a_suppressed_figure_is_not_available_never_0(
    reports: dict[str, tuple[Json, Json]], published: dict[str, Json]
) -> None:
    """Alphaville's full figures have a not-disclosed share and a top 5% share; its published
    report has them as null, and so does the benchmark."""
    full, _ = reports["alphaville-lb"]
    assert measure_value(full, NOT_DISCLOSED) is not None
    assert measure_value(full, TOP_5) is not None

    result = workforce_benchmark(published, minimum=3)

    for key in (NOT_DISCLOSED, TOP_5):
        found = result.measure(key)
        value = found.value("alphaville-lb")
        assert (value.value, value.percentile, value.quarter) == (None, None, None)
        assert not value.is_available
        assert found.text("alphaville-lb") == "not available"
    shares = list(available(published, NOT_DISCLOSED).values())
    spread = result.measure(NOT_DISCLOSED).spread
    assert spread is not None
    assert spread.minimum == min(shares) > 0
    assert result.measure(TOP_5).n_available == 1


def test_a_suppressed_pay_gap_drops_out_of_the_spread(published: dict[str, Json]) -> None:
    """Disclosure control writes a hidden figure as null: the spread is then over the other
    seven organisations, not eight with a 0."""
    hidden = copy.deepcopy(published)
    hidden["zetaford-lb"]["pay_gap"]["ethnic_minority"]["median_gap_pct"] = None
    others = [v for k, v in available(published, PAY_GAP).items() if k != "zetaford-lb"]

    gap = workforce_benchmark(hidden).measure(PAY_GAP)

    assert gap.n_available == 7
    assert gap.spread == by_hand(others)
    assert gap.value("zetaford-lb").value is None
    assert gap.value("zetaford-lb").quarter is None
    assert {v.percentile for v in gap.values if v.key != "zetaford-lb"} == {
        (rank + 0.5) / 7 for rank in range(7)
    }


def test_a_figure_as_text(published: dict[str, Json]) -> None:
    gap = workforce_benchmark(published).measure(PAY_GAP)
    value = gap.value("alphaville-lb").value
    assert value is not None

    assert gap.text("alphaville-lb") == f"{value:.1f}%"


def test_full_figures_are_refused(reports: dict[str, tuple[Json, Json]]) -> None:
    full = {key: pair[0] for key, pair in reports.items()}

    with pytest.raises(ValueError, match="alphaville-lb: this report was not disclosure-contr"):
        workforce_benchmark(full)


def test_minimum_is_at_least_1(published: dict[str, Json]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        workforce_benchmark(published, minimum=0)


def test_no_reports() -> None:
    result = workforce_benchmark({})

    assert (result.minimum, result.members) == (5, ())
    assert [m.key for m in result.measures] == list(MEASURES)
    assert all(m.n_available == 0 and m.spread is None and m.values == () for m in result.measures)


def test_a_report_without_settings_is_refused() -> None:
    with pytest.raises(ValueError, match="x: this report was not disclosure-controlled"):
        workforce_benchmark({"x": {}})
