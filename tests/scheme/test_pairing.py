"""Borough pairing: group sizes, the circle within groups, avoiding last round, hand checks."""

from collections import Counter
from itertools import permutations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tri.scheme import Pair, Proposal, SchemeError, check_pairing, propose_pairing

pytestmark = pytest.mark.unit

BOROUGHS = ["camden", "hackney", "islington", "lambeth", "southwark"]


def _sizes(count: int) -> list[int]:
    """The group sizes the rules ask for, written out by hand."""
    table = {2: [2], 3: [3], 4: [4], 5: [5], 6: [3, 3], 7: [4, 3], 8: [4, 4], 11: [4, 4, 3]}
    if count in table:
        return table[count]
    return sorted([*_sizes(count - 3), 3], reverse=True)


def _repeats(pairs: tuple[Pair, ...], previous: list[Pair]) -> list[Pair]:
    earlier = {frozenset((p.reviewer, p.reviewed)) for p in previous}
    return [pair for pair in pairs if frozenset((pair.reviewer, pair.reviewed)) in earlier]


def _circle(group: tuple[str, ...]) -> list[Pair]:
    return [Pair(group[i], group[(i + 1) % len(group)]) for i in range(len(group))]


def test_propose_pairing_five_boroughs_form_one_circle() -> None:
    proposal = propose_pairing(BOROUGHS)

    # A golden example: the seeded order for seed 0 (changing the search changes this).
    assert proposal == Proposal(
        pairs=(
            Pair("islington", "hackney"),
            Pair("hackney", "camden"),
            Pair("camden", "southwark"),
            Pair("southwark", "lambeth"),
            Pair("lambeth", "islington"),
        ),
        groups=(("islington", "hackney", "camden", "southwark", "lambeth"),),
        warnings=(),
    )


def test_propose_pairing_ignores_the_order_participants_are_given_in() -> None:
    assert propose_pairing(BOROUGHS[::-1], seed=4) == propose_pairing(BOROUGHS, seed=4)


def test_propose_pairing_another_seed_gives_another_proposal() -> None:
    assert propose_pairing(BOROUGHS, seed=1).groups == (
        ("islington", "lambeth", "southwark", "camden", "hackney"),
    )


def test_propose_pairing_two_review_each_other_with_a_warning() -> None:
    proposal = propose_pairing(["b", "a"])

    assert set(proposal.pairs) == {Pair("a", "b"), Pair("b", "a")}
    assert proposal.warnings == (
        f"Only 2 organisations are taking part, so {proposal.groups[0][0]} and "
        f"{proposal.groups[0][1]} review each other",
    )


def test_propose_pairing_two_paired_last_round_warns_of_both_repeats() -> None:
    proposal = propose_pairing(["a", "b"], [Pair("a", "b")])

    assert proposal.warnings[1:] == tuple(
        f"{p.reviewer} reviews {p.reviewed}, and they were paired last round"
        for p in proposal.pairs
    )


def test_propose_pairing_avoids_last_rounds_pairs_in_either_direction() -> None:
    previous = [Pair("a", "b"), Pair("d", "c"), Pair("e", "f")]

    proposal = propose_pairing(["a", "b", "c", "d", "e", "f"], previous)

    assert _repeats(proposal.pairs, previous) == []
    assert proposal.warnings == ()
    assert sorted(len(group) for group in proposal.groups) == [3, 3]


def test_propose_pairing_repeats_as_few_as_it_must_and_names_them() -> None:
    """Last round's triads: each new triad must hold two old partners, so 2 repeats."""
    previous = [Pair("a", "b"), Pair("b", "c"), Pair("c", "a")]
    previous += [Pair("d", "e"), Pair("e", "f"), Pair("f", "d")]

    proposal = propose_pairing(["a", "b", "c", "d", "e", "f"], previous)

    repeated = _repeats(proposal.pairs, previous)
    assert len(repeated) == 2
    assert proposal.warnings == tuple(
        f"{p.reviewer} reviews {p.reviewed}, and they were paired last round" for p in repeated
    )


def test_propose_pairing_ignores_previous_pairs_outside_this_round() -> None:
    previous = [Pair("a", "zz"), Pair("zz", "b"), Pair("c", "c")]

    assert propose_pairing(["a", "b", "c"], previous) == propose_pairing(["a", "b", "c"])


@pytest.mark.parametrize(
    ("participants", "problems"),
    [
        ([], ["0 participant(s): peer review needs at least 2"]),
        (["camden"], ["1 participant(s): peer review needs at least 2"]),
        (["camden", " "], ["a participant has a blank key"]),
        (["b", "a", "b", "a", "c"], ["listed more than once: a, b"]),
    ],
)
def test_propose_and_check_pairing_refuse_bad_participants(
    participants: list[str], problems: list[str]
) -> None:
    for call in (lambda: propose_pairing(participants), lambda: check_pairing(participants, [])):
        with pytest.raises(SchemeError) as caught:
            call()
        assert (caught.value.source, caught.value.problems) == ("pairing", tuple(problems))


def test_check_pairing_accepts_a_sound_pairing() -> None:
    pairs = [Pair("a", "b"), Pair("b", "c"), Pair("c", "a")]

    assert check_pairing(["a", "b", "c"], pairs, [Pair("x", "a")]) == ()


def test_check_pairing_accepts_two_reviewing_each_other() -> None:
    assert check_pairing(["a", "b"], [Pair("a", "b"), Pair("b", "a")]) == ()


def test_check_pairing_names_every_problem() -> None:
    pairs = [
        Pair("a", "b"),
        Pair("b", "a"),
        Pair("c", "c"),
        Pair("d", "x"),
        Pair("e", "b"),
        Pair("e", "f"),
        Pair("e", "f"),
    ]

    problems = check_pairing(["a", "b", "c", "d", "e", "f", "g"], pairs, [Pair("f", "e")])

    assert problems == (
        "a and b review each other",
        "c reviews itself",
        "x is not taking part in this round",
        "e → f is listed 2 times",
        "e reviews f, and they were paired last round",
        "b is reviewed by 2 organisations: a, e",
        "d is not reviewed by anyone",
        "e reviews 2 organisations: b, f",
        "e is not reviewed by anyone",
        "f does not review anyone",
        "g does not review anyone",
        "g is not reviewed by anyone",
    )


def _invariants(participants: list[str], previous: list[Pair], proposal: Proposal) -> None:
    count = len(participants)
    assert sorted(len(g) for g in proposal.groups) == sorted(_sizes(count))
    assert sorted(k for g in proposal.groups for k in g) == sorted(participants)
    assert list(proposal.pairs) == [p for g in proposal.groups for p in _circle(g)]
    assert Counter(p.reviewer for p in proposal.pairs) == Counter(participants)
    assert Counter(p.reviewed for p in proposal.pairs) == Counter(participants)
    assert all(p.reviewer != p.reviewed for p in proposal.pairs)
    reciprocal = [p for p in proposal.pairs if Pair(p.reviewed, p.reviewer) in proposal.pairs]
    assert reciprocal == (list(proposal.pairs) if count == 2 else [])
    repeats = [
        f"{p.reviewer} reviews {p.reviewed}, and they were paired last round"
        for p in _repeats(proposal.pairs, previous)
    ]
    assert list(proposal.warnings[1 if count == 2 else 0 :]) == repeats
    # the proposal passes the hand check, bar the repeats it warns about
    assert check_pairing(participants, proposal.pairs, previous) == tuple(repeats)


_rounds = st.integers(min_value=2, max_value=40).flatmap(
    lambda count: st.tuples(
        st.just([f"org-{i:02}" for i in range(count)]),
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=3 * count
        ),
        st.integers(min_value=0, max_value=2**32),
    )
)


@given(_rounds)
def test_propose_pairing_keeps_every_rule(
    case: tuple[list[str], list[tuple[int, int]], int],
) -> None:
    participants, edges, seed = case
    previous = [Pair(participants[a], participants[b]) for a, b in edges]

    proposal = propose_pairing(participants, previous, seed=seed)

    _invariants(participants, previous, proposal)
    assert propose_pairing(participants, previous, seed=seed) == proposal


def _fewest_repeats(participants: list[str], previous: list[Pair]) -> int:
    """By brute force: every ordering cut into groups of the required sizes."""
    sizes = _sizes(len(participants))
    best = len(participants)
    for order in permutations(participants):
        pairs: list[Pair] = []
        start = 0
        for size in sizes:
            pairs += _circle(order[start : start + size])
            start += size
        best = min(best, len(_repeats(tuple(pairs), previous)))
    return best


@given(
    st.integers(min_value=2, max_value=7).flatmap(
        lambda count: st.tuples(
            st.just([chr(ord("a") + i) for i in range(count)]),
            st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))),
        )
    )
)
def test_propose_pairing_repeats_no_more_than_it_must(
    case: tuple[list[str], list[tuple[int, int]]],
) -> None:
    participants, edges = case
    previous = [Pair(participants[a], participants[b]) for a, b in edges]

    proposal = propose_pairing(participants, previous)

    assert len(_repeats(proposal.pairs, previous)) == _fewest_repeats(participants, previous)
