"""The Statement's pages over HTTP: the public register and its JSON and CSV twins, an
organisation's adoption page (record, withdraw), the coordinator's list (confirm, return), the
links to them and the read-only admin."""

import csv
import io
import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tests.factories import MemberSetup, coordinator, member, org_with_roles
from tests.factories.statement import ADOPTED_ON, DECISION, LINK, confirmed, recorded
from tri.accounts.models import User
from tri.common.models import AuditEvent
from tri.organisations.enums import Role
from tri.statement import services
from tri.statement.enums import AdoptionStatus
from tri.statement.models import Adoption

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REGISTER = reverse("statement:register")
REGISTER_JSON = reverse("statement:register_json")
REGISTER_CSV = reverse("statement:register_csv")
QUEUE = reverse("statement:queue")
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@pytest.fixture
def own() -> MemberSetup:
    return org_with_roles(slug="own", name="Own Borough", ons_code="E09000007")


@pytest.fixture
def other() -> MemberSetup:
    return org_with_roles(slug="other", name="Other Borough", ons_code="E09000022")


@pytest.fixture
def boss() -> User:
    return coordinator()


def page(client: Client, url: str, user: User | None = None, status: int = 200) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def text(html: str) -> str:
    """The page's text, tags removed and spaces collapsed."""
    spaced = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([.,:;)])", r"\1", spaced)


def org_url(organisation_slug: str = "own") -> str:
    return reverse("statement_org:detail", kwargs={"org": organisation_slug})


def form_data(**changes: str) -> dict[str, str]:
    data = {"adopted_on": "2023-01-19", "decision": DECISION, "link": LINK}
    data.update(changes)
    return data


def statement_events() -> int:
    return AuditEvent.objects.filter(verb__startswith="statement.").count()


@pytest.fixture
def register_world(own: MemberSetup, other: MemberSetup, boss: User) -> dict[str, Adoption]:
    """One adoption of each status, so that a leak would have something to show."""
    third = org_with_roles(slug="third", name="Third Borough")
    fourth = org_with_roles(slug="fourth", name="Fourth Borough")
    return {
        "confirmed": confirmed(
            own.organisation,
            own.admin,
            boss,
            decision="Cabinet, 19 January 2023, item 4",
            link="https://example.org/own/decision",
        ),
        "recorded": recorded(other.organisation, other.admin, decision="SECRET waiting"),
        "returned": services.return_adoption(
            adoption=recorded(third.organisation, third.admin, decision="SECRET returned"),
            reason="No",
            actor=boss,
        ),
        "withdrawn": services.withdraw_adoption(
            adoption=confirmed(fourth.organisation, fourth.admin, boss, decision="SECRET gone"),
            actor=fourth.admin,
        ),
    }


# ---------------------------------------------------------------- the public register


def test_the_register_is_public_and_shows_only_confirmed_adoptions(
    client: Client, register_world: dict[str, Adoption]
) -> None:
    html = page(client, REGISTER)
    words = text(html)

    assert "London Local Government Anti-Racist Statement" in words
    assert "Why it matters that we take an anti racist approach" in words
    assert "The common approach" in words
    assert "1 of 33 London local authorities has adopted the Statement." in words
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', html, re.S)
    assert [text(row) for row in rows[1:]] == [
        "Own Borough 19 January 2023 Cabinet, 19 January 2023, item 4 Read the decision of "
        "Own Borough"
    ]
    assert 'href="https://example.org/own/decision"' in html
    assert "SECRET" not in html
    assert (
        "Contains public sector information licensed under the Open Government Licence v3.0."
    ) in words
    assert f'href="{OGL}"' in html
    assert (
        "Source: London Councils, Leaders' Committee, 13 December 2022, item 7: “The Tackling "
        "Racial Inequality Programme, Annex 1” (London Local Government Anti-Racism "
        "Statement), quoted as published (source document 000)."
    ) in words
    assert f'href="{REGISTER_CSV}"' in html
    assert f'href="{REGISTER_JSON}"' in html


def test_the_register_counts_in_the_plural(client: Client, own, other, boss) -> None:  # type: ignore[no-untyped-def]
    confirmed(own.organisation, own.admin, boss)
    confirmed(other.organisation, other.admin, boss)
    assert "2 of 33 London local authorities have adopted the Statement." in text(
        page(client, REGISTER)
    )


def test_an_empty_register_says_so(client: Client) -> None:
    words = text(page(client, REGISTER))
    assert "0 of 33 London local authorities have adopted the Statement." in words
    assert "No adoptions have been confirmed yet." in words


def test_the_register_as_json(client: Client, register_world: dict[str, Adoption]) -> None:
    response = client.get(REGISTER_JSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    confirmed_on = register_world["confirmed"].confirmed_at.date().isoformat()  # type: ignore[union-attr]
    assert json.loads(response.content) == {
        "title": "London Local Government Anti-Racist Statement: register of adoptions",
        "description": (
            "London local authorities whose adoption of the Statement London Councils has "
            "confirmed: the date adopted, the decision and a link to the published decision."
        ),
        "statement": {
            "name": "London Local Government Anti-Racist Statement",
            "endorsed_on": "2022-12-13",
            "endorsed_by": "London Councils Leaders' Committee",
        },
        "source": {
            "title": "The Tackling Racial Inequality Programme, Annex 1",
            "publisher": "London Councils",
            "meeting": "Leaders' Committee, 13 December 2022, item 7",
            "heading": "London Local Government Anti-Racism Statement",
        },
        "licence": {"name": "Open Government Licence v3.0", "url": OGL},
        "attribution": (
            "Contains public sector information licensed under the Open Government Licence v3.0."
        ),
        "count": 1,
        "of": 33,
        "columns": ["organisation", "ons_code", "adopted_on", "decision", "link", "confirmed_on"],
        "adoptions": [
            {
                "organisation": "Own Borough",
                "ons_code": "E09000007",
                "adopted_on": "2023-01-19",
                "decision": "Cabinet, 19 January 2023, item 4",
                "link": "https://example.org/own/decision",
                "confirmed_on": confirmed_on,
            }
        ],
    }


def test_the_register_as_csv(client: Client, register_world: dict[str, Adoption]) -> None:
    response = client.get(REGISTER_CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="anti-racist-statement-register.csv"'
    )
    confirmed_on = register_world["confirmed"].confirmed_at.date().isoformat()  # type: ignore[union-attr]
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["organisation", "ons_code", "adopted_on", "decision", "link", "confirmed_on"],
        [
            "Own Borough",
            "E09000007",
            "2023-01-19",
            "Cabinet, 19 January 2023, item 4",
            "https://example.org/own/decision",
            confirmed_on,
        ],
    ]


def test_the_csv_never_hands_a_spreadsheet_a_formula(client: Client, own, boss) -> None:  # type: ignore[no-untyped-def]
    confirmed(own.organisation, own.admin, boss, decision='=HYPERLINK("https://evil.example")')
    rows = list(csv.reader(io.StringIO(client.get(REGISTER_CSV).content.decode())))
    assert rows[1][3] == '\'=HYPERLINK("https://evil.example")'


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("url", [REGISTER, REGISTER_JSON, REGISTER_CSV])
def test_the_register_costs_one_query(
    client: Client,
    boss: User,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
    url: str,
) -> None:
    for number in range(count):
        setup = org_with_roles(slug=f"borough-{number}x", name=f"Borough {number}x")
        confirmed(setup.organisation, setup.admin, boss)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


# ---------------------------------------------------------------- an organisation's page


@pytest.mark.parametrize("role", ["viewer", "editor", "approver", "admin"])
def test_members_read_their_organisations_adoption(
    client: Client, own: MemberSetup, role: str
) -> None:
    recorded(own.organisation, own.approver)
    words = text(page(client, org_url(), getattr(own, role)))
    assert "Recorded: waiting for London Councils to confirm it" in words
    assert "Date adopted 19 January 2023" in words
    assert f"Decision {DECISION}" in words
    assert "Withdraw adoption" in words if role == "admin" else "Withdraw" not in words
    assert "Record adoption" not in words


def test_another_organisation_gets_not_found_and_anonymous_signs_in(
    client: Client, own: MemberSetup, other: MemberSetup
) -> None:
    recorded(own.organisation, own.admin, decision="SECRET")
    response = client.get(org_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(other.admin)
    assert client.get(org_url()).status_code == 404
    assert client.post(org_url(), form_data()).status_code == 404
    assert Adoption.objects.count() == 1


def test_the_coordinator_reads_but_cannot_record(
    client: Client, own: MemberSetup, boss: User
) -> None:
    html = page(client, org_url(), boss)
    assert "Own Borough has not recorded adopting the Statement." in text(html)
    assert "Record adoption" not in html
    assert f'href="{QUEUE}"' in html
    assert client.post(org_url(), form_data()).status_code == 403
    assert not Adoption.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_viewers_and_editors_see_no_form_and_may_not_post(
    client: Client, own: MemberSetup, role: str
) -> None:
    html = page(client, org_url(), getattr(own, role))
    assert "Record adoption" not in html
    assert client.post(org_url(), form_data()).status_code == 403
    assert not Adoption.objects.exists()


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_an_admin_or_approver_records_the_adoption(
    client: Client, own: MemberSetup, role: str
) -> None:
    actor = getattr(own, role)
    assert "Record adoption" in page(client, org_url(), actor)

    response = client.post(org_url(), form_data(), follow=True)

    adoption = Adoption.objects.get()
    assert response.redirect_chain == [(org_url(), 302)]
    assert (adoption.organisation, adoption.adopted_on, adoption.decision, adoption.link) == (
        own.organisation,
        ADOPTED_ON,
        DECISION,
        LINK,
    )
    assert (adoption.status, adoption.recorded_by) == (AdoptionStatus.RECORDED, actor)
    words = text(response.content.decode())
    assert (
        "Adoption recorded. London Councils will check it; once they confirm it, it appears on "
        "the public register."
    ) in words
    assert statement_events() == 1


BEFORE = (
    "The date adopted must be on or after 13 December 2022, when London Councils Leaders' "
    "Committee endorsed the Statement."
)
LINK_MESSAGE = (
    "Enter the link as a full web address starting with https:// or http://, like "
    "https://www.example.gov.uk/decision"
)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"adopted_on": "tomorrow"},
            "adopted_on",
            "The date adopted must be today or in the past.",
        ),
        ({"adopted_on": "2022-12-12"}, "adopted_on", BEFORE),
        (
            {"adopted_on": "31/02/2023"},
            "adopted_on",
            "Enter the date adopted as a real date: a day, a month and a year.",
        ),
        ({"adopted_on": ""}, "adopted_on", "Enter the date the Statement was adopted."),
        ({"decision": ""}, "decision", "Enter the decision that adopted the Statement."),
        ({"link": ""}, "link", "Enter the link to the published decision."),
        ({"link": "ftp://example.org/minutes"}, "link", LINK_MESSAGE),
        ({"link": "javascript:alert(1)"}, "link", LINK_MESSAGE),
        ({"link": "www.example.org/minutes"}, "link", LINK_MESSAGE),
    ],
)
def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(
    client: Client, own: MemberSetup, changes: dict[str, str], field: str, message: str
) -> None:
    if changes.get("adopted_on") == "tomorrow":
        changes = {"adopted_on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    client.force_login(own.admin)

    response = client.post(org_url(), form_data(**changes))

    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert summary is not None
    assert text(summary.group(1)) == message
    # A date's message leads to its first box, Day.
    anchor = f"id_{field}_0" if field == "adopted_on" else f"id_{field}"
    assert f'href="#{anchor}"' in summary.group(1)
    assert f'<p id="id_{field}-error" class="govuk-error-message">' in html
    assert not Adoption.objects.exists()
    assert statement_events() == 0


def test_a_second_adoption_is_refused_with_the_reason(client: Client, own: MemberSetup) -> None:
    first = recorded(own.organisation, own.admin)
    client.force_login(own.approver)

    response = client.post(org_url(), form_data(adopted_on="2023-05-01"))

    assert response.status_code == 400
    assert (
        "Own Borough's adoption of 19 January 2023 is already waiting for London Councils to "
        "confirm it."
    ) in text(response.content.decode())
    assert list(Adoption.objects.all()) == [first]


def test_the_coordinating_body_is_told_it_does_not_adopt(client: Client, boss: User) -> None:
    body = boss.memberships.get().organisation
    admin = member(body, Role.ADMIN)
    client.force_login(admin)
    url = org_url(body.slug)
    assert "Record adoption" not in page(client, url)

    response = client.post(url, form_data())

    assert response.status_code == 400
    assert (
        "London Councils coordinates the register: only local authorities adopt the Statement."
    ) in text(response.content.decode())
    assert not Adoption.objects.exists()


def test_a_returned_adoption_shows_the_reason_and_fills_the_form_to_correct(
    client: Client, own: MemberSetup, boss: User
) -> None:
    services.return_adoption(
        adoption=recorded(own.organisation, own.admin, link="https://example.org/agenda"),
        reason="The link is the agenda.",
        actor=boss,
    )
    html = page(client, org_url(), own.admin)
    words = text(html)
    assert "London Councils returned your record on" in words
    assert "The link is the agenda." in words
    for box, value in enumerate(("19", "1", "2023")):
        assert re.search(rf'name="adopted_on_{box}" value="{value}"', html), box
    assert 'value="https://example.org/agenda"' in html
    assert "Returned for correction" in words


def test_an_admin_withdraws_and_the_history_stays(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = confirmed(own.organisation, own.admin, boss)
    url = reverse("statement_org:withdraw", kwargs={"org": "own", "pk": adoption.pk})
    client.force_login(own.admin)

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(org_url(), 302)]
    words = text(response.content.decode())
    assert "Adoption withdrawn. It is no longer on the public register." in words
    assert "Withdrawn on" in words
    assert "Record adoption" in words
    assert Adoption.objects.get().status == AdoptionStatus.WITHDRAWN
    again = client.post(url)  # a stale second press changes nothing
    assert again.status_code == 302
    assert statement_events() == 3


@pytest.mark.parametrize("role", ["viewer", "editor", "approver"])
def test_only_admins_withdraw(client: Client, own: MemberSetup, role: str) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(getattr(own, role))
    url = reverse("statement_org:withdraw", kwargs={"org": "own", "pk": adoption.pk})
    assert client.post(url).status_code == 403
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_another_organisations_adoption_cannot_be_withdrawn_under_ones_own(
    client: Client, own: MemberSetup, other: MemberSetup
) -> None:
    theirs = recorded(other.organisation, other.admin)
    client.force_login(own.admin)
    url = reverse("statement_org:withdraw", kwargs={"org": "own", "pk": theirs.pk})
    assert client.post(url).status_code == 404
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


@pytest.mark.parametrize("count", [1, 3])
def test_the_organisation_page_queries_do_not_grow_with_history(
    client: Client,
    own: MemberSetup,
    boss: User,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for _ in range(count):
        services.return_adoption(
            adoption=recorded(own.organisation, own.admin), reason="No", actor=boss
        )
    client.force_login(own.admin)
    # session, user, roles, organisation, adoptions
    with django_assert_num_queries(5):
        assert client.get(org_url()).status_code == 200


def test_the_organisation_page_links_to_the_statement(client: Client, own: MemberSetup) -> None:
    html = page(client, reverse("organisations:detail", kwargs={"org": "own"}), own.viewer)
    assert f'<a class="govuk-link" href="{org_url()}">Anti-Racist Statement</a>' in html


# ---------------------------------------------------------------- the coordinator


def test_the_coordinator_sees_what_waits_and_everything_else(
    client: Client, register_world: dict[str, Adoption], boss: User
) -> None:
    html = page(client, QUEUE, boss)
    words = text(html)

    assert "Waiting for confirmation (1)" in words
    waiting = register_world["recorded"]
    assert reverse("statement:confirm", kwargs={"pk": waiting.pk}) in html
    assert reverse("statement:return", kwargs={"pk": waiting.pk}) in html
    assert "Why you are returning Other Borough's adoption" in words
    for name in ("confirmed", "returned", "withdrawn"):
        assert reverse("statement:confirm", kwargs={"pk": register_world[name].pk}) not in html
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', html, re.S)
    assert [text(row).split(" 19 January")[0] for row in rows[1:]] == [
        "Fourth Borough",
        "Own Borough",
        "Third Borough",
    ]


@pytest.mark.parametrize("role", ["viewer", "editor", "approver", "admin"])
def test_only_the_coordinator_opens_the_list(client: Client, own: MemberSetup, role: str) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(getattr(own, role))
    assert client.get(QUEUE).status_code == 403
    assert client.post(reverse("statement:confirm", kwargs={"pk": adoption.pk})).status_code == 403
    assert (
        client.post(
            reverse("statement:return", kwargs={"pk": adoption.pk}),
            {f"adoption-{adoption.pk}-reason": "No"},
        ).status_code
        == 403
    )
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    for url in (QUEUE,):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_coordinator_confirms_and_it_appears_on_the_register(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(boss)

    response = client.post(reverse("statement:confirm", kwargs={"pk": adoption.pk}), follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    words = text(response.content.decode())
    assert "Own Borough's adoption confirmed: it is on the public register." in words
    assert "Waiting for confirmation (0)" in words
    assert Adoption.objects.get().status == AdoptionStatus.CONFIRMED
    client.logout()
    assert "1 of 33 London local authorities has adopted" in text(page(client, REGISTER))


def test_confirming_twice_says_so_and_changes_nothing(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = confirmed(own.organisation, own.admin, boss)
    client.force_login(boss)

    response = client.post(reverse("statement:confirm", kwargs={"pk": adoption.pk}), follow=True)

    assert "Own Borough's adoption was already confirmed. Nothing was changed." in text(
        response.content.decode()
    )
    assert statement_events() == 2


def test_confirming_a_withdrawn_adoption_says_why_not(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = services.withdraw_adoption(
        adoption=recorded(own.organisation, own.admin), actor=own.admin
    )
    client.force_login(boss)

    response = client.post(reverse("statement:confirm", kwargs={"pk": adoption.pk}), follow=True)

    assert (
        "Own Borough's adoption of 19 January 2023 is withdrawn, so it cannot be confirmed. "
        "Nothing was changed."
    ) in text(response.content.decode())
    assert Adoption.objects.get().status == AdoptionStatus.WITHDRAWN


def test_confirming_what_does_not_exist_is_not_found(client: Client, boss: User) -> None:
    client.force_login(boss)
    assert client.post(reverse("statement:confirm", kwargs={"pk": 999})).status_code == 404
    assert client.post(reverse("statement:return", kwargs={"pk": 999})).status_code == 404


def test_the_coordinator_returns_with_a_reason(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(boss)

    response = client.post(
        reverse("statement:return", kwargs={"pk": adoption.pk}),
        {f"adoption-{adoption.pk}-reason": "The link is the agenda."},
        follow=True,
    )

    assert response.redirect_chain == [(QUEUE, 302)]
    assert "Own Borough's adoption returned to them with your reason." in text(
        response.content.decode()
    )
    adoption.refresh_from_db()
    assert (adoption.status, adoption.return_reason) == (
        AdoptionStatus.RETURNED,
        "The link is the agenda.",
    )


def test_returning_without_a_reason_shows_the_error_at_the_field(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(boss)

    response = client.post(
        reverse("statement:return", kwargs={"pk": adoption.pk}),
        {f"adoption-{adoption.pk}-reason": "   "},
    )

    assert response.status_code == 400
    html = response.content.decode()
    field = f"id_adoption-{adoption.pk}-reason"
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert summary is not None
    assert text(summary.group(1)) == (
        "Enter why the adoption is being returned, so they can correct it."
    )
    assert f'href="#{field}"' in summary.group(1)
    assert f'<p id="{field}-error" class="govuk-error-message">' in html
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_returning_what_was_confirmed_meanwhile_says_so(
    client: Client, own: MemberSetup, boss: User
) -> None:
    adoption = confirmed(own.organisation, own.admin, boss)
    client.force_login(boss)
    url = reverse("statement:return", kwargs={"pk": adoption.pk})

    for data in ({f"adoption-{adoption.pk}-reason": "Too late"}, {}):
        response = client.post(url, data, follow=True)
        assert response.redirect_chain == [(QUEUE, 302)]
    assert Adoption.objects.get().status == AdoptionStatus.CONFIRMED


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_queries_do_not_grow_with_adoptions(
    client: Client,
    boss: User,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for number in range(count):
        setup = org_with_roles(slug=f"borough-{number}y", name=f"Borough {number}y")
        recorded(setup.organisation, setup.admin)
        other = org_with_roles(slug=f"borough-{number}z", name=f"Borough {number}z")
        confirmed(other.organisation, other.admin, boss)
    client.force_login(boss)
    # session, user, roles, adoptions
    with django_assert_num_queries(4):
        assert client.get(QUEUE).status_code == 200


def test_the_coordinators_home_page_links_to_the_list(client: Client, boss: User) -> None:
    assert f'href="{QUEUE}"' in page(client, reverse("home"), boss)


def test_adoptions_are_read_only_in_the_admin(client: Client, own: MemberSetup, boss: User) -> None:
    adoption = recorded(own.organisation, own.admin)
    client.force_login(boss)
    changelist = reverse("admin:statement_adoption_changelist")
    assert "Own Borough" in page(client, changelist)
    assert client.get(reverse("admin:statement_adoption_add")).status_code == 403
    change = reverse("admin:statement_adoption_change", args=[adoption.pk])
    assert client.post(change, {"decision": "Changed"}).status_code == 403
    assert Adoption.objects.get().decision == DECISION


def test_a_date_typed_the_british_way_is_read(client: Client, own: MemberSetup) -> None:
    client.force_login(own.admin)
    assert client.post(org_url(), form_data(adopted_on="19/01/2023")).status_code == 302
    assert Adoption.objects.get().adopted_on == date(2023, 1, 19)


def test_every_page_links_to_the_statement_in_its_header(client: Client) -> None:
    html = page(client, reverse("standard:index"))
    header = html[html.index("<header") : html.index("</header>")]
    assert f'href="{REGISTER}">Anti-Racist Statement</a>' in header
