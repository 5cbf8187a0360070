"""The score report as an xlsx workbook, laid out like the Standard's own tables.

Shared by the `tri` command line and the web service so that both give the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tri.reports.labels import category_level_label, level_label, ranges_text, report_heading
from tri.standard import PRACTICE_LEVELS, Improvement, ScoreReport

_GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def report_xlsx(report: ScoreReport, found: Sequence[Improvement]) -> bytes:
    """A workbook that mirrors the seed's tables: a summary sheet, then one sheet per category
    with the descriptors, the claimed cell highlighted green and a "Points scored" column."""
    workbook = Workbook()
    summary = workbook.worksheets[0]
    summary.title = "Summary"
    summary.append([report_heading(report)])
    summary["A1"].font = _BOLD
    summary.append([])
    summary.append(["Category", "Title", "Points scored", "Maximum", "Level", "Rows answered"])
    for cell in summary[3]:
        cell.font = _BOLD
    for cs in report.categories:
        summary.append(
            [
                cs.category.id,
                cs.category.title,
                cs.points,
                cs.max_points,
                category_level_label(cs.level),
                cs.answered,
            ]
        )
    for column, width in zip("ABCDEF", (10, 40, 14, 10, 14, 14), strict=True):
        summary.column_dimensions[column].width = width

    for cs in report.categories:
        sheet = workbook.create_sheet(f"Category {cs.category.id}")
        for line in (
            f"Category {cs.category.id}: {cs.category.title}",
            cs.category.description,
            f"Score ranges: {ranges_text(cs.category.published_ranges, ': ')}",
            "",
        ):
            sheet.append([line])
        sheet["A1"].font = _BOLD
        sheet.append(
            [
                "Row",
                *(
                    f"{level.label} practice ({level.points} point"
                    f"{'s' if level.points > 1 else ''})"
                    for level in PRACTICE_LEVELS
                ),
                "Points scored",
                "Evidence",
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
        rows_by_id = {row.criterion.id: row for row in cs.rows}
        for section in cs.category.sections:
            if len(cs.category.sections) > 1:
                sheet.append([f"Category {section.id}: {section.title}"])
                sheet.cell(sheet.max_row, 1).font = _BOLD
            for criterion in section.criteria:
                row = rows_by_id[criterion.id]
                sheet.append(
                    [
                        criterion.id,
                        *(criterion.descriptors.get(level, "") for level in PRACTICE_LEVELS),
                        row.points if row.is_answered else None,
                        row.evidence,
                    ]
                )
                for index, level in enumerate(PRACTICE_LEVELS, start=2):
                    cell = sheet.cell(sheet.max_row, index)
                    cell.alignment = _WRAP
                    if row.level is level:
                        cell.fill = _GREEN
                sheet.cell(sheet.max_row, 6).alignment = _WRAP
        sheet.append(["Overall score:", None, None, None, cs.points])
        sheet.append(["Level:", None, None, None, category_level_label(cs.level)])
        for cell in (sheet.cell(sheet.max_row - 1, 1), sheet.cell(sheet.max_row, 1)):
            cell.font = _BOLD
        for warning in cs.warnings:
            sheet.append([f"Warning: {warning}"])
        for index, width in enumerate((8, 45, 45, 45, 14, 40), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    steps = workbook.create_sheet("Next steps")
    steps.append(["Row", "Category", "Current level", "Next level", "To reach it"])
    for cell in steps[1]:
        cell.font = _BOLD
    for improvement in found:
        steps.append(
            [
                improvement.row,
                improvement.category,
                level_label(improvement.current),
                improvement.next.label,
                improvement.text,
            ]
        )
        steps.cell(steps.max_row, 5).alignment = _WRAP
    for column, width in zip("ABCDE", (8, 10, 14, 12, 90), strict=True):
        steps.column_dimensions[column].width = width

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
