"""Test data, built through factory_boy and the services (as Zulip's tests use do_* actions)."""

from tests.factories.people import (
    MemberSetup,
    OrganisationFactory,
    UserFactory,
    coordinator,
    member,
    org_with_roles,
)

__all__ = [
    "MemberSetup",
    "OrganisationFactory",
    "UserFactory",
    "coordinator",
    "member",
    "org_with_roles",
]
