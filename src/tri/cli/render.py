"""Turn engine results into text (rich), JSON-ready dicts, xlsx workbooks and template files.

No scoring happens here: everything shown comes from the engine's report objects.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tri.standard import (
    PRACTICE_LEVELS,
    Catalogue,
    CategoryScore,
    Finding,
    Improvement,
    Level,
    LevelRanges,
    ScoreReport,
    Standard,
    derive_ranges,
)

# ------------------------------------------------------------------ shared bits


def level_key(level: Level | None) -> str | None:
    return None if level is None else level.key


def level_label(level: Level | None) -> str:
    return "Not answered" if level is None else level.label


def category_level_label(level: Level | None) -> str:
    """A category's level; a category with no row answered is "Not assessed"."""
    return "Not assessed" if level is None else level.label


def ranges_text(ranges: LevelRanges, separator: str = " ") -> str:
    """`Developing 0–10, Established 11–18, Leading 19–22`."""
    return ", ".join(f"{level.label}{separator}{r}" for level, r in ranges)


def report_heading(report: ScoreReport) -> str:
    return f"{report.organisation or 'Unnamed organisation'}: {report.standard.name}"


def shorten(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def ranges_dict(ranges: LevelRanges) -> dict[str, list[int]]:
    return {level.key: [r.low, r.high] for level, r in ranges}


def to_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def category_summary(category_score: CategoryScore) -> str:
    """`Category 1: 15 points, Established (range 11–18, maximum 22)`, as the seed reads it."""
    category = category_score.category
    if category_score.level is None:
        return (
            f"Category {category.id}: not assessed (0 of {len(category_score.rows)} rows answered)"
        )
    band = category.published_ranges.for_level(category_score.level)
    return (
        f"Category {category.id}: {category_score.points} points, "
        f"{category_score.level.label} (range {band}, maximum {category.max_points})"
    )


# ------------------------------------------------------------------ catalogue


def catalogue_dict(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "id": standard.id,
            "version": standard.version,
            "status": standard.status,
            "title": standard.title,
            "rows": len(standard.criteria),
            "crosswalk_from": standard.crosswalk.from_version if standard.crosswalk else None,
        }
        for standard in catalogue.versions()
    ]


def catalogue_table(catalogue: Catalogue) -> Table:
    table = Table(title="Versions of the Standard available")
    for column in ("Standard", "Version", "Status", "Rows", "Replaces", "Title"):
        table.add_column(column)
    for item in catalogue_dict(catalogue):
        table.add_row(
            item["id"],
            item["version"],
            item["status"],
            str(item["rows"]),
            item["crosswalk_from"] or "",
            item["title"],
        )
    return table


# ------------------------------------------------------------------ the Standard


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind.value,
        "subject": list(finding.subject),
        "message": finding.message,
    }


def standard_dict(standard: Standard, findings: Sequence[Finding]) -> dict[str, Any]:
    """The whole Standard in the shape `tri standard show --format json` documents."""
    data: dict[str, Any] = {
        "id": standard.id,
        "version": standard.version,
        "status": standard.status,
        "title": standard.title,
        "source": standard.source,
        "points": {level.key: level.points for level in Level},
        "levels": {level.key: standard.level_definitions[level] for level in PRACTICE_LEVELS},
        "glossary": [{"term": e.term, "definition": e.definition} for e in standard.glossary],
        "categories": [
            {
                "id": category.id,
                "title": category.title,
                "description": category.description,
                "published_ranges": ranges_dict(category.published_ranges),
                "derived_ranges": ranges_dict(derive_ranges(category)),
                "max_points": category.max_points,
                "sections": [
                    {
                        "id": section.id,
                        "title": section.title,
                        "rows": [
                            {
                                "id": criterion.id,
                                "levels": {
                                    level.key: criterion.descriptors[level]
                                    for level in criterion.levels
                                },
                            }
                            for criterion in section.criteria
                        ],
                    }
                    for section in category.sections
                ],
            }
            for category in standard.categories
        ],
        "consistency": [finding_dict(finding) for finding in findings],
    }
    if standard.crosswalk is not None:
        data["crosswalk"] = {
            "from_version": standard.crosswalk.from_version,
            "rows": [
                {
                    "row": e.row,
                    "change": e.change.value,
                    "replaces": list(e.replaces),
                    "note": e.note,
                }
                for e in standard.crosswalk.entries
            ],
        }
    return data


def standard_text(standard: Standard, findings: Sequence[Finding]) -> Group:
    parts: list[Any] = [Text(standard.name, style="bold"), Text(standard.source), Text("")]
    for category in standard.categories:
        derived = derive_ranges(category)
        parts.append(Text(f"Category {category.id}: {category.title}", style="bold"))
        parts.append(Text(category.description))
        parts.append(
            Text(
                f"Score ranges: {ranges_text(category.published_ranges)}. "
                f"Maximum from the rows: {category.max_points}."
            )
        )
        if derived != category.published_ranges:
            parts.append(Text(f"Derived from the rows: {ranges_text(derived)}."))
        for section in category.sections:
            table = Table(
                title=None if len(category.sections) == 1 else f"{section.id}: {section.title}",
                show_lines=True,
                expand=True,
            )
            table.add_column("Row", no_wrap=True)
            for level in PRACTICE_LEVELS:
                table.add_column(f"{level.label} practice ({level.points})", ratio=1)
            for criterion in section.criteria:
                table.add_row(
                    criterion.id,
                    *(criterion.descriptors.get(level, "") for level in PRACTICE_LEVELS),
                )
            parts.append(table)
        parts.append(Text(""))
    parts.append(findings_text(findings))
    return Group(*parts)


def findings_text(findings: Sequence[Finding]) -> Text:
    if not findings:
        return Text("No inconsistencies found.")
    lines = [f"{len(findings)} inconsistencies found:"]
    lines += [f"- {finding.message}" for finding in findings]
    return Text("\n".join(lines))


# ------------------------------------------------------------------ scores


def improvement_dict(improvement: Improvement) -> dict[str, Any]:
    return {
        "row": improvement.row,
        "category": improvement.category,
        "current": level_key(improvement.current),
        "next": improvement.next.key,
        "text": improvement.text,
    }


def report_dict(report: ScoreReport, found: Sequence[Improvement]) -> dict[str, Any]:
    return {
        "standard": report.standard.id,
        "version": report.standard.version,
        "organisation": report.organisation,
        "categories": [
            {
                "id": cs.category.id,
                "title": cs.category.title,
                "points": cs.points,
                "max_points": cs.max_points,
                "level": level_key(cs.level),
                "answered": cs.answered,
                "rows": [
                    {
                        "id": row.criterion.id,
                        "level": level_key(row.level),
                        "points": row.points,
                        "max_points": row.criterion.max_points,
                        "evidence": row.evidence,
                    }
                    for row in cs.rows
                ],
                "warnings": list(cs.warnings),
            }
            for cs in report.categories
        ],
        "improvements": [improvement_dict(improvement) for improvement in found],
    }


def report_text(report: ScoreReport, found: Sequence[Improvement]) -> Group:
    parts: list[Any] = [Text(report_heading(report), style="bold"), Text("")]
    for cs in report.categories:
        if cs.level is None:
            continue
        table = Table(
            title=f"Category {cs.category.id}: {cs.category.title}",
            title_justify="left",
            show_footer=True,
        )
        table.add_column("Row", footer="Overall score", no_wrap=True)
        table.add_column("Criterion", footer="")
        table.add_column("Level claimed", footer=cs.level.label)
        table.add_column("Points scored", footer=str(cs.points), justify="right")
        for row in cs.rows:
            table.add_row(
                row.criterion.id,
                shorten(row.criterion.summary),
                level_label(row.level),
                str(row.points),
            )
        parts += [table, Text(category_summary(cs))]
        parts += [Text(f"Warning: {warning}") for warning in cs.warnings]
        next_steps = [i for i in found if i.category == cs.category.id]
        if next_steps:
            parts.append(Text("Next steps:"))
            parts += [Text(f"- {i.row}: {i.sentence}") for i in next_steps]
        parts.append(Text(""))
    summary = Table(title="Summary", title_justify="left")
    for column in ("Category", "Points", "Maximum", "Level", "Rows answered"):
        summary.add_column(column)
    for cs in report.categories:
        summary.add_row(
            f"{cs.category.id} {cs.category.title}",
            str(cs.points),
            str(cs.max_points),
            category_level_label(cs.level),
            f"{cs.answered} of {len(cs.rows)}",
        )
    parts.append(summary)
    parts += [Text(category_summary(cs)) for cs in report.categories]
    return Group(*parts)


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


# ------------------------------------------------------------------ template


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width - len(indent) - 2)]


def template_yaml(standard: Standard) -> str:
    """A blank response file: every row id, blank, with its descriptors as comments above it."""
    lines = [
        f"# Response file for the {standard.name}.",
        "# For each row, write the highest level your organisation meets: none, developing,",
        "# established or leading (only the levels listed for that row). Leave a row blank if you",
        "# have not assessed it yet: blank rows count 0 points and are reported as unanswered.",
        '# To add evidence, write the row as:  {level: established, evidence: "what shows it"}',
        "# Then run:  tri score THIS_FILE",
        f"standard: {standard.id}",
        f'version: "{standard.version}"',
        'organisation: ""',
        "responses:",
    ]
    for category in standard.categories:
        lines.append("")
        lines.append(f"  # ===== Category {category.id}: {category.title} =====")
        lines.append(f"  # Score ranges: {ranges_text(category.published_ranges)}")
        for section in category.sections:
            if len(category.sections) > 1:
                lines.append(f"  # ----- {section.id}: {section.title} -----")
            for criterion in section.criteria:
                lines.append("")
                for level in criterion.levels:
                    lines += _comment(f"{level.key}: {criterion.descriptors[level]}", "  ")
                lines.append(f'  "{criterion.id}":')
    return "\n".join(lines) + "\n"
