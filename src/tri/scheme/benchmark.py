"""Benchmarks of one round's final category results across organisations.

The Standard is a "self-assessment and benchmarking tool" and the programme promises
"pan-London shared learning": an organisation should see where it stands among its peers, and
the coordinator where London stands, without anyone learning another organisation's results
from a group too small to hide them. So:

- statistics are given per *group* of organisations (all of London, inner and outer London, a
  sub-regional partnership, a group someone chose), per category of the Standard, over the
  *final* reports of the group's organisations only;
- a group with fewer than `minimum` final reports is never shown, whatever the caller asks: it
  is *folded* into the nearest larger group above it (`Group.parent`) that is large enough, and
  carries no statistics;
- nor is a group whose organisations with final reports differ from those of a group already
  shown by 1 to `minimum - 1` organisations (see "Differencing" below); it folds the same way;
- each organisation's row of the heat map says where it stands in each category among the
  organisations of every shown group it belongs to, as a quarter ("top quarter") worked out
  from its mid-rank percentile (tri.standard.stats);
- `anonymised()` turns the whole result into the version an organisation may see: every other
  organisation becomes "Organisation 1", "Organisation 2", … in an order fixed by a seed.

Points statistics are over every final report in the group: a category with no row answered
scores 0 points, as the scoring engine counts unanswered rows, and is counted as "not assessed"
in the level distribution, so every figure of a category is over the same n organisations.

Every folded group says why in `GroupResult.folded_because`, in words a reader understands
("4 organisations with final results, fewer than 5", "too close to Inner London: differs by 2
organisations").

Differencing. Two shown groups whose final reports differ by a few organisations give those
organisations' results away by subtraction: London's level counts less those of "London but
Barnet" are Barnet's levels. So groups are chosen in order, the top group (all organisations)
first and then the rest in the order given (built-in groups before the caller's own), and a
group is shown only if its set of organisations with final reports differs from that of every
group already shown by 0 or by at least `minimum` organisations (`too_close`). A difference of 0
is no leak but a repeat of figures already on the page, so that group is folded too ("the same
organisations as Inner London"): every two shown groups differ by at least `minimum`.

What this does not prevent: the check is between two groups at a time. Three or more shown
groups can still be combined (all of London less two disjoint groups that together leave out
one organisation); choose groups with that in mind. The statistics themselves (quartiles,
counts) are not perturbed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from statistics import median
from typing import Final, TypeVar

from tri.scheme.errors import SchemeError
from tri.scheme.evaluation import _order
from tri.standard import (
    CategoryScore,
    Level,
    Quartiles,
    ScoreReport,
    Standard,
    quarter,
    quartiles,
    sorted_percentile,
)

#: Fewer final reports than this and a group's statistics are not shown; two shown groups differ
#: by at least this many organisations.
MINIMUM: Final = 5

K = TypeVar("K", bound=Hashable)


class BenchmarkError(SchemeError, ValueError):
    """Groups or members that cannot be benchmarked: a duplicated key, a parent that does not
    exist or leads round in a circle, an organisation in no group. A SchemeError like the rest
    of the engine's errors, and a ValueError because it is bad input; `problems` lists every
    problem found, each naming the group or organisation at fault."""


@dataclass(frozen=True, slots=True)
class Member:
    """An organisation with a final score report in this round.

    `key` is its stable id (the organisation's slug), `earlier` its final report in the round
    before, if it had one (possibly against an earlier version of the Standard).
    """

    key: str
    name: str
    report: ScoreReport
    earlier: ScoreReport | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Organisations benchmarked together.

    `members` are organisation keys and may name organisations with no final report this round
    (they are simply not counted). `parent` is the larger group this one folds into when too
    few of its organisations have final reports; None for the top group (all of London).
    """

    key: str
    name: str
    members: frozenset[str]
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class LevelCounts:
    """How many organisations reached each level of one category; `not_assessed` had no row of
    it answered. The five add up to the group's n."""

    none: int
    developing: int
    established: int
    leading: int
    not_assessed: int

    @property
    def total(self) -> int:
        return self.none + self.developing + self.established + self.leading + self.not_assessed


@dataclass(frozen=True, slots=True)
class RoundChange:
    """How one category's points moved since the round before, over the organisations of a
    group that had a final report then with that category in it."""

    improved: int
    same: int
    worse: int
    median_change: float


@dataclass(frozen=True, slots=True)
class CategoryStatistics:
    """One category in one shown group.

    `histogram[p]` is how many organisations scored p points, for p from 0 to `max_points`.
    `compared` organisations had the category in their final report a round before; `change`
    says how they moved, and is None when fewer than the minimum were compared (the same rule
    as for showing a group: a change over one organisation is that organisation's change).
    """

    category_id: str
    title: str
    max_points: int
    n: int
    points: Quartiles
    levels: LevelCounts
    histogram: tuple[int, ...]
    compared: int
    change: RoundChange | None


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One group: shown, with statistics for every category of the Standard in its order, or
    not shown (`folded_into` names the nearest group above it that is shown, or is None) with
    none, and `folded_because` saying why in a phrase a reader understands (None when shown).
    `n` is how many of its organisations have a final report."""

    key: str
    name: str
    parent: str | None
    n: int
    shown: bool
    folded_into: str | None
    categories: tuple[CategoryStatistics, ...]
    folded_because: str | None = None

    def category(self, category_id: str) -> CategoryStatistics:
        for statistics in self.categories:
            if statistics.category_id == category_id:
                return statistics
        raise KeyError(category_id)


@dataclass(frozen=True, slots=True)
class Position:
    """Where an organisation's points stand among the `n` organisations of a shown group:
    its mid-rank `percentile` (0 to 1) and the `quarter` that puts it in."""

    group: str
    group_name: str
    n: int
    percentile: float
    quarter: str

    def describe(self, category_title: str) -> str:
        """For a person: "top quarter for Data Governance (London, 12 organisations)"."""
        return f"{self.quarter} for {category_title} ({self.group_name}, {self.n} organisations)"


@dataclass(frozen=True, slots=True)
class Cell:
    """One organisation in one category: its points and level now and a round before, and
    where it stands in each shown group it belongs to (the top group first).

    `points_before` and `level_before` are None when it had no final report a round before or
    that report had no such category (`level_before` is also None when the category was not
    assessed then).
    """

    category_id: str
    title: str
    points: int
    max_points: int
    level: Level | None
    positions: tuple[Position, ...]
    points_before: int | None
    level_before: Level | None

    @property
    def change(self) -> int | None:
        """Points now less points a round before; None without a comparison."""
        return None if self.points_before is None else self.points - self.points_before

    def describe(self) -> tuple[str, ...]:
        """Each position as a person reads it."""
        return tuple(position.describe(self.title) for position in self.positions)


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One organisation's row of the heat map: a cell per category, in the Standard's order.
    `is_own` marks the organisation an anonymised result was made for."""

    key: str
    name: str
    cells: tuple[Cell, ...]
    is_own: bool = False

    def cell(self, category_id: str) -> Cell:
        for cell in self.cells:
            if cell.category_id == category_id:
                return cell
        raise KeyError(category_id)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A round's benchmark: every group (shown or folded) in the order given, and every
    organisation's heat map row. Plain values only, so nothing in it names an organisation
    except `MemberRow.key` and `.name`, which `anonymised()` replaces."""

    standard_id: str
    version: str
    minimum: int
    category_ids: tuple[str, ...]
    groups: tuple[GroupResult, ...]
    members: tuple[MemberRow, ...]
    is_anonymised: bool = False

    def group(self, key: str) -> GroupResult:
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def member(self, key: str) -> MemberRow:
        for row in self.members:
            if row.key == key:
                return row
        raise KeyError(key)


def benchmark(
    standard: Standard,
    members: Sequence[Member],
    groups: Sequence[Group],
    *,
    minimum: int = MINIMUM,
) -> Benchmark:
    """Benchmark the members' final reports, group by group and category by category.

    A group is shown only when at least `minimum` of its organisations are members (have a final
    report) and its members differ from those of every group shown before it by at least
    `minimum` organisations; otherwise it is folded into its nearest shown ancestor, with the
    reason. Groups are taken in turn: the top group (the first group without a parent) first,
    then the others in the order of `groups`, so put the groups that matter most (the built-in
    ones) first. Members' rows keep the order given, with positions in the top group and then
    in every other shown group they belong to, in the order of `groups`.

    Raises BenchmarkError (a ValueError and a SchemeError), listing every problem, when a group
    or member key is used twice, a parent names no group or the parents go round in a circle,
    a member is in no group, or a report is not against `standard`; ValueError when `minimum`
    is below 1.
    """
    if minimum < 1:
        raise ValueError(f"the minimum group size is at least 1, not {minimum}")
    _check(standard, members, groups)
    by_key = {member.key: member for member in members}
    counted = {
        group.key: [member for member in members if member.key in group.members] for group in groups
    }
    top = next((group for group in groups if group.parent is None), None)
    ranked = [top] if top is not None else []
    ranked += [group for group in groups if group is not top]
    reasons = _folding(ranked, counted, minimum)
    shown = {key: reason is None for key, reason in reasons.items()}
    parents = {group.key: group.parent for group in groups}
    results = tuple(
        _group_result(standard, group, counted[group.key], shown, parents, minimum, reasons)
        for group in groups
    )
    visible = [g for g in ranked if shown[g.key]]
    # Each shown group's points per category, sorted once: ranking a member is then a binary
    # search, not a pass over the group (400 organisations: milliseconds, not half a minute).
    ladders = {
        (group.key, category.id): sorted(
            member.report.category(category.id).points for member in counted[group.key]
        )
        for group in visible
        for category in standard.categories
    }
    rows = tuple(_row(standard, by_key[member.key], visible, ladders) for member in members)
    return Benchmark(
        standard_id=standard.id,
        version=standard.version,
        minimum=minimum,
        category_ids=tuple(category.id for category in standard.categories),
        groups=results,
        members=rows,
    )


def too_close(
    members: AbstractSet[K],
    others: Iterable[tuple[str, AbstractSet[K]]],
    minimum: int = MINIMUM,
) -> list[tuple[str, int]]:
    """The groups among `others` (name, members) whose members differ from `members` by at
    least 1 and fewer than `minimum` organisations: (name, how many differ), in the order given.

    The difference counts organisations in one group but not the other, either way round. Two
    groups that differ by a few organisations give those organisations' results away when both
    are shown: subtract one group's figures from the other's. Two groups with the same members
    (a difference of 0) repeat each other and give nothing away, so they are not listed. Works
    on any keys: organisation slugs here, database ids in the glue.
    """
    found = []
    for name, other in others:
        difference = len(members ^ other)
        if 0 < difference < minimum:
            found.append((name, difference))
    return found


def anonymised(result: Benchmark, *, own: str | None, seed: str) -> Benchmark:
    """The benchmark as organisation `own` may see it: the same figures, with every other
    organisation named "Organisation 1", "Organisation 2", … and keyed by that label, so no
    name or slug of theirs is left to leak.

    The numbers follow an order set by a hash of `seed` and each key (as the evaluation report
    letters organisations), so they say nothing about names, and the same seed always gives the
    same numbers. Rows come with `own` first, then by number. `own` may be None (anonymise
    everyone) or an organisation with no final report (it has no row).
    """
    others = [row.key for row in result.members if row.key != own]
    numbers = {key: index for index, key in enumerate(_order(others, named=False, seed=seed), 1)}

    def place(row: MemberRow) -> int:
        return 0 if row.key == own else numbers[row.key]

    rows = tuple(
        replace(row, is_own=True)
        if row.key == own
        else replace(
            row,
            key=f"Organisation {numbers[row.key]}",
            name=f"Organisation {numbers[row.key]}",
            is_own=False,
        )
        for row in sorted(result.members, key=place)
    )
    return replace(result, members=rows, is_anonymised=True)


# ---------------------------------------------------------------- checking the input


def _check(standard: Standard, members: Sequence[Member], groups: Sequence[Group]) -> None:
    problems: list[str] = []
    group_keys = Counter(group.key for group in groups)
    problems += [f"group {key}: given {n} times" for key, n in group_keys.items() if n > 1]
    member_keys = Counter(member.key for member in members)
    problems += [f"organisation {key}: given {n} times" for key, n in member_keys.items() if n > 1]
    parents = {group.key: group.parent for group in groups}
    for group in groups:
        if group.parent is not None and group.parent not in parents:
            problems.append(f"group {group.key}: its parent {group.parent} is not a group")
    problems += [f"group {key}: its parents go round in a circle" for key in _in_cycles(parents)]
    if groups and all(group.parent is not None for group in groups):
        problems.append("groups: no top group (one without a parent)")
    grouped = set().union(*(group.members for group in groups))
    for member in members:
        if member.key not in grouped:
            problems.append(f"organisation {member.key}: in no group")
        found = member.report.standard
        if (found.id, found.version) != (standard.id, standard.version):
            problems.append(
                f"organisation {member.key}: its report is against {found.id} version "
                f"{found.version}, not {standard.id} version {standard.version}"
            )
    if problems:
        raise BenchmarkError("benchmark groups", problems)


def _in_cycles(parents: dict[str, str | None]) -> list[str]:
    """The groups whose chain of parents comes back to itself, in the order given."""
    found = []
    for start in parents:
        seen = {start}
        node = parents[start]
        while node is not None and node in parents:
            if node == start:
                found.append(start)
                break
            if node in seen:
                break
            seen.add(node)
            node = parents[node]
    return found


# ---------------------------------------------------------------- groups


def _organisations(n: int) -> str:
    return f"{n} organisation" if n == 1 else f"{n} organisations"


def _folding(
    ranked: Sequence[Group], counted: dict[str, list[Member]], minimum: int
) -> dict[str, str | None]:
    """Why each group is not shown, or None for a shown group, taking the groups in `ranked`
    order: too few final reports, the same organisations as a group already shown, or too
    close to one (the first in order)."""
    reasons: dict[str, str | None] = {}
    shown: list[tuple[str, frozenset[str]]] = []
    for group in ranked:
        finals = frozenset(member.key for member in counted[group.key])
        same = next((name for name, other in shown if other == finals), None)
        close = too_close(finals, shown, minimum)
        if len(finals) < minimum:
            reasons[group.key] = (
                f"{_organisations(len(finals))} with final results, fewer than {minimum}"
            )
        elif same is not None:
            reasons[group.key] = f"the same organisations as {same}"
        elif close:
            name, difference = close[0]
            reasons[group.key] = f"too close to {name}: differs by {_organisations(difference)}"
        else:
            reasons[group.key] = None
            shown.append((group.name, finals))
    return reasons


def _folded_into(key: str, shown: dict[str, bool], parents: dict[str, str | None]) -> str | None:
    """The nearest ancestor of a group that is shown (parents are known to be acyclic)."""
    node = parents[key]
    while node is not None:
        if shown[node]:
            return node
        node = parents[node]
    return None


def _group_result(
    standard: Standard,
    group: Group,
    members: list[Member],
    shown: dict[str, bool],
    parents: dict[str, str | None],
    minimum: int,
    reasons: dict[str, str | None],
) -> GroupResult:
    is_shown = shown[group.key]
    return GroupResult(
        key=group.key,
        name=group.name,
        parent=group.parent,
        n=len(members),
        shown=is_shown,
        folded_into=None if is_shown else _folded_into(group.key, shown, parents),
        categories=tuple(
            _statistics(category.id, members, minimum) for category in standard.categories
        )
        if is_shown
        else (),
        folded_because=reasons[group.key],
    )


def _statistics(category_id: str, members: list[Member], minimum: int) -> CategoryStatistics:
    scores = [member.report.category(category_id) for member in members]
    first = scores[0]
    points = [score.points for score in scores]
    levels = Counter(score.level for score in scores)
    histogram = Counter(points)
    moves = [change for member in members if (change := _change(member, category_id)) is not None]
    return CategoryStatistics(
        category_id=category_id,
        title=first.category.title,
        max_points=first.max_points,
        n=len(members),
        points=quartiles(points),
        levels=LevelCounts(
            none=levels[Level.NONE],
            developing=levels[Level.DEVELOPING],
            established=levels[Level.ESTABLISHED],
            leading=levels[Level.LEADING],
            not_assessed=levels[None],
        ),
        histogram=tuple(histogram[p] for p in range(max(first.max_points, *points) + 1)),
        compared=len(moves),
        change=RoundChange(
            improved=sum(move > 0 for move in moves),
            same=sum(move == 0 for move in moves),
            worse=sum(move < 0 for move in moves),
            median_change=float(median(moves)),
        )
        if len(moves) >= minimum
        else None,
    )


def _before(member: Member, category_id: str) -> CategoryScore | None:
    if member.earlier is None:
        return None
    try:
        return member.earlier.category(category_id)
    except KeyError:
        return None


def _change(member: Member, category_id: str) -> int | None:
    before = _before(member, category_id)
    return None if before is None else member.report.category(category_id).points - before.points


# ---------------------------------------------------------------- heat map rows


def _row(
    standard: Standard,
    member: Member,
    shown: list[Group],
    ladders: dict[tuple[str, str], list[int]],
) -> MemberRow:
    mine = [group for group in shown if member.key in group.members]
    cells = []
    for category in standard.categories:
        result = member.report.category(category.id)
        before = _before(member, category.id)
        positions = []
        for group in mine:
            values = ladders[(group.key, category.id)]
            p = sorted_percentile(result.points, values)
            positions.append(Position(group.key, group.name, len(values), p, quarter(p)))
        cells.append(
            Cell(
                category_id=category.id,
                title=category.title,
                points=result.points,
                max_points=result.max_points,
                level=result.level,
                positions=tuple(positions),
                points_before=None if before is None else before.points,
                level_before=None if before is None else before.level,
            )
        )
    return MemberRow(key=member.key, name=member.name, cells=tuple(cells))
