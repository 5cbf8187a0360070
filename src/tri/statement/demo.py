"""The Statement demo: a register with ten confirmed adoptions, one waiting for confirmation
(Lewisham) and one returned for correction (Islington).

`seed_statement` is called by `manage.py seed_demo`. Every decision and link is made up and
says so: the decisions end "(demo)" and the links go to example.org/demo/. Idempotent: a
borough that already has an adoption, whatever its status, is left alone.

A borough with a demo admin or approver records through the service, as the organisation page
does (its first such person, in the order the demo people were made). The others (Harrow,
Newham and Tower Hamlets, and any without a demo person) have their adoptions written here
directly, with an audit record that names no one, as tri.returns.demo does for workforce
returns. London Councils' demo coordinator confirms and returns through the services.
Camden, Lambeth, Hackney and Southwark are confirmed: the publication demo publishes their
adoptions.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.core.management.base import OutputWrapper

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.organisations.enums import Role
from tri.organisations.models import Membership, Organisation
from tri.statement import services
from tri.statement.models import Adoption

COORDINATOR = "coordinator@londoncouncils.demo"


@dataclass(frozen=True)
class DemoAdoption:
    borough: str
    code: str  # ONS code
    adopted_on: date
    decision: str
    #: What the coordinator does with it.
    outcome: Literal["confirm", "return", "wait"] = "confirm"
    return_reason: str = ""


_CABINET = "Cabinet, %s (demo)"
ADOPTIONS = (
    DemoAdoption("Camden", "E09000007", date(2023, 1, 19), _CABINET % "19 January 2023, item 5"),
    DemoAdoption("Lambeth", "E09000022", date(2023, 1, 25), _CABINET % "25 January 2023, item 6"),
    DemoAdoption(
        "Hackney", "E09000012", date(2023, 1, 18), "Full Council, 18 January 2023, item 9 (demo)"
    ),
    DemoAdoption(
        "Southwark", "E09000028", date(2023, 3, 22), "Full Council, 22 March 2023, item 8 (demo)"
    ),
    DemoAdoption(
        "Barnet",
        "E09000003",
        date(2023, 3, 14),
        "Policy and Resources Committee, 14 March 2023, item 11 (demo)",
    ),
    DemoAdoption("Brent", "E09000005", date(2023, 2, 13), _CABINET % "13 February 2023, item 5"),
    DemoAdoption("Greenwich", "E09000011", date(2023, 6, 28), _CABINET % "28 June 2023, item 7"),
    DemoAdoption("Harrow", "E09000015", date(2023, 1, 19), _CABINET % "19 January 2023"),
    DemoAdoption("Newham", "E09000025", date(2023, 4, 3), _CABINET % "3 April 2023, item 10"),
    DemoAdoption(
        "Tower Hamlets", "E09000030", date(2023, 9, 27), _CABINET % "27 September 2023, item 6"
    ),
    DemoAdoption(
        "Lewisham",
        "E09000023",
        date(2024, 11, 20),
        "Mayor and Cabinet, 20 November 2024, item 5 (demo)",
        outcome="wait",
    ),
    DemoAdoption(
        "Islington",
        "E09000019",
        date(2023, 7, 10),
        "Executive, 10 July 2023, item 12 (demo)",
        outcome="return",
        return_reason=(
            "The link goes to the meeting's agenda, not to the decision. Link to the published "
            "minutes or decision notice (demo)."
        ),
    ),
)


def demo_link(organisation: Organisation) -> str:
    return f"https://example.org/demo/{organisation.slug}/anti-racist-statement-decision"


def seed_statement(
    organisations: Mapping[str, Organisation],
    people: Mapping[str, User],
    *,
    stdout: OutputWrapper | None = None,
) -> None:
    """Record, confirm and return the demo's adoptions of the Statement.

    `organisations` by ONS code and `people` by email, as seed_demo loads them. Side effects:
    for each demo borough without an adoption, an adoption (recorded, then confirmed or
    returned by the demo coordinator, or left waiting) and the audit records of each step.
    """
    coordinator = people[COORDINATOR]
    recorders = _recorders([organisations[demo.code] for demo in ADOPTIONS], people)
    added = 0
    for demo in ADOPTIONS:
        organisation = organisations[demo.code]
        if Adoption.objects.filter(organisation=organisation).exists():
            continue
        recorder = recorders.get(organisation.pk)
        if recorder is not None:
            adoption = services.record_adoption(
                organisation=organisation,
                adopted_on=demo.adopted_on,
                decision=demo.decision,
                link=demo_link(organisation),
                actor=recorder,
            )
        else:
            adoption = _record_without_a_person(organisation, demo)
        if demo.outcome == "confirm":
            services.confirm_adoption(adoption=adoption, actor=coordinator)
        elif demo.outcome == "return":
            services.return_adoption(
                adoption=adoption, reason=demo.return_reason, actor=coordinator
            )
        added += 1
    if stdout is not None and added:
        stdout.write(f"Statement demo: {added} adoptions recorded.")


def _recorders(organisations: list[Organisation], people: Mapping[str, User]) -> dict[int, User]:
    """Each borough's first demo admin or approver (in the order the demo people were made)."""
    found: dict[int, User] = {}
    memberships = (
        Membership.objects.filter(
            organisation__in=organisations,
            role__in=[Role.ADMIN, Role.APPROVER],
            user__in=list(people.values()),
        )
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        found.setdefault(membership.organisation_id, membership.user)
    return found


def _record_without_a_person(organisation: Organisation, demo: DemoAdoption) -> Adoption:
    """What `services.record_adoption` does, less the check that the recorder is an admin or
    approver: the borough has no demo person who may record. The audit record names no one."""
    link = demo_link(organisation)
    adoption = Adoption.objects.create(
        organisation=organisation,
        adopted_on=demo.adopted_on,
        decision=demo.decision,
        link=link,
    )
    record(
        actor=None,
        organisation=organisation,
        verb=Verb.STATEMENT_RECORDED,
        target=adoption,
        data={"adopted_on": demo.adopted_on.isoformat(), "decision": demo.decision, "link": link},
    )
    return adoption
