"""Write a table (a polars frame) to CSV, Parquet or XLSX, by the file's suffix."""

from __future__ import annotations

from pathlib import Path

import polars as pl

#: Rows an Excel worksheet holds below its header row.
XLSX_MAX_ROWS = 1_048_575


def write_table(frame: pl.DataFrame, path: Path) -> None:
    """Save `frame` by the suffix of `path`: .csv, .parquet or .xlsx.

    CSV has ISO dates, true/false flags and empty cells for nulls. Excel is written row by row
    (openpyxl, write-only) and holds at most XLSX_MAX_ROWS rows; a bigger frame is refused.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.write_csv(path, date_format="%Y-%m-%d")
    elif suffix == ".parquet":
        frame.write_parquet(path)
    elif suffix == ".xlsx":
        _write_xlsx(frame, path)
    else:
        raise ValueError(f"cannot write {path.name}: the suffix must be .csv, .parquet or .xlsx")


def _write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    if frame.height > XLSX_MAX_ROWS:
        raise ValueError(
            f"cannot write {path.name}: {frame.height:,} rows is more than an Excel worksheet "
            f"holds ({XLSX_MAX_ROWS:,} rows below the header); write .csv or .parquet instead"
        )
    from openpyxl import Workbook  # slow to import; only needed here

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(frame.columns)
    for row in frame.iter_rows():
        sheet.append(row)
    book.save(path)
