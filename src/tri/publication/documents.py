"""The publication document: what an organisation publishes, frozen as one JSON document.

Each part reads only what anyone else may see: the confirmed adoption of the Anti-Racist
Statement, the latest FINAL levels of a round (never a draft or a self-assessment still under
review), the disclosure-controlled (`published`) workforce figures and targets measured against
those same figures. The document is stored as it is built and never rebuilt, so the public page,
its CSV and JSON twins, the data package and the API all show the same frozen figures.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from tri.common.models import AuditEvent
from tri.organisations.models import Organisation
from tri.publication import queries
from tri.publication.enums import Part
from tri.publication.models import Publication
from tri.returns import queries as returns_queries
from tri.returns.dashboard import figures_csv
from tri.returns.models import Target, WorkforceReturn
from tri.rounds.outcomes import latest_final
from tri.standard.stats import quartiles
from tri.statement import queries as statement_queries
from tri.statement.models import Adoption
from tri.workforce.measures import format_value, measure, measure_value, progress

SCHEMA = "tri-publication/1"
LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
#: The headline workforce figures of a publication, and the London overview's.
HEADLINES = (
    "disclosure.not_disclosed_pct",
    "representation.ratio:ethnic_minority",
    "senior.top_5pct_ethnic_minority_pct",
    "pay_gap.median:ethnic_minority",
)


class NothingToPublishError(ValueError):
    """A part was chosen that the organisation has nothing for; the message says which."""


def available_parts(organisation: Organisation) -> dict[str, bool]:
    """Which parts the organisation has something to publish for, right now."""
    return {
        Part.STATEMENT: _confirmed_adoption(organisation) is not None,
        Part.ASSESSMENT: latest_final(organisation) is not None,
        Part.WORKFORCE: returns_queries.latest_snapshot(organisation) is not None,
        Part.TARGETS: returns_queries.current_targets(organisation).exists(),
    }


def build_document(
    organisation: Organisation, parts: Sequence[str], *, version: int, published_at: datetime
) -> dict[str, Any]:
    """The document of a new publication of `parts` (Part values). NothingToPublishError names
    a chosen part with nothing behind it."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "organisation": {
            "name": organisation.name,
            "slug": organisation.slug,
            "ons_code": organisation.ons_code or "",
        },
        "version": version,
        "published_at": published_at.isoformat(),
        "parts": list(parts),
        "licence": LICENCE,
        "source": _("Published by %(org)s through tri, the Tackling Racial Inequality service.")
        % {"org": organisation.name},
    }
    builders = {
        Part.STATEMENT: _statement,
        Part.ASSESSMENT: _assessment,
        Part.WORKFORCE: _workforce,
        Part.TARGETS: _targets,
    }
    for part in parts:
        content = builders[Part(part)](organisation)
        if content is None:
            raise NothingToPublishError(
                _("There is nothing to publish for “%(part)s” yet.") % {"part": Part(part).label}
            )
        document[part] = content
    return document


def _confirmed_adoption(organisation: Organisation) -> Adoption | None:
    return statement_queries.confirmed_adoptions().filter(organisation=organisation).first()


def _statement(organisation: Organisation) -> dict[str, Any] | None:
    adoption = _confirmed_adoption(organisation)
    if adoption is None:
        return None
    return {
        "adopted_on": adoption.adopted_on.isoformat(),
        "decision": adoption.decision,
        "link": adoption.link,
        "confirmed_on": adoption.confirmed_at.date().isoformat() if adoption.confirmed_at else "",
    }


def _assessment(organisation: Organisation) -> dict[str, Any] | None:
    found = latest_final(organisation)
    if found is None:
        return None
    participant, report = found
    round_ = participant.round
    finalised = (
        AuditEvent.objects.filter(
            verb="scores.finalised",
            target_type="assessments.assessment",
            target_id=str(participant.assessment_id),
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return {
        "round": {
            "name": round_.name,
            "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat(),
        },
        "standard": {"id": round_.standard_id, "version": round_.standard_version},
        "finalised_on": finalised.date().isoformat() if finalised else "",
        "categories": [
            {
                "id": c.category.id,
                "name": c.category.title,
                "points": c.points,
                "max_points": c.max_points,
                "level": c.level.key if c.level else "",
                "level_label": c.level.label if c.level else _("Not assessed"),
            }
            for c in report.categories
        ],
    }


def _headline(figures: dict[str, Any], key: str) -> dict[str, Any]:
    found = measure(key)
    value = measure_value(figures, key)
    return {
        "key": key,
        "label": found.label,
        "unit": found.unit,
        "value": value,
        "shown": "–" if value is None else format_value(value, found.unit),
    }


def _workforce(organisation: Organisation) -> dict[str, Any] | None:
    snapshot = returns_queries.latest_snapshot(organisation)
    if snapshot is None:
        return None
    figures = returns_queries.published_figures(snapshot)
    headcount = figures.get("headcount")
    return {
        "snapshot_on": snapshot.snapshot_on.isoformat(),
        "headcount": headcount if isinstance(headcount, int) else None,
        "headlines": [_headline(figures, key) for key in HEADLINES],
        "figures": figures,
    }


def _target(
    target: Target, history: list[tuple[WorkforceReturn, dict[str, Any]]]
) -> dict[str, Any]:
    found = measure(target.measure)
    actuals = {s.snapshot_on.year: measure_value(f, target.measure) for s, f in history}
    milestones = {int(year): float(value) for year, value in target.milestones.items()}
    result = progress(milestones, target.direction, actuals, unit=found.unit)
    return {
        "measure": target.measure,
        "label": found.label,
        "unit": found.unit,
        "direction": target.direction,
        "milestones": {str(year): value for year, value in sorted(milestones.items())},
        "status": result.status,
        "sentence": result.sentence,
        "years": [
            {"year": y.year, "planned": y.planned, "actual": y.actual, "met": y.met}
            for y in result.years
        ],
    }


def _targets(organisation: Organisation) -> list[dict[str, Any]] | None:
    targets = list(returns_queries.current_targets(organisation))
    if not targets:
        return None
    history = returns_queries.published_history(organisation)
    return [_target(target, history) for target in targets]


# ---------------------------------------------------------------- tables of a document


def tables(document: dict[str, Any]) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    """Every table of a document as (name, header, rows): what the CSV twin, the data package
    and the xlsx download are made of. Workforce figures come from the frozen `published`
    report, in the long form the workforce dashboard's CSV uses."""
    if "statement" in document:
        s = document["statement"]
        yield (
            "statement",
            ["adopted_on", "decision", "link", "confirmed_on"],
            [[s["adopted_on"], s["decision"], s["link"], s["confirmed_on"]]],
        )
    if "assessment" in document:
        a = document["assessment"]
        yield (
            "assessment",
            ["round", "finalised_on", "category_id", "category", "points", "max_points", "level"],
            [
                [
                    a["round"]["name"],
                    a["finalised_on"],
                    c["id"],
                    c["name"],
                    c["points"],
                    c["max_points"],
                    c["level_label"],
                ]
                for c in a["categories"]
            ],
        )
    if "workforce" in document:
        w = document["workforce"]
        yield (
            "workforce_headlines",
            ["snapshot_on", "measure", "label", "unit", "value"],
            [
                [w["snapshot_on"], h["key"], h["label"], h["unit"], h["value"]]
                for h in w["headlines"]
            ],
        )
        yield "workforce_figures", *_figure_rows(w["figures"])
    if "targets" in document:
        yield (
            "targets",
            ["measure", "label", "direction", "year", "planned", "actual", "met", "status"],
            [
                [
                    t["measure"],
                    t["label"],
                    t["direction"],
                    y["year"],
                    y["planned"],
                    y["actual"],
                    y["met"],
                    t["status"],
                ]
                for t in document["targets"]
                for y in t["years"]
            ],
        )


def _figure_rows(figures: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = list(csv.reader(io.StringIO(figures_csv(figures))))
    return rows[0], rows[1:]


def document_csv(document: dict[str, Any]) -> str:
    """The CSV twin of a published page: every table in one long CSV (table, row of that
    table, column, value), so one file holds the whole page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["organisation", "version", "table", "row", "column", "value"])
    name, version = document["organisation"]["name"], document["version"]
    for table, header, rows in tables(document):
        for number, row in enumerate(rows, start=1):
            for column, value in zip(header, row, strict=True):
                writer.writerow([name, version, table, number, column, _cell(value)])
    return out.getvalue()


def table_csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# ---------------------------------------------------------------- the London overview


#: How long the London overview is kept; its key changes with every publication and adoption.
OVERVIEW_SECONDS = 600


def current_london_overview() -> dict[str, Any]:
    """The London overview of the latest publications, from the cache while no organisation
    has published or had an adoption confirmed or withdrawn since: it reads every published
    document, which is too much work for each request."""
    published = Publication.objects.aggregate(n=Count("id"), last=Max("id"))
    adoptions = statement_queries.confirmed_adoptions()
    adopted = adoptions.aggregate(n=Count("id"), at=Max("confirmed_at"))
    at = adopted["at"].timestamp() if adopted["at"] else 0
    key = f"tri:london-overview:{published['n']}:{published['last']}:{adopted['n']}:{at}"
    found: dict[str, Any] | None = cache.get(key)
    if found is None:
        found = london_overview(list(queries.latest_publications()), adopted=adopted["n"])
        cache.set(key, found, OVERVIEW_SECONDS)
    return found


def london_overview(
    publications: Sequence[Any], *, adopted: int, minimum: int = 5
) -> dict[str, Any]:
    """What the latest publications say together: per category of the Standard, how many
    organisations published each level and the median points; per headline workforce figure,
    the median and quartiles across organisations. Nothing is given for a category or figure
    fewer than `minimum` organisations published, so no one organisation can be read off it."""
    documents_ = [p.document for p in publications]
    categories: dict[str, dict[str, Any]] = {}
    for document in documents_:
        for c in document.get("assessment", {}).get("categories", []):
            entry = categories.setdefault(
                c["id"],
                {
                    "id": c["id"],
                    "name": c["name"],
                    "max_points": c["max_points"],
                    "points": [],
                    "levels": {},
                },
            )
            entry["points"].append(c["points"])
            entry["levels"][c["level_label"]] = entry["levels"].get(c["level_label"], 0) + 1
    headline_values: dict[str, list[float]] = {key: [] for key in HEADLINES}
    for document in documents_:
        for h in document.get("workforce", {}).get("headlines", []):
            if h["key"] in headline_values and h["value"] is not None:
                headline_values[h["key"]].append(float(h["value"]))
    return {
        "organisations": len(documents_),
        "adopted": adopted,
        "minimum": minimum,
        "categories": [_summary(entry, minimum) for entry in categories.values()],
        "workforce": [
            {
                "key": key,
                "label": measure(key).label,
                "unit": measure(key).unit,
                "n": len(values),
                **_spread(values if len(values) >= minimum else []),
            }
            for key, values in headline_values.items()
        ],
    }


def _summary(entry: dict[str, Any], minimum: int) -> dict[str, Any]:
    points = entry.pop("points")
    levels = entry.pop("levels")
    entry["n"] = len(points)
    shown = len(points) >= minimum
    entry.update(_spread(points if shown else []))
    entry["levels"] = levels if shown else {}
    return entry


def _spread(values: Sequence[float]) -> dict[str, float | None]:
    """Quartiles and median, or None for each when there is nothing to show."""
    if not values:
        return {"lower_quartile": None, "median": None, "upper_quartile": None}
    found = quartiles(values)
    return {
        "lower_quartile": round(found.lower, 2),
        "median": round(found.median, 2),
        "upper_quartile": round(found.upper, 2),
    }
