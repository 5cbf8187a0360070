"""The open data API, version 1: read-only, no sign-in, and only what has been published.

Built with django-ninja, which serves its OpenAPI description at /api/v1/openapi.json and
interactive documentation at /api/v1/docs. Lists are paginated; every client is rate-limited
by address (TRI_API_RATE); CORS lets any web page read it (django-cors-headers, GET only).
Everything comes through tri.publication.queries and the Statement's confirmed register, so an
unpublished assessment, a draft or full workforce figures have no way in.
"""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import AnonRateThrottle

from tri.organisations.models import Organisation
from tri.publication import documents, queries
from tri.publication.models import Publication
from tri.statement import queries as statement_queries

#: One limit per client address for every operation (the cache counts the calls).
THROTTLE = AnonRateThrottle(settings.TRI_API_RATE)

api = NinjaAPI(
    title="tri open data API",
    version="1",
    description=(
        "What London's local authorities have published about tackling racial inequality: "
        "their adoption of the Anti-Racist Statement, final levels against the CELC Standard, "
        "disclosure-controlled workforce figures and targets. Read-only and open: no key is "
        "needed. Every publication is immutable and versioned. Licence: Open Government "
        "Licence v3.0."
    ),
    urls_namespace="api-v1",
    throttle=[THROTTLE],
)


PAGE_SIZE = 50


class Message(Schema):
    detail: str


class OrganisationOut(Schema):
    slug: str
    name: str
    ons_code: str
    latest_version: int
    published_at: datetime
    url: str
    api_url: str


class VersionOut(Schema):
    version: int
    published_at: datetime
    parts: list[str]
    url: str
    api_url: str
    datapackage: str


class PublicationOut(VersionOut):
    organisation: str
    slug: str
    licence: dict[str, str]
    document: dict[str, Any]


class AdoptionOut(Schema):
    organisation: str
    slug: str
    ons_code: str
    adopted_on: date
    decision: str
    link: str


class LondonOut(Schema):
    organisations: int
    adopted: int
    minimum: int
    categories: list[dict[str, Any]]
    workforce: list[dict[str, Any]]
    licence: dict[str, str]


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _version(request: HttpRequest, publication: Publication) -> dict[str, Any]:
    slug, version = publication.organisation.slug, publication.version
    return {
        "version": version,
        "published_at": publication.published_at,
        "parts": publication.parts,
        "url": _absolute(request, publication.get_absolute_url()),
        "api_url": _absolute(
            request, reverse("api-v1:version", kwargs={"slug": slug, "version": version})
        ),
        "datapackage": _absolute(
            request, reverse("public:datapackage", kwargs={"slug": slug, "version": version})
        ),
    }


def _publication(request: HttpRequest, publication: Publication) -> dict[str, Any]:
    return {
        **_version(request, publication),
        "organisation": publication.organisation.name,
        "slug": publication.organisation.slug,
        "licence": documents.LICENCE,
        "document": publication.document,
    }


@api.get(
    "/organisations",
    response=list[OrganisationOut],
    url_name="organisations",
    summary="Organisations that have published",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    found: list[Organisation] = list(queries.published_organisations())
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "ons_code": o.ons_code or "",
            "latest_version": o.latest_version,  # type: ignore[attr-defined]
            "published_at": o.latest_published_at,  # type: ignore[attr-defined]
            "url": _absolute(request, reverse("public:organisation", kwargs={"slug": o.slug})),
            "api_url": _absolute(request, reverse("api-v1:organisation", kwargs={"slug": o.slug})),
        }
        for o in found
    ]


@api.get(
    "/organisations/{slug}",
    response={200: PublicationOut, 404: Message},
    url_name="organisation",
    summary="An organisation's latest publication",
)
def organisation(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _publication(request, queries.access_publication(slug))


@api.get(
    "/organisations/{slug}/versions",
    response={200: list[VersionOut], 404: Message},
    url_name="versions",
    summary="Every version an organisation has published, newest first",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def versions(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    found = queries.versions_of(queries.public_organisation(slug)).select_related("organisation")
    return [_version(request, publication) for publication in found]


@api.get(
    "/organisations/{slug}/versions/{version}",
    response={200: PublicationOut, 404: Message},
    url_name="version",
    summary="One version of an organisation's publication (never changes)",
)
def version(request: HttpRequest, slug: str, version: int) -> dict[str, Any]:
    return _publication(request, queries.access_publication(slug, version))


@api.get(
    "/statement/adoptions",
    response=list[AdoptionOut],
    url_name="adoptions",
    summary="The register of confirmed adoptions of the Anti-Racist Statement",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def adoptions(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "organisation": a.organisation.name,
            "slug": a.organisation.slug,
            "ons_code": a.organisation.ons_code or "",
            "adopted_on": a.adopted_on,
            "decision": a.decision,
            "link": a.link,
        }
        for a in statement_queries.confirmed_adoptions().select_related("organisation")
    ]


@api.get("/london", response=LondonOut, url_name="london", summary="The London overview")
def london(request: HttpRequest) -> dict[str, Any]:
    return {**documents.current_london_overview(), "licence": documents.LICENCE}
