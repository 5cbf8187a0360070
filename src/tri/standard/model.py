"""The Standard as frozen data: levels, criteria, sections, categories, versions."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


class Level(enum.Enum):
    """A practice level a criterion can be met at. The value is the points it scores."""

    NONE = 0
    DEVELOPING = 1
    ESTABLISHED = 2
    LEADING = 3

    @property
    def points(self) -> int:
        return self.value

    @property
    def key(self) -> str:
        """The name used in files and JSON: none, developing, established, leading."""
        return self.name.lower()

    @property
    def label(self) -> str:
        """The name a person reads: None, Developing, Established, Leading."""
        return self.name.capitalize()

    @classmethod
    def from_key(cls, key: str) -> Level:
        """Read a level by name (case and surrounding spaces ignored); KeyError if unknown."""
        return cls[key.strip().upper()]


#: The three levels a criterion can offer, in order (None is not offered, it is the absence).
PRACTICE_LEVELS: tuple[Level, ...] = (Level.DEVELOPING, Level.ESTABLISHED, Level.LEADING)


@dataclass(frozen=True, slots=True)
class ScoreRange:
    """An inclusive range of category points, as published: `11 - 18`."""

    low: int
    high: int

    def __contains__(self, points: object) -> bool:
        return isinstance(points, int) and self.low <= points <= self.high

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True, slots=True)
class LevelRanges:
    """The score range of each practice level for one category."""

    developing: ScoreRange
    established: ScoreRange
    leading: ScoreRange

    def __iter__(self) -> Iterator[tuple[Level, ScoreRange]]:
        yield Level.DEVELOPING, self.developing
        yield Level.ESTABLISHED, self.established
        yield Level.LEADING, self.leading

    def for_level(self, level: Level) -> ScoreRange:
        return dict(self)[level]

    @property
    def maximum(self) -> int:
        return self.leading.high

    def level_for(self, points: int) -> Level:
        """The level these points reach. Points above the top of Leading still read as Leading:
        callers report that as a warning (see scoring), they never cap the points."""
        for level, score_range in self:
            if points in score_range:
                return level
        if points > self.leading.high:
            return Level.LEADING
        raise ValueError(f"{points} points is below every range")


@dataclass(frozen=True, slots=True)
class Criterion:
    """One row of a category's table: the descriptor for each level it offers."""

    id: str
    descriptors: Mapping[Level, str] = field(hash=False)
    notes: tuple[str, ...] = ()

    @property
    def levels(self) -> tuple[Level, ...]:
        """The practice levels this row offers, lowest first."""
        return tuple(level for level in PRACTICE_LEVELS if level in self.descriptors)

    @property
    def max_points(self) -> int:
        return self.levels[-1].points

    def offers(self, level: Level) -> bool:
        return level is Level.NONE or level in self.descriptors

    @property
    def summary(self) -> str:
        """The descriptor of the lowest level offered: what a person recognises the row by."""
        return self.descriptors[self.levels[0]]


@dataclass(frozen=True, slots=True)
class Section:
    """A table within a category. Category 2 has five (2a-2e); the others have one."""

    id: str
    title: str
    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    summary: str
    description: str
    published_ranges: LevelRanges
    sections: tuple[Section, ...]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(criterion for section in self.sections for criterion in section.criteria)

    @property
    def max_points(self) -> int:
        """The most points the rows allow, whatever the published ranges say."""
        return sum(criterion.max_points for criterion in self.criteria)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str


class Change(enum.Enum):
    """How a row of a new version relates to the rows of the version it replaces."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MERGED = "merged"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class CrosswalkEntry:
    """`row` (in the new version) replaces `replaces` (rows of the old version).

    A new row replaces nothing; a removed row has no `row`.
    """

    change: Change
    row: str | None
    replaces: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """The complete mapping from one version's rows to the next version's."""

    from_version: str
    to_version: str
    entries: tuple[CrosswalkEntry, ...]

    def for_row(self, row: str) -> CrosswalkEntry:
        """The entry for a row of the new version."""
        for entry in self.entries:
            if entry.row == row:
                return entry
        raise KeyError(row)

    def successors(self, old_row: str) -> tuple[str, ...]:
        """The rows of the new version that replace an old row (empty if it was removed)."""
        return tuple(
            entry.row
            for entry in self.entries
            if entry.row is not None and old_row in entry.replaces
        )


@dataclass(frozen=True, slots=True)
class Standard:
    """One version of a Standard, complete."""

    id: str
    version: str
    title: str
    short_title: str
    status: str
    source: str
    level_definitions: Mapping[Level, str] = field(hash=False)
    glossary: tuple[GlossaryEntry, ...]
    categories: tuple[Category, ...]
    crosswalk: Crosswalk | None = None

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(criterion for category in self.categories for criterion in category.criteria)

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def name(self) -> str:
        """`CELC Tackling Racial Inequality Standard, Version 14 (draft)`."""
        status = f" ({self.status})" if self.status != "published" else ""
        return f"{self.short_title}, Version {self.version}{status}"
