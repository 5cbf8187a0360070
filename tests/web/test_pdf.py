"""PDF reports over HTTP (tri.common.pdf): the same templates and the same permissions as the
pages they copy, A4, tagged, with charts drawn as vector paths, and a URL fetcher that never
leaves our own static files."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import coordinator, member, org_with_roles
from tests.factories.returns import csv_bytes, employee_frame, upload
from tests.factories.rounds import answer_and_submit
from tests.pdf_reading import (
    A4,
    SERIES_COLOURS,
    figures_alt_text,
    metadata,
    object_kinds,
    path_fill_colours,
    pdf_text,
    render_first_page,
)
from tri.assessments import engine
from tri.assessments import services as assessment_services
from tri.assessments.models import Assessment
from tri.organisations.enums import Role
from tri.returns import dashboard
from tri.returns.models import WorkforceReturn
from tri.rounds import services as round_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def returns_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "returns"
    settings.TRI_RETURNS_DIR = folder
    return folder


# ---------------------------------------------------------------- the world


@dataclass
class World:
    people: dict[str, Any]
    assessment: Assessment  # Camden's, signed off
    draft: Assessment  # Camden's
    snapshot: WorkforceReturn  # Camden's
    round_id: int


#: Evidence with a link, which the PDF shows and never fetches.
EVIDENCE = "Evidence for {row}: https://example.org/{pk}"


@pytest.fixture
def world(tmp_path: Path) -> World:
    today = timezone.localdate()
    boss = coordinator()
    camden = org_with_roles(slug="camden", name="Camden Council")
    hackney = org_with_roles(slug="hackney", name="Hackney Council")
    assessment = assessment_services.start_assessment(
        organisation=camden.organisation, period="2025", actor=camden.editor
    )
    answer_and_submit(
        camden, assessment, {"1.1": "established", "1.2": "developing", "1.6": "leading"}, EVIDENCE
    )
    draft = assessment_services.start_assessment(
        organisation=camden.organisation, period="2026", actor=camden.editor
    )
    snapshot = upload(
        camden.organisation, camden.editor, csv_bytes(employee_frame(300, seed=1), tmp_path)
    )
    round_ = round_services.open_round(
        name="Pilot round 1",
        standard_version="14",
        opens_on=today - timedelta(days=10),
        submit_by=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
        organisations=[camden.organisation, hackney.organisation],
        actor=boss,
    )
    in_round = Assessment.objects.get(participant__round=round_, organisation=camden.organisation)
    answer_and_submit(camden, in_round, {"1.1": "established", "1.2": "leading"}, EVIDENCE)
    return World(
        people={
            "anon": None,
            "viewer": camden.viewer,
            "admin": camden.admin,
            "other": member(hackney.organisation, Role.EDITOR, Role.APPROVER),
            "coordinator": boss,
        },
        assessment=assessment,
        draft=draft,
        snapshot=snapshot,
        round_id=round_.pk,
    )


def _as(client: Client, world: World, who: str) -> Client:
    client.logout()
    if world.people[who] is not None:
        client.force_login(world.people[who])
    return client


def _urls(world: World, report: str) -> tuple[str, str]:
    """The page and its PDF."""
    if report == "assessment":
        kwargs = {"org": "camden", "pk": world.assessment.pk}
        return reverse("assessments:print", kwargs=kwargs), reverse(
            "assessments:report_pdf", kwargs=kwargs
        )
    if report == "draft":
        kwargs = {"org": "camden", "pk": world.draft.pk}
        return reverse("assessments:print", kwargs=kwargs), reverse(
            "assessments:report_pdf", kwargs=kwargs
        )
    if report == "workforce":
        kwargs = {"org": "camden", "pk": world.snapshot.pk}
        return reverse("returns:snapshot", kwargs=kwargs), reverse(
            "returns:report_pdf", kwargs=kwargs
        )
    kwargs = {"pk": world.round_id}
    return reverse("rounds:evaluation", kwargs=kwargs), reverse(
        "rounds:evaluation_pdf", kwargs=kwargs
    )


def _download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.7")
    return response.content


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize(
    ("report", "who", "status"),
    [
        ("assessment", "anon", 302),
        ("assessment", "other", 404),
        ("draft", "coordinator", 404),
        ("draft", "other", 404),
        ("workforce", "anon", 302),
        ("workforce", "other", 404),
        ("evaluation", "anon", 302),
        ("evaluation", "admin", 403),
        ("evaluation", "other", 403),
    ],
)
def test_a_refused_person_gets_the_same_answer_as_from_the_page(
    client: Client, world: World, report: str, who: str, status: int
) -> None:
    page, pdf = _urls(world, report)
    _as(client, world, who)

    page_response = client.get(page)
    pdf_response = client.get(pdf)

    assert (page_response.status_code, pdf_response.status_code) == (status, status)
    if status == 302:
        assert pdf_response["Location"] == f"{reverse('accounts:login')}?next={pdf}"


@pytest.mark.parametrize(
    ("report", "who", "name"),
    [
        ("assessment", "viewer", "camden-self-assessment-2025-{today}.pdf"),
        ("workforce", "viewer", "camden-workforce-2025-03-31.pdf"),
        ("evaluation", "coordinator", "evaluation-pilot-round-1-{today}.pdf"),
    ],
)
def test_the_pdf_is_a_private_download_with_a_safe_name(
    client: Client, world: World, report: str, who: str, name: str
) -> None:
    _page, pdf = _urls(world, report)

    response = _as(client, world, who).get(pdf)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert response["Content-Disposition"] == f'attachment; filename="{name.format(today=today)}"'
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("report", "who", "label"),
    [
        ("assessment", "viewer", "Download as PDF"),
        ("workforce", "viewer", "Download as PDF"),
        ("evaluation", "coordinator", "Download as PDF"),
    ],
)
def test_each_page_links_to_its_pdf(
    client: Client, world: World, report: str, who: str, label: str
) -> None:
    page, pdf = _urls(world, report)

    body = _as(client, world, who).get(page).content.decode()

    assert f'<a class="govuk-link" href="{pdf}" download>{label}</a>' in body


# ---------------------------------------------------------------- content


def test_the_assessment_pdf_has_the_levels_and_the_improvement_list(
    client: Client, world: World
) -> None:
    page, pdf = _urls(world, "assessment")
    _as(client, world, "viewer")
    html = client.get(page).content.decode()

    text = pdf_text(_download(client, pdf))

    report = engine.score_answers(world.assessment, world.assessment.answers.all())
    first = report.categories[0]
    summary_row = f"1. Strategic Leadership and Management {first.points} of {first.max_points}"
    assert summary_row in text
    assert f"{first.points} of {first.max_points}" in html
    assert "Camden Council: self-assessment 2025" in text
    for category in report.categories:
        assert f"{category.category.id}. {category.category.title}" in text
    steps = engine.next_steps(report)
    assert steps
    for step in steps:
        assert f"{step.row} – {' '.join(step.sentence.split())}" in text
    # Nothing of the page's chrome: navigation, sign-out, the print tip, the PDF link.
    for chrome in ("Sign out", "Skip to main content", "Beta", "Download as PDF", "print command"):
        assert chrome not in text


def test_the_workforce_pdf_gives_the_organisations_own_people_the_full_figures(
    client: Client, world: World
) -> None:
    page, pdf = _urls(world, "workforce")
    _as(client, world, "viewer")

    response = client.get(pdf)

    snapshot = world.snapshot
    assert response.status_code == 200
    assert response.context["is_full"] is True
    assert response.context["page"] == dashboard.report_page(
        snapshot.full or {}, snapshot.organisation, snapshot
    )
    text = pdf_text(response.content)
    assert "Full internal figures, for your organisation only" in text
    assert "Camden Council" in text
    assert f"Staff in post {snapshot.headcount:,}" in text
    assert f"{snapshot.headcount:,}" in client.get(page).content.decode()


@pytest.mark.parametrize("who", ["coordinator"])
def test_the_workforce_pdf_gives_everyone_else_only_disclosure_controlled_figures(
    client: Client, world: World, who: str
) -> None:
    _page, pdf = _urls(world, "workforce")
    snapshot = world.snapshot
    published = dashboard.report_page(snapshot.published or {}, snapshot.organisation, snapshot)
    full = dashboard.report_page(snapshot.full or {}, snapshot.organisation, snapshot)
    assert published != full, "the return is too small to tell the two apart"

    response = _as(client, world, who).get(pdf)

    assert response.status_code == 200
    assert response.context["is_full"] is False
    assert response.context["page"] == published
    text = pdf_text(response.content)
    assert "Figures about fewer than 10 people are hidden" in text
    assert "suppressed" in text
    assert "Full internal figures" not in text
    # Someone of another organisation gets nothing at all.
    assert _as(client, world, "other").get(pdf).status_code == 404


def test_the_evaluation_pdf_is_anonymous_unless_the_coordinator_names_the_organisations(
    client: Client, world: World
) -> None:
    page, pdf = _urls(world, "evaluation")
    _as(client, world, "coordinator")

    anonymous = pdf_text(_download(client, pdf))
    named = pdf_text(_download(client, pdf + "?named=1"))

    assert "Evaluation report for CELC" in anonymous
    assert "Organisation A" in anonymous
    assert "Camden Council" not in anonymous
    assert "Hackney Council" not in anonymous
    assert "Camden Council" in named
    assert "Hackney Council" in named
    html = client.get(page).content.decode()
    assert "1. Strategic Leadership and Management" in html
    assert "1. Strategic Leadership and Management" in anonymous
    assert "Organisations invited 2" in anonymous
    assert f'href="{pdf}?named=1" download>Download as PDF, with organisations named' in (
        client.get(page + "?named=1").content.decode()
    )


# ---------------------------------------------------------------- render check


TITLES = {
    "assessment": "Printable version: 2025 – Camden Council",
    "workforce": "Camden Council: workforce figures at 31 March 2025",
    "evaluation": "Evaluation report: Pilot round 1",
}
AUTHORS = {
    "assessment": "Camden Council",
    "workforce": "Camden Council",
    "evaluation": "Tackling Racial Inequality programme",
}


@pytest.mark.parametrize(
    ("report", "who", "charts", "bars"),
    [
        ("assessment", "viewer", [], set()),
        (
            "workforce",
            "viewer",
            [
                "The workforce and residents of London, by ethnic group",
                "Ethnic groups in each pay band",
                "Median hourly pay gap of each group",
                "Ethnic groups in each pay quarter",
                "Leaver and grievance rates by ethnic group",
            ],
            # Asian, Black, Mixed, White, Other.
            {"#1d70b8", "#0f7a52", "#b7592a", "#54319f", "#ca357c"},
        ),
        (
            "evaluation",
            "coordinator",
            [
                "Chart: organisations at each level, by category",
                "Chart: net change in points from peer review and moderation, by category",
            ],
            # Established and peer-reviewed, Leading, Developing and final.
            {"#1d70b8", "#0f7a52", "#b7592a"},
        ),
    ],
)
def test_the_pdf_is_a4_tagged_and_draws_its_charts_as_vectors(
    client: Client,
    world: World,
    tmp_path: Path,
    report: str,
    who: str,
    charts: list[str],
    bars: set[str],
) -> None:
    _page, pdf = _urls(world, report)
    content = _download(_as(client, world, who), pdf)

    size, inked = render_first_page(content, tmp_path / f"{report}-page-1.png")

    assert (tmp_path / f"{report}-page-1.png").stat().st_size > 0
    assert size == pytest.approx(A4, abs=1)
    assert inked > 0.03, f"page 1 is blank: {inked:.1%} of it is inked"
    with pdfium.PdfDocument(content) as document:
        assert [page.get_size() for page in document] == [pytest.approx(A4, abs=1)] * len(document)
        info = metadata(document)
        figures = figures_alt_text(document)
        colours = path_fill_colours(document)
        kinds = object_kinds(document)
    assert info == {
        "Title": f"{TITLES[report]} – Tackling Racial Inequality Standard",
        "Author": AUTHORS[report],
        "lang": "en-GB",
        "tagged": True,
    }
    # Each chart is a tagged Figure named by its title, its bars are filled paths in the
    # series' colours, and nothing is a raster image.
    assert figures == charts
    assert colours & SERIES_COLOURS == bars
    assert kinds[pdfium_c.FPDF_PAGEOBJ_IMAGE] == 0
