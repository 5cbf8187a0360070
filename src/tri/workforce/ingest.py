"""Reading and checking returns: CSV, XLSX or Parquet in, a clean typed frame out, or every problem.

Checking is all-or-nothing: a return with any problem raises one WorkforceError listing every
problem found (missing columns, bad values with their rows, duplicate references, dates in the
wrong order, unknown bands, unmapped ethnicity labels), and nothing of it is kept. Employee and
application references are checked for uniqueness, then dropped: the engine never needs them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import dataframely as dy
import polars as pl

from tri.workforce.errors import EXAMPLE_ROWS, Problem, UnmappedEthnicityError, WorkforceError
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


def _read(path: Path, kind: ReturnKind) -> tuple[pl.DataFrame, list[str] | None]:
    """The file's records and any band order in its metadata.

    A CSV is first read with the standard's types, which is fast; if any value does not parse,
    it is read again as text so that every bad value can be reported with its row.
    """
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WorkforceError.one(
            name, f"is not a CSV, XLSX or Parquet file (got {suffix or 'no extension'})"
        )
    if not path.is_file():
        raise WorkforceError.one(name, "does not exist or is not a file")
    try:
        if suffix == ".csv":
            return _read_csv(path, kind), None
        if suffix == ".xlsx":
            return _read_xlsx(path)
        frame = pl.read_parquet(path)
        metadata = pl.read_parquet_metadata(path)
        return frame, _band_metadata(name, metadata.get(BAND_ORDER_KEY))
    except WorkforceError:
        raise
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WorkforceError.one(
            name, f"cannot be read as {suffix[1:].upper()}: {first_line}"
        ) from exc


def _read_csv(path: Path, kind: ReturnKind) -> pl.DataFrame:
    header = pl.read_csv(path, n_rows=0, infer_schema=False, encoding="utf8-lossy").columns
    types = {f.name: _TYPED[f.type] for f in table_schema(kind).fields if f.type in _TYPED}
    overrides = {name: types[_header_key(name)] for name in header if _header_key(name) in types}
    if overrides:
        try:
            return pl.read_csv(path, infer_schema=False, schema_overrides=overrides)
        except pl.exceptions.PolarsError:
            pass  # some value does not parse: read it as text, to say which
    try:
        return pl.read_csv(path, infer_schema=False)
    except pl.exceptions.ComputeError as exc:
        if "utf-8" not in str(exc).lower():
            raise
    # Not UTF-8: Excel on Windows saves "CSV" as Windows-1252, where "£" is one byte.
    text = path.read_bytes().decode("cp1252", errors="replace")
    return pl.read_csv(io.BytesIO(text.encode()), infer_schema=False)


def _read_xlsx(path: Path) -> tuple[pl.DataFrame, list[str] | None]:
    import fastexcel  # polars reads XLSX with it; only XLSX files need it

    try:
        sheets = pl.read_excel(path, engine="calamine", sheet_id=0, infer_schema_length=0)
    except fastexcel.FastExcelError as exc:
        raise ValueError(str(exc)) from exc  # reported as "cannot be read as XLSX: …"
    data = [name for name in sheets if name.lower() != BAND_ORDER_KEY]
    if not data:
        raise WorkforceError.one(path.name, "has no sheet of data")
    name = next((n for n in sheets if n.lower() == BAND_ORDER_KEY), None)
    order = None
    if name is not None:
        # Bands lowest first down column A, with or without a heading above them.
        bands = pl.read_excel(
            path, engine="calamine", sheet_name=name, has_header=False, infer_schema_length=0
        )
        if bands.width:
            values = [str(v).strip() for v in bands.to_series(0).drop_nulls().to_list()]
            order = [v for v in values if v]
            if order and _header_key(order[0]) in _BAND_HEADINGS:
                order = order[1:]
    return sheets[data[0]], order


_BAND_HEADINGS: Final = frozenset({"band", "bands", "pay_band", "pay_bands", "band_order", "grade"})


def _band_metadata(file: str, raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise WorkforceError.one(
            file, f'metadata "{BAND_ORDER_KEY}" is not a JSON list of band names'
        )
    return [str(v) for v in value]


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _normalise_header(file: str, frame: pl.DataFrame) -> pl.DataFrame:
    renamed = {name: _header_key(name) for name in frame.columns}
    keys = list(renamed.values())
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise WorkforceError(
            tuple(
                Problem(file, "appears more than once in the header", column=d) for d in duplicates
            )
        )
    return frame.rename(renamed)


def detect_kind(path: Path) -> ReturnKind:
    """Which return a file is, from its header: `application_ref` or `stage_reached` make it a
    recruitment return, `headcount` an aggregate one; anything else is read as an employee
    return (and a file that cannot be read is left for the reader to report)."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            header = list(pl.read_parquet_schema(path))
        elif suffix == ".xlsx":
            header = pl.read_excel(
                path, engine="calamine", infer_schema_length=0, read_options={"n_rows": 0}
            ).columns
        else:
            header = pl.read_csv(path, n_rows=0, infer_schema=False, encoding="utf8-lossy").columns
    except Exception:  # any unreadable file is reported when it is read, with the reason
        return ReturnKind.EMPLOYEE
    keys = {_header_key(name) for name in header}
    if keys & {"application_ref", "stage_reached"}:
        return ReturnKind.RECRUITMENT
    if "headcount" in keys:
        return ReturnKind.AGGREGATE
    return ReturnKind.EMPLOYEE


# ---------------------------------------------------------------- parsing columns


def _text(column: str) -> pl.Expr:
    """Text with empty cells as nulls. Surrounding spaces are dealt with where they matter:
    labels and bands are trimmed as distinct values, and typed values by the lenient parsers."""
    raw = pl.col(column).cast(pl.String)
    return pl.when(raw == "").then(None).otherwise(raw).alias(column)


# Each parser has a fast form for well-formed files and a lenient one that is only run on a
# column where the fast form failed somewhere: most files never pay for the lenient one.


def _number(column: str, lenient: bool) -> pl.Expr:
    text = pl.col(column)
    if lenient:  # " £1,234.50" is how a spreadsheet shows money; accept it.
        text = text.str.strip_chars().str.replace_all(r"^£|,", "")
    return text.cast(pl.Float64, strict=False)


def _integer(column: str, lenient: bool) -> pl.Expr:
    number = _number(column, lenient)
    return pl.when(number == number.round(0)).then(number).otherwise(None).cast(pl.Int64)


def _date(column: str, lenient: bool) -> pl.Expr:
    iso = pl.col(column).str.to_date("%Y-%m-%d", strict=False)
    if not lenient:
        return iso
    text = pl.col(column).str.strip_chars().str.replace(r"[T ]00:00:00(\.0+)?$", "")
    return pl.coalesce(
        text.str.to_date("%Y-%m-%d", strict=False),
        text.str.to_date("%d/%m/%Y", strict=False),
    )


def _boolean(column: str, field: Field, lenient: bool) -> pl.Expr:
    mapping = dict.fromkeys(field.true_values, True) | dict.fromkeys(field.false_values, False)
    text = pl.col(column).str.strip_chars() if lenient else pl.col(column)
    return text.replace_strict(mapping, default=None, return_dtype=pl.Boolean)


_EXPECTED = {
    "number": "is not a number",
    "integer": "is not a whole number",
    "date": "is not a date (write YYYY-MM-DD or DD/MM/YYYY)",
    "boolean": "is not yes or no (write true/false, yes/no or 1/0)",
}
_TYPED = {
    "number": pl.Float64(),
    "integer": pl.Int64(),
    "date": pl.Date(),
    "boolean": pl.Boolean(),
}


def _parse(field: Field, dtype: pl.DataType, lenient: bool) -> pl.Expr:
    """`field` parsed from its column: text (already trimmed) or already typed (Parquet, XLSX)."""
    name = field.name
    target = _TYPED.get(field.type)
    if target is None:
        return pl.col(name)
    if dtype == target or (dtype.is_numeric() and field.type == "number"):
        return pl.col(name).cast(target)
    if isinstance(dtype, pl.Datetime) and field.type == "date":
        return pl.col(name).dt.date()
    if dtype.is_numeric() and field.type == "integer":
        return _integer(name, lenient=False)
    if field.type == "number":
        return _number(name, lenient)
    if field.type == "integer":
        return _integer(name, lenient)
    if field.type == "date":
        return _date(name, lenient)
    return _boolean(name, field, lenient)


class _Checker:
    """Collects problems in one pass over a return's columns."""

    def __init__(self, file: str, raw: pl.DataFrame) -> None:
        self.file = file
        self.raw = raw
        self.problems: list[Problem] = []
        self.unmapped: list[Problem] = []  # unknown ethnicity labels, also in `problems`

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
        shown = self.raw.get_column(column) if column in self.raw.columns else None
        rows = tuple((i + FIRST_ROW, None if shown is None else _shown(shown[i])) for i in examples)
        self.problems.append(Problem(self.file, message, column=column, rows=rows, count=count))

    def fail_if_any(self) -> None:
        if self.problems:
            # Only unknown labels: the caller may offer to map them, so say it is that.
            only_labels = len(self.unmapped) == len(self.problems)
            error = UnmappedEthnicityError if only_labels else WorkforceError
            raise error(tuple(self.problems))


def _shown(value: object) -> str | None:
    if value is None:
        return None
    # A typed reader gives -1.0 for the "-1" a person wrote: show it as they wrote it.
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
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
    if raw.height == 0:
        checker.problems.append(Problem(file, "has no rows of data below its header"))
    checker.fail_if_any()
    ignored = tuple(c for c in raw.columns if c not in schema.names)

    # Trim text once; leave typed columns (from Parquet or XLSX) as they are.
    present = [f for f in schema.fields if f.name in raw.columns]
    text = raw.select(
        _text(f.name) if raw.schema[f.name] in (pl.String, pl.Null) else pl.col(f.name)
        for f in present
    )
    typed = [f for f in present if f.type in _EXPECTED]

    def parse(lenient: bool, fields: list[Field]) -> pl.DataFrame:
        return text.select(_parse(f, text.schema[f.name], lenient).alias(f.name) for f in fields)

    parsed = parse(False, typed)
    presence = text.select(pl.col(f.name).is_not_null().alias(f"__present_{f.name}") for f in typed)
    both = parsed.hstack(presence)
    failed = (
        both.select(
            (pl.col(f"__present_{f.name}") & pl.col(f.name).is_null()).any().alias(f.name)
            for f in typed
        ).row(0, named=True)
        if typed
        else {}
    )
    retry = [f for f in typed if failed.get(f.name)]
    if retry:
        parsed = parsed.with_columns(parse(True, retry))

    frame = (
        text.with_columns(parsed)
        .hstack(presence)
        .with_columns(
            pl.lit(None, dtype=_dtype(f)).alias(f.name)
            for f in schema.fields
            if f.name not in raw.columns
        )
    )
    masks: list[pl.Expr] = []
    checks: list[tuple[str, str, str]] = []  # (mask column, data column, message)
    for field in present:
        name = field.name
        value = pl.col(name)
        if field in retry:
            mask = f"__bad_{name}"
            masks.append((pl.col(f"__present_{name}") & value.is_null()).alias(mask))
            checks.append((mask, name, _EXPECTED[field.type]))
        if field.required:
            mask = f"__empty_{name}"
            had = pl.col(f"__present_{name}") if field in typed else value.is_not_null()
            masks.append((~had).alias(mask))
            checks.append((mask, name, "is empty: every row needs a value"))
        if field.minimum is not None:
            mask = f"__min_{name}"
            masks.append((value < field.minimum).fill_null(False).alias(mask))
            below = "is negative" if field.minimum == 0 else f"is less than {field.minimum:g}"
            checks.append((mask, name, below))
        if field.maximum is not None:
            mask = f"__max_{name}"
            masks.append((value > field.maximum).fill_null(False).alias(mask))
            checks.append((mask, name, f"is more than {field.maximum:g}"))
        if field.enum is not None:
            mask = f"__enum_{name}"
            allowed = list(field.enum)
            masks.append(
                (value.str.to_lowercase().is_in(allowed).not_() & value.is_not_null()).alias(mask)
            )
            checks.append((mask, name, "is not one of " + ", ".join(allowed)))
        if field.unique and _has_duplicates(text.get_column(name)):
            mask = f"__dup_{name}"
            masks.append((value.is_duplicated() & value.is_not_null()).alias(mask))
            checks.append((mask, name, "appears more than once: each reference must be unique"))
    flags = frame.select(masks)
    for mask, column, message in checks:
        checker.flag(flags, mask, column, message)
    return frame.drop(presence.columns), checker, ignored


def _blank(raw: pl.DataFrame, column: str) -> pl.Expr:
    """Whether each row of `raw` has nothing in `column` (or has no such column)."""
    if column not in raw.columns:
        return pl.lit(True)
    values = raw.get_column(column)
    blank = values.is_null()
    if values.dtype == pl.String:
        blank = blank | (values.str.strip_chars() == "")
    return pl.lit(blank)


def _has_duplicates(values: pl.Series) -> bool:
    """Whether any non-null value repeats. Hashes first (cheap), then checks exactly if needed."""
    present = values.drop_nulls()
    if present.hash().n_unique() == len(present):
        return False
    return bool(present.n_unique() < len(present))


def _dtype(field: Field) -> pl.DataType:
    return _TYPED.get(field.type, pl.String())


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
    present = frame.get_column(column).cast(pl.String).drop_nulls().unique().to_list()
    order = band_order([p.strip() for p in present], given, given_by)
    position = order.index()
    index = {p: position[p.strip()] for p in present if p.strip() in position}
    frame = frame.with_columns(
        pl.col(column)
        .cast(pl.String)
        .replace_strict(index, default=None, return_dtype=pl.UInt16)
        .alias("band")
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
    raw, metadata_bands = _read(path, ReturnKind.EMPLOYEE)
    raw = _normalise_header(file, raw)
    frame, checker, ignored = _parse_columns(file, raw, ReturnKind.EMPLOYEE)

    wrong_order = (pl.col("left_on") < pl.col("started_on")).fill_null(False)
    # Only a blank rate: a rate that is there but is not a number is reported as such already.
    no_pay = _blank(raw, "hourly_pay") & pl.col("left_on").is_null()
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
    raw, _ = _read(path, ReturnKind.RECRUITMENT)
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
    raw, metadata_bands = _read(path, ReturnKind.AGGREGATE)
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
        (
            pl.struct("group", "category", "band").is_duplicated() & pl.col("band").is_not_null()
        ).alias("dup")
    )
    checker.flag(
        duplicated, "dup", "ethnicity", "repeats an ethnicity and pay band given on another row"
    )
    has_mean = frame.get_column("mean_hourly_pay").is_not_null().any()
    has_median = frame.get_column("median_hourly_pay").is_not_null().any()
    # Pay for some cells but not others would compare groups over different people.
    counted = (pl.col("headcount") > 0) & (pl.col("group") != NOT_DISCLOSED)
    for column, given in (("mean_hourly_pay", has_mean), ("median_hourly_pay", has_median)):
        if given:
            gaps = frame.select((counted & pl.col(column).is_null()).fill_null(False).alias("m"))
            checker.flag(
                gaps, "m", column, "is empty: give pay for every cell with staff, or for none"
            )
    checker.fail_if_any()
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
        if isinstance(exc, UnmappedEthnicityError):
            checker.unmapped.extend(exc.problems)
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
    "detect_kind",
    "read_aggregate",
    "read_applications",
    "read_employees",
]
