"""Recording, confirming, returning and withdrawing adoptions of the Statement: who may, what
is refused (with the message, and nothing changed) and the audit trail each step leaves. Also
the queries that are the only way in to adoptions, and the Statement's text."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from tests.factories import MemberSetup, coordinator, member, org_with_roles
from tests.factories.statement import ADOPTED_ON, DECISION, LINK, confirmed, recorded
from tri.accounts.models import User
from tri.common.enums import Verb
from tri.common.models import AuditEvent
from tri.organisations.enums import OrganisationKind, Role
from tri.statement import queries, services
from tri.statement.enums import ENDORSED_ON, AdoptionStatus
from tri.statement.models import Adoption
from tri.statement.text import load_statement

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def own() -> MemberSetup:
    return org_with_roles(slug="own", name="Own Borough")


@pytest.fixture
def other() -> MemberSetup:
    return org_with_roles(slug="other", name="Other Borough")


@pytest.fixture
def boss() -> User:
    return coordinator()


def audit() -> list[tuple[str, int | None, int | None, str, dict]]:
    return [
        (event.verb, event.actor_id, event.organisation_id, event.target_id, event.data)
        for event in AuditEvent.objects.order_by("id")
        if event.verb.startswith("statement.")
    ]


def record_with(own: MemberSetup, **changes: object) -> Adoption:
    fields: dict = {
        "organisation": own.organisation,
        "adopted_on": ADOPTED_ON,
        "decision": DECISION,
        "link": LINK,
        "actor": own.admin,
    }
    fields.update(changes)
    return services.record_adoption(**fields)


def refused(own: MemberSetup, **changes: object) -> dict[str, list[str]]:
    """What recording with `changes` is refused for; nothing was saved or audited."""
    with pytest.raises(ValidationError) as caught:
        record_with(own, **changes)
    assert list(Adoption.objects.filter(organisation=own.organisation, status="recorded")) == []
    assert audit() == []
    return caught.value.message_dict


# ---------------------------------------------------------------- recording


@pytest.mark.parametrize("role", ["admin", "approver"])
def test_an_admin_or_approver_records_an_adoption(own: MemberSetup, role: str) -> None:
    actor = getattr(own, role)

    adoption = record_with(own, actor=actor, decision="  Full Council, item 7  ")

    assert Adoption.objects.get() == adoption
    assert adoption.status == AdoptionStatus.RECORDED
    assert (adoption.adopted_on, adoption.decision, adoption.link) == (
        ADOPTED_ON,
        "Full Council, item 7",
        LINK,
    )
    assert adoption.recorded_by == actor
    assert adoption.recorded_at is not None
    assert (adoption.confirmed_by, adoption.confirmed_at) == (None, None)
    assert audit() == [
        (
            Verb.STATEMENT_RECORDED,
            actor.pk,
            own.organisation.pk,
            str(adoption.pk),
            {"adopted_on": "2023-01-19", "decision": "Full Council, item 7", "link": LINK},
        )
    ]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_viewers_and_editors_may_not_record(own: MemberSetup, role: str) -> None:
    with pytest.raises(PermissionDenied):
        record_with(own, actor=getattr(own, role))
    assert not Adoption.objects.exists()
    assert audit() == []


def test_an_admin_of_another_organisation_may_not_record(
    own: MemberSetup, other: MemberSetup
) -> None:
    with pytest.raises(PermissionDenied):
        record_with(own, actor=other.admin)
    assert not Adoption.objects.exists()


def test_the_coordinator_may_not_record_for_an_organisation(own: MemberSetup, boss: User) -> None:
    with pytest.raises(PermissionDenied):
        record_with(own, actor=boss)
    assert not Adoption.objects.exists()


def test_the_coordinating_body_cannot_adopt(boss: User) -> None:
    body = boss.memberships.get().organisation
    assert body.kind == OrganisationKind.COORDINATING_BODY
    admin = member(body, Role.ADMIN)

    with pytest.raises(ValidationError) as caught:
        services.record_adoption(
            organisation=body, adopted_on=ADOPTED_ON, decision=DECISION, link=LINK, actor=admin
        )

    assert caught.value.message_dict == {
        "__all__": [
            "London Councils coordinates the register: only local authorities adopt the Statement."
        ]
    }
    assert not Adoption.objects.exists()
    assert audit() == []


def test_a_date_in_the_future_is_refused(own: MemberSetup) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert refused(own, adopted_on=tomorrow) == {
        "adopted_on": ["The date adopted must be today or in the past."]
    }


def test_a_date_before_the_statement_was_endorsed_is_refused(own: MemberSetup) -> None:
    assert refused(own, adopted_on=date(2022, 12, 12)) == {
        "adopted_on": [
            "The date adopted must be on or after 13 December 2022, when London Councils "
            "Leaders' Committee endorsed the Statement."
        ]
    }


@pytest.mark.parametrize("adopted_on", [ENDORSED_ON, "today"], ids=["endorsement day", "today"])
def test_the_day_of_endorsement_and_today_are_accepted(own: MemberSetup, adopted_on) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() if adopted_on == "today" else adopted_on
    assert record_with(own, adopted_on=day).adopted_on == day


LINK_MESSAGE = (
    "Enter the link as a full web address starting with https:// or http://, like "
    "https://www.example.gov.uk/decision"
)


@pytest.mark.parametrize(
    "link",
    [
        "ftp://example.org/decision.pdf",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "example.org/decision",
        "https://",
        "not a link",
    ],
)
def test_a_link_that_is_not_a_web_address_is_refused(own: MemberSetup, link: str) -> None:
    assert refused(own, link=link) == {"link": [LINK_MESSAGE]}


@pytest.mark.parametrize("link", ["http://example.org/minutes", "https://example.org/a?b=c#d"])
def test_http_and_https_links_are_accepted(own: MemberSetup, link: str) -> None:
    assert record_with(own, link=link).link == link


def test_missing_and_overlong_details_are_refused_all_at_once(own: MemberSetup) -> None:
    assert refused(own, decision="   ", link="", adopted_on=date(2020, 1, 1)) == {
        "adopted_on": [
            "The date adopted must be on or after 13 December 2022, when London Councils "
            "Leaders' Committee endorsed the Statement."
        ],
        "decision": ["Enter the decision that adopted the Statement."],
        "link": ["Enter the link to the published decision."],
    }
    assert refused(own, decision="x" * 301, link="https://example.org/" + "a" * 490) == {
        "decision": ["The decision must be 300 characters or fewer."],
        "link": ["The link must be 500 characters or fewer."],
    }


def test_a_second_adoption_is_refused_while_one_waits(own: MemberSetup) -> None:
    first = recorded(own.organisation, own.admin)
    before = audit()

    with pytest.raises(ValidationError) as caught:
        record_with(own, actor=own.approver, adopted_on=date(2023, 2, 1))

    assert caught.value.message_dict == {
        "__all__": [
            "Own Borough's adoption of 19 January 2023 is already waiting for London Councils "
            "to confirm it. To record a different one, an organisation admin withdraws it "
            "first. Nothing was changed."
        ]
    }
    assert list(Adoption.objects.all()) == [first]
    assert audit() == before


def test_a_second_adoption_is_refused_while_one_is_confirmed(own: MemberSetup, boss: User) -> None:
    first = confirmed(own.organisation, own.admin, boss)

    with pytest.raises(ValidationError) as caught:
        record_with(own)

    assert caught.value.messages == [
        "Own Borough's adoption of 19 January 2023 is already on the register. To record a "
        "different one, an organisation admin withdraws it first. Nothing was changed."
    ]
    assert list(Adoption.objects.all()) == [first]


def test_the_database_allows_one_current_adoption_per_organisation(own: MemberSetup) -> None:
    recorded(own.organisation, own.admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(
            organisation=own.organisation,
            adopted_on=ADOPTED_ON,
            decision=DECISION,
            link=LINK,
            status=AdoptionStatus.CONFIRMED,
        )


def test_after_a_return_or_withdrawal_another_is_recorded_and_history_kept(
    own: MemberSetup, boss: User
) -> None:
    returned = services.return_adoption(
        adoption=recorded(own.organisation, own.admin), reason="Wrong link", actor=boss
    )
    withdrawn = services.withdraw_adoption(
        adoption=recorded(own.organisation, own.approver), actor=own.admin
    )

    third = recorded(own.organisation, own.admin, adopted_on=date(2024, 5, 1))

    statuses = dict(Adoption.objects.values_list("pk", "status"))
    assert statuses == {
        returned.pk: AdoptionStatus.RETURNED,
        withdrawn.pk: AdoptionStatus.WITHDRAWN,
        third.pk: AdoptionStatus.RECORDED,
    }


# ---------------------------------------------------------------- confirming and returning


def test_the_coordinator_confirms_a_recorded_adoption(own: MemberSetup, boss: User) -> None:
    adoption = recorded(own.organisation, own.admin)

    services.confirm_adoption(adoption=adoption, actor=boss)

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.CONFIRMED
    assert adoption.confirmed_by == boss
    assert adoption.confirmed_at is not None
    assert audit()[-1] == (
        Verb.STATEMENT_CONFIRMED,
        boss.pk,
        own.organisation.pk,
        str(adoption.pk),
        {"adopted_on": "2023-01-19"},
    )


def test_confirming_twice_changes_nothing_the_second_time(own: MemberSetup, boss: User) -> None:
    adoption = confirmed(own.organisation, own.admin, boss)
    first = (adoption.confirmed_at, audit())
    stale = Adoption.objects.get(pk=adoption.pk)
    stale.status = AdoptionStatus.RECORDED  # as a page loaded before the first confirmation

    again = services.confirm_adoption(adoption=stale, actor=coordinator_two(boss))

    assert again.status == AdoptionStatus.CONFIRMED
    assert (Adoption.objects.get().confirmed_at, audit()) == first
    assert Adoption.objects.get().confirmed_by == boss


def coordinator_two(boss: User) -> User:
    return member(boss.memberships.get().organisation, Role.COORDINATOR)


@pytest.mark.parametrize("role", ["viewer", "editor", "approver", "admin"])
def test_only_the_coordinator_confirms(own: MemberSetup, role: str) -> None:
    adoption = recorded(own.organisation, own.admin)
    before = audit()

    with pytest.raises(PermissionDenied):
        services.confirm_adoption(adoption=adoption, actor=getattr(own, role))

    assert Adoption.objects.get().status == AdoptionStatus.RECORDED
    assert audit() == before


def test_a_returned_or_withdrawn_adoption_cannot_be_confirmed(own: MemberSetup, boss: User) -> None:
    returned = services.return_adoption(
        adoption=recorded(own.organisation, own.admin), reason="Wrong date", actor=boss
    )
    withdrawn = services.withdraw_adoption(
        adoption=recorded(own.organisation, own.admin), actor=own.admin
    )
    before = audit()

    messages = []
    for adoption in (returned, withdrawn):
        with pytest.raises(ValidationError) as caught:
            services.confirm_adoption(adoption=adoption, actor=boss)
        messages.append(caught.value.messages)

    assert messages == [
        [
            "Own Borough's adoption of 19 January 2023 is returned for correction, so it "
            "cannot be confirmed. Nothing was changed."
        ],
        [
            "Own Borough's adoption of 19 January 2023 is withdrawn, so it cannot be "
            "confirmed. Nothing was changed."
        ],
    ]
    assert audit() == before
    assert sorted(Adoption.objects.values_list("status", flat=True)) == ["returned", "withdrawn"]


def test_the_coordinator_returns_an_adoption_with_a_reason(own: MemberSetup, boss: User) -> None:
    adoption = recorded(own.organisation, own.admin)

    services.return_adoption(adoption=adoption, reason="  The link is the agenda.  ", actor=boss)

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.RETURNED
    assert (adoption.returned_by, adoption.return_reason) == (boss, "The link is the agenda.")
    assert adoption.returned_at is not None
    assert audit()[-1] == (
        Verb.STATEMENT_RETURNED,
        boss.pk,
        own.organisation.pk,
        str(adoption.pk),
        {"reason": "The link is the agenda."},
    )


def test_returning_needs_a_reason(own: MemberSetup, boss: User) -> None:
    adoption = recorded(own.organisation, own.admin)
    before = audit()

    with pytest.raises(ValidationError) as caught:
        services.return_adoption(adoption=adoption, reason="  ", actor=boss)

    assert caught.value.message_dict == {
        "reason": ["Enter why the adoption is being returned, so they can correct it."]
    }
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED
    assert audit() == before


def test_only_the_coordinator_returns(own: MemberSetup) -> None:
    adoption = recorded(own.organisation, own.admin)
    with pytest.raises(PermissionDenied):
        services.return_adoption(adoption=adoption, reason="No", actor=own.admin)
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_a_confirmed_adoption_cannot_be_returned(own: MemberSetup, boss: User) -> None:
    adoption = confirmed(own.organisation, own.admin, boss)
    with pytest.raises(ValidationError) as caught:
        services.return_adoption(adoption=adoption, reason="Too late", actor=boss)
    assert caught.value.messages == [
        "Own Borough's adoption of 19 January 2023 is confirmed, so it cannot be returned. "
        "Nothing was changed."
    ]
    assert Adoption.objects.get().status == AdoptionStatus.CONFIRMED


# ---------------------------------------------------------------- withdrawing


@pytest.mark.parametrize("confirm_first", [False, True], ids=["recorded", "confirmed"])
def test_an_admin_withdraws_the_current_adoption(
    own: MemberSetup, boss: User, confirm_first: bool
) -> None:
    adoption = recorded(own.organisation, own.approver)
    if confirm_first:
        services.confirm_adoption(adoption=adoption, actor=boss)
    before = "confirmed" if confirm_first else "recorded"

    services.withdraw_adoption(adoption=adoption, actor=own.admin)

    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.WITHDRAWN
    assert adoption.withdrawn_by == own.admin
    assert adoption.withdrawn_at is not None
    assert audit()[-1] == (
        Verb.STATEMENT_WITHDRAWN,
        own.admin.pk,
        own.organisation.pk,
        str(adoption.pk),
        {"from": before},
    )
    assert list(queries.confirmed_adoptions()) == []


def test_withdrawing_twice_changes_nothing_the_second_time(own: MemberSetup) -> None:
    adoption = services.withdraw_adoption(
        adoption=recorded(own.organisation, own.admin), actor=own.admin
    )
    before = (Adoption.objects.get().withdrawn_at, audit())
    services.withdraw_adoption(adoption=adoption, actor=own.admin)
    assert (Adoption.objects.get().withdrawn_at, audit()) == before


@pytest.mark.parametrize("role", ["viewer", "editor", "approver"])
def test_only_an_admin_withdraws(own: MemberSetup, role: str) -> None:
    adoption = recorded(own.organisation, own.admin)
    with pytest.raises(PermissionDenied):
        services.withdraw_adoption(adoption=adoption, actor=getattr(own, role))
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_neither_the_coordinator_nor_another_admin_withdraws(
    own: MemberSetup, other: MemberSetup, boss: User
) -> None:
    adoption = recorded(own.organisation, own.admin)
    for actor in (boss, other.admin):
        with pytest.raises(PermissionDenied):
            services.withdraw_adoption(adoption=adoption, actor=actor)
    assert Adoption.objects.get().status == AdoptionStatus.RECORDED


def test_a_returned_adoption_cannot_be_withdrawn(own: MemberSetup, boss: User) -> None:
    adoption = services.return_adoption(
        adoption=recorded(own.organisation, own.admin), reason="Wrong link", actor=boss
    )
    with pytest.raises(ValidationError) as caught:
        services.withdraw_adoption(adoption=adoption, actor=own.admin)
    assert caught.value.messages == [
        "Own Borough's adoption of 19 January 2023 is returned for correction, so it cannot "
        "be withdrawn. Nothing was changed."
    ]
    assert Adoption.objects.get().status == AdoptionStatus.RETURNED


# ---------------------------------------------------------------- the ways in


def test_the_register_has_only_confirmed_adoptions(
    own: MemberSetup, other: MemberSetup, boss: User
) -> None:
    third = org_with_roles(slug="third", name="Third Borough")
    fourth = org_with_roles(slug="fourth", name="Fourth Borough")
    mine = confirmed(own.organisation, own.admin, boss)
    recorded(other.organisation, other.admin)  # waiting
    services.return_adoption(
        adoption=recorded(third.organisation, third.admin), reason="No", actor=boss
    )
    services.withdraw_adoption(
        adoption=confirmed(fourth.organisation, fourth.admin, boss), actor=fourth.admin
    )

    assert list(queries.confirmed_adoptions()) == [mine]


def test_an_organisations_adoptions_are_for_its_people_and_the_coordinator(
    own: MemberSetup, other: MemberSetup, boss: User
) -> None:
    first = services.return_adoption(
        adoption=recorded(own.organisation, own.admin), reason="No", actor=boss
    )
    second = recorded(own.organisation, own.admin)
    recorded(other.organisation, other.admin)

    for person in (own.viewer, own.editor, own.approver, own.admin, boss):
        assert list(queries.visible_adoptions(person, own.organisation)) == [second, first]
    assert list(queries.visible_adoptions(other.admin, own.organisation)) == []
    assert queries.access_adoption(own.viewer, own.organisation, first.pk) == first


def test_another_organisations_adoption_is_not_found_under_ones_own(
    own: MemberSetup, other: MemberSetup
) -> None:
    theirs = recorded(other.organisation, other.admin)
    with pytest.raises(Http404):
        queries.access_adoption(own.admin, own.organisation, theirs.pk)
    with pytest.raises(Http404):
        queries.access_adoption(other.viewer, own.organisation, theirs.pk)


def test_only_the_coordinator_reads_every_adoption(
    own: MemberSetup, other: MemberSetup, boss: User
) -> None:
    mine = recorded(own.organisation, own.admin)
    theirs = recorded(other.organisation, other.admin)

    assert list(queries.adoptions_to_coordinate(boss)) == [theirs, mine]  # by name
    assert queries.access_adoption_to_coordinate(boss, mine.pk) == mine
    for person in (own.admin, own.approver, other.admin):
        assert list(queries.adoptions_to_coordinate(person)) == []
        with pytest.raises(Http404):
            queries.access_adoption_to_coordinate(person, mine.pk)


# ---------------------------------------------------------------- the text


def test_the_statement_text_is_the_annex_in_full() -> None:
    statement = load_statement()

    assert statement.name == "London Local Government Anti-Racist Statement"
    assert statement.heading_in_source == "London Local Government Anti-Racism Statement"
    assert statement.endorsed_on == ENDORSED_ON
    assert [section.heading for section in statement.sections] == [
        "Purpose of statement, how it was developed, what next?",
        "Why it matters that we take an anti racist approach",
        "The commitment",
        "The common approach",
    ]
    kinds = [[block.kind for block in section.blocks] for section in statement.sections]
    assert kinds == [
        ["bullets"],
        ["paragraph", "bullets"],
        ["paragraph", "paragraph", "numbered"],
        ["paragraph", "numbered"],
    ]
    purpose, why, commitment, approach = statement.sections
    assert purpose.blocks[0].items[1] == (
        "The primary audience is the public and stakeholders who can hold local government to "
        "account."
    )
    assert why.blocks[0].text.endswith(
        "It is not enough to “not be racist” or to focus on tackling conscious hatred, like "
        "racial abuse. It is everyone’s responsibility to proactively and continuously:"  # noqa: RUF001
    )
    expectations = commitment.blocks[2].items
    assert len(expectations) == 3
    assert expectations[2].endswith(
        "rightly expect to see leadership that reflects their position, to see action, and to "
        "be part of solution."
    )
    points = approach.blocks[1].items
    assert len(points) == 5
    assert points[0].startswith("Work together as a whole system across London")
    assert points[4].endswith(
        "A central component and initial step is for all local authority to openly publish "
        "ethnicity pay data."
    )
    assert statement.source.meeting == "Leaders' Committee, 13 December 2022, item 7"
    assert statement.source.seed == "000"
