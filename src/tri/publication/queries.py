"""The one way in to publications. Everything here is public once published: a publication is
only ever made by its organisation choosing to publish, and holds only what anyone may see."""

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404

from tri.organisations.models import Organisation
from tri.publication.models import Publication


def published_organisations() -> QuerySet[Organisation]:
    """Organisations with at least one publication, with `latest_version` and
    `latest_published_at` of their newest."""
    newest = Publication.objects.filter(organisation=OuterRef("pk")).order_by("-version")
    return (
        Organisation.objects.filter(publications__isnull=False)
        .annotate(
            latest_version=Max("publications__version"),
            latest_published_at=Subquery(newest.values("published_at")[:1]),
        )
        .order_by("name")
    )


def latest_publications() -> QuerySet[Publication]:
    """Each organisation's newest publication."""
    newest = Publication.objects.filter(organisation=OuterRef("organisation")).order_by("-version")
    return (
        Publication.objects.filter(pk=Subquery(newest.values("pk")[:1]))
        .select_related("organisation")
        .order_by("organisation__name")
    )


def versions_of(organisation: Organisation) -> QuerySet[Publication]:
    """Every publication of an organisation, newest first, without their documents."""
    return (
        Publication.objects.filter(organisation=organisation).defer("document").order_by("-version")
    )


def public_organisation(slug: str) -> Organisation:
    """An organisation that has published, or 404: nothing of one that has not is public."""
    try:
        return published_organisations().get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("Nothing published") from None


def access_publication(slug: str, version: int | None = None) -> Publication:
    """A publication by organisation and version (the newest when `version` is None)."""
    found = Publication.objects.filter(organisation__slug=slug).select_related("organisation")
    publication = (
        found.order_by("-version").first()
        if version is None
        else found.filter(version=version).first()
    )
    if publication is None:
        raise Http404("No such publication")
    return publication


def latest_version(organisation: Organisation) -> int:
    return versions_of(organisation).aggregate(v=Max("version"))["v"] or 0
