"""The statistical helpers against definitions computed by brute force."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tri.workforce import stats

pytestmark = pytest.mark.unit


def fisher_brute_force(a: int, b: int, c: int, d: int) -> float:
    """Fisher's two-sided p by the definition, in exact fractions."""
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2

    def p(x: int) -> Fraction:
        return Fraction(math.comb(row1, x) * math.comb(row2, col1 - x), math.comb(n, col1))

    observed = p(a)
    tables = range(max(0, col1 - row2), min(row1, col1) + 1)
    return float(sum(p(x) for x in tables if p(x) <= observed))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ((8, 2, 1, 5), 0.0349650),  # a textbook example: 2 × (0.0175) rounded
        ((3, 1, 1, 3), 0.4857143),  # the lady tasting tea
        ((0, 5, 5, 0), 0.0079365),
        ((10, 10, 10, 10), 1.0),
    ],
)
def test_fisher_known_values(table: tuple[int, int, int, int], expected: float) -> None:
    assert stats.fisher_exact(*table) == pytest.approx(expected, abs=1e-6)
    assert stats.fisher_exact(*table) == pytest.approx(fisher_brute_force(*table), rel=1e-9)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30), st.integers(0, 30))
def test_fisher_matches_the_definition(a: int, b: int, c: int, d: int) -> None:
    assert stats.fisher_exact(a, b, c, d) == pytest.approx(
        fisher_brute_force(a, b, c, d), rel=1e-6, abs=1e-12
    )


def test_fisher_copes_with_large_tables() -> None:
    p = stats.fisher_exact(40_000, 60_000, 30_000, 70_000)
    assert 0 <= p < 1e-10


def test_nearest_rank() -> None:
    values = np.array([15.0, 20, 35, 40, 50])
    # The textbook example: the 30th percentile of these five is 20, the 40th is 20, 50th 35.
    assert stats.nearest_rank(values, 30) == 20
    assert stats.nearest_rank(values, 40) == 20
    assert stats.nearest_rank(values, 50) == 35
    assert stats.nearest_rank(values, 100) == 50
    assert stats.nearest_rank(np.arange(1.0, 101.0), 95) == 95
    assert stats.nearest_rank(np.arange(1.0, 21.0), 95) == 19
    with pytest.raises(ValueError, match="no values"):
        stats.nearest_rank(np.array([]), 95)


def test_gap_pct() -> None:
    assert stats.gap_pct(20.0, 18.0) == pytest.approx(10.0)
    assert stats.gap_pct(20.0, 22.0) == pytest.approx(-10.0)
    assert stats.gap_pct(0.0, 10.0) is None


def test_bootstrap_median_draws_are_order_statistics() -> None:
    rng = np.random.default_rng(1)
    odd = np.array([1.0, 2, 3, 4, 5])
    draws = stats.bootstrap(odd, rng, resamples=2000)
    assert set(np.unique(draws.median)) <= set(odd)

    # The exact bootstrap distribution of the median of five draws: the median is at most the
    # k-th value when at least 3 of the 5 draws are, so P(median = 3) = P(B(5, .6) ≥ 3) − P(B(5, .4) ≥ 3).
    def at_least_3(p: float) -> float:
        return sum(math.comb(5, j) * p**j * (1 - p) ** (5 - j) for j in range(3, 6))

    exact = at_least_3(0.6) - at_least_3(0.4)
    assert exact == pytest.approx(0.36512)
    assert np.mean(draws.median == 3) == pytest.approx(exact, abs=0.03)
    even = np.array([10.0, 20, 30, 40])
    medians = stats.bootstrap(even, rng, resamples=2000).median
    assert medians.min() >= 10
    assert medians.max() <= 40


def test_bootstrap_mean_matches_resampling_in_both_regimes() -> None:
    rng = np.random.default_rng(2)
    small = rng.lognormal(3, 0.4, size=400)
    large = rng.lognormal(3, 0.4, size=5000)
    for values in (np.sort(small), np.sort(large)):
        draws = stats.bootstrap(values, np.random.default_rng(3))
        assert draws.mean.mean() == pytest.approx(values.mean(), rel=0.01)
        assert draws.mean.std() == pytest.approx(values.std() / math.sqrt(len(values)), rel=0.1)


def test_interval_contains_the_gap_and_narrows_with_size() -> None:
    rng = np.random.default_rng(4)
    widths = []
    for n in (30, 3000):
        ref = np.sort(rng.normal(20, 3, size=n))
        grp = np.sort(rng.normal(18, 3, size=n))
        low, high = stats.interval(
            stats.bootstrap(ref, rng).mean, stats.bootstrap(grp, rng).mean
        ) or (math.nan, math.nan)
        gap = stats.gap_pct(float(ref.mean()), float(grp.mean()))
        assert gap is not None
        assert low <= gap <= high
        widths.append(high - low)
    assert widths[1] < widths[0] / 5
