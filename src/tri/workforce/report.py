"""The metrics as a flat set of addressed figures, each knowing what it is computed from.

A Report maps a path such as ("profile", "groups", "Black", "count") to a figure:

- a `Count` of people (which disclosure control may suppress or round);
- a `Stat`, any other number (a percentage, gap, ratio, pay), which names the counts it is
  computed from (`of`) and the group sizes behind it (`bases`), so disclosure control can
  suppress it with them;
- a `Value` that discloses nothing about a person (a band name, a population share, a setting).

`totals` records the additive relations between counts (a total and its parts), so disclosure
control can make sure no suppressed count is recoverable by subtraction.

`as_json()` nests the paths into the documented JSON shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

Path: TypeAlias = tuple[str, ...]
JsonValue: TypeAlias = Any


@dataclass(frozen=True, slots=True)
class Count:
    value: float | None


@dataclass(frozen=True, slots=True)
class Stat:
    value: JsonValue
    of: tuple[Path, ...] = ()
    bases: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Value:
    value: JsonValue


Figure: TypeAlias = Count | Stat | Value


@dataclass(frozen=True, slots=True)
class Total:
    """`total` equals the sum of `parts`."""

    total: Path
    parts: tuple[Path, ...]

    def members(self) -> tuple[Path, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True, slots=True)
class Suppression:
    path: Path
    reason: str

    @property
    def key(self) -> str:
        return dotted(self.path)


@dataclass(frozen=True)
class Report:
    figures: Mapping[Path, Figure]
    totals: tuple[Total, ...] = ()
    suppressed: tuple[Suppression, ...] = ()
    settings: Mapping[str, JsonValue] = field(default_factory=dict)

    def __getitem__(self, path: Path | str) -> JsonValue:
        key = tuple(path.split(".")) if isinstance(path, str) else path
        return self.figures[key].value

    def get(self, path: Path | str, default: JsonValue = None) -> JsonValue:
        key = tuple(path.split(".")) if isinstance(path, str) else path
        figure = self.figures.get(key)
        return default if figure is None else figure.value

    def counts(self) -> Iterator[tuple[Path, float | None]]:
        for path, figure in self.figures.items():
            if isinstance(figure, Count):
                yield path, figure.value

    def as_json(self) -> dict[str, JsonValue]:
        tree: dict[str, JsonValue] = {"settings": dict(self.settings)}
        for path, figure in self.figures.items():
            node = tree
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = _plain(figure.value)
        tree["suppressed"] = [{"path": s.key, "reason": s.reason} for s in self.suppressed]
        return tree


def dotted(path: Path) -> str:
    return ".".join(path)


def _plain(value: JsonValue) -> JsonValue:
    if isinstance(value, float) and value == int(value) and abs(value) < 2**53:
        return value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Builder:
    """Collects figures in order. Paths must be unique."""

    def __init__(self) -> None:
        self.figures: dict[Path, Figure] = {}
        self.totals: list[Total] = []

    def _put(self, path: Path, figure: Figure) -> Path:
        if path in self.figures:
            raise ValueError(f"{dotted(path)} is set twice")
        self.figures[path] = figure
        return path

    def count(self, path: Path, value: float | None) -> Path:
        return self._put(path, Count(value))

    def stat(
        self,
        path: Path,
        value: JsonValue,
        *,
        of: Iterable[Path] = (),
        bases: Iterable[float] = (),
    ) -> Path:
        return self._put(path, Stat(value, tuple(of), tuple(bases)))

    def value(self, path: Path, value: JsonValue) -> Path:
        return self._put(path, Value(value))

    def total(self, total: Path, parts: Iterable[Path]) -> None:
        self.totals.append(Total(total, tuple(parts)))

    def build(self, settings: Mapping[str, JsonValue]) -> Report:
        return Report(dict(self.figures), tuple(self.totals), (), dict(settings))
