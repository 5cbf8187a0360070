"""The public register as data: the same confirmed adoptions as the page, as JSON (with the
licence and the source) and as CSV. Only what the public page shows leaves: no people's names,
nothing recorded but not confirmed."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from tri.statement.enums import LONDON_LOCAL_AUTHORITIES
from tri.statement.models import Adoption
from tri.statement.text import Statement

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
CSV_COLUMNS = ("organisation", "ons_code", "adopted_on", "decision", "link", "confirmed_on")
#: A spreadsheet would run a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def register_rows(adoptions: Iterable[Adoption]) -> list[dict[str, str]]:
    """One row per confirmed adoption, in the register's order."""
    return [
        {
            "organisation": adoption.organisation.name,
            "ons_code": adoption.organisation.ons_code or "",
            "adopted_on": adoption.adopted_on.isoformat(),
            "decision": adoption.decision,
            "link": adoption.link,
            "confirmed_on": adoption.confirmed_at.date().isoformat()
            if adoption.confirmed_at
            else "",
        }
        for adoption in adoptions
    ]


def source_of(statement: Statement) -> dict[str, str]:
    return {
        "title": statement.source.title,
        "publisher": statement.source.publisher,
        "meeting": statement.source.meeting,
        "heading": statement.heading_in_source,
    }


def register_document(statement: Statement, rows: list[dict[str, str]]) -> dict[str, Any]:
    """The register for /statement/register.json."""
    return {
        "title": f"{statement.name}: register of adoptions",
        "description": (
            "London local authorities whose adoption of the Statement London Councils has "
            "confirmed: the date adopted, the decision and a link to the published decision."
        ),
        "statement": {
            "name": statement.name,
            "endorsed_on": statement.endorsed_on.isoformat(),
            "endorsed_by": "London Councils Leaders' Committee",
        },
        "source": source_of(statement),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "attribution": ATTRIBUTION,
        "count": len(rows),
        "of": LONDON_LOCAL_AUTHORITIES,
        "columns": list(CSV_COLUMNS),
        "adoptions": rows,
    }


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def register_csv(rows: list[dict[str, str]]) -> str:
    """The register for /statement/register.csv: a header row, then one row per adoption."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()
