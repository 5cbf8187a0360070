"""Where one organisation stands among others: quartiles, a mid-rank percentile and its quarter.

Both benchmarks (the Standard's category points in tri.scheme, the workforce measures in
tri.workforce) describe a spread and a position the same way, and neither may import the other,
so the few lines that define "quartile" and "quarter" live here, once, below both.

Definitions, so a figure can be checked by hand:

- *quartiles* are `statistics.quantiles(values, n=4, method="inclusive")`: with the n values
  sorted, the p-quantile sits at position (n − 1) × p counting from 0, interpolating between
  neighbours (Hyndman and Fan's definition 7, numpy's default, as tri.workforce.london uses for
  pay gaps). The median is `statistics.median`. One value is its own minimum, quartiles, median
  and maximum.
- the *percentile* of a value among values is its mid-rank: (values below it + half the values
  equal to it) ÷ n, from 0 to 1. Ties share one percentile, so equal scores never land in
  different quarters.
- its *quarter* is "top quarter" from 0.75, "second quarter" from 0.5, "third quarter" from
  0.25, "bottom quarter" below: the top quarter holds the highest values, whether or not a
  high value is good.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

#: The quarters, lowest first.
QUARTERS: Final = ("bottom quarter", "third quarter", "second quarter", "top quarter")


@dataclass(frozen=True, slots=True)
class Quartiles:
    """The five figures a box plot draws: minimum, lower quartile, median, upper quartile,
    maximum."""

    minimum: float
    lower: float
    median: float
    upper: float
    maximum: float


def quartiles(values: Sequence[float]) -> Quartiles:
    """The minimum, quartiles (inclusive method) and maximum of `values`; ValueError if empty."""
    if not values:
        raise ValueError("no values to take quartiles of")
    numbers = sorted(float(value) for value in values)
    if len(numbers) == 1:
        (only,) = numbers
        return Quartiles(only, only, only, only, only)
    lower, _, upper = statistics.quantiles(numbers, n=4, method="inclusive")
    return Quartiles(
        minimum=numbers[0],
        lower=lower,
        median=float(statistics.median(numbers)),
        upper=upper,
        maximum=numbers[-1],
    )


def percentile(value: float, values: Sequence[float]) -> float:
    """The mid-rank percentile of `value` among `values` (which should include it), 0 to 1:
    (values below + ½ × values equal) ÷ n. ValueError if there are no values."""
    if not values:
        raise ValueError("no values to rank among")
    below = sum(other < value for other in values)
    equal = sum(other == value for other in values)
    return (below + 0.5 * equal) / len(values)


def sorted_percentile(value: float, ordered: Sequence[float]) -> float:
    """`percentile` of `value` among `ordered`, which is sorted ascending: the same result by
    binary search, for ranking many values among the same ones."""
    if not ordered:
        raise ValueError("no values to rank among")
    below = bisect_left(ordered, value)
    equal = bisect_right(ordered, value) - below
    return (below + 0.5 * equal) / len(ordered)


def quarter(p: float) -> str:
    """The quarter a percentile (0 to 1) falls in: "top quarter" from 0.75, "second quarter"
    from 0.5, "third quarter" from 0.25, "bottom quarter" below."""
    if not 0 <= p <= 1:
        raise ValueError(f"a percentile is from 0 to 1, not {p}")
    if p >= 0.75:
        return QUARTERS[3]
    if p >= 0.5:
        return QUARTERS[2]
    if p >= 0.25:
        return QUARTERS[1]
    return QUARTERS[0]
