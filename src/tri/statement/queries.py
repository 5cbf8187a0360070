"""The one way in to adoptions of the Statement.

Three readers: the public (confirmed adoptions of local authorities, nothing else), an
organisation's own people (its adoptions, whatever their status) and the coordinator (every
adoption). Views never filter adoptions themselves.
"""

from django.db.models import QuerySet
from django.http import Http404

from tri.accounts.models import User
from tri.organisations.enums import OrganisationKind
from tri.organisations.models import Organisation
from tri.organisations.queries import is_coordinator, roles_in
from tri.statement.enums import AdoptionStatus
from tri.statement.models import Adoption

_PEOPLE = ("recorded_by", "confirmed_by", "returned_by", "withdrawn_by")


def confirmed_adoptions() -> QuerySet[Adoption]:
    """The public register: each local authority's confirmed adoption, by organisation name.
    Anyone may read it; recorded, returned and withdrawn adoptions are never in it."""
    return (
        Adoption.objects.filter(
            status=AdoptionStatus.CONFIRMED,
            organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
        )
        .select_related("organisation")
        .order_by("organisation__name", "adopted_on")
    )


def visible_adoptions(user: User, organisation: Organisation) -> QuerySet[Adoption]:
    """An organisation's adoptions and their history, newest first: for its own people and the
    coordinator."""
    if not roles_in(user, organisation) and not is_coordinator(user):
        return Adoption.objects.none()
    return (
        Adoption.objects.filter(organisation=organisation)
        .select_related("organisation", *_PEOPLE)
        .order_by("-recorded_at", "-id")
    )


def access_adoption(user: User, organisation: Organisation, pk: int) -> Adoption:
    try:
        return visible_adoptions(user, organisation).get(pk=pk)
    except Adoption.DoesNotExist:
        raise Http404("No such adoption") from None


def adoptions_to_coordinate(user: User) -> QuerySet[Adoption]:
    """Every organisation's adoptions, whatever their status, for the coordinator: by
    organisation, newest first."""
    if not is_coordinator(user):
        return Adoption.objects.none()
    return Adoption.objects.select_related("organisation", *_PEOPLE).order_by(
        "organisation__name", "-recorded_at", "-id"
    )


def access_adoption_to_coordinate(user: User, pk: int) -> Adoption:
    try:
        return adoptions_to_coordinate(user).get(pk=pk)
    except Adoption.DoesNotExist:
        raise Http404("No such adoption") from None
