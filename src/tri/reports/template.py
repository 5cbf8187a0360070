"""A blank response file for a version of the Standard, to fill in and score or import."""

from __future__ import annotations

import json
import textwrap

from tri.reports.labels import ranges_text
from tri.standard import Standard


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width - len(indent) - 2)]


def template_yaml(standard: Standard, organisation: str = "") -> str:
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
        # JSON's double-quoted string is valid YAML, so any name round-trips.
        f"organisation: {json.dumps(organisation, ensure_ascii=False)}",
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
