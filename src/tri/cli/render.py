"""Turn engine results into text (rich) and JSON-ready dicts for the command line.

Workbooks and response templates come from `tri.reports`, shared with the web service.

No scoring happens here: everything shown comes from the engine's report objects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tri.reports import (
    category_level_label,
    level_label,
    ranges_text,
    report_heading,
)
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
