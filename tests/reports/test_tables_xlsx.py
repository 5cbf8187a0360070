"""Plain tables as a workbook (tri.reports.tables): an About sheet, one sheet per table, values
kept as numbers, text never a formula, and valid sheet names."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tri.reports import tables_xlsx
from tri.reports.tables import Table, sheet_name

pytestmark = pytest.mark.unit

#: Excel has no time zones: a workbook's times are naive.
NINE_AM = datetime(2025, 4, 1, 9)  # noqa: DTZ001

TABLES: list[Table] = [
    ("people", ["name", "count", "share", "counted", "on"], [["=SUM(A1)", 4, 12.5, True, None]]),
    ("people", ["name"], [["again"]]),
    ("a name that is far too long for a sheet: [draft]?", ["x"], [[date(2025, 3, 31)]]),
]


def test_the_workbook_has_the_about_sheet_then_one_sheet_per_table() -> None:
    content = tables_xlsx(
        "Title",
        [("Licence", "OGL"), ("Source", "https://example.org/"), ("At", NINE_AM)],
        TABLES,
    )

    book = load_workbook(BytesIO(content))
    assert book.sheetnames == [
        "About",
        "people",
        "people (2)",
        "a name that is far too long for",
    ]
    about = book["About"]
    assert [list(r) for r in about.iter_rows(values_only=True)] == [
        ["Title", None],
        [None, None],
        ["Licence", "OGL"],
        ["Source", "https://example.org/"],
        ["At", NINE_AM],
    ]
    assert about["B4"].hyperlink.target == "https://example.org/"
    people = book["people"]
    assert [list(r) for r in people.iter_rows(values_only=True)] == [
        ["name", "count", "share", "counted", "on"],
        ["=SUM(A1)", 4, 12.5, True, None],
    ]
    assert people["A2"].data_type == "s"
    assert (people["B2"].data_type, people["C2"].data_type) == ("n", "n")
    assert people.freeze_panes == "A2"
    assert book.worksheets[3]["A2"].value.date() == date(2025, 3, 31)
    assert book.worksheets[3]["A2"].number_format == "yyyy-mm-dd"


def test_the_same_tables_give_the_same_bytes() -> None:
    assert tables_xlsx("T", [], TABLES) == tables_xlsx("T", [], TABLES)


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("statement", set(), "statement"),
        ("Statement", {"statement"}, "Statement (2)"),
        ("a/b\\c:d*e?f[g]h", set(), "a-b-c-d-e-f-g-h"),
        ("'quoted'", set(), "quoted"),
        ("", set(), "Sheet"),
        ("x" * 40, {"x" * 31}, "x" * 27 + " (2)"),
    ],
)
def test_sheet_names_are_valid_and_unique(name: str, taken: set[str], expected: str) -> None:
    found = sheet_name(name, taken)

    assert found == expected
    assert len(found) <= 31
    assert found.casefold() in taken
