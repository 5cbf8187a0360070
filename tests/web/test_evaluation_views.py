"""The evaluation report for CELC over HTTP: only the coordinator reads it, organisations are
anonymous unless the coordinator names them, and the spreadsheet says the same as the page."""

import re
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import coordinator, member, org_with_roles
from tests.factories.rounds import answer_and_submit
from tri.assessments.models import Assessment
from tri.organisations.enums import Role
from tri.reports.evaluation import SHEETS
from tri.rounds import services
from tri.rounds.models import Pairing, Round

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NAMES = ("Camden Council", "Hackney Council")
ROW = '<th scope="row" class="govuk-table__header">'


@dataclass
class World:
    round: Round
    people: dict[str, Any]


@pytest.fixture
def world() -> World:
    """Camden has signed off (one of its levels challenged by Hackney's reviewer and some
    feedback left); Hackney has not started. Islington takes no part."""
    today = timezone.localdate()
    boss = coordinator()
    camden = org_with_roles(slug="camden", name=NAMES[0])
    hackney = org_with_roles(slug="hackney", name=NAMES[1])
    islington = org_with_roles(slug="islington", name="Islington Council")
    round_ = services.open_round(
        name="Pilot round 1",
        standard_version="14",
        opens_on=today - timedelta(days=10),
        submit_by=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
        organisations=[camden.organisation, hackney.organisation],
        actor=boss,
    )
    assessment = Assessment.objects.get(participant__round=round_, organisation=camden.organisation)
    answer_and_submit(
        camden, assessment, {"1.1": "established", "1.2": "developing", "1.6": "leading"}
    )
    services.set_pairing(
        round_=round_,
        pairs=[
            (hackney.organisation, camden.organisation),
            (camden.organisation, hackney.organisation),
        ],
        actor=boss,
    )
    reviewer = member(hackney.organisation, Role.VIEWER)
    services.grant_reviewer(
        pairing=Pairing.objects.get(round=round_, reviewed=camden.organisation),
        user=reviewer,
        actor=boss,
    )
    services.record_judgement(
        assessment=assessment,
        criterion_id="1.6",
        verdict="challenge",
        comment="The evidence shows Established practice",
        proposed_level="established",
        seen_revision=0,
        actor=reviewer,
    )
    services.leave_feedback(
        organisation=camden.organisation,
        standard_version="14",
        subject="1.5",
        kind="unclear",
        text="What counts as a performance objective?",
        actor=camden.editor,
    )
    return World(
        round=round_,
        people={
            "coordinator": boss,
            "participant": camden.admin,
            "reviewer": reviewer,
            "stranger": islington.admin,
        },
    )


def _url(world: World, name: str = "evaluation") -> str:
    return reverse(f"rounds:{name}", kwargs={"pk": world.round.pk})


def _client(client: Client, world: World, who: str) -> Client:
    client.force_login(world.people[who])
    return client


def _page(client: Client, world: World, query: str = "") -> str:
    response = _client(client, world, "coordinator").get(_url(world) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordinator_sees_an_anonymous_report_by_default(client: Client, world: World) -> None:
    body = _page(client, world)

    for name in NAMES:
        assert name not in body
    assert f"{ROW}Organisation A</th>" in body
    assert f"{ROW}Organisation B</th>" in body
    assert "Organisations are not named in this report" in body
    assert "Anonymised" in body
    # The spreadsheet link stays anonymous too.
    assert f'href="{_url(world, "evaluation_xlsx")}"' in body


def test_the_report_shows_every_section_with_charts_and_tables(
    client: Client, world: World
) -> None:
    body = _page(client, world)

    for heading in (
        "Participation and completion",
        "Levels reached in each category",
        "How far peer review and moderation moved scores",
        "Criteria most often challenged",
        "Feedback on the Standard",
        "Change since the earlier round",
    ):
        assert f">{heading}</h2>" in body
    assert body.count('role="img"') == 3
    for chart in ("levels-chart", "movement-chart", "challenged-chart"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in body
    assert "Final levels for 0 of 2 organisations, self-assessed levels for the other 2" in body
    assert "No organisation in this round has final scores from an earlier round" in body
    assert 'style="' not in body
    assert "<script>" not in body
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    assert body.count("<caption") == body.count("<table")
    assert 'scope="row"' in body


def test_named_report_names_the_organisations(client: Client, world: World) -> None:
    body = _page(client, world, "?named=1")

    for name in NAMES:
        assert f"{ROW}{name}</th>" in body
    assert f"{ROW}Organisation A</th>" not in body
    assert "Organisations are named in this report" in body
    assert f'href="{_url(world, "evaluation_xlsx")}?named=1"' in body
    assert re.search(r'<input type="checkbox" name="named"[^>]*checked', body)


def test_the_xlsx_is_a_workbook_without_names_by_default(client: Client, world: World) -> None:
    response = _client(client, world, "coordinator").get(_url(world, "evaluation_xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="evaluation-round-{world.round.pk}.xlsx"'
    )
    workbook = load_workbook(BytesIO(response.content))
    assert tuple(workbook.sheetnames) == SHEETS
    text = "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    for name in NAMES:
        assert name not in text
    assert "Organisation A" in text
    assert "Too hard to evidence" in text  # the feedback kinds' own names


def test_the_named_xlsx_names_them(client: Client, world: World) -> None:
    response = _client(client, world, "coordinator").get(
        _url(world, "evaluation_xlsx") + "?named=1"
    )

    workbook = load_workbook(BytesIO(response.content))
    labels = [row[0] for row in workbook["Participation"].iter_rows(min_row=2, values_only=True)]
    assert labels == list(NAMES)
    assert "-named.xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["evaluation", "evaluation_xlsx"])
@pytest.mark.parametrize(
    ("who", "status"), [("participant", 403), ("reviewer", 403), ("stranger", 404)]
)
def test_only_the_coordinator_may_read_it(
    client: Client, world: World, name: str, who: str, status: int
) -> None:
    response = _client(client, world, who).get(_url(world, name))

    assert response.status_code == status


@pytest.mark.parametrize("name", ["evaluation", "evaluation_xlsx"])
def test_anonymous_people_are_sent_to_sign_in(client: Client, world: World, name: str) -> None:
    response = client.get(_url(world, name))

    assert response.status_code == 302
    assert "/login" in response["Location"] or "accounts" in response["Location"]


def test_an_unknown_round_is_not_found(client: Client, world: World) -> None:
    response = _client(client, world, "coordinator").get(
        reverse("rounds:evaluation", kwargs={"pk": world.round.pk + 100})
    )

    assert response.status_code == 404
