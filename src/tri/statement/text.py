"""The Statement's text, read from data/statement.yaml: plain Python, no Django.

The text is data quoted exactly from its source (see the comments in the data file), so it is
never passed through gettext.
"""

import functools
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Literal

import yaml

FILE = "statement.yaml"

BlockKind = Literal["paragraph", "bullets", "numbered"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    #: One item for a paragraph; one per list item otherwise.
    items: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.items[0] if self.kind == "paragraph" else ""


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    meeting: str
    seed: str


@dataclass(frozen=True, slots=True)
class Statement:
    name: str
    heading_in_source: str
    endorsed_on: date
    source: Source
    sections: tuple[Section, ...]


class StatementTextError(ValueError):
    """The data file is not in the expected layout; the message names the place."""


def _block(raw: dict[str, Any], where: str) -> Block:
    if len(raw) != 1:
        raise StatementTextError(f"{where}: a block has exactly one of paragraph/bullets/numbered")
    ((kind, value),) = raw.items()
    if kind == "paragraph" and isinstance(value, str):
        return Block("paragraph", (value,))
    if isinstance(value, list) and value and all(isinstance(item, str) and item for item in value):
        if kind == "bullets":
            return Block("bullets", tuple(value))
        if kind == "numbered":
            return Block("numbered", tuple(value))
    raise StatementTextError(f"{where}: {kind!r} is not a paragraph, bullets or numbered list")


def parse(raw: dict[str, Any]) -> Statement:
    try:
        sections = tuple(
            Section(
                heading=section["heading"],
                blocks=tuple(
                    _block(block, f"section {number}, block {index}")
                    for index, block in enumerate(section["blocks"], start=1)
                ),
            )
            for number, section in enumerate(raw["sections"], start=1)
        )
        source = raw["source"]
        return Statement(
            name=raw["name"],
            heading_in_source=raw["heading_in_source"],
            endorsed_on=raw["endorsed_on"],
            source=Source(
                title=source["title"],
                publisher=source["publisher"],
                meeting=source["meeting"],
                seed=str(source["seed"]),
            ),
            sections=sections,
        )
    except (KeyError, TypeError) as error:
        raise StatementTextError(f"{FILE}: missing or malformed {error}") from None


@functools.cache
def load_statement() -> Statement:
    """The Statement, read once per process."""
    path = resources.files("tri.statement") / "data" / FILE
    with path.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))
