"""Plain tables as an xlsx workbook: an "About" sheet of facts first, then one sheet per table,
each a bold, frozen header row and one row per record.

For open data downloads (a publication's tables, say), where the same tables also go out as
CSV. Cells are written as given: numbers stay numbers, None is an empty cell, and text is always
text (a value that starts with "=" is never read as a formula). Dates and times get a date
format.

Imported on first use by `tri.reports.tables_xlsx`: it imports openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tri.reports.sheets import BOLD, TITLE, WRAP, header, widths, workbook_bytes

Cell = str | int | float | bool | date | datetime | None
Table = tuple[str, Sequence[str], Sequence[Sequence[Cell]]]

#: Excel's limit on a sheet's name, and the characters a name may not have.
MAX_SHEET_NAME = 31
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")
_DATE = "yyyy-mm-dd"
_DATETIME = "yyyy-mm-dd hh:mm"


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid sheet name for `name`, unlike (ignoring case) every name in `taken`, to which
    it is added: no []:*?/\\, no leading or trailing apostrophe, at most 31 characters."""
    base = _NOT_IN_NAMES.sub("-", name).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    found, number = base, 2
    while found.casefold() in taken:
        suffix = f" ({number})"
        found = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(found.casefold())
    return found


def tables_xlsx(title: str, about: Sequence[tuple[str, Cell]], tables: Iterable[Table]) -> bytes:
    """A workbook of an "About" sheet (`title`, then one term and value a row) and one sheet per
    table (name, header, rows), named after the table. The same tables give the same bytes."""
    book = Workbook()
    first = book.worksheets[0]
    first.title = "About"
    taken = {"about"}
    first.append([title])
    first["A1"].font = TITLE
    first.append([])
    for term, value in about:
        _append(first, [term, value])
        first.cell(first.max_row, 1).font = BOLD
        first.cell(first.max_row, 2).alignment = WRAP
    widths(first, (24, 90))
    for name, names, rows in tables:
        sheet = book.create_sheet(sheet_name(name, taken))
        header(sheet, names)
        for row in rows:
            _append(sheet, row)
        widths(sheet, _column_widths(names, rows))
    return workbook_bytes(book)


def _append(sheet: Worksheet, values: Sequence[Cell]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl takes "=…" for a formula
        elif isinstance(cell.value, datetime):
            cell.number_format = _DATETIME
        elif isinstance(cell.value, date):
            cell.number_format = _DATE
        if isinstance(cell.value, str) and cell.value.startswith(("https://", "http://")):
            cell.hyperlink = cell.value


def _column_widths(names: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    """Wide enough for the longest value or header, between 8 and 60 characters."""
    out = []
    for index, name in enumerate(names):
        longest = max((len(str(row[index])) for row in rows if row[index] is not None), default=0)
        out.append(float(min(60, max(8, longest + 2, len(name) + 2))))
    return out
