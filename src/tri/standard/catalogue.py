"""Find and load versions of the Standard from data files.

A version is one YAML file: the package's own live in `tri/standard/data/`, and more can be
added from other folders (a draft under review, a test fixture). Adding a version is adding a
file; no code changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from tri.standard.errors import (
    ResponseError,
    StandardDataError,
    UnknownVersionError,
    describe_yaml_error,
)
from tri.standard.model import (
    PRACTICE_LEVELS,
    Category,
    Change,
    Criterion,
    Crosswalk,
    CrosswalkEntry,
    GlossaryEntry,
    Level,
    LevelRanges,
    ScoreRange,
    Section,
    Standard,
)
from tri.standard.responses import ResponseSet

_ROW_ID = re.compile(r"^[0-9]+[a-z]?\.[0-9]+$")
_EXPECTED_POINTS = {level.key: level.points for level in Level}


class _Reader:
    """Walks a parsed YAML document, collecting every problem with the path to it."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}" if path else message)

    def mapping(self, value: object, path: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.problem(path, "missing" if value is None else "expected a mapping of fields")
        return {}

    def items(self, value: object, path: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.problem(path, "missing" if value is None else "expected a list")
        return []

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(_join(path, key), "missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(_join(path, key), "expected text")
            return ""
        return str(value)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_standard(text: str, source: str) -> Standard:
    """Build a Standard from the text of a data file, or raise StandardDataError listing
    every problem. A crosswalk in the file is ignored here: the catalogue checks it against
    the version it names."""
    return _parse_document(text, source)[0]


def _parse_document(text: str, source: str) -> tuple[Standard, object]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise StandardDataError(source, [describe_yaml_error(exc)]) from None
    reader = _Reader()
    data = reader.mapping(document, "")
    if reader.problems:
        raise StandardDataError(source, reader.problems)

    standard_id = reader.text(data, "id", "")
    version = reader.text(data, "version", "")
    title = reader.text(data, "title", "")
    status = reader.text(data, "status", "")
    if data.get("points") != _EXPECTED_POINTS:
        reader.problem("points", "must be none: 0, developing: 1, established: 2, leading: 3")

    level_data = reader.mapping(data.get("levels"), "levels")
    level_definitions: dict[Level, str] = {}
    for level in PRACTICE_LEVELS if level_data else ():
        entry = reader.mapping(level_data.get(level.key), f"levels.{level.key}")
        level_definitions[level] = (
            reader.text(entry, "definition", f"levels.{level.key}") if entry else ""
        )
    glossary = tuple(
        GlossaryEntry(
            term=reader.text(entry_data, "term", f"glossary[{index}]"),
            definition=reader.text(entry_data, "definition", f"glossary[{index}]", required=False),
        )
        for index, entry in enumerate(reader.items(data.get("glossary", []), "glossary"))
        for entry_data in [reader.mapping(entry, f"glossary[{index}]")]
    )
    categories = tuple(
        _parse_category(reader, category, f"categories[{index}]")
        for index, category in enumerate(reader.items(data.get("categories"), "categories"))
    )
    _check_unique_ids(reader, categories)

    standard = Standard(
        id=standard_id,
        version=version,
        title=title,
        short_title=reader.text(data, "short_title", "", required=False) or title,
        status=status,
        source=reader.text(data, "source", "", required=False),
        level_definitions=MappingProxyType(level_definitions),
        glossary=glossary,
        categories=categories,
    )
    if reader.problems:
        raise StandardDataError(source, reader.problems)
    return standard, data.get("crosswalk")


def _parse_category(reader: _Reader, value: object, path: str) -> Category:
    data = reader.mapping(value, path)
    category_id = reader.text(data, "id", path)
    path = f"{path} (category {category_id})" if category_id else path
    sections = tuple(
        _parse_section(reader, section, f"{path}.sections[{index}]")
        for index, section in enumerate(reader.items(data.get("sections"), f"{path}.sections"))
    )
    if not any(section.criteria for section in sections):
        reader.problem(path, "has no rows")
    return Category(
        id=category_id,
        title=reader.text(data, "title", path),
        summary=reader.text(data, "summary", path, required=False),
        description=reader.text(data, "description", path),
        published_ranges=_parse_ranges(
            reader, data.get("published_ranges"), f"{path}.published_ranges"
        ),
        sections=sections,
    )


def _parse_ranges(reader: _Reader, value: object, path: str) -> LevelRanges:
    data = reader.mapping(value, path)
    bounds: dict[Level, ScoreRange] = {}
    for level in PRACTICE_LEVELS:
        pair = data.get(level.key)
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
            or pair[0] > pair[1]
        ):
            reader.problem(
                f"{path}.{level.key}", "expected [low, high], whole numbers, low <= high"
            )
            pair = [0, 0]
        bounds[level] = ScoreRange(pair[0], pair[1])
    ranges = LevelRanges(bounds[Level.DEVELOPING], bounds[Level.ESTABLISHED], bounds[Level.LEADING])
    if not reader.problems:
        if ranges.developing.low != 0:
            reader.problem(f"{path}.developing", "must start at 0")
        if ranges.established.low != ranges.developing.high + 1:
            reader.problem(f"{path}.established", "must start just above the top of developing")
        if ranges.leading.low != ranges.established.high + 1:
            reader.problem(f"{path}.leading", "must start just above the top of established")
    return ranges


def _parse_section(reader: _Reader, value: object, path: str) -> Section:
    data = reader.mapping(value, path)
    section_id = reader.text(data, "id", path)
    rows = tuple(
        _parse_criterion(reader, row, f"{path}.rows[{index}]", section_id)
        for index, row in enumerate(reader.items(data.get("rows"), f"{path}.rows"))
    )
    notes = reader.items(data.get("notes", []), f"{path}.notes")
    return Section(
        id=section_id,
        title=reader.text(data, "title", path),
        criteria=rows,
        notes=tuple(str(note) for note in notes),
    )


def _parse_criterion(reader: _Reader, value: object, path: str, section_id: str) -> Criterion:
    data = reader.mapping(value, path)
    row_id = reader.text(data, "id", path)
    where = f"row {row_id}" if row_id else path
    if row_id and (not _ROW_ID.match(row_id) or not row_id.startswith(f"{section_id}.")):
        reader.problem(where, f"id must look like {section_id}.1, {section_id}.2, ...")
    known = {"id", "notes", *(level.key for level in PRACTICE_LEVELS)}
    for key in data:
        if key not in known:
            reader.problem(
                where, f"unknown field {key!r} (levels are developing, established, leading)"
            )
    descriptors: dict[Level, str] = {}
    for level in PRACTICE_LEVELS:
        if level.key in data:
            text = reader.text(data, level.key, where)
            if not text.strip():
                reader.problem(f"{where}.{level.key}", "descriptor is empty")
            descriptors[level] = text
    if not descriptors:
        reader.problem(where, "offers no level")
    notes = reader.items(data.get("notes", []), f"{where}.notes")
    return Criterion(
        id=row_id,
        descriptors=MappingProxyType(descriptors),
        notes=tuple(str(note) for note in notes),
    )


def _check_unique_ids(reader: _Reader, categories: Iterable[Category]) -> None:
    seen: set[str] = set()
    for category in categories:
        for criterion in category.criteria:
            if criterion.id in seen:
                reader.problem(f"row {criterion.id}", "id is used twice")
            seen.add(criterion.id)


# How many old rows each kind of crosswalk entry replaces: (at least, at most, in words).
_REPLACES = {
    Change.NEW: (0, 0, "no rows"),
    Change.MERGED: (2, None, "two or more rows"),
    Change.REMOVED: (1, None, "at least one row"),
}


def _parse_crosswalk(value: object, source: str, old: Standard, new: Standard) -> Crosswalk:
    """Check a `crosswalk` block against both versions and complete it.

    Rows the block does not list keep their id: they are `unchanged` if every descriptor is
    identical in both versions and `changed` otherwise. Every row of the old version must end up
    replaced by some row or listed as removed, and every row of the new version must have exactly
    one entry, so that scores can always be carried across.
    """
    reader = _Reader()
    data = reader.mapping(value, "crosswalk")
    old_ids = {criterion.id for criterion in old.criteria}
    new_ids = {criterion.id for criterion in new.criteria}
    entries: list[CrosswalkEntry] = []
    for index, item in enumerate(reader.items(data.get("changes", []), "crosswalk.changes")):
        path = f"crosswalk.changes[{index}]"
        entry_data = reader.mapping(item, path)
        try:
            change = Change(str(entry_data.get("change", "")))
        except ValueError:
            reader.problem(f"{path}.change", f"must be one of {', '.join(c.value for c in Change)}")
            continue
        row = entry_data.get("row")
        replaces = tuple(
            str(r) for r in reader.items(entry_data.get("replaces", []), f"{path}.replaces")
        )
        if (row is None) != (change is Change.REMOVED):
            reader.problem(path, "a removed entry has no row; every other entry names its row")
        if row is not None and str(row) not in new_ids:
            reader.problem(f"{path}.row", f"row {row} is not in version {new.version}")
        for old_row in replaces:
            if old_row not in old_ids:
                reader.problem(f"{path}.replaces", f"row {old_row} is not in version {old.version}")
        low, high, wording = _REPLACES.get(change, (1, 1, "exactly one row"))
        if len(replaces) < low or (high is not None and len(replaces) > high):
            reader.problem(f"{path}.replaces", f"a {change.value!r} entry replaces {wording}")
        if (
            change is Change.UNCHANGED
            and row is not None
            and str(row) in new_ids
            and len(replaces) == 1
            and replaces[0] in old_ids
            and new.criterion(str(row)).descriptors != old.criterion(replaces[0]).descriptors
        ):
            reader.problem(
                path,
                f"row {row} is marked unchanged but its text differs from "
                f"row {replaces[0]} of version {old.version}",
            )
        entries.append(
            CrosswalkEntry(
                change=change,
                row=None if row is None else str(row),
                replaces=replaces,
                note=str(entry_data.get("note", "")),
            )
        )
    listed_new = [entry.row for entry in entries if entry.row is not None]
    for row_id in sorted({r for r in listed_new if listed_new.count(r) > 1}):
        reader.problem("crosswalk", f"row {row_id} has more than one entry")
    for criterion in new.criteria:
        if criterion.id in listed_new:
            continue
        if criterion.id not in old_ids:
            reader.problem(
                "crosswalk",
                f"row {criterion.id} is not in version {old.version}: "
                "list it as new, or say which rows it replaces",
            )
            continue
        same = criterion.descriptors == old.criterion(criterion.id).descriptors
        entries.append(
            CrosswalkEntry(
                change=Change.UNCHANGED if same else Change.CHANGED,
                row=criterion.id,
                replaces=(criterion.id,),
            )
        )
    accounted = {old_row for entry in entries for old_row in entry.replaces}
    for criterion in old.criteria:
        if criterion.id not in accounted:
            reader.problem(
                "crosswalk",
                f"row {criterion.id} of version {old.version} is neither "
                "replaced nor listed as removed",
            )
    if reader.problems:
        raise StandardDataError(source, reader.problems)
    order = {criterion.id: index for index, criterion in enumerate(new.criteria)}
    entries.sort(key=lambda entry: order.get(entry.row or "", len(order)))
    return Crosswalk(from_version=old.version, to_version=new.version, entries=tuple(entries))


def _version_key(version: str) -> tuple[int, ...] | tuple[float, str]:
    parts = version.split(".")
    if all(part.isdigit() for part in parts):
        return tuple(int(part) for part in parts)
    return (float("inf"), version)


@dataclass(frozen=True)
class Catalogue:
    """Every version of every Standard found, keyed by (standard id, version)."""

    standards: Mapping[tuple[str, str], Standard]

    @classmethod
    def load(cls, *folders: Path) -> Catalogue:
        """The package's own versions plus those in `folders`. A file in a folder replaces the
        package's file for the same version (so a council can try a corrected draft)."""
        texts: dict[str, tuple[str, str]] = {}
        package_data = resources.files("tri.standard").joinpath("data")
        for entry in package_data.iterdir():
            if entry.name.endswith((".yaml", ".yml")):
                texts[entry.name] = (entry.read_text(encoding="utf-8"), entry.name)
        for folder in folders:
            if not folder.is_dir():
                raise StandardDataError(str(folder), ["not a folder of Standard files"])
            for path in sorted(folder.glob("*.y*ml")):
                texts[path.name] = (path.read_text(encoding="utf-8"), str(path))
        return cls.from_texts(texts.values())

    @classmethod
    def from_texts(cls, texts: Iterable[tuple[str, str]]) -> Catalogue:
        """Build a catalogue from (text, source name) pairs, checking every crosswalk."""
        parsed: dict[tuple[str, str], tuple[Standard, object, str]] = {}
        for text, source in texts:
            standard, crosswalk = _parse_document(text, source)
            key = (standard.id, standard.version)
            if key in parsed:
                raise StandardDataError(
                    source,
                    [f"version {standard.version} of {standard.id} is also in {parsed[key][2]}"],
                )
            parsed[key] = (standard, crosswalk, source)
        standards: dict[tuple[str, str], Standard] = {}
        for (standard_id, version), (standard, crosswalk, source) in parsed.items():
            if crosswalk is not None:
                from_version = (
                    str(crosswalk.get("from_version", "")) if isinstance(crosswalk, dict) else ""
                )
                if (standard_id, from_version) not in parsed:
                    raise StandardDataError(
                        source,
                        [
                            f"crosswalk.from_version: version "
                            f"{from_version or '(missing)'} of {standard_id} is not available"
                        ],
                    )
                old = parsed[(standard_id, from_version)][0]
                standard = replace(
                    standard, crosswalk=_parse_crosswalk(crosswalk, source, old, standard)
                )
            standards[(standard_id, version)] = standard
        ordered = sorted(standards.items(), key=lambda item: (item[0][0], _version_key(item[0][1])))
        return cls(standards=dict(ordered))

    def versions(self, standard_id: str | None = None) -> list[Standard]:
        """Every version held, oldest first within each Standard."""
        return [s for (sid, _), s in self.standards.items() if standard_id in (None, sid)]

    def get(self, standard_id: str, version: str | None = None) -> Standard:
        """One version, or the latest when `version` is None."""
        candidates = self.versions(standard_id)
        if not candidates:
            raise UnknownVersionError(standard_id, ["no such Standard is available"])
        if version is None:
            return candidates[-1]
        for standard in candidates:
            if standard.version == version:
                return standard
        available = ", ".join(standard.version for standard in candidates)
        raise UnknownVersionError(
            standard_id, [f"version {version} is not available (available: {available})"]
        )

    def for_responses(self, responses: ResponseSet) -> Standard:
        """The version a set of responses names, or ResponseError naming the field at fault."""
        if not self.versions(responses.standard_id):
            known = ", ".join(sorted({sid for sid, _ in self.standards}))
            raise ResponseError(
                responses.source,
                [
                    f"field standard: {responses.standard_id!r} is not an available Standard (available: {known})"
                ],
            )
        try:
            return self.get(responses.standard_id, responses.version)
        except UnknownVersionError as exc:
            raise ResponseError(
                responses.source, [f"field version: {p}" for p in exc.problems]
            ) from None


#: The identifier of the CELC Tackling Racial Inequality Standard in data files.
CELC_TRI = "celc-tri"
