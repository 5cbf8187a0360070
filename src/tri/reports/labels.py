"""Words for engine results that every output (terminal, workbook, web page) uses the same way."""

from __future__ import annotations

from tri.standard import Level, LevelRanges, ScoreReport


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
