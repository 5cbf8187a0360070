"""Reading and checking returns: CSV, XLSX or Parquet in, a clean typed frame out, or every problem.

Checking is all-or-nothing: a return with any problem raises one WorkforceError listing every
problem found (missing columns, bad values with their rows, duplicate references, dates in the
wrong order, unknown bands, unmapped ethnicity labels), and nothing of it is kept. Employee and
application references are checked for uniqueness, then dropped: the engine never needs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import dataframely as dy
import polars as pl

from tri.workforce.errors import EXAMPLE_ROWS, Problem, WorkforceError
from tri.workforce.ethnicity import ALL_GROUPS, GROUP_DTYPE, NOT_DISCLOSED
from tri.workforce.labels import EthnicityMap
from tri.workforce.schemas import (
    STAGES,
    Applications,
    Cells,
    Employees,
    Field,
    ReturnKind,
    table_schema,
)

FIRST_ROW: Final = 2  # the header is row 1, as a spreadsheet numbers it
BAND_ORDER_KEY: Final = "band_order"  # Parquet key-value metadata; an XLSX sheet of this name
SUFFIXES: Final = (".csv", ".xlsx", ".parquet")

#: High-level group names an aggregate return may use instead of categories.
GROUP_LABELS: Final = {
    "asian": "Asian",
    "asian or asian british": "Asian",
    "asian, asian british or asian welsh": "Asian",
    "black": "Black",
    "black or black british": "Black",
    "black, black british, black welsh, caribbean or african": "Black",
    "mixed": "Mixed",
    "multi-heritage": "Mixed",
    "mixed or multiple ethnic groups": "Mixed",
    "white": "White",
    "other": "Other",
    "other ethnic group": "Other",
    "any other ethnic group": "Other",
    "unknown": NOT_DISCLOSED,
    "not known": NOT_DISCLOSED,
    "not disclosed": NOT_DISCLOSED,
    "prefer not to say": NOT_DISCLOSED,
}


@dataclass(frozen=True, slots=True)
class BandOrder:
    """Pay bands, lowest first. `source` says where the order came from."""

    bands: tuple[str, ...]
    source: str

    def index(self) -> dict[str, int]:
        return {band: i for i, band in enumerate(self.bands)}


@dataclass(frozen=True, slots=True)
class EmployeeReturn:
    source: str
    frame: dy.DataFrame[Employees]
    bands: BandOrder
    columns: frozenset[str]
    ignored: tuple[str, ...]

    @property
    def rows(self) -> int:
        return self.frame.height


@dataclass(frozen=True, slots=True)
class RecruitmentReturn:
    source: str
    frame: dy.DataFrame[Applications]
    ignored: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AggregateReturn:
    source: str
    frame: dy.DataFrame[Cells]
    bands: BandOrder
    by_category: bool
    has_mean_pay: bool
    has_median_pay: bool


# ---------------------------------------------------------------- reading


def _read(path: Path) -> tuple[pl.DataFrame, list[str] | None]:
    """The file's records, every column as text, and any band order in its metadata."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WorkforceError.one(name, f"is not a CSV, XLSX or Parquet file (got {suffix or 'no extension'})")
    if not path.is_file():
        raise WorkforceError.one(name, "does not exist or is not a file")
    try:
        if suffix == ".csv":
            frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy", truncate_ragged_lines=False)
            return frame, None
        if suffix == ".xlsx":
            return _read_xlsx(path)
        frame = pl.read_parquet(path)
        metadata = pl.read_parquet_metadata(path)
        return frame, _band_metadata(name, metadata.get(BAND_ORDER_KEY))
    except WorkforceError:
        raise
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WorkforceError.one(name, f"cannot be read as {suffix[1:].upper()}: {first_line}") from exc


def _read_xlsx(path: Path) -> tuple[pl.DataFrame, list[str] | None]:
    sheets = pl.read_excel(path, engine="calamine", sheet_id=0, infer_schema_length=0)
    data = [name for name in sheets if name.lower() != BAND_ORDER_KEY]
    if not data:
        raise WorkforceError.one(path.name, "has no sheet of data")
    bands = next((sheets[n] for n in sheets if n.lower() == BAND_ORDER_KEY), None)
    order = None
    if bands is not None and bands.width:
        order = [str(v).strip() for v in bands.to_series(0).drop_nulls().to_list() if str(v).strip()]
    return sheets[data[0]], order


def _band_metadata(file: str, raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise WorkforceError.one(file, f'metadata "{BAND_ORDER_KEY}" is not a JSON list of band names')
    return [str(v) for v in value]


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _normalise_header(file: str, frame: pl.DataFrame) -> pl.DataFrame:
    renamed = {name: _header_key(name) for name in frame.columns}
    keys = list(renamed.values())
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise WorkforceError(
            tuple(Problem(file, "appears more than once in the header", column=d) for d in duplicates)
        )
    return frame.rename(renamed)


# ---------------------------------------------------------------- parsing columns


def _text(column: str) -> pl.Expr:
    raw = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.when(raw == "").then(None).otherwise(raw)


def _number(column: str, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_numeric():
        return pl.col(column).cast(pl.Float64)
    # "£1,234.50" is how a spreadsheet shows money; accept it.
    cleaned = _text(column).str.replace_all(r"^£|,", "")
    return cleaned.cast(pl.Float64, strict=False)


def _integer(column: str, dtype: pl.DataType) -> pl.Expr:
    number = _number(column, dtype)
    return pl.when(number == number.round(0)).then(number).otherwise(None).cast(pl.Int64)


def _date(column: str, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Date:
        return pl.col(column)
    if isinstance(dtype, pl.Datetime):
        return pl.col(column).dt.date()
    text = _text(column).str.replace(r"[T ]00:00:00(\.0+)?$", "")
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%d/%m/%Y", strict=False),
    )


def _boolean(column: str, dtype: pl.DataType, field: Field) -> pl.Expr:
    if dtype == pl.Boolean:
        return pl.col(column)
    mapping = {v: True for v in field.true_values} | {v: False for v in field.false_values}
    return _text(column).replace_strict(mapping, default=None, return_dtype=pl.Boolean)


_EXPECTED = {
    "number": "is not a number",
    "integer": "is not a whole number",
    "date": "is not a date (write YYYY-MM-DD or DD/MM/YYYY)",
    "boolean": "is not yes or no (write true/false, yes/no or 1/0)",
}


def _parse(field: Field, dtype: pl.DataType) -> pl.Expr:
    if field.type == "number":
        return _number(field.name, dtype)
    if field.type == "integer":
        return _integer(field.name, dtype)
    if field.type == "date":
        return _date(field.name, dtype)
    if field.type == "boolean":
        return _boolean(field.name, dtype, field)
    return _text(field.name)


class _Checker:
    """Collects problems in one pass over a return's columns."""

    def __init__(self, file: str, raw: pl.DataFrame) -> None:
        self.file = file
        self.raw = raw
        self.problems: list[Problem] = []

    def flag(self, frame: pl.DataFrame, mask: str, column: str, message: str) -> None:
        """Report the rows where the boolean column `mask` of `frame` is true."""
        count = int(frame.get_column(mask).sum())
        if not count:
            return
        examples = (
            frame.select(pl.arg_where(pl.col(mask)).head(EXAMPLE_ROWS).alias("i"))
            .get_column("i")
            .to_list()
        )
        shown = self.raw.get_column(column).cast(pl.String) if column in self.raw.columns else None
        rows = tuple(
            (i + FIRST_ROW, None if shown is None else _shown(shown[i])) for i in examples
        )
        self.problems.append(Problem(self.file, message, column=column, rows=rows, count=count))

    def fail_if_any(self) -> None:
        if self.problems:
            raise WorkforceError(tuple(self.problems))


def _shown(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _parse_columns(
    file: str, raw: pl.DataFrame, kind: ReturnKind
) -> tuple[pl.DataFrame, _Checker, tuple[str, ...]]:
    """Parse every known column; flag unparseable values, empty required cells, out-of-range values."""
    schema = table_schema(kind)
    checker = _Checker(file, raw)
    missing = [c for c in schema.required_columns if c not in raw.columns]
    for column in missing:
        checker.problems.append(
            Problem(file, "is missing: the return must have this column", column=column)
        )
    checker.fail_if_any()
    ignored = tuple(c for c in raw.columns if c not in schema.names)

    exprs: list[pl.Expr] = []
    checks: list[tuple[str, str, str]] = []  # (mask column, data column, message)
    for field in schema.fields:
        name = field.name
        if name not in raw.columns:
            exprs.append(pl.lit(None, dtype=_dtype(field)).alias(name))
            continue
        dtype = raw.schema[name]
        value = _parse(field, dtype).alias(name)
        exprs.append(value)
        if field.type in _EXPECTED:
            mask = f"__bad_{name}"
            present = _text(name).is_not_null() if dtype == pl.String else pl.col(name).is_not_null()
            exprs.append((present & value.is_null()).alias(mask))
            checks.append((mask, name, _EXPECTED[field.type]))
        if field.required:
            mask = f"__empty_{name}"
            exprs.append((pl.col(name).is_null() if dtype != pl.String else _text(name).is_null()).alias(mask))
            checks.append((mask, name, "is empty: every row needs a value"))
        if field.minimum is not None:
            mask = f"__min_{name}"
            exprs.append((value < field.minimum).fill_null(False).alias(mask))
            below = "is negative" if field.minimum == 0 else f"is less than {field.minimum:g}"
            checks.append((mask, name, below))
        if field.maximum is not None:
            mask = f"__max_{name}"
            exprs.append((value > field.maximum).fill_null(False).alias(mask))
            checks.append((mask, name, f"is more than {field.maximum:g}"))
        if field.enum is not None:
            mask = f"__enum_{name}"
            allowed = list(field.enum)
            exprs.append((value.str.to_lowercase().is_in(allowed).not_() & value.is_not_null()).alias(mask))
            checks.append((mask, name, "is not one of " + ", ".join(allowed)))
        if field.unique:
            mask = f"__dup_{name}"
            exprs.append((value.is_duplicated() & value.is_not_null()).alias(mask))
            checks.append((mask, name, "appears more than once: each reference must be unique"))
    frame = raw.select(exprs)
    for mask, column, message in checks:
        checker.flag(frame, mask, column, message)
    return frame.drop([m for m, _, _ in checks]), checker, ignored


def _dtype(field: Field) -> pl.DataType:
    return {
        "number": pl.Float64(),
        "integer": pl.Int64(),
        "date": pl.Date(),
        "boolean": pl.Boolean(),
    }.get(field.type, pl.String())


# ---------------------------------------------------------------- bands


def _natural_key(band: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", band)
        if part
    )


def band_order(values: Sequence[str], given: Sequence[str] | None, given_by: str) -> BandOrder:
    """The order of pay bands: as given, else numerically, else by name (with a note saying so)."""
    if given:
        return BandOrder(tuple(dict.fromkeys(given)), given_by)
    distinct = sorted(set(values))
    try:
        return BandOrder(tuple(sorted(distinct, key=float)), "numeric")
    except ValueError:
        return BandOrder(tuple(sorted(distinct, key=_natural_key)), "by name")


def _bands(
    checker: _Checker,
    frame: pl.DataFrame,
    column: str,
    given: Sequence[str] | None,
    given_by: str,
) -> tuple[pl.DataFrame, BandOrder]:
    present = frame.get_column(column).drop_nulls().unique().to_list()
    order = band_order(present, given, given_by)
    index = order.index()
    frame = frame.with_columns(
        pl.col(column).replace_strict(index, default=None, return_dtype=pl.UInt16).alias("band")
    )
    unknown = frame.with_columns(
        (pl.col("band").is_null() & pl.col(column).is_not_null()).alias("__unknown_band")
    )
    checker.flag(
        unknown,
        "__unknown_band",
        column,
        f"is not a pay band in the band order ({order.source}: {', '.join(order.bands)})",
    )
    return frame.drop(column), order


# ---------------------------------------------------------------- the three returns


def read_employees(
    path: Path,
    *,
    ethnicity: EthnicityMap | None = None,
    bands: Sequence[str] | None = None,
) -> EmployeeReturn:
    """Read and check an employee return. Raises WorkforceError with every problem found."""
    file = path.name
    raw, metadata_bands = _read(path)
    raw = _normalise_header(file, raw)
    frame, checker, ignored = _parse_columns(file, raw, ReturnKind.EMPLOYEE)

    wrong_order = (pl.col("left_on") < pl.col("started_on")).fill_null(False)
    no_pay = pl.col("hourly_pay").is_null() & pl.col("left_on").is_null()
    flags = frame.select(wrong_order.alias("order"), no_pay.alias("pay"))
    checker.flag(flags, "order", "left_on", "is before started_on")
    if "hourly_pay" in raw.columns:
        checker.flag(flags, "pay", "hourly_pay", "is empty: staff in post need an hourly rate")

    given_by = "--band-order" if bands else "the file's metadata"
    frame, order = _bands(checker, frame, "pay_band", bands or metadata_bands, given_by)
    frame = _map_ethnicity(checker, frame, ethnicity, file)
    checker.fail_if_any()

    frame = frame.drop("employee_ref").with_columns(
        pl.col(c).fill_null(False)
        for c in ("formal_disciplinary", "formal_grievance", "non_mandatory_training")
    )
    return EmployeeReturn(
        source=file,
        frame=Employees.validate(frame, cast=True),
        bands=order,
        columns=frozenset(raw.columns),
        ignored=ignored,
    )


def read_applications(path: Path, *, ethnicity: EthnicityMap | None = None) -> RecruitmentReturn:
    """Read and check a recruitment return."""
    file = path.name
    raw, _ = _read(path)
    raw = _normalise_header(file, raw)
    frame, checker, ignored = _parse_columns(file, raw, ReturnKind.RECRUITMENT)
    frame = frame.with_columns(
        pl.col("stage_reached")
        .str.to_lowercase()
        .replace_strict({s: i for i, s in enumerate(STAGES)}, default=None, return_dtype=pl.UInt8)
        .alias("stage")
    )
    frame = _map_ethnicity(checker, frame, ethnicity, file)
    checker.fail_if_any()
    frame = frame.select("category", "group", "stage", "vacancy_pay_band")
    return RecruitmentReturn(
        source=file, frame=Applications.validate(frame, cast=True), ignored=ignored
    )


def read_aggregate(
    path: Path,
    *,
    ethnicity: EthnicityMap | None = None,
    bands: Sequence[str] | None = None,
) -> AggregateReturn:
    """Read and check an aggregate return (headcounts by ethnicity and band)."""
    file = path.name
    raw, metadata_bands = _read(path)
    raw = _normalise_header(file, raw)
    frame, checker, _ = _parse_columns(file, raw, ReturnKind.AGGREGATE)
    given_by = "--band-order" if bands else "the file's metadata"
    frame, order = _bands(checker, frame, "pay_band", bands or metadata_bands, given_by)

    labels = frame.get_column("ethnicity").drop_nulls().unique().to_list()
    by_group = all(_group_key(label) in GROUP_LABELS for label in labels)
    if by_group:
        groups = {label: GROUP_LABELS[_group_key(label)] for label in labels}
        frame = frame.with_columns(
            pl.col("ethnicity").replace_strict(groups, return_dtype=GROUP_DTYPE).alias("group"),
            pl.lit(None).alias("category"),
        ).drop("ethnicity")
    else:
        frame = _map_ethnicity(checker, frame, ethnicity, file)

    duplicated = frame.select(
        (pl.struct("group", "category", "band").is_duplicated() & pl.col("band").is_not_null()).alias(
            "dup"
        )
    )
    checker.flag(duplicated, "dup", "ethnicity", "repeats an ethnicity and pay band given on another row")
    checker.fail_if_any()

    has_mean = frame.get_column("mean_hourly_pay").is_not_null().any()
    has_median = frame.get_column("median_hourly_pay").is_not_null().any()
    cells = frame.select(
        pl.col("group").cast(GROUP_DTYPE),
        "category",
        "band",
        "headcount",
        (pl.col("mean_hourly_pay") * pl.col("headcount")).alias("pay_total"),
        "median_hourly_pay",
    )
    return AggregateReturn(
        source=file,
        frame=Cells.validate(cells, cast=True),
        bands=order,
        by_category=not by_group,
        has_mean_pay=bool(has_mean),
        has_median_pay=bool(has_median),
    )


def _group_key(label: str) -> str:
    return " ".join(label.strip().lower().split())


def _map_ethnicity(
    checker: _Checker, frame: pl.DataFrame, ethnicity: EthnicityMap | None, file: str
) -> pl.DataFrame:
    mapping = ethnicity or EthnicityMap.standard()
    try:
        return mapping.apply(frame, file=file, column="ethnicity", first_row=FIRST_ROW)
    except WorkforceError as exc:
        checker.problems.extend(exc.problems)
        return frame.drop("ethnicity").with_columns(
            pl.lit(None, dtype=pl.String).alias("category"),
            pl.lit(None, dtype=GROUP_DTYPE).alias("group"),
        )


__all__ = [
    "ALL_GROUPS",
    "AggregateReturn",
    "BandOrder",
    "EmployeeReturn",
    "RecruitmentReturn",
    "band_order",
    "read_aggregate",
    "read_applications",
    "read_employees",
]
