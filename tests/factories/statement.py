"""Adoptions of the Statement for tests, made through the services."""

from datetime import date

from tri.accounts.models import User
from tri.organisations.models import Organisation
from tri.statement import services
from tri.statement.models import Adoption

ADOPTED_ON = date(2023, 1, 19)
DECISION = "Full Council, 19 January 2023, item 7"
LINK = "https://example.org/decisions/anti-racist-statement"


def recorded(
    organisation: Organisation,
    actor: User,
    *,
    adopted_on: date = ADOPTED_ON,
    decision: str = DECISION,
    link: str = LINK,
) -> Adoption:
    """An adoption recorded by `actor` (an admin or approver of `organisation`)."""
    return services.record_adoption(
        organisation=organisation,
        adopted_on=adopted_on,
        decision=decision,
        link=link,
        actor=actor,
    )


def confirmed(
    organisation: Organisation,
    actor: User,
    coordinator: User,
    *,
    adopted_on: date = ADOPTED_ON,
    decision: str = DECISION,
    link: str = LINK,
) -> Adoption:
    """An adoption recorded by `actor` and confirmed by `coordinator`."""
    adoption = recorded(organisation, actor, adopted_on=adopted_on, decision=decision, link=link)
    return services.confirm_adoption(adoption=adoption, actor=coordinator)
