"""Helpers every workbook writer shares: a bold frozen header row, column widths, and saving a
workbook to the same bytes every time.

Imports openpyxl, so it is only imported by the workbook writers themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")

#: The creation and modification time written into a deterministic workbook, and the time of
#: every file in its zip archive.
FIXED_TIME = datetime(2000, 1, 1)  # noqa: DTZ001 - the xlsx core properties are naive UTC


def header(sheet: Worksheet, names: Sequence[str]) -> None:
    """Append a bold, wrapped header row and freeze the rows above and including it."""
    sheet.append(list(names))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = WRAP
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # sheet.cell() would add an empty row


def widths(sheet: Worksheet, values: Iterable[float]) -> None:
    """Set the widths of the first columns, in characters."""
    for index, width in enumerate(values, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as xlsx bytes that depend only on its content: fixed creation and
    modification times, and a fixed time on every file in the archive."""
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    raw = BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED) as archive:
        # ExcelWriter, not Workbook.save(), which stamps the modification time with the clock.
        ExcelWriter(workbook, archive).write_data()
    out = BytesIO()
    stamp = FIXED_TIME.timetuple()[:6]
    with ZipFile(raw) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()
