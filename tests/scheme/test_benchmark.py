"""Benchmarks of a round's final results: six organisations scored on the real Standard.

| organisation | Cat 1 | Cat 3 (Data Governance) | Cat 7        | Cat 3 a round before |
| Alphaville   | 15    | 4  Developing           | 10           | 2                    |
| Betamax      | 15    | 8  Developing           | 10           | 8                    |
| Gammashire   | 15    | 8  Developing           | 10           | 10                   |
| Deltaport    | 15    | 11 Established          | 10           | 11                   |
| Epsilon      | 15    | 13 Leading              | 10           | 10                   |
| Zetaford     | 15    | 18 Leading              | not assessed | (no earlier report)  |

The other categories are not assessed. The round before used a version without Category 7.

London has all six (and one organisation with no final report). "Five boroughs" are London less
Zetaford: one organisation apart, so only one of them may be shown (London, the top group), or
Zetaford's results would be London's less Five's. Tests of a shown group of five benchmark the
five on their own (`_five`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from dataclasses import replace
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.standard.builders import levels_for_points, responses
from tri.scheme import (
    Benchmark,
    BenchmarkError,
    CategoryStatistics,
    Cell,
    Group,
    LevelCounts,
    Member,
    Position,
    RoundChange,
    SchemeError,
    anonymised,
    benchmark,
    too_close,
)
from tri.standard import (
    Level,
    Quartiles,
    Response,
    ResponseSet,
    ScoreReport,
    Standard,
    percentile,
    quarter,
    score,
    sorted_percentile,
)

pytestmark = pytest.mark.unit

D, E, L = Level.DEVELOPING, Level.ESTABLISHED, Level.LEADING

NAMES = {
    "alphaville-lb": "London Borough of Alphaville",
    "betamax-rb": "Royal Borough of Betamax",
    "gammashire-cc": "Gammashire Council",
    "deltaport-lb": "London Borough of Deltaport",
    "epsilon-cc": "Epsilon City Council",
    "zetaford-lb": "London Borough of Zetaford",
}
KEYS = tuple(NAMES)
ALPHA, BETA, GAMMA, DELTA, EPSILON, ZETA = KEYS
DATA_POINTS = dict(zip(KEYS, (4, 8, 8, 11, 13, 18), strict=True))
EARLIER_DATA_POINTS = dict(zip(KEYS[:5], (2, 8, 10, 11, 10), strict=True))


def _report(standard: Standard, key: str, points: dict[str, int]) -> ScoreReport:
    """A final report with exactly these points per category (others not assessed), in the
    organisation's real name, so a leak of the report's name would show."""
    levels: dict[str, str] = {}
    for category in standard.categories:
        if category.id in points:
            levels.update(levels_for_points(category, points[category.id]))
    return score(standard, replace(responses(standard, levels), organisation=NAMES[key]))


def _earlier_standard(v14: Standard) -> Standard:
    return replace(v14, version="13", categories=v14.categories[:6])


def _members(v14: Standard) -> list[Member]:
    earlier = _earlier_standard(v14)
    members = []
    for key in KEYS:
        now = {"1": 15, "3": DATA_POINTS[key]} | ({} if key == ZETA else {"7": 10})
        before = (
            _report(earlier, key, {"1": 15, "3": EARLIER_DATA_POINTS[key]})
            if key in EARLIER_DATA_POINTS
            else None
        )
        members.append(Member(key, NAMES[key], _report(v14, key, now), before))
    return members


LONDON = Group("london", "London", frozenset({*KEYS, "no-final-lb"}))
FIVE = Group("five", "Five boroughs", frozenset({ALPHA, BETA, GAMMA, DELTA, EPSILON}), "london")
INNER = Group("inner", "Inner London", frozenset({ALPHA, BETA, GAMMA, DELTA}), "five")
TINY = Group("tiny", "Tiny partnership", frozenset({ALPHA, "no-final-lb"}), "inner")


def _benchmark(v14: Standard, **kwargs: int) -> Benchmark:
    return benchmark(v14, _members(v14), [LONDON, FIVE, INNER, TINY], **kwargs)


def _five(v14: Standard) -> Benchmark:
    """The five boroughs without Zetaford: Five is the top group, Inner and Tiny below it."""
    return benchmark(v14, _members(v14)[:5], [replace(FIVE, parent=None), INNER, TINY])


def _plain(value: object) -> str:
    """The whole result as JSON text: everything a template or an export could show."""

    def default(item: object) -> object:
        if isinstance(item, Enum):
            return item.name
        raise TypeError(item)

    assert dataclasses.is_dataclass(value)
    assert not isinstance(value, type)
    return json.dumps(dataclasses.asdict(value), default=default) + repr(value)


# ---------------------------------------------------------------- statistics


def test_benchmark_statistics_by_hand(v14: Standard) -> None:
    """Data Governance in London: 4, 8, 8, 11, 13, 18. Inclusive quartiles sit at positions
    (6 − 1) × ¼ = 1.25 → 8 and (6 − 1) × ¾ = 3.75 → 11 + 0.75 × (13 − 11) = 12.5; the median
    is (8 + 11) / 2. Ranges 0–10 Developing, 11–12 Established, 13–18 Leading. Epsilon moved
    2 → 4 (+2), 8 → 8, 10 → 8 (−2), 11 → 11, 10 → 13 (+3): median change 0."""
    result = _benchmark(v14)

    london = result.group("london")
    assert (london.n, london.shown, london.folded_into) == (6, True, None)
    assert london.category("3") == CategoryStatistics(
        category_id="3",
        title="Data Governance",
        max_points=18,
        n=6,
        points=Quartiles(4.0, 8.0, 9.5, 12.5, 18.0),
        levels=LevelCounts(none=0, developing=3, established=1, leading=2, not_assessed=0),
        histogram=(0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1),
        compared=5,
        change=RoundChange(improved=2, same=2, worse=1, median_change=0.0),
    )
    assert result.category_ids == ("1", "2", "3", "4", "5", "6", "7")
    assert [s.category_id for s in london.categories] == list(result.category_ids)


def test_benchmark_counts_a_category_not_assessed_at_0_points(v14: Standard) -> None:
    """Category 7 (Developing 0–9, Established 10–16): five at 10 points, Zetaford none
    answered. No earlier report had a Category 7, so nothing is compared."""
    category = _benchmark(v14).group("london").category("7")

    assert category.levels == LevelCounts(0, 0, 5, 0, 1)
    assert category.levels.total == category.n == 6
    assert category.points == Quartiles(0.0, 10.0, 10.0, 10.0, 10.0)
    assert category.histogram[0] == 1
    assert category.histogram[10] == 5
    assert len(category.histogram) == 22  # 0 to 21 points
    assert (category.compared, category.change) == (0, None)


def test_benchmark_of_a_category_nobody_assessed(v14: Standard) -> None:
    category = _benchmark(v14).group("london").category("4")

    assert category.levels == LevelCounts(0, 0, 0, 0, 6)
    assert category.points == Quartiles(0.0, 0.0, 0.0, 0.0, 0.0)
    assert category.histogram == (6, *[0] * 15)


def test_benchmark_of_one_organisation(v14: Standard) -> None:
    only = Group("solo", "Solo", frozenset({ZETA}))

    result = benchmark(v14, _members(v14)[5:], [only], minimum=1)

    assert result.group("solo").category("3").points == Quartiles(18.0, 18.0, 18.0, 18.0, 18.0)
    assert result.member(ZETA).cell("3").positions == (
        Position("solo", "Solo", 1, 0.5, "second quarter"),
    )


# ---------------------------------------------------------------- disclosure


def test_a_group_of_4_is_not_shown_and_folds_into_its_parent(v14: Standard) -> None:
    inner = _five(v14).group("inner")

    assert (inner.n, inner.shown, inner.folded_into, inner.categories) == (4, False, "five", ())
    assert inner.folded_because == "4 organisations with final results, fewer than 5"


def test_a_group_of_exactly_5_is_shown(v14: Standard) -> None:
    five = _five(v14).group("five")

    assert (five.n, five.shown, five.folded_into, five.folded_because) == (5, True, None, None)
    assert five.category("3").points == Quartiles(4.0, 8.0, 8.0, 11.0, 13.0)
    assert five.category("3").change == RoundChange(2, 2, 1, 0.0)


def test_a_small_group_folds_past_a_small_parent(v14: Standard) -> None:
    """Tiny (1 final report; its other organisation has none) → Inner (4, not shown) → Five
    (5, shown)."""
    tiny = _five(v14).group("tiny")

    assert (tiny.n, tiny.shown, tiny.folded_into) == (1, False, "five")
    assert tiny.folded_because == "1 organisation with final results, fewer than 5"


def test_no_group_is_shown_below_the_minimum(v14: Standard) -> None:
    result = _benchmark(v14, minimum=7)

    assert [(g.key, g.shown, g.folded_into, g.folded_because) for g in result.groups] == [
        ("london", False, None, "6 organisations with final results, fewer than 7"),
        ("five", False, None, "5 organisations with final results, fewer than 7"),
        ("inner", False, None, "4 organisations with final results, fewer than 7"),
        ("tiny", False, None, "1 organisation with final results, fewer than 7"),
    ]
    assert all(cell.positions == () for row in result.members for cell in row.cells)


def test_round_change_needs_the_minimum_compared(v14: Standard) -> None:
    """London is shown at 6, but with a minimum of 6 the 5 organisations with an earlier
    report are too few to describe how they moved."""
    category = _benchmark(v14, minimum=6).group("london").category("3")

    assert (category.n, category.compared, category.change) == (6, 5, None)


@pytest.mark.parametrize("minimum", [0, -5])
def test_minimum_is_at_least_1(v14: Standard, minimum: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        _benchmark(v14, minimum=minimum)


# ---------------------------------------------------------------- differencing


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"a", "b", "c", "d", "e"}, []),  # the same: a repeat, not a leak
        ({"a", "b", "c", "d"}, [("Five", 1)]),
        ({"a", "b", "c", "d", "e", "f"}, [("Five", 1)]),
        ({"a", "b", "c", "d", "f"}, [("Five", 2)]),  # one out, one in
        ({"a", "b", "c", "d", "e", "f", "g", "h", "i"}, [("Five", 4)]),
        ({"f", "g", "h", "i", "j"}, []),  # 10 apart
        ({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, []),  # 5 apart
    ],
)
def test_too_close_counts_organisations_in_one_group_but_not_the_other(
    members: set[str], expected: list[tuple[str, int]]
) -> None:
    assert too_close(members, [("Five", frozenset("abcde"))], 5) == expected


def test_too_close_lists_every_close_group_in_order() -> None:
    others = [
        ("Inner", frozenset(range(6))),
        ("Far", frozenset(range(20, 30))),
        ("Central", frozenset(range(1, 6))),
        ("Same", frozenset(range(5))),
    ]

    assert too_close(frozenset(range(5)), others) == [("Inner", 1), ("Central", 2)]
    assert too_close(frozenset(range(5)), others, minimum=2) == [("Inner", 1)]
    assert too_close(frozenset(range(5)), []) == []


def _many(v14: Standard, count: int) -> list[Member]:
    """`count` organisations org-1, org-2, … with final reports (Data Governance 1, 2, …
    points, so each is told apart)."""
    return [
        Member(f"org-{i}", f"Org {i}", _report(v14, ALPHA, {"3": i})) for i in range(1, count + 1)
    ]


def _orgs(*numbers: int) -> frozenset[str]:
    return frozenset(f"org-{i}" for i in numbers)


TWELVE = Group("all", "All organisations", _orgs(*range(1, 13)))


def test_a_group_one_organisation_from_a_shown_group_is_folded_with_the_reason(
    v14: Standard,
) -> None:
    """London's figures less Five's would be Zetaford's."""
    five = _benchmark(v14).group("five")

    assert (five.n, five.shown, five.folded_into, five.categories) == (5, False, "london", ())
    assert five.folded_because == "too close to London: differs by 1 organisation"


def test_groups_are_chosen_in_order_and_compared_by_final_reports(v14: Standard) -> None:
    """Twelve organisations. A (1–5) is 7 from all: shown. B (1–4 and 6) is 2 from A; C has
    A's five with final reports and one without; D (6–10) is 10 from A and 7 from all; E
    (1–8) is 4 from all and 3 from A, and names the first of them."""
    groups = [
        TWELVE,
        Group("a", "Group A", _orgs(1, 2, 3, 4, 5), "all"),
        Group("b", "Group B", _orgs(1, 2, 3, 4, 6), "all"),
        Group("c", "Group C", _orgs(1, 2, 3, 4, 5) | {"no-final-lb"}, "all"),
        Group("d", "Group D", _orgs(6, 7, 8, 9, 10), "all"),
        Group("e", "Group E", _orgs(*range(1, 9)), "all"),
    ]

    result = benchmark(v14, _many(v14, 12), groups)

    assert [(g.key, g.n, g.shown, g.folded_into, g.folded_because) for g in result.groups] == [
        ("all", 12, True, None, None),
        ("a", 5, True, None, None),
        ("b", 5, False, "all", "too close to Group A: differs by 2 organisations"),
        ("c", 5, False, "all", "the same organisations as Group A"),
        ("d", 5, True, None, None),
        ("e", 8, False, "all", "too close to All organisations: differs by 4 organisations"),
    ]
    assert [p.group for p in result.member("org-1").cell("3").positions] == ["all", "a"]
    assert [p.group for p in result.member("org-6").cell("3").positions] == ["all", "d"]
    assert [p.group for p in result.member("org-11").cell("3").positions] == ["all"]


def test_the_first_group_given_wins_a_close_pair(v14: Standard) -> None:
    a = Group("a", "Group A", _orgs(1, 2, 3, 4, 5), "all")
    b = Group("b", "Group B", _orgs(1, 2, 3, 4, 6), "all")

    result = benchmark(v14, _many(v14, 12), [TWELVE, b, a])

    assert [(g.key, g.shown, g.folded_because) for g in result.groups] == [
        ("all", True, None),
        ("b", True, None),
        ("a", False, "too close to Group B: differs by 2 organisations"),
    ]


def test_the_top_group_is_chosen_first_wherever_it_is_given(v14: Standard) -> None:
    """All (12) and A (1–8) are 4 apart: All, the top group, is shown though given last."""
    a = Group("a", "Group A", _orgs(*range(1, 9)), "all")

    result = benchmark(v14, _many(v14, 12), [a, TWELVE])

    assert [(g.key, g.shown, g.folded_because) for g in result.groups] == [
        ("a", False, "too close to All organisations: differs by 4 organisations"),
        ("all", True, None),
    ]


def test_a_small_group_is_folded_for_its_size_before_closeness(v14: Standard) -> None:
    """Four organisations are too few whatever they are close to."""
    small = Group("small", "Small", _orgs(1, 2, 3, 4), "all")

    result = benchmark(v14, _many(v14, 6), [Group("all", "All", _orgs(*range(1, 7))), small])

    assert result.group("small").folded_because == (
        "4 organisations with final results, fewer than 5"
    )


# ---------------------------------------------------------------- heat map


def _positions(result: Benchmark, key: str) -> list[tuple[str, int, float, str]]:
    return [(p.group, p.n, p.percentile, p.quarter) for p in result.member(key).cell("3").positions]


def test_positions_share_ties_and_use_the_top_group_first(v14: Standard) -> None:
    """Data Governance, London: Betamax and Gammashire tie at 8: (1 below + ½ × 2) / 6 = ⅓.
    Epsilon: 4.5 / 6 = 0.75, the first value of the top quarter. Five is not shown (one
    organisation from London), so it gives no position."""
    result = _benchmark(v14)

    assert _positions(result, ALPHA) == [("london", 6, 0.5 / 6, "bottom quarter")]
    assert _positions(result, BETA) == [("london", 6, 2 / 6, "third quarter")]
    assert _positions(result, GAMMA) == _positions(result, BETA)
    assert _positions(result, DELTA) == [("london", 6, 3.5 / 6, "second quarter")]
    assert _positions(result, EPSILON) == [("london", 6, 0.75, "top quarter")]
    assert _positions(result, ZETA) == [("london", 6, 5.5 / 6, "top quarter")]
    # Everyone has 15 in Category 1: all tie at the middle.
    assert {p.quarter for row in result.members for p in row.cell("1").positions} == {
        "second quarter"
    }


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0, "bottom quarter"),
        (0.2499, "bottom quarter"),
        (0.25, "third quarter"),
        (0.4999, "third quarter"),
        (0.5, "second quarter"),
        (0.7499, "second quarter"),
        (0.75, "top quarter"),
        (1.0, "top quarter"),
    ],
)
def test_quarter_boundaries(p: float, expected: str) -> None:
    assert quarter(p) == expected


def test_percentile_is_the_mid_rank() -> None:
    assert percentile(8, [4, 8, 8, 11]) == 0.5  # (1 below + ½ × 2 equal) / 4
    assert percentile(4, [4]) == 0.5
    with pytest.raises(ValueError, match="no values"):
        percentile(4, [])
    with pytest.raises(ValueError, match="from 0 to 1"):
        quarter(1.5)


@given(st.lists(st.integers(0, 30), min_size=1, max_size=60), st.integers(0, 30))
def test_ranking_among_sorted_values_is_the_mid_rank(values: list[int], value: int) -> None:
    assert sorted_percentile(value, sorted(values)) == percentile(value, values)
    with pytest.raises(ValueError, match="no values"):
        sorted_percentile(value, [])


def test_positions_among_five(v14: Standard) -> None:
    """Data Governance in Five: 4, 8, 8, 11, 13. Deltaport (3 + ½) / 5 = 0.7."""
    result = _five(v14)

    assert _positions(result, ALPHA) == [("five", 5, 0.1, "bottom quarter")]
    assert _positions(result, BETA) == [("five", 5, 0.4, "third quarter")]
    assert _positions(result, DELTA) == [("five", 5, 0.7, "second quarter")]
    assert _positions(result, EPSILON) == [("five", 5, 0.9, "top quarter")]


def test_a_position_in_words(v14: Standard) -> None:
    assert _benchmark(v14).member(EPSILON).cell("3").describe() == (
        "top quarter for Data Governance (London, 6 organisations)",
    )
    assert _five(v14).member(EPSILON).cell("3").describe() == (
        "top quarter for Data Governance (Five boroughs, 5 organisations)",
    )


def test_heat_map_rows_keep_the_order_given(v14: Standard) -> None:
    result = _benchmark(v14)

    assert [(row.key, row.name, row.is_own) for row in result.members] == [
        (key, NAMES[key], False) for key in KEYS
    ]
    assert [cell.category_id for cell in result.members[0].cells] == list(result.category_ids)


def test_change_between_rounds_per_organisation(v14: Standard) -> None:
    result = _benchmark(v14)

    assert result.member(EPSILON).cell("3") == Cell(
        category_id="3",
        title="Data Governance",
        points=13,
        max_points=18,
        level=L,
        positions=result.member(EPSILON).cell("3").positions,
        points_before=10,
        level_before=D,
    )
    assert result.member(EPSILON).cell("3").change == 3
    assert result.member(GAMMA).cell("3").change == -2
    # Category 7 did not exist a round before.
    seven = result.member(EPSILON).cell("7")
    assert (seven.points, seven.level, seven.points_before, seven.level_before, seven.change) == (
        10, E, None, None, None,
    )  # fmt: skip
    # Category 4 existed, but nobody assessed it then or now.
    four = result.member(EPSILON).cell("4")
    assert (four.points, four.level, four.points_before, four.level_before) == (0, None, 0, None)
    # No earlier report at all.
    zeta = result.member(ZETA).cell("3")
    assert (zeta.points, zeta.level, zeta.points_before, zeta.level_before, zeta.change) == (
        18, L, None, None, None,
    )  # fmt: skip


# ---------------------------------------------------------------- anonymised


def _numbers(own: str, seed: str) -> dict[str, str]:
    """The rule, written out: numbers in order of sha256(seed + key)."""
    others = sorted(
        (key for key in KEYS if key != own),
        key=lambda key: hashlib.sha256((seed + key).encode()).digest(),
    )
    return {key: f"Organisation {index}" for index, key in enumerate(others, 1)}


def test_anonymised_leaves_no_other_name_or_key(v14: Standard) -> None:
    result = _benchmark(v14)

    shown = anonymised(result, own=DELTA, seed="round 1")

    text = _plain(shown)
    for key in KEYS:
        if key != DELTA:
            assert key not in text
            assert NAMES[key] not in text
    assert NAMES[DELTA] in text
    assert DELTA in text
    assert shown.is_anonymised


def test_anonymised_rows_own_first_then_by_number(v14: Standard) -> None:
    result = _benchmark(v14)
    numbers = _numbers(DELTA, "round 1")

    shown = anonymised(result, own=DELTA, seed="round 1")

    assert [(row.key, row.name, row.is_own) for row in shown.members] == [
        (DELTA, NAMES[DELTA], True),
        *((f"Organisation {n}", f"Organisation {n}", False) for n in range(1, 6)),
    ]
    # Everything but the names is as it was.
    for key, label in numbers.items():
        assert shown.member(label).cells == result.member(key).cells
    assert shown.groups == result.groups
    assert replace(shown, members=result.members, is_anonymised=False) == result


def test_anonymised_is_fixed_by_the_seed(v14: Standard) -> None:
    result = _benchmark(v14)

    def who(seed: str) -> dict[str, str]:
        """Label → organisation, read back from each row's figures (no two rows are alike)."""
        shown = anonymised(result, own=DELTA, seed=seed)
        return {
            row.key: next(key for key in KEYS if result.member(key).cells == row.cells)
            for row in shown.members
            if not row.is_own
        }

    assert who("round 1") == who("round 1") == {v: k for k, v in _numbers(DELTA, "round 1").items()}
    assert who("round 2") == {v: k for k, v in _numbers(DELTA, "round 2").items()}
    assert who("round 1") != who("round 2")


def test_anonymised_order_is_not_alphabetical_and_differs_by_seed(v14: Standard) -> None:
    result = _benchmark(v14)

    def keys_in_number_order(seed: str) -> list[str]:
        numbers = _numbers(DELTA, seed)
        return sorted(numbers, key=lambda key: int(numbers[key].split()[1]))

    assert keys_in_number_order("round 1") != sorted(k for k in KEYS if k != DELTA)
    assert keys_in_number_order("round 1") != keys_in_number_order("round 2")
    one = anonymised(result, own=DELTA, seed="round 1")
    two = anonymised(result, own=DELTA, seed="round 2")
    assert [r.cells for r in one.members] != [r.cells for r in two.members]


def test_anonymised_for_nobody_names_nobody(v14: Standard) -> None:
    shown = anonymised(_benchmark(v14), own=None, seed="coordinator")

    text = _plain(shown)
    assert not any(key in text or NAMES[key] in text for key in KEYS)
    assert [row.name for row in shown.members] == [f"Organisation {n}" for n in range(1, 7)]
    assert not any(row.is_own for row in shown.members)


def test_anonymised_for_an_organisation_without_a_final_report(v14: Standard) -> None:
    shown = anonymised(_benchmark(v14), own="no-final-lb", seed="round 1")

    assert [row.name for row in shown.members] == [f"Organisation {n}" for n in range(1, 7)]


# ---------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("groups", "problem"),
    [
        ([LONDON, LONDON], "group london: given 2 times"),
        (
            [LONDON, replace(FIVE, parent="greater")],
            "group five: its parent greater is not a group",
        ),
        (
            [LONDON, replace(FIVE, parent="inner"), INNER],
            "group five: its parents go round in a circle; "
            "group inner: its parents go round in a circle",
        ),
        ([replace(LONDON, parent="london")], "group london: its parents go round in a circle"),
        ([FIVE], "organisation zetaford-lb: in no group"),
    ],
)
def test_invalid_groups_raise_a_clear_error(
    v14: Standard, groups: list[Group], problem: str
) -> None:
    with pytest.raises(BenchmarkError) as caught:
        benchmark(v14, _members(v14), groups)

    assert problem in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, SchemeError)


def test_invalid_input_lists_every_problem(v14: Standard) -> None:
    members = _members(v14)
    groups = [replace(LONDON, parent="five"), replace(FIVE, parent="london"), FIVE]

    with pytest.raises(BenchmarkError) as caught:
        benchmark(v14, [*members, members[0]], groups)

    assert caught.value.problems == (
        "group five: given 2 times",
        "organisation alphaville-lb: given 2 times",
        "group london: its parents go round in a circle",
        "group five: its parents go round in a circle",
        "groups: no top group (one without a parent)",
    )


def test_reports_must_be_against_the_standard(v14: Standard) -> None:
    member = _members(v14)[0]
    assert member.earlier is not None
    old = replace(member, report=member.earlier)

    with pytest.raises(BenchmarkError, match="its report is against celc-tri version 13"):
        benchmark(v14, [old], [LONDON])


# ---------------------------------------------------------------- properties

#: A row's answer: 0–3 the nth level it offers (0 = none, capped at its highest), 4 unanswered.
_ANSWERS = st.integers(min_value=0, max_value=4)


@st.composite
def _rounds(draw: st.DrawFn, v14: Standard) -> tuple[list[Member], list[Group], int]:
    count = draw(st.integers(min_value=5, max_value=30))
    members = []
    for index in range(count):
        answers: dict[str, Response] = {}
        for criterion in v14.criteria:
            answer = draw(_ANSWERS)
            if answer < 4:
                offered = (Level.NONE, *criterion.levels)
                answers[criterion.id] = Response(offered[min(answer, len(offered) - 1)])
        key = f"org-{index}"
        report = score(v14, ResponseSet(v14.id, v14.version, answers, key))
        members.append(Member(key, key, report))
    keys = [member.key for member in members]
    groups = [Group("london", "London", frozenset(keys))]
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        chosen = draw(st.sets(st.sampled_from(keys)))
        parent = draw(st.sampled_from([group.key for group in groups]))
        groups.append(Group(f"g{index}", f"Group {index}", frozenset(chosen), parent))
    return members, groups, draw(st.integers(min_value=1, max_value=8))


@given(data=st.data())
def test_benchmark_properties(v14: Standard, data: st.DataObject) -> None:
    members, groups, minimum = data.draw(_rounds(v14))

    result = benchmark(v14, members, groups, minimum=minimum)

    for group, given_group in zip(result.groups, groups, strict=True):
        n = sum(member.key in given_group.members for member in members)
        assert group.n == n
        assert (group.folded_because is None) == group.shown
        if n < minimum:
            assert not group.shown
        if not group.shown:
            assert group.categories == ()
            continue
        for category in group.categories:
            spread = category.points
            assert spread.minimum <= spread.lower <= spread.median <= spread.upper <= spread.maximum
            assert category.levels.total == category.n == n
            assert sum(category.histogram) == n
    shown = {group.key for group in result.groups if group.shown}
    for row in result.members:
        for cell in row.cells:
            for position in cell.positions:
                assert position.group in shown
                assert position.n >= minimum
                assert 0 <= position.percentile <= 1


@st.composite
def _near_groups(draw: st.DrawFn) -> tuple[list[str], list[Group], int]:
    """Organisation keys with final reports, and groups of them (and of some without), many
    made from an earlier group by taking out and putting in a few organisations, so that
    close pairs are common."""
    finals = [f"org-{index}" for index in range(draw(st.integers(min_value=1, max_value=30)))]
    everyone = [*finals, "no-final-1", "no-final-2"]
    groups = [Group("all", "All", frozenset(everyone))]
    for index in range(draw(st.integers(min_value=0, max_value=8))):
        chosen: frozenset[str] | set[str]
        if draw(st.booleans()):
            chosen = draw(st.sets(st.sampled_from(everyone)))
        else:
            base = draw(st.sampled_from(tuple(groups))).members
            out = draw(st.sets(st.sampled_from(sorted(base)), max_size=4)) if base else set()
            extra = draw(st.sets(st.sampled_from(everyone), max_size=4))
            chosen = (base - out) | extra
        groups.append(Group(f"g{index}", f"Group {index}", frozenset(chosen), "all"))
    return finals, draw(st.permutations(groups)), draw(st.integers(min_value=1, max_value=8))


@given(data=st.data())
def test_no_two_shown_groups_differ_by_fewer_than_the_minimum(
    v14: Standard, data: st.DataObject
) -> None:
    """For any two shown groups, their sets of organisations with final reports differ by 0 or
    by at least the minimum; in fact never by 0, as a repeat is folded. And a group is folded
    only with a reason: too small, or the same as or too close to a group shown before it."""
    finals, groups, minimum = data.draw(_near_groups())
    report = _members(v14)[0].report
    members = [Member(key, key, report) for key in finals]

    result = benchmark(v14, members, groups, minimum=minimum)

    final_sets = {g.key: frozenset(g.members) & frozenset(finals) for g in groups}
    shown = [g for g in result.groups if g.shown]
    for first, second in itertools.combinations(shown, 2):
        difference = len(final_sets[first.key] ^ final_sets[second.key])
        assert difference == 0 or difference >= minimum
        assert difference >= minimum
    names = {g.name for g in shown}
    for group in result.groups:
        if group.shown:
            assert group.n >= minimum
            continue
        reason = group.folded_because
        assert reason is not None
        if group.n < minimum:
            assert reason == (
                f"{group.n} organisation{'' if group.n == 1 else 's'} with final results, "
                f"fewer than {minimum}"
            )
        else:
            named = reason.removeprefix("the same organisations as ").split(": ")[0]
            named = named.removeprefix("too close to ")
            assert named in names
