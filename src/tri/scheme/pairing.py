"""Borough pairing: who reviews whom in a round of peer review.

Participants are split into small groups, triads where possible, and within each group every
organisation reviews the next one round the circle (A reviews B, B reviews C, C reviews A). So
nobody marks its own homework, everybody gives and receives exactly one review, and no two
organisations review each other, which would invite trading favours.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tri.scheme.errors import SchemeError

#: How many nodes one search may visit once it holds an arrangement. The first search may visit
#: enough to prove the optimum for rounds of up to about 10; when it cannot, shorter searches
#: from other seeded orders (restarts) find repeat-free arrangements far sooner than one long
#: search stuck on a bad start. Together they take well under a second for 40 participants.
_FIRST_BUDGET = 20_000
_RESTART_BUDGET = 2_000
_RESTARTS = 100


@dataclass(frozen=True, slots=True)
class Pair:
    """`reviewer` reviews `reviewed`; both are organisation keys (slugs, say)."""

    reviewer: str
    reviewed: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed pairing: the pairs, the groups they come from (each in review order round the
    circle) and anything a coordinator should know before confirming it."""

    pairs: tuple[Pair, ...]
    groups: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...]


def propose_pairing(
    participants: Sequence[str], previous: Iterable[Pair] = (), *, seed: int = 0
) -> Proposal:
    """Propose who reviews whom, avoiding organisations that were paired last round.

    Groups are triads; when the count is not a multiple of 3, one or two groups of 4 (a single
    group of 5 for 5 participants). Two participants can only review each other, and the
    proposal warns so. Pairs from `previous` (in either direction) are avoided; when that is
    impossible the proposal repeats as few as it can and warns about each repeat. The result
    depends only on the set of participants, `previous` and `seed`, so a coordinator can
    regenerate the same proposal, or ask for another by changing the seed.
    """
    keys = _check_participants(participants)
    forbidden = _forbidden(previous, set(keys))
    groups = _arrange(keys, forbidden, seed)
    pairs = tuple(pair for group in groups for pair in _circle(group))
    warnings: list[str] = []
    if len(keys) == 2:
        warnings.append(
            f"Only 2 organisations are taking part, so {groups[0][0]} and {groups[0][1]} "
            "review each other"
        )
    warnings.extend(_repeat(pair) for pair in pairs if _key(pair) in forbidden)
    return Proposal(pairs=pairs, groups=groups, warnings=tuple(warnings))


def check_pairing(
    participants: Sequence[str], pairs: Iterable[Pair], previous: Iterable[Pair] = ()
) -> tuple[str, ...]:
    """Every problem with a pairing chosen by hand, in plain words; empty when it is sound.

    A sound pairing has every participant review exactly one other participant and be reviewed
    by exactly one, with no two organisations reviewing each other (unless only 2 take part)
    and nobody paired with an organisation it was paired with last round.
    """
    keys = _check_participants(participants)
    members = set(keys)
    forbidden = _forbidden(previous, members)
    listed = Counter(pairs)
    problems: list[str] = []
    for pair, times in listed.items():
        if times > 1:
            problems.append(f"{pair.reviewer} → {pair.reviewed} is listed {times} times")
        problems.extend(
            f"{key} is not taking part in this round"
            for key in (pair.reviewer, pair.reviewed)
            if key not in members
        )
        if pair.reviewer == pair.reviewed:
            problems.append(f"{pair.reviewer} reviews itself")
            continue
        reverse = Pair(pair.reviewed, pair.reviewer)
        if len(keys) > 2 and reverse in listed and pair.reviewer < pair.reviewed:
            problems.append(f"{pair.reviewer} and {pair.reviewed} review each other")
        if _key(pair) in forbidden:
            problems.append(_repeat(pair))
    reviews = {key: [p.reviewed for p in listed if p.reviewer == key] for key in keys}
    reviewed_by = {key: [p.reviewer for p in listed if p.reviewed == key] for key in keys}
    for key in keys:
        if not reviews[key]:
            problems.append(f"{key} does not review anyone")
        elif len(reviews[key]) > 1:
            problems.append(
                f"{key} reviews {len(reviews[key])} organisations: {', '.join(reviews[key])}"
            )
        if not reviewed_by[key]:
            problems.append(f"{key} is not reviewed by anyone")
        elif len(reviewed_by[key]) > 1:
            problems.append(
                f"{key} is reviewed by {len(reviewed_by[key])} organisations: "
                + ", ".join(reviewed_by[key])
            )
    return tuple(dict.fromkeys(problems))


def _check_participants(participants: Sequence[str]) -> tuple[str, ...]:
    keys = tuple(participants)
    problems: list[str] = []
    if len(keys) < 2:
        problems.append(f"{len(keys)} participant(s): peer review needs at least 2")
    if any(not key.strip() for key in keys):
        problems.append("a participant has a blank key")
    duplicated = sorted(key for key, times in Counter(keys).items() if times > 1)
    if duplicated:
        problems.append("listed more than once: " + ", ".join(duplicated))
    if problems:
        raise SchemeError("pairing", problems)
    return keys


def _forbidden(previous: Iterable[Pair], members: set[str]) -> frozenset[frozenset[str]]:
    """Last round's pairs among this round's participants, ignoring direction."""
    return frozenset(
        frozenset((pair.reviewer, pair.reviewed))
        for pair in previous
        if pair.reviewer != pair.reviewed and {pair.reviewer, pair.reviewed} <= members
    )


def _key(pair: Pair) -> frozenset[str]:
    return frozenset((pair.reviewer, pair.reviewed))


def _repeat(pair: Pair) -> str:
    return f"{pair.reviewer} reviews {pair.reviewed}, and they were paired last round"


def _group_sizes(count: int) -> tuple[int, ...]:
    """Triads, topped up with groups of 4 (or a single 5, or a single 2) to use everyone."""
    if count in (2, 5):
        return (count,)
    triads, left = divmod(count, 3)
    return (4,) * left + (3,) * (triads - left)


def _circle(group: Sequence[str]) -> tuple[Pair, ...]:
    return tuple(
        Pair(reviewer, group[(index + 1) % len(group)]) for index, reviewer in enumerate(group)
    )


def _arrange(
    keys: tuple[str, ...], forbidden: frozenset[frozenset[str]], seed: int
) -> tuple[tuple[str, ...], ...]:
    """The groups with the fewest repeats found, searching from seeded orders until one search
    finds none or proves its best is the fewest possible."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    sizes = _group_sizes(len(keys))
    best: _Search | None = None
    for attempt in range(_RESTARTS):
        order = sorted(keys)
        rng.shuffle(order)
        search = _Search(
            order, sizes, forbidden, _FIRST_BUDGET if attempt == 0 else _RESTART_BUDGET
        )
        search.run()
        if best is None or search.best_cost < best.best_cost:
            best = search
        if best.best_cost == 0 or not search.is_cut:
            break
    assert best is not None  # noqa: S101 - _RESTARTS is positive
    return best.groups()


class _Search:
    """Branch and bound over orderings of the participants into the group slots, counting
    repeats of last round's pairs as the cost.

    Symmetry is broken so each arrangement is met once: a group starts with its earliest member
    (in the seeded order) and groups of equal size start in that order.
    """

    def __init__(
        self,
        order: list[str],
        sizes: tuple[int, ...],
        forbidden: frozenset[frozenset[str]],
        budget: int,
    ) -> None:
        self.order = order
        self.budget = budget
        self.is_cut = False
        self.forbidden = forbidden
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.group_of: list[int] = []
        position = 0
        for index, size in enumerate(sizes):
            self.starts.append(position)
            self.ends.append(position + size - 1)
            self.group_of.extend([index] * size)
            position += size
        self.sizes = sizes
        self.slots: list[int] = []
        self.used = [False] * len(order)
        self.best: list[int] | None = None
        self.best_cost = len(order) + 1
        self.nodes = 0

    def run(self) -> None:
        self._extend(0)

    def groups(self) -> tuple[tuple[str, ...], ...]:
        assert self.best is not None  # noqa: S101 - the first descent always completes
        return tuple(
            tuple(self.order[i] for i in self.best[start : end + 1])
            for start, end in zip(self.starts, self.ends, strict=True)
        )

    def _repeats(self, a: int, b: int) -> int:
        return int(frozenset((self.order[a], self.order[b])) in self.forbidden)

    def _extend(self, cost: int) -> None:
        position = len(self.slots)
        if position == len(self.order):
            self.best, self.best_cost = list(self.slots), cost
            return
        group = self.group_of[position]
        start = self.starts[group]
        if position == start:
            floor = 0
            if group and self.sizes[group - 1] == self.sizes[group]:
                floor = self.slots[self.starts[group - 1]] + 1
            candidates = [(0, i) for i in range(floor, len(self.order)) if not self.used[i]]
        else:
            first, previous = self.slots[start], self.slots[-1]
            closing = position == self.ends[group]
            candidates = sorted(
                (
                    self._repeats(previous, i) + (self._repeats(i, first) if closing else 0),
                    i,
                )
                for i in range(first + 1, len(self.order))
                if not self.used[i]
            )
        for step, candidate in candidates:
            if cost + step >= self.best_cost or self.best_cost == 0:
                return
            if self.best is not None and self.nodes >= self.budget:
                self.is_cut = True
                return
            self.nodes += 1
            self.used[candidate] = True
            self.slots.append(candidate)
            self._extend(cost + step)
            self.slots.pop()
            self.used[candidate] = False
