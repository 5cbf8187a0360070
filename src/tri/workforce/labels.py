"""Ethnicity labels as HR systems write them, mapped to the census categories.

The accepted wordings are reviewed data in `data/ethnicity-labels.yaml`: the 2021 and 2011 census
wordings, the NHS ethnic category codes and the common HR variants. A council can add its own
wordings in a small CSV or YAML file (`EthnicityMap.with_local`), and those win.

A label is matched after `normalise`: case, spacing and punctuation do not matter. A blank cell
means "Not known" (nothing was recorded). A label nobody knows is never guessed: `apply` stops
with an `UnmappedEthnicityError` listing every such label, so a person decides what it means.

NHS codes: a national code on its own ("A") or followed by text that is a label of the same
category ("A - White - British") is accepted. So is a local sub-code, a national code A to S with
a second character for local use ("CP", "C2"), which the NHS Data Dictionary says must group with
its first character; it is accepted only when written in capitals, so that "No" or "Do" is never
read as a code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

import polars as pl
import yaml

from tri.workforce.errors import EXAMPLE_ROWS, Problem, UnmappedEthnicityError, WorkforceError
from tri.workforce.ethnicity import (
    CATEGORIES,
    CATEGORY_BY_NAME,
    CATEGORY_DTYPE,
    GROUP_DTYPE,
    NOT_KNOWN,
    Category,
)

#: The packaged file of accepted labels, in `tri.workforce`'s data folder.
STANDARD_FILE: Final = "ethnicity-labels.yaml"

#: Characters read as a space: hyphens and dashes, ":", "/", ",", brackets, "." and "_".
SEPARATORS: Final = "-\u2010\u2011\u2012\u2013\u2014\u2212:/,()._"
_TRANSLATION: Final = str.maketrans(
    {**dict.fromkeys(SEPARATORS, " "), "&": " and ", "'": None, "\u2019": None}
)

#: A category's group by its index in CATEGORY_DTYPE.
_GROUP_BY_INDEX: Final = {
    index: CATEGORY_BY_NAME[name].group for index, name in enumerate(CATEGORY_DTYPE.categories)
}


def normalise(label: str) -> str:
    """The lookup key of a label: case-folded, separators as spaces, "&" as "and", apostrophes
    dropped, whitespace collapsed and trimmed. "White - British" and "white/british" are one key."""
    return " ".join(label.casefold().translate(_TRANSLATION).split())


class EthnicityMap:
    """Labels to categories: the packaged standard list, plus any local additions.

    Immutable: `with_local` returns a new map.
    """

    __slots__ = ("_codes", "_entries", "_keys", "_sub_code_letters")

    def __init__(
        self,
        keys: Mapping[str, Category],
        codes: Iterable[str],
        entries: Iterable[tuple[str, Category]],
    ) -> None:
        self._keys: Mapping[str, Category] = MappingProxyType(dict(keys))
        #: Normalised national NHS codes ("a" to "s", "z", "99").
        self._codes = frozenset(codes)
        #: National codes a local sub-code can start with: the single letters for an ethnicity.
        self._sub_code_letters = frozenset(
            code for code in self._codes if len(code) == 1 and self._keys[code].disclosed
        )
        self._entries = tuple(entries)

    @classmethod
    def standard(cls) -> EthnicityMap:
        """The packaged labels (loaded once, then shared: the map is immutable)."""
        return _standard()

    @classmethod
    def from_yaml(cls, text: str, *, source: str) -> EthnicityMap:
        """A map from text in the packaged file's format (`nhs_codes` and `categories`).

        For our own reviewed data: any fault, such as two categories claiming the same
        normalised label, raises ValueError listing every fault.
        """
        loader = _TextLoader(text)
        try:
            data = loader.get_single_data()
        except yaml.YAMLError as exc:
            raise ValueError(f"{source}: not valid YAML: {exc}") from exc
        finally:
            loader.dispose()
        faults: list[str] = []
        keys: dict[str, Category] = {}
        written: dict[str, str] = {}
        entries: list[tuple[str, Category]] = []

        def add(label: str, category: Category) -> None:
            key = normalise(label)
            if not key:
                faults.append(f"{category.name}: {label!r} has no letters or digits")
            elif key in keys:
                other = keys[key]
                if other == category:
                    faults.append(
                        f"{category.name}: {label!r} is listed twice ({written[key]!r} reads the same)"
                    )
                else:
                    faults.append(
                        f"{label!r} is claimed by both {other.name!r} ({written[key]!r}) "
                        f"and {category.name!r}"
                    )
            else:
                keys[key] = category
                written[key] = label
                entries.append((label, category))

        if not isinstance(data, dict) or set(data) != {"nhs_codes", "categories"}:
            raise ValueError(f"{source}: expected exactly the keys nhs_codes and categories")
        codes, categories = data["nhs_codes"], data["categories"]
        if not isinstance(codes, dict) or not isinstance(categories, dict):
            raise ValueError(f"{source}: nhs_codes and categories must be mappings")

        missing = [c.name for c in CATEGORIES if c.name not in categories]
        if missing:
            faults.append(f"no labels for {', '.join(missing)}")
        for name, labels in categories.items():
            category = CATEGORY_BY_NAME.get(name)
            if category is None:
                faults.append(f"{name!r} is not a category name")
            elif not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
                faults.append(f"{name}: labels must be a list of text")
            else:
                for label in labels:
                    add(label, category)

        national: list[str] = []
        for code, name in codes.items():
            category = CATEGORY_BY_NAME.get(name) if isinstance(name, str) else None
            if category is None:
                faults.append(f"NHS code {code!r}: {name!r} is not a category name")
            elif not (len(code) == 1 and code.isalpha()) and code != "99":
                faults.append(f"NHS code {code!r} is not a letter or 99")
            else:
                add(code, category)
                national.append(normalise(code))

        if faults:
            raise ValueError(f"{source}: " + "; ".join(faults))
        return cls(keys, national, entries)

    @property
    def entries(self) -> tuple[tuple[str, Category], ...]:
        """Every label as written, with its category: the standard ones, then local ones."""
        return self._entries

    def with_local(self, path: Path, *, file: str | None = None) -> EthnicityMap:
        """This map plus a council's own labels, which override the standard ones.

        The file is CSV with a header row `label,category` (other columns are ignored), or YAML
        mapping `label: category`. A category may be written as anything this map already knows:
        a category name ("White British"), an NHS code ("A") or any label. `file` names the file
        in errors (default: the file's name). Every problem is found in one pass and raised
        together as a WorkforceError naming the file, row and column.
        """
        name = file if file is not None else path.name
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise WorkforceError.one(name, f"cannot be read: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise WorkforceError.one(
                name, "is not UTF-8 text: save it as CSV UTF-8 or as UTF-8 YAML"
            ) from exc

        suffix = path.suffix.casefold()
        if suffix == ".csv":
            rows, problems = _read_csv(name, text)
        elif suffix in {".yaml", ".yml"}:
            rows, problems = _read_yaml(name, text)
        else:
            raise WorkforceError.one(
                name, "is not a mapping file: use a .csv file (label,category) or a .yaml file"
            )

        found: dict[str, list[tuple[int, str, Category]]] = {}
        for row, label, target in rows:
            key = normalise(label)
            if not key:
                problems.append(_at(name, row, "label", "the label is blank"))
            if not normalise(target):
                problems.append(_at(name, row, "category", "the category is blank"))
                continue
            category = self.lookup(target)
            if category is None:
                problems.append(
                    _at(name, row, "category", f'"{target}" is not an ethnicity we know')
                )
            elif key:
                found.setdefault(key, []).append((row, label, category))

        for uses in found.values():
            targets = list(dict.fromkeys(category.name for _, _, category in uses))
            if len(targets) > 1:
                shown = " and ".join(f'"{t}"' for t in targets)
                problems.append(
                    Problem(
                        file=name,
                        message=f'"{uses[0][1]}" is given different categories ({shown})',
                        column="label",
                        rows=tuple((row, label) for row, label, _ in uses[:EXAMPLE_ROWS]),
                        count=len(uses),
                    )
                )
        if problems:
            problems.sort(key=lambda p: p.rows[0][0] if p.rows else 0)
            raise WorkforceError(tuple(problems))

        keys = dict(self._keys)
        entries: list[tuple[str, Category]] = []
        for key, uses in found.items():
            _, label, category = uses[0]
            keys[key] = category
            entries.append((label, category))
        return EthnicityMap(keys, self._codes, (*self._entries, *entries))

    def lookup(self, label: str | None) -> Category | None:
        """The category a label means; None if nobody knows it. Blank or None is "Not known"."""
        if label is None:
            return NOT_KNOWN
        key = normalise(label)
        if not key:
            return NOT_KNOWN
        found = self._keys.get(key)
        if found is not None:
            return found
        code, _, text = key.partition(" ")
        by_code = self._code_category(code, label)
        if by_code is None:
            return None
        if not text:
            return by_code  # a bare local sub-code such as "CP"
        return by_code if self._keys.get(text) == by_code else None

    def _code_category(self, code: str, label: str) -> Category | None:
        if code in self._codes:
            return self._keys.get(code)
        if (
            len(code) == 2
            and code[0] in self._sub_code_letters
            and code[1].isascii()
            and code[1].isalnum()
            and code.upper() in label
        ):
            return self._keys.get(code) or self._keys.get(code[0])
        return None

    def apply(
        self, frame: pl.DataFrame, *, file: str, column: str = "ethnicity", first_row: int = 2
    ) -> pl.DataFrame:
        """`frame` with `column` replaced, in place, by `category` (CATEGORY_DTYPE) and `group`
        (GROUP_DTYPE). Other columns are kept.

        Raises UnmappedEthnicityError listing every distinct label nobody knows, most common
        first, with its first rows (the frame's row i is spreadsheet row `first_row + i`).
        """
        if column not in frame.columns:
            raise WorkforceError.one(file, f'there is no "{column}" column', column=column)
        for taken in ("category", "group"):
            if taken != column and taken in frame.columns:
                raise WorkforceError.one(
                    file, f'already has a "{taken}" column, which the ethnicity would replace'
                )

        labels = frame.get_column(column)
        if labels.dtype != pl.String:
            labels = labels.cast(pl.String)

        # Few distinct labels: look each up once in Python, then map the column in one pass.
        names = {"": NOT_KNOWN.name}  # never empty, so polars knows the mapping's type
        unknown: list[str] = []
        for value in labels.unique().to_list():
            if value is None:
                continue  # an empty cell: filled in below
            found = self.lookup(value)
            if found is None:
                unknown.append(value)
            else:
                names[value] = found.name
        if unknown:
            raise _unmapped(labels, unknown, file=file, column=column, first_row=first_row)

        # replace_strict passes nulls through; an empty cell means nothing was recorded.
        category = labels.replace_strict(names, return_dtype=CATEGORY_DTYPE).alias("category")
        if category.has_nulls():
            category = category.fill_null(NOT_KNOWN.name)
        # The group from the category's enum index: small integers, quicker than the labels.
        group = (
            category.to_physical()
            .replace_strict(_GROUP_BY_INDEX, return_dtype=GROUP_DTYPE)
            .alias("group")
        )
        position = frame.columns.index(column)
        result = frame.drop(column)
        result.insert_column(position, category)
        result.insert_column(position + 1, group)
        return result


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that reads every scalar as text: "NA", "NULL", "No" and "99" stay as written."""


_TextLoader.yaml_implicit_resolvers = {}


@cache
def _standard() -> EthnicityMap:
    source = resources.files("tri.workforce") / "data" / STANDARD_FILE
    return EthnicityMap.from_yaml(source.read_text(encoding="utf-8"), source=STANDARD_FILE)


def _at(file: str, row: int, column: str | None, message: str) -> Problem:
    return Problem(file=file, message=message, column=column, rows=((row, None),), count=1)


_Rows = list[tuple[int, str, str]]


def _read_csv(name: str, text: str) -> tuple[_Rows, list[Problem]]:
    """(row, label, category) for each record, and any problems. The header is row 1."""
    rows: _Rows = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return rows, [_at(name, 1, None, "the file is empty: it needs a header label,category")]
        columns = [cell.strip().casefold() for cell in header]
        missing = [c for c in ("label", "category") if c not in columns]
        if missing:
            needed = " and ".join(f'"{c}"' for c in missing)
            plural = "columns" if len(missing) > 1 else "column"
            problems.append(
                _at(name, 1, None, f"the header has no {needed} {plural} (it needs label,category)")
            )
            return rows, problems
        at_label, at_category = columns.index("label"), columns.index("category")
        for row, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            label = record[at_label] if at_label < len(record) else ""
            target = record[at_category] if at_category < len(record) else ""
            rows.append((row, label, target))
    except csv.Error as exc:
        problems.append(_at(name, reader.line_num, None, f"is not readable CSV: {exc}"))
    return rows, problems


def _read_yaml(name: str, text: str) -> tuple[_Rows, list[Problem]]:
    """(line, label, category) for each entry, and any problems. Scalars are read as written, so
    `No: African` is the label "No", not false."""
    rows: _Rows = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            return rows, [Problem(file=name, message=f"is not valid YAML: {detail}")]
        return rows, [_at(name, mark.line + 1, None, f"is not valid YAML: {detail}")]
    if node is None:
        return rows, [_at(name, 1, None, "the file is empty: it needs lines of label: category")]
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1
        return rows, [_at(name, line, None, "should be lines of label: category")]
    problems: list[Problem] = []
    for key, value in node.value:
        line = key.start_mark.line + 1
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
            rows.append((line, str(key.value), str(value.value)))
        else:
            problems.append(_at(name, line, None, "should be label: category, each one text"))
    return rows, problems


def _unmapped(
    labels: pl.Series, unknown: list[str], *, file: str, column: str, first_row: int
) -> UnmappedEthnicityError:
    """The error for labels nobody knows: one problem each, with how many rows and which."""
    found = (
        labels.rename("value")
        .to_frame()
        .with_row_index("index")
        .filter(pl.col("value").is_in(unknown))
        .group_by("value")
        .agg(pl.len().alias("count"), pl.col("index").sort().head(EXAMPLE_ROWS).alias("rows"))
        .sort(["count", "value"], descending=[True, False])
    )
    return UnmappedEthnicityError(
        tuple(
            Problem(
                file=file,
                message=(
                    f'"{value}" is not an ethnicity label we know (add it to a local mapping file)'
                ),
                column=column,
                rows=tuple((first_row + index, value) for index in rows),
                count=count,
            )
            for value, count, rows in found.iter_rows()
        )
    )


__all__ = ["SEPARATORS", "STANDARD_FILE", "EthnicityMap", "normalise"]
