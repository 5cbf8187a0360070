"""The one way in to workforce returns, their figures and targets.

Figures come in two forms. `figures_for` is the only place that chooses between them: the
organisation's own people get the full figures, everyone else (the coordinator, and in time the
public) the disclosure-controlled ones. Views never read `WorkforceReturn.full` themselves.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils import timezone

from tri.accounts.models import User
from tri.organisations.enums import OrganisationKind
from tri.organisations.models import Organisation
from tri.organisations.queries import is_coordinator, roles_by_organisation, roles_in
from tri.returns.enums import ReturnStatus
from tri.returns.models import Target, WorkforceReturn


def is_member(user: User, organisation: Organisation) -> bool:
    return bool(roles_in(user, organisation))


def sees_full_figures(user: User, organisation: Organisation) -> bool:
    """Only the organisation's own people see its full figures."""
    return is_member(user, organisation)


def visible_returns(user: User, organisation: Organisation) -> QuerySet[WorkforceReturn]:
    """Every upload of an organisation, whatever its status: for its own people only."""
    if not is_member(user, organisation):
        return WorkforceReturn.objects.none()
    return WorkforceReturn.objects.filter(organisation=organisation).select_related("uploaded_by")


def access_return(user: User, organisation: Organisation, pk: int) -> WorkforceReturn:
    try:
        return visible_returns(user, organisation).get(pk=pk)
    except WorkforceReturn.DoesNotExist:
        raise Http404("No such return") from None


def visible_snapshots(user: User, organisation: Organisation) -> QuerySet[WorkforceReturn]:
    """Accepted returns (one per snapshot date), newest first: for the organisation's own
    people and the coordinator."""
    if not is_member(user, organisation) and not is_coordinator(user):
        return WorkforceReturn.objects.none()
    return WorkforceReturn.objects.filter(
        organisation=organisation, status=ReturnStatus.COMPLETE
    ).order_by("-snapshot_on")


def access_snapshot(user: User, organisation: Organisation, pk: int) -> WorkforceReturn:
    try:
        return visible_snapshots(user, organisation).get(pk=pk)
    except WorkforceReturn.DoesNotExist:
        raise Http404("No such snapshot") from None


def figures_for(user: User, snapshot: WorkforceReturn) -> dict[str, Any]:
    """The figures of an accepted return that this person may see: full for the
    organisation's own people, disclosure-controlled for anyone else."""
    if sees_full_figures(user, snapshot.organisation):
        return snapshot.full or {}
    return snapshot.published or {}


def published_figures(snapshot: WorkforceReturn) -> dict[str, Any]:
    """The disclosure-controlled figures: what may be shown to anyone who may see the
    snapshot, and what evidence attached to an assessment quotes."""
    return snapshot.published or {}


def visible_targets(user: User, organisation: Organisation) -> QuerySet[Target]:
    if not is_member(user, organisation) and not is_coordinator(user):
        return Target.objects.none()
    return Target.objects.filter(organisation=organisation, removed_at__isnull=True)


def access_target(user: User, organisation: Organisation, pk: int) -> Target:
    try:
        return visible_targets(user, organisation).get(pk=pk)
    except Target.DoesNotExist:
        raise Http404("No such target") from None


def member_organisation_ids(user: User) -> list[int]:
    return list(roles_by_organisation(user))


def is_local_authority_member(user: User) -> bool:
    ids = list(roles_by_organisation(user))
    return Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.LOCAL_AUTHORITY).exists()


def latest_snapshots() -> list[WorkforceReturn]:
    """Each local authority's latest accepted return (for the London-wide picture). Callers
    read only `published_figures` of these."""
    found: dict[int, WorkforceReturn] = {}
    snapshots = (
        WorkforceReturn.objects.filter(
            status=ReturnStatus.COMPLETE,
            organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
        )
        .select_related("organisation")
        .order_by("organisation__name", "-snapshot_on")
        .defer("full")
    )
    for snapshot in snapshots:
        found.setdefault(snapshot.organisation_id, snapshot)
    return list(found.values())


def local_authorities() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)


def stalled(now: Any = None) -> QuerySet[WorkforceReturn]:
    """Returns whose worker has stopped reporting: it died or was killed part-way."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TRI_RETURN_STALE_SECONDS)
    return WorkforceReturn.objects.filter(status=ReturnStatus.PROCESSING, heartbeat_at__lt=cutoff)


def is_stalled(return_: WorkforceReturn) -> bool:
    if return_.status != ReturnStatus.PROCESSING or return_.heartbeat_at is None:
        return False
    age = timezone.now() - return_.heartbeat_at
    return age.total_seconds() > settings.TRI_RETURN_STALE_SECONDS


def latest_snapshot(organisation: Organisation) -> WorkforceReturn | None:
    """An organisation's latest accepted return, for data-linked criteria: callers read only
    its `published_figures`."""
    return (
        WorkforceReturn.objects.filter(organisation=organisation, status=ReturnStatus.COMPLETE)
        .defer("full")
        .order_by("-snapshot_on")
        .first()
    )


def previous_snapshot(snapshot: WorkforceReturn) -> WorkforceReturn | None:
    return (
        WorkforceReturn.objects.filter(
            organisation_id=snapshot.organisation_id,
            status=ReturnStatus.COMPLETE,
            snapshot_on__lt=snapshot.snapshot_on,
        )
        .defer("full")
        .order_by("-snapshot_on")
        .first()
    )


def published_history(organisation: Organisation) -> list[tuple[WorkforceReturn, dict[str, Any]]]:
    """An organisation's accepted snapshots, oldest first, each with its disclosure-controlled
    figures only: what a publication may quote."""
    snapshots = (
        WorkforceReturn.objects.filter(organisation=organisation, status=ReturnStatus.COMPLETE)
        .defer("full")
        .order_by("snapshot_on")
    )
    return [(snapshot, published_figures(snapshot)) for snapshot in snapshots]


def current_targets(organisation: Organisation) -> QuerySet[Target]:
    """The organisation's targets as they stand, for its own publication."""
    return Target.objects.filter(organisation=organisation, removed_at__isnull=True)


def accepted_returns_state() -> tuple[int, int | None]:
    """How many returns are accepted and the newest one's id: it changes whenever a return is
    accepted or superseded, so caches of figures drawn from latest snapshots can key on it."""
    found = WorkforceReturn.objects.filter(status=ReturnStatus.COMPLETE).aggregate(
        n=Count("id"), newest=Max("id")
    )
    return found["n"], found["newest"]
