"""Small statistical tools the metrics need: nearest-rank percentile, pay gap, bootstrap, Fisher.

Each is written out here rather than pulled from SciPy because each is a few lines over numpy
and the exact definition matters (and is tested against brute force in tests/workforce).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

#: Resamples for every bootstrap interval.
RESAMPLES = 1000
#: Up to this many people, a group's bootstrap means come from real resamples; above it, from
#: the normal limit of the bootstrap distribution of a mean, N(mean, sd²/n), which at this size
#: is indistinguishable from resampling (and resampling a million people 1,000 times is not).
EXACT_MEAN_LIMIT = 1000


def nearest_rank(values: Floats, percentile: float) -> float:
    """The nearest-rank percentile: the value at rank ceil(p/100 × n), counting from 1, in
    ascending order. `values` need not be sorted (a partial sort finds it in linear time)."""
    n = len(values)
    if n == 0:
        raise ValueError("no values")
    rank = max(1, math.ceil(percentile / 100 * n))
    return float(np.partition(values, rank - 1)[rank - 1])


def sorted_median(sorted_values: Floats) -> float:
    """The median of values already sorted ascending (nan when there are none)."""
    n = len(sorted_values)
    if n == 0:
        return math.nan
    middle = n // 2
    if n % 2:
        return float(sorted_values[middle])
    return float(sorted_values[middle - 1] + sorted_values[middle]) / 2


def gap_pct(reference: float, group: float) -> float | None:
    """(reference − group) / reference × 100: positive when the group is paid less."""
    if reference == 0 or math.isnan(reference) or math.isnan(group):
        return None
    return (reference - group) / reference * 100


@dataclass(frozen=True, slots=True)
class Draws:
    """Bootstrap draws of one group's mean and median."""

    mean: Floats
    median: Floats


def bootstrap(sorted_values: Floats, rng: np.random.Generator, resamples: int = RESAMPLES) -> Draws:
    """Bootstrap the mean and median of one group (its values sorted ascending).

    Medians are drawn exactly without resampling: the k-th smallest of n draws from the
    empirical distribution is F⁻¹(U₍ₖ₎), where U₍ₖ₎ ~ Beta(k, n − k + 1) is the k-th smallest
    of n uniforms; for an even n the next order statistic is U₍ₖ₎ + (1 − U₍ₖ₎)·Beta(1, n − k).
    """
    n = len(sorted_values)
    if n == 0:
        empty = np.full(resamples, np.nan)
        return Draws(empty, empty)
    if n <= EXACT_MEAN_LIMIT:
        means = np.empty(resamples)
        step = max(1, 200_000 // n)
        for start in range(0, resamples, step):
            size = min(step, resamples - start)
            picks = rng.integers(0, n, size=(size, n))
            means[start : start + size] = sorted_values[picks].mean(axis=1)
    else:
        sd = float(sorted_values.std())
        means = rng.normal(float(sorted_values.mean()), sd / math.sqrt(n), size=resamples)

    def quantile(u: Floats) -> Floats:
        index = np.clip(np.ceil(u * n).astype(np.int64) - 1, 0, n - 1)
        return sorted_values[index]

    k = (n + 1) // 2
    lower = rng.beta(k, n - k + 1, size=resamples)
    if n % 2:
        medians = quantile(lower)
    else:
        upper = lower + (1 - lower) * rng.beta(1, n - k, size=resamples)
        medians = (quantile(lower) + quantile(upper)) / 2
    return Draws(means, medians)


def interval(reference: Floats, group: Floats) -> tuple[float, float] | None:
    """95% percentile interval of the gap (reference − group) / reference × 100 over draws."""
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = (reference - group) / reference * 100
    gaps = gaps[np.isfinite(gaps)]
    if len(gaps) == 0:
        return None
    low, high = np.percentile(gaps, [2.5, 97.5])
    return (round(float(low), 2), round(float(high), 2))


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on [[a, b], [c, d]].

    Sums the hypergeometric probabilities of every table with the same margins that is no more
    likely than the one observed (with a relative tolerance of 1e-7 for rounding, as R and SciPy
    do). Works in logs so that tables of hundreds of thousands of applications are fine.
    """
    row1, row2, col1 = a + b, c + d, a + c
    low, high = max(0, col1 - row2), min(row1, col1)
    if high <= low:
        return 1.0
    xs = np.arange(low, high + 1, dtype=np.float64)
    # log P(x) up to a constant, by the ratio P(x+1)/P(x) = (r1−x)(c1−x) / ((x+1)(r2−c1+x+1)).
    steps = np.log((row1 - xs[:-1]) * (col1 - xs[:-1])) - np.log(
        (xs[:-1] + 1) * (row2 - col1 + xs[:-1] + 1)
    )
    log_p = np.concatenate(([0.0], np.cumsum(steps)))
    log_p -= log_p.max()
    p = np.exp(log_p)
    p /= p.sum()
    observed = p[a - low]
    return float(min(1.0, p[p <= observed * (1 + 1e-7)].sum()))
