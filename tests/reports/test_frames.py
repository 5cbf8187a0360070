"""Writing tables to CSV, Parquet and XLSX (the synthetic returns use it)."""

from __future__ import annotations

import datetime
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tri.reports import frames
from tri.reports.frames import write_table
from tri.workforce import generate

pytestmark = pytest.mark.unit


# ---------------------------------------------------------------- writing


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_write_round_trips(tmp_path: Path, suffix: str) -> None:
    staff = generate.employees(200, seed=1)
    applicants = generate.applications(200, seed=1)
    for name, frame in (("staff", staff), ("applicants", applicants)):
        path = tmp_path / f"{name}{suffix}"
        write_table(frame, path)
        if suffix == ".csv":
            back = pl.read_csv(path, schema=frame.schema)
        elif suffix == ".parquet":
            back = pl.read_parquet(path)
        else:
            back = pl.read_excel(path, engine="calamine", schema_overrides=frame.schema)
        assert_frame_equal(back, frame)


def test_csv_writes_iso_dates_and_true_false(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    write_table(generate.employees(50), path)
    first = path.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert first[-1] in {"true", "false"}
    datetime.date.fromisoformat(first[generate.EMPLOYEE_COLUMNS.index("started_on")])


def test_excel_refuses_more_rows_than_a_worksheet_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert frames.XLSX_MAX_ROWS == 1_048_575
    monkeypatch.setattr(frames, "XLSX_MAX_ROWS", 10)
    path = tmp_path / "staff.xlsx"
    write_table(generate.employees(10), path)  # exactly the limit is fine
    with pytest.raises(ValueError, match=r"more than an Excel worksheet holds \(10 rows"):
        write_table(generate.employees(11), tmp_path / "big.xlsx")
    assert not (tmp_path / "big.xlsx").exists()


def test_write_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv, \.parquet or \.xlsx"):
        write_table(generate.employees(5), tmp_path / "staff.json")
