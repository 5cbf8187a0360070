"""Reading and checking returns: every problem named with its file, row and column, all at once.

Each test writes a real file (CSV, XLSX or Parquet) and reads it back through the public API.
Rows are numbered as a spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from tri.workforce import (
    EthnicityMap,
    Problem,
    ReturnKind,
    UnmappedEthnicityError,
    WorkforceError,
    detect_kind,
    read_aggregate,
    read_applications,
    read_employees,
)

pytestmark = pytest.mark.unit

HEADER = "employee_ref,ethnicity,pay_band,hourly_pay,started_on"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def messages(error: WorkforceError) -> list[str]:
    return [str(problem) for problem in error.problems]


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(WorkforceError) as caught:
        read_employees(path, **kwargs)  # type: ignore[arg-type]
    return messages(caught.value)


# ---------------------------------------------------------------- a valid return


def test_a_valid_return_is_read_whole_and_references_are_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "staff.csv",
        "Employee Ref, Ethnicity ,Pay-Band,Hourly Pay,Started On,Payroll Number\n"
        "E1,White - British,2,12.50,2020-01-01,P1\n"
        "E2,Black or Black British - Caribbean,10,20.00,2019-02-03,P2\n"
        "E3,,1,11.00,2018-03-04,P3\n",
    )
    ret = read_employees(path)
    assert ret.rows == 3
    assert ret.source == "staff.csv"
    assert ret.ignored == ("payroll_number",)
    assert "employee_ref" not in ret.frame.columns
    assert ret.bands.bands == ("1", "2", "10")  # numerically, not "1", "10", "2"
    assert ret.bands.source == "numeric"
    frame = ret.frame.sort("hourly_pay")
    assert frame.get_column("category").to_list() == ["Not known", "White British", "Caribbean"]
    assert frame.get_column("group").cast(pl.String).to_list() == [
        "Not disclosed",
        "White",
        "Black",
    ]
    assert frame.get_column("started_on").to_list() == [
        dt.date(2018, 3, 4),
        dt.date(2020, 1, 1),
        dt.date(2019, 2, 3),
    ]
    # Optional flags that are absent count as no, not as unknown.
    assert frame.get_column("formal_disciplinary").to_list() == [False, False, False]


def test_spreadsheet_money_dates_and_yes_no_are_understood(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "staff.csv",
        f"{HEADER},bonus_pay,formal_grievance\n"
        'E1,Indian,1," £1,234.50",01/02/2020,£0,Yes\n'
        "E2,Indian,1,12,2020-02-01,, n \n",
    )
    frame = read_employees(path).frame
    assert frame.get_column("hourly_pay").to_list() == [1234.5, 12.0]
    assert frame.get_column("started_on").to_list() == [dt.date(2020, 2, 1)] * 2
    assert frame.get_column("formal_grievance").to_list() == [True, False]


def test_a_windows_1252_file_from_excel_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", f"{HEADER}\nE1,Irish,Grade A,£12.50,2020-01-01\n", "cp1252")
    frame = read_employees(path).frame
    assert frame.get_column("hourly_pay").to_list() == [12.5]
    assert frame.get_column("category").to_list() == ["Irish"]


def test_a_utf8_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", f"\ufeff{HEADER}\nE1,Irish,1,12.50,2020-01-01\n")
    assert read_employees(path).rows == 1


# ---------------------------------------------------------------- every problem, in one pass


def test_every_problem_in_the_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "staff.csv",
        "employee_ref,ethnicity,pay_band,hourly_pay,fte,started_on,left_on,formal_disciplinary\n"
        "E1,White British,1,12.50,1,2020-01-01,,yes\n"
        "E1,Indian,2,-3,1,2020-01-01,,no\n"
        "E3,Martian,9,abc,1.5,2021-13-01,,maybe\n"
        "E4,Martian,2,15,0.5,2022-01-01,2021-01-01,\n"
        "E5,Zorg,,16,1,,,\n",
    )
    assert problems_of(path, bands=["1", "2", "3"]) == [
        "staff.csv, column employee_ref: appears more than once: each reference must be unique"
        ' in 2 rows: rows 2 ("E1"), 3 ("E1")',
        "staff.csv row 6, column pay_band: is empty: every row needs a value",
        'staff.csv row 4, column hourly_pay: is not a number ("abc")',
        'staff.csv row 3, column hourly_pay: is negative ("-3")',
        'staff.csv row 4, column fte: is more than 1 ("1.5")',
        "staff.csv row 4, column started_on: is not a date (write YYYY-MM-DD or DD/MM/YYYY)"
        ' ("2021-13-01")',
        "staff.csv row 6, column started_on: is empty: every row needs a value",
        "staff.csv row 4, column formal_disciplinary: is not yes or no"
        ' (write true/false, yes/no or 1/0) ("maybe")',
        'staff.csv row 5, column left_on: is before started_on ("2021-01-01")',
        "staff.csv row 4, column pay_band: is not a pay band in the band order"
        ' (--band-order: 1, 2, 3) ("9")',
        'staff.csv, column ethnicity: "Martian" is not an ethnicity label we know'
        ' (add it to a local mapping file) in 2 rows: rows 4 ("Martian"), 5 ("Martian")',
        'staff.csv row 6, column ethnicity: "Zorg" is not an ethnicity label we know'
        ' (add it to a local mapping file) ("Zorg")',
    ]


def test_missing_required_columns_are_all_named(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", "ethnicity,hourly_pay\nIndian,12\n")
    assert problems_of(path) == [
        f"staff.csv, column {column}: is missing: the return must have this column"
        for column in ("employee_ref", "pay_band", "started_on")
    ]


def test_a_column_given_twice_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", f"{HEADER},Hourly Pay\nE1,Irish,1,12,2020-01-01,13\n")
    assert problems_of(path) == [
        "staff.csv, column hourly_pay: appears more than once in the header"
    ]


def test_staff_in_post_need_a_rate_but_leavers_need_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "staff.csv",
        f"{HEADER},left_on\nE1,Irish,1,,2020-01-01,\nE2,Irish,1,,2020-01-01,2024-05-01\n",
    )
    assert problems_of(path) == [
        "staff.csv row 2, column hourly_pay: is empty: staff in post need an hourly rate"
    ]


def test_a_bad_rate_is_reported_once_not_also_as_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", f"{HEADER}\nE1,Irish,1,n/a,2020-01-01\n")
    assert problems_of(path) == ['staff.csv row 2, column hourly_pay: is not a number ("n/a")']


def test_many_bad_rows_are_summarised_with_the_first_few(tmp_path: Path) -> None:
    rows = "".join(f"E{i},Irish,1,x{i},2020-01-01\n" for i in range(1, 1001))
    path = write(tmp_path, "staff.csv", f"{HEADER}\n{rows}")
    assert problems_of(path) == [
        "staff.csv, column hourly_pay: is not a number in 1,000 rows:"
        ' rows 2 ("x1"), 3 ("x2"), 4 ("x3"), 5 ("x4"), 6 ("x5") and 995 more'
    ]


def test_an_unmapped_label_lists_each_distinct_value_with_its_count(tmp_path: Path) -> None:
    rows = "".join(
        f"E{i},{label},1,12,2020-01-01\n"
        for i, label in enumerate(["BAME"] * 7 + ["White"] * 2 + ["Indian"])
    )
    path = write(tmp_path, "staff.csv", f"{HEADER}\n{rows}")
    with pytest.raises(UnmappedEthnicityError) as caught:
        read_employees(path)
    assert messages(caught.value) == [
        'staff.csv, column ethnicity: "BAME" is not an ethnicity label we know'
        ' (add it to a local mapping file) in 7 rows: rows 2 ("BAME"), 3 ("BAME"), 4 ("BAME"),'
        ' 5 ("BAME"), 6 ("BAME") and 2 more',
        'staff.csv, column ethnicity: "White" is not an ethnicity label we know'
        ' (add it to a local mapping file) in 2 rows: rows 9 ("White"), 10 ("White")',
    ]


def test_a_local_mapping_file_resolves_local_labels(tmp_path: Path) -> None:
    mapping = write(tmp_path, "local.csv", "label,category\nWBRI,White British\n")
    path = write(tmp_path, "staff.csv", f"{HEADER}\nE1,WBRI,1,12,2020-01-01\n")
    with pytest.raises(UnmappedEthnicityError):
        read_employees(path)
    frame = read_employees(path, ethnicity=EthnicityMap.standard().with_local(mapping)).frame
    assert frame.get_column("category").to_list() == ["White British"]


# ---------------------------------------------------------------- recruitment returns


def test_a_recruitment_return_is_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "applications.csv",
        "application_ref,ethnicity,stage_reached\n"
        "A1,Indian,Shortlisted\n"
        "A1,Indian,appointed\n"
        "A3,African,hired\n"
        "A4,African,\n",
    )
    with pytest.raises(WorkforceError) as caught:
        read_applications(path)
    assert messages(caught.value) == [
        "applications.csv, column application_ref: appears more than once: each reference must"
        ' be unique in 2 rows: rows 2 ("A1"), 3 ("A1")',
        "applications.csv row 5, column stage_reached: is empty: every row needs a value",
        "applications.csv row 4, column stage_reached: is not one of applied, longlisted,"
        ' shortlisted, interviewed, offered, appointed ("hired")',
    ]


def test_stages_are_read_whatever_their_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "applications.csv",
        "application_ref,ethnicity,stage_reached\nA1,Indian,Shortlisted\nA2,,APPOINTED\n",
    )
    frame = read_applications(path).frame
    assert frame.get_column("stage").to_list() == [2, 5]
    assert "application_ref" not in frame.columns


# ---------------------------------------------------------------- aggregate returns


def test_an_aggregate_return_by_group(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "counts.csv",
        "ethnicity,pay_band,headcount,mean_hourly_pay\n"
        "Asian,1,10,12\nWhite,1,20,13\nUnknown,1,3,\nBlack or Black British,2,4,20\n",
    )
    ret = read_aggregate(path)
    assert not ret.by_category
    assert ret.has_mean_pay
    assert not ret.has_median_pay
    cells = ret.frame.sort("band", "headcount")
    assert cells.get_column("group").cast(pl.String).to_list() == [
        "Not disclosed",
        "Asian",
        "White",
        "Black",
    ]
    assert cells.get_column("pay_total").to_list() == [None, 120.0, 260.0, 80.0]


def test_an_aggregate_return_by_category(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "counts.csv",
        "ethnicity,pay_band,headcount\nIndian,1,10\nWhite - British,1,20\nAfrican,2,4\n",
    )
    ret = read_aggregate(path)
    assert ret.by_category
    assert sorted(ret.frame.get_column("category").to_list()) == [
        "African",
        "Indian",
        "White British",
    ]


def test_an_aggregate_return_with_repeated_or_negative_cells(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "counts.csv",
        "ethnicity,pay_band,headcount\nAsian,1,10\nasian,1,2\nWhite,1,-1\nWhite,2,2.5\n",
    )
    with pytest.raises(WorkforceError) as caught:
        read_aggregate(path)
    assert messages(caught.value) == [
        'counts.csv row 5, column headcount: is not a whole number ("2.5")',
        'counts.csv row 4, column headcount: is negative ("-1")',
        "counts.csv, column ethnicity: repeats an ethnicity and pay band given on another row"
        ' in 2 rows: rows 2 ("Asian"), 3 ("asian")',
    ]


# ---------------------------------------------------------------- pay band order


def test_band_order_by_name_is_natural(tmp_path: Path) -> None:
    rows = "".join(
        f"E{i},Irish,{band},12,2020-01-01\n"
        for i, band in enumerate(["Band 10", "Band 2", "Band 1", "SO1"])
    )
    ret = read_employees(write(tmp_path, "staff.csv", f"{HEADER}\n{rows}"))
    assert ret.bands.bands == ("Band 1", "Band 2", "Band 10", "SO1")
    assert ret.bands.source == "by name"


def test_band_order_given_on_the_command_line_wins(tmp_path: Path) -> None:
    rows = "E1,Irish,Scale 6,12,2020-01-01\nE2,Irish,PO1,20,2020-01-01\n"
    path = write(tmp_path, "staff.csv", f"{HEADER}\n{rows}")
    ret = read_employees(path, bands=["Scale 6", "PO1", "PO2"])
    assert ret.bands.bands == ("Scale 6", "PO1", "PO2")
    assert ret.bands.source == "--band-order"


# ---------------------------------------------------------------- XLSX and Parquet


def test_an_xlsx_return_with_typed_cells_and_a_band_order_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Staff"
    sheet.append(["Employee Ref", "Ethnicity", "Pay Band", "Hourly Pay", "Started On"])
    sheet.append(["E1", "Indian", "PO1", 21.5, dt.date(2020, 1, 2)])
    sheet.append(["E2", "African", "Scale 6", 14, dt.date(2021, 3, 4)])
    bands = book.create_sheet("Band_Order")
    for band in ("Pay band", "Scale 6", "PO1"):  # a heading above the bands is allowed
        bands.append([band])
    book.save(tmp_path / "staff.xlsx")

    ret = read_employees(tmp_path / "staff.xlsx")
    assert ret.bands.bands == ("Scale 6", "PO1")
    assert ret.bands.source == "the file's metadata"
    assert ret.frame.get_column("hourly_pay").to_list() == [21.5, 14.0]
    assert ret.frame.get_column("started_on").to_list() == [
        dt.date(2020, 1, 2),
        dt.date(2021, 3, 4),
    ]


def test_problems_in_an_xlsx_return_name_spreadsheet_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["employee_ref", "ethnicity", "pay_band", "hourly_pay", "started_on"])
    sheet.append(["E1", "Indian", 1, 21.5, dt.date(2020, 1, 2)])
    sheet.append(["E2", "African", 2, "twenty", "soon"])
    book.save(tmp_path / "staff.xlsx")
    assert problems_of(tmp_path / "staff.xlsx") == [
        'staff.xlsx row 3, column hourly_pay: is not a number ("twenty")',
        "staff.xlsx row 3, column started_on: is not a date (write YYYY-MM-DD or DD/MM/YYYY)"
        ' ("soon")',
    ]


def _parquet(path: Path, metadata: dict[str, str] | None = None) -> Path:
    frame = pl.DataFrame(
        {
            "employee_ref": ["E1", "E2"],
            "ethnicity": ["Indian", "Chinese"],
            "pay_band": ["B", "A"],
            "hourly_pay": [21.5, 14.0],
            "started_on": [dt.date(2020, 1, 2), dt.date(2021, 3, 4)],
        }
    )
    frame.write_parquet(path, metadata=metadata)
    return path


def test_a_parquet_return_with_its_band_order_in_metadata(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "staff.parquet", {"band_order": json.dumps(["B", "A"])})
    ret = read_employees(path)
    assert ret.bands.bands == ("B", "A")
    assert ret.frame.get_column("category").to_list() == ["Indian", "Chinese"]


def test_a_parquet_band_order_that_is_not_a_list_is_an_error(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "staff.parquet", {"band_order": "B then A"})
    assert problems_of(path) == [
        'staff.parquet: metadata "band_order" is not a JSON list of band names'
    ]


# ---------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("staff.txt", b"x", "staff.txt: is not a CSV, XLSX or Parquet file (got .txt)"),
        ("staff", b"x", "staff: is not a CSV, XLSX or Parquet file (got no extension)"),
        ("empty.csv", b"", "empty.csv: cannot be read as CSV: empty CSV"),
        ("header.csv", f"{HEADER}\n".encode(), "header.csv: has no rows of data below its header"),
        (
            "ragged.csv",
            f"{HEADER}\nE1,Irish,1,12,2020-01-01,extra\n".encode(),
            "ragged.csv: cannot be read as CSV: found more fields than defined in 'Schema'",
        ),
        (
            "fake.xlsx",
            b"employee_ref,ethnicity\n",
            "fake.xlsx: cannot be read as XLSX: calamine error: Xlsx error: Zip error:"
            " invalid Zip archive: Could not find EOCD",
        ),
        (
            "fake.parquet",
            b"not parquet",
            "fake.parquet: cannot be read as PARQUET: parquet: File out of specification:"
            " A Parquet file must contain a header and footer with at least 12 bytes",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert problems_of(path) == [expected]


def test_a_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere.csv") == ["nowhere.csv: does not exist or is not a file"]


def test_a_problem_without_rows_names_the_file_and_column() -> None:
    assert str(Problem("a.csv", "is missing", column="x")) == "a.csv, column x: is missing"
    assert str(Problem("a.csv", "is odd")) == "a.csv: is odd"


def test_the_kind_of_a_return_is_seen_from_its_header(tmp_path: Path) -> None:
    recruitment = write(tmp_path, "a.csv", "Application Ref,Ethnicity,Stage Reached\nA1,,applied\n")
    aggregate = write(tmp_path, "b.csv", "ethnicity,pay_band,Headcount\nAsian,1,3\n")
    employees = _parquet(tmp_path / "c.parquet")
    unreadable = write(tmp_path, "d.xlsx", "not a workbook")
    assert [detect_kind(p) for p in (recruitment, aggregate, employees, unreadable)] == [
        ReturnKind.RECRUITMENT,
        ReturnKind.AGGREGATE,
        ReturnKind.EMPLOYEE,
        ReturnKind.EMPLOYEE,  # left for the reader, which says why it cannot be read
    ]
