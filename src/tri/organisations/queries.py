"""The one way in to organisations and the people in them.

A person's roles are read once per request and kept on the user object, so permission checks
on a page cost one query however many objects they look at.
"""

from collections.abc import Mapping

from django.db.models import QuerySet
from django.http import Http404

from tri.accounts.models import User
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import Invitation, Membership, Organisation

_CACHE = "_tri_roles"


def roles_by_organisation(user: User) -> Mapping[int, frozenset[str]]:
    """{organisation id: roles held}, for a signed-in, active person; empty otherwise."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        memberships = Membership.objects.filter(user=user).values_list(
            "organisation_id", "role", "organisation__kind"
        )
        for organisation_id, role, kind in memberships:
            # A coordinator role only counts on the coordinating body.
            if role == Role.COORDINATOR and kind != OrganisationKind.COORDINATING_BODY:
                continue
            found.setdefault(organisation_id, set()).add(role)
        cached = {org: frozenset(roles) for org, roles in found.items()}
        setattr(user, _CACHE, cached)
    return cached


def forget_roles(user: User) -> None:
    """Drop the cached roles after a membership changes."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def roles_in(user: User, organisation: Organisation) -> frozenset[str]:
    return roles_by_organisation(user).get(organisation.pk, frozenset())


def is_coordinator(user: User) -> bool:
    return any(Role.COORDINATOR in roles for roles in roles_by_organisation(user).values())


def visible_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations this person may open: their own; every one for a coordinator."""
    if is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=list(roles_by_organisation(user)))


def access_organisation(user: User, slug: str) -> Organisation:
    """One organisation by its slug, or 404 if this person may not open it."""
    try:
        return visible_organisations(user).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def visible_memberships(user: User, organisation: Organisation) -> QuerySet[Membership]:
    """The people of an organisation, for its own members and coordinators."""
    if not roles_in(user, organisation) and not is_coordinator(user):
        return Membership.objects.none()
    return Membership.objects.filter(organisation=organisation).select_related("user")


def visible_invitations(user: User, organisation: Organisation) -> QuerySet[Invitation]:
    """Open invitations of an organisation, for its admins."""
    if Role.ADMIN not in roles_in(user, organisation):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def access_invitation(user: User, organisation: Organisation, invitation_id: int) -> Invitation:
    try:
        return visible_invitations(user, organisation).get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("No such invitation") from None


def access_membership(user: User, organisation: Organisation, membership_id: int) -> Membership:
    try:
        return visible_memberships(user, organisation).get(pk=membership_id)
    except Membership.DoesNotExist:
        raise Http404("No such membership") from None


def coordinating_bodies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.COORDINATING_BODY)


def assignable_people(organisation: Organisation) -> QuerySet[User]:
    """People who can own a criterion: anyone with a role in the organisation."""
    return User.objects.filter(memberships__organisation=organisation, is_active=True).distinct()
