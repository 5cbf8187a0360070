from dataclasses import dataclass

import factory
from factory.declarations import Sequence

from tri.accounts.models import User
from tri.organisations import services
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import Organisation


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    email = Sequence(lambda n: f"person{n}@example.org")
    full_name = Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Borough {n}")
    slug = Sequence(lambda n: f"borough-{n}")
    ons_code = Sequence(lambda n: f"E0990{n:04d}")
    kind = OrganisationKind.LOCAL_AUTHORITY


def member(organisation: Organisation, *roles: str, **user_fields: object) -> User:
    """A new person holding `roles` in `organisation`."""
    user = UserFactory.create(**user_fields)
    for role in roles:
        services.grant_role(organisation=organisation, user=user, role=role, actor=None)
    return user


@dataclass
class MemberSetup:
    organisation: Organisation
    viewer: User
    editor: User
    approver: User
    admin: User


def org_with_roles(**org_fields: object) -> MemberSetup:
    organisation = OrganisationFactory.create(**org_fields)
    return MemberSetup(
        organisation=organisation,
        viewer=member(organisation, Role.VIEWER),
        editor=member(organisation, Role.EDITOR),
        approver=member(organisation, Role.APPROVER),
        admin=member(organisation, Role.ADMIN),
    )


def coordinator() -> User:
    body = OrganisationFactory.create(
        name="London Councils",
        slug="london-councils",
        ons_code=None,
        kind=OrganisationKind.COORDINATING_BODY,
    )
    return member(body, Role.COORDINATOR)
