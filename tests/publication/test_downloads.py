"""A publication's xlsx and PDF downloads: made from its frozen document only, public, cached
as its page is, and 404 wherever the page is."""

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.rounds import RoundSetup
from tests.pdf_reading import (
    A4,
    figures_alt_text,
    metadata,
    object_kinds,
    pdf_text,
    render_first_page,
)
from tests.publication.conftest import accepted
from tri.publication import documents, services
from tri.publication.models import Publication
from tri.publication.views import IMMUTABLE, LATEST
from tri.returns.dashboard import figures_csv

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
ALL = ["statement", "assessment", "workforce", "targets"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def publish(world: RoundSetup, parts: list[str] | None = None) -> Publication:
    return services.publish(
        organisation=world.a.organisation, parts=parts or ALL, actor=world.a.approver
    )


def workbook(content: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def about(sheets: dict[str, list[list[Any]]]) -> dict[str, Any]:
    """The About sheet's terms and values, below its title and a blank row."""
    return dict(sheets["About"][2:])


def figure_rows(figures: dict[str, Any]) -> list[list[Any]]:
    """The workforce figures' rows as the workbook should hold them: the value a number."""
    rows = list(csv.reader(io.StringIO(figures_csv(figures))))[1:]
    return [[*row[:5], float(row[5]) if row[5] else None] for row in rows]


def cells(value: Any) -> Any:
    """A document's value as it comes back from a workbook: an empty string is an empty cell."""
    return None if value == "" else value


# ---------------------------------------------------------------- xlsx


def test_the_xlsx_has_an_about_sheet_then_one_sheet_per_table_of_the_document(
    world: RoundSetup, client: Client
) -> None:
    publication = publish(world)

    response = client.get("/public/o/borough-a/v1.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="borough-a-v1.xlsx"'
    sheets = workbook(response.content)
    tables = list(documents.tables(publication.document))
    assert list(sheets) == ["About"] + [name for name, _header, _rows in tables]
    assert list(sheets) == [
        "About",
        "statement",
        "assessment",
        "workforce_headlines",
        "workforce_figures",
        "targets",
    ]
    for name, header, rows in tables:
        assert sheets[name][0] == header, name
        assert len(sheets[name]) == len(rows) + 1, name
    assert sheets["About"][0] == [
        "Borough A: Tackling Racial Inequality publication, version 1",
        None,
    ]
    published = timezone.localtime(publication.published_at).replace(tzinfo=None)
    facts = about(sheets)
    assert abs(facts.pop("Published") - published).total_seconds() < 0.001
    assert facts == {
        "Organisation": "Borough A",
        "ONS code": world.a.organisation.ons_code,
        "Version": 1,
        "Shows": "Our adoption of the Anti-Racist Statement; Our latest final levels against "
        "the Standard; Our latest workforce figures and pay gaps (disclosure-controlled); Our "
        "workforce targets and progress against them",
        "Source": "http://testserver/public/o/borough-a/v1/",
        "About the source": "Published by Borough A through tri, the Tackling Racial "
        "Inequality service.",
        "Licence": "Open Government Licence v3.0",
        "Licence address": OGL,
        "Sheets": "One for each table of the publication, as in its CSV files and data package.",
    }


def test_the_xlsx_holds_the_documents_figures_as_numbers(world: RoundSetup, client: Client) -> None:
    publication = publish(world)
    document = publication.document

    content = client.get("/public/o/borough-a.xlsx").content

    sheets = workbook(content)
    assert content == client.get("/public/o/borough-a/v1.xlsx").content

    expected = {name: rows for name, _header, rows in documents.tables(document)}
    for name in ("statement", "assessment", "workforce_headlines", "targets"):
        assert sheets[name][1:] == [[cells(v) for v in row] for row in expected[name]], name
    number, headline = next(
        (n, h) for n, h in enumerate(document["workforce"]["headlines"], 1) if h["value"]
    )
    assert sheets["workforce_headlines"][number] == [
        document["workforce"]["snapshot_on"],
        headline["key"],
        headline["label"],
        headline["unit"],
        headline["value"],
    ]
    assert isinstance(headline["value"], float)
    points = [row[4] for row in sheets["assessment"][1:]]
    assert points == [c["points"] for c in document["assessment"]["categories"]]
    assert all(isinstance(p, int) for p in points)
    assert sheets["workforce_figures"][1:] == figure_rows(document["workforce"]["figures"])
    values = [row[5] for row in sheets["workforce_figures"][1:]]
    assert {type(v) for v in values} <= {int, float, type(None)}
    assert any(isinstance(v, int | float) for v in values)


def test_the_xlsx_never_has_the_full_figures(world: RoundSetup, client: Client) -> None:
    publish(world)
    snapshot = accepted(world)
    assert snapshot.full is not None
    assert snapshot.published is not None
    full, published = figure_rows(snapshot.full), figure_rows(snapshot.published)

    rows = workbook(client.get("/public/o/borough-a/v1.xlsx").content)["workforce_figures"][1:]

    assert rows == published
    assert rows != full
    # Every figure disclosure control hid is hidden here too: shown as suppressed, no value.
    theirs = {tuple(row[:4]): row[4:] for row in full}
    hidden = [row for row in rows if row[4] == "suppressed"]
    assert hidden, "nothing was hidden"
    assert {row[5] for row in hidden} == {None}
    assert any(theirs[tuple(row[:4])][1] is not None for row in hidden if tuple(row[:4]) in theirs)


# ---------------------------------------------------------------- PDF


def test_the_pdf_is_the_page_on_a4_with_its_date_version_and_licence(
    world: RoundSetup, client: Client, tmp_path: Path
) -> None:
    publication = publish(world)

    response = client.get("/public/o/borough-a/v1.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="borough-a-v1.pdf"'
    size, inked = render_first_page(response.content, tmp_path / "page-1.png")
    assert (tmp_path / "page-1.png").stat().st_size > 0
    assert size == pytest.approx(A4, abs=1)
    assert inked > 0.03, f"page 1 is blank: {inked:.1%} of it is inked"
    with pdfium.PdfDocument(response.content) as document:
        assert [page.get_size() for page in document] == [pytest.approx(A4, abs=1)] * len(document)
        info = metadata(document)
        figures = figures_alt_text(document)
        kinds = object_kinds(document)
    assert info == {
        "Title": "Borough A – Published results – Tackling Racial Inequality Standard",
        "Author": "Borough A",
        "lang": "en-GB",
        "tagged": True,
    }
    # The workforce charts and the target's chart, drawn as vectors.
    assert len(figures) >= 2
    assert all(figures)
    assert kinds[pdfium_c.FPDF_PAGEOBJ_PATH] > 0
    assert kinds[pdfium_c.FPDF_PAGEOBJ_IMAGE] == 0
    text = pdf_text(response.content)
    published_on = timezone.localtime(publication.published_at)
    assert f"Published {published_on:%-d %B %Y, %H:%M}" in text
    assert "Version 1" in text
    assert "Open Government Licence v3.0" in text
    assert "Full Council" in text
    for chrome in ("Sign in", "Skip to main content", "Beta", "Download as PDF"):
        assert chrome not in text


def test_an_earlier_versions_pdf_says_a_newer_one_exists(world: RoundSetup, client: Client) -> None:
    publish(world, ["statement"])
    # Made once before the new version, so it is in the cache; then made again, and the same
    # bytes served from the cache the time after.
    assert "A newer version" not in pdf_text(client.get("/public/o/borough-a/v1.pdf").content)
    publish(world, ["statement", "assessment"])

    made = client.get("/public/o/borough-a/v1.pdf")
    again = client.get("/public/o/borough-a/v1.pdf")
    assert again.content == made.content
    assert again["Content-Disposition"] == made["Content-Disposition"]
    assert again["Content-Type"] == "application/pdf"
    old = pdf_text(made.content)

    assert "This is version 1. A newer version (2) has been published." in old
    assert "This publication does not include levels against the Standard." in old


# ---------------------------------------------------------------- links, caching and 404s


#: (download, its page, the Cache-Control of both)
CACHED = [
    ("/public/o/borough-a.xlsx", "/public/o/borough-a/", LATEST),
    ("/public/o/borough-a/v1.xlsx", "/public/o/borough-a/v1/", IMMUTABLE),
    ("/public/o/borough-a.pdf", "/public/o/borough-a/", LATEST),
    ("/public/o/borough-a/v1.pdf", "/public/o/borough-a/v1/", IMMUTABLE),
]
NOT_PUBLISHED = [
    "/public/o/borough-b.xlsx",
    "/public/o/borough-b/v1.xlsx",
    "/public/o/borough-a/v2.xlsx",
    "/public/o/nobody.xlsx",
    "/public/o/borough-b.pdf",
    "/public/o/borough-b/v1.pdf",
    "/public/o/borough-a/v2.pdf",
    "/public/o/nobody.pdf",
]
#: The names of the downloads in CACHED, in the same order.
NAMED: list[tuple[str, dict[str, Any]]] = [
    ("public:organisation_xlsx", {"slug": "borough-a"}),
    ("public:version_xlsx", {"slug": "borough-a", "version": 1}),
    ("public:organisation_pdf", {"slug": "borough-a"}),
    ("public:version_pdf", {"slug": "borough-a", "version": 1}),
]


def test_downloads_are_linked_cached_as_their_page_and_404_where_it_is(
    world: RoundSetup, client: Client
) -> None:
    publish(world, ["statement"])

    cached = [(client.get(url), client.get(page)) for url, page, _cache in CACHED]
    missing = [client.get(url).status_code for url in NOT_PUBLISHED]

    assert [(d.status_code, d["Cache-Control"], p["Cache-Control"]) for d, p in cached] == [
        (200, cache, cache) for _url, _page, cache in CACHED
    ]
    assert [reverse(name, kwargs=kwargs) for name, kwargs in NAMED] == [
        url for url, _page, _cache in CACHED
    ]
    assert missing == [404] * len(NOT_PUBLISHED)
    # The page links to the version's workbook and PDF, beside its other downloads.
    body = cached[0][1].content.decode()
    assert '<a class="govuk-link" href="/public/o/borough-a/v1.xlsx">Excel (xlsx)</a>' in body
    assert (
        '<a class="govuk-link" href="/public/o/borough-a/v1.pdf" download>Download as PDF</a>'
        in body
    )
