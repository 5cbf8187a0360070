"""The Statement's demo: ten confirmed adoptions, Lewisham waiting, Islington returned; loaded
twice, nothing doubles."""

from datetime import date

import pytest

from tests.factories import OrganisationFactory, UserFactory, coordinator
from tri.accounts.models import User
from tri.common.models import AuditEvent
from tri.organisations import services as organisation_services
from tri.organisations.enums import Role
from tri.organisations.models import Organisation
from tri.statement import demo, queries
from tri.statement.enums import AdoptionStatus
from tri.statement.models import Adoption

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

#: Demo people who may record, as seed_demo makes them: (email, ONS code, role).
RECORDERS = [
    ("admin@camden.demo", "E09000007", Role.ADMIN),
    ("editor@lambeth.demo", "E09000022", Role.ADMIN),
    ("approver@lewisham.demo", "E09000023", Role.APPROVER),
    ("approver@islington.demo", "E09000019", Role.APPROVER),
]


def load() -> tuple[dict[str, Organisation], dict[str, User]]:
    organisations = {
        borough.code: OrganisationFactory.create(name=borough.borough, ons_code=borough.code)
        for borough in demo.ADOPTIONS
    }
    people = {demo.COORDINATOR: coordinator()}
    for email, code, role in RECORDERS:
        person = UserFactory.create(email=email)
        organisation_services.grant_role(
            organisation=organisations[code], user=person, role=role, actor=None
        )
        people[email] = person
    return organisations, people


def test_the_demo_register_is_loaded_once() -> None:
    organisations, people = load()

    demo.seed_statement(organisations, people)
    demo.seed_statement(organisations, people)

    statuses = {
        adoption.organisation.name: adoption.status
        for adoption in Adoption.objects.select_related("organisation")
    }
    assert statuses == {
        "Camden": AdoptionStatus.CONFIRMED,
        "Lambeth": AdoptionStatus.CONFIRMED,
        "Hackney": AdoptionStatus.CONFIRMED,
        "Southwark": AdoptionStatus.CONFIRMED,
        "Barnet": AdoptionStatus.CONFIRMED,
        "Brent": AdoptionStatus.CONFIRMED,
        "Greenwich": AdoptionStatus.CONFIRMED,
        "Harrow": AdoptionStatus.CONFIRMED,
        "Newham": AdoptionStatus.CONFIRMED,
        "Tower Hamlets": AdoptionStatus.CONFIRMED,
        "Lewisham": AdoptionStatus.RECORDED,
        "Islington": AdoptionStatus.RETURNED,
    }
    assert queries.confirmed_adoptions().count() == 10
    # Recorded by the borough's demo person where there is one, by no one otherwise.
    recorded_by = dict(Adoption.objects.values_list("organisation__name", "recorded_by__email"))
    assert recorded_by["Camden"] == "admin@camden.demo"
    assert recorded_by["Lewisham"] == "approver@lewisham.demo"
    assert recorded_by["Harrow"] is None
    for adoption in Adoption.objects.all():
        assert adoption.decision.endswith("(demo)")
        assert adoption.link.startswith("https://example.org/demo/")
        assert date(2022, 12, 13) <= adoption.adopted_on <= date(2024, 12, 31)
    islington = Adoption.objects.get(organisation__name="Islington")
    assert islington.return_reason.endswith("(demo).")
    # Each step left one audit record: 12 recorded, 10 confirmed, 1 returned.
    verbs = AuditEvent.objects.filter(verb__startswith="statement.").values_list("verb", flat=True)
    assert sorted(verbs) == sorted(
        ["statement.recorded"] * 12 + ["statement.confirmed"] * 10 + ["statement.returned"]
    )
