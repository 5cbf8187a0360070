"""Publishing (for an organisation's people) and the public site (no sign-in).

Every public page is drawn from frozen publication documents (tri.publication.documents), read
through tri.publication.queries: nothing unpublished has a way in. Each public page has `.json`,
`.csv`, `.xlsx` and `.pdf` twins; each version has a Frictionless data package.
"""

import io
import json
import zipfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from tri.common.fragments import FRAGMENT_SECONDS, cached_fragment
from tri.common.pdf import pdf_response
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.organisations.queries import access_organisation
from tri.publication import documents, exports, queries, services
from tri.publication.enums import Part
from tri.publication.models import Publication
from tri.reports.workforce import page as workforce_page
from tri.returns.dashboard import TargetView, target_chart
from tri.statement import queries as statement_queries
from tri.workforce.measures import Progress, YearProgress

#: Versioned documents never change: caches may keep them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
#: "The latest" changes when the organisation publishes again.
LATEST = "public, max-age=300"
WORKFORCE_SECTIONS = ("disclosure", "representation", "pay-bands", "senior", "pay-gap")


def _public(response: HttpResponse, cache: str) -> HttpResponse:
    response["Cache-Control"] = cache
    return response


# ---------------------------------------------------------------- publishing


class PublishView(LoginRequiredMixin, View):
    """What the organisation has published, what it could publish now, and the button."""

    def _organisation(self, request: HttpRequest, org: str) -> Organisation:
        organisation = access_organisation(request.user, org)  # type: ignore[arg-type]
        if not can(request.user, "publication.view_publishing", organisation):
            raise PermissionDenied("publication.view_publishing")
        return organisation

    def _render(
        self,
        request: HttpRequest,
        organisation: Organisation,
        errors: list[str] | None = None,
        chosen: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        available = documents.available_parts(organisation)
        choices = [
            {"value": part.value, "label": part.label, "available": available[part.value]}
            for part in Part
        ]
        return render(
            request,
            "publication/publish.html",
            {
                "organisation": organisation,
                "choices": choices,
                "chosen": chosen
                if chosen is not None
                else [c["value"] for c in choices if c["available"]],
                "versions": queries.versions_of(organisation),
                "can_publish": can(request.user, "publication.publish", organisation),
                "errors": errors or [],
            },
            status=status,
        )

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        return self._render(request, self._organisation(request, org))

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = self._organisation(request, org)
        if not can(request.user, "publication.publish", organisation):
            raise PermissionDenied("publication.publish")
        parts = request.POST.getlist("parts")
        try:
            publication = services.publish(
                organisation=organisation,
                parts=parts,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            return self._render(request, organisation, error.messages, parts, status=400)
        messages.success(
            request,
            _("Published as version %(version)s. Earlier versions stay online.")
            % {"version": publication.version},
        )
        return redirect("publish:index", org=organisation.slug)


# ---------------------------------------------------------------- the public site


def _target(number: int, target: dict[str, Any]) -> TargetView:
    """A published target as the workforce pages show one, from its frozen copy."""
    result = Progress(
        years=tuple(
            YearProgress(year=y["year"], planned=y["planned"], actual=y["actual"], met=y["met"])
            for y in target["years"]
        ),
        status=target["status"],
        latest_year=None,
        latest_actual=None,
        latest_planned=None,
        sentence=target["sentence"],
        unit=target["unit"],
    )
    chart = target_chart(target["label"], result)
    return TargetView(None, target["label"], result, chart, f"target-{number}")


def page_context(publication: Publication) -> dict[str, Any]:
    """The template context of a published page, drawn from its frozen document only."""
    document = publication.document
    context: dict[str, Any] = {
        "publication": publication,
        "organisation": publication.organisation,
        "document": document,
        "versions": queries.versions_of(publication.organisation),
    }
    if "workforce" in document:
        page = workforce_page(document["workforce"]["figures"], target_note=False)
        context["sections"] = [s for s in page.sections if s.id in WORKFORCE_SECTIONS]
    if "targets" in document:
        context["targets"] = [_target(n, t) for n, t in enumerate(document["targets"], 1)]
    return context


class IndexView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        response = render(
            request,
            "publication/index.html",
            {
                "organisations": queries.published_organisations(),
                "adopted": statement_queries.confirmed_adoptions().count(),
            },
        )
        return _public(response, LATEST)


def _organisation_page(publication: Publication, latest: int) -> dict[str, Any]:
    """A published page's context; `latest` is the organisation's latest version number."""
    context = page_context(publication)
    context["latest"] = latest
    context["is_latest"] = publication.version == latest
    return context


class OrganisationView(View):
    """A published page: the latest version, or an earlier one by number."""

    def get(self, request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        latest = queries.latest_version(publication.organisation)
        # A version never changes; only its banner and list of versions follow newer ones.
        body = cached_fragment(
            f"public-page:{publication.pk}:{latest}",
            "publication/includes/organisation_body.html",
            lambda: _organisation_page(publication, latest),
        )
        context = {
            "publication": publication,
            "organisation": publication.organisation,
            "is_latest": publication.version == latest,
            "body": body,
        }
        response = render(request, "publication/organisation.html", context)
        return _public(response, LATEST if version is None else IMMUTABLE)


class OrganisationPdfView(View):
    """The published page as a PDF (tri.common.pdf), from the same template and document: public
    and cached as the page is, unlike the PDFs of pages behind sign-in."""

    def get(self, request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        latest = queries.latest_version(publication.organisation)
        # Made once per version (and latest version, for its banner): rendering a PDF takes
        # about a second, and this address is open to anyone.
        key = f"tri:public-pdf:{get_language()}:{request.get_host()}:{publication.pk}:{latest}"
        found = cache.get(key)
        if found is None:
            response = pdf_response(
                request,
                "publication/organisation.html",
                _organisation_page(publication, latest),
                filename=f"{slug}-v{publication.version}.pdf",
                author=publication.organisation.name,
            )
            cache.set(key, (response.content, response["Content-Disposition"]), FRAGMENT_SECONDS)
        else:
            response = HttpResponse(found[0], content_type="application/pdf")
            response["Content-Disposition"] = found[1]
        return _public(response, LATEST if version is None else IMMUTABLE)


class OrganisationJsonView(View):
    def get(self, request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        response = JsonResponse(publication.document, json_dumps_params={"ensure_ascii": False})
        return _public(response, LATEST if version is None else IMMUTABLE)


class OrganisationCsvView(View):
    def get(self, request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        response = HttpResponse(
            documents.document_csv(publication.document), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="{slug}-v{publication.version}.csv"'
        return _public(response, LATEST if version is None else IMMUTABLE)


class OrganisationXlsxView(View):
    """Every table of a version as a workbook (tri.publication.exports), after an About sheet
    with its source and licence."""

    def get(self, request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        url = request.build_absolute_uri(publication.get_absolute_url())
        response = HttpResponse(
            exports.publication_xlsx(publication, url=url),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{slug}-v{publication.version}.xlsx"'
        )
        return _public(response, LATEST if version is None else IMMUTABLE)


def datapackage(request: HttpRequest, publication: Publication) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of one version: its tables as CSV resources
    with Table Schemas, its licence and source. Versioned and immutable, for harvesting."""
    document = publication.document
    slug, version = publication.organisation.slug, publication.version
    resources = []
    for name, header, rows in documents.tables(document):
        path = reverse("public:resource", kwargs={"slug": slug, "version": version, "name": name})
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": request.build_absolute_uri(path),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_field(column, rows, i) for i, column in enumerate(header)]},
            }
        )
    return {
        "name": f"tri-{slug}-v{version}",
        "title": _("%(org)s: Tackling Racial Inequality publication, version %(version)s")
        % {"org": publication.organisation.name, "version": version},
        "version": f"{version}.0.0",
        "created": document["published_at"],
        "homepage": request.build_absolute_uri(publication.get_absolute_url()),
        "licenses": [document["licence"]],
        "sources": [{"title": document["source"]}],
        "resources": resources,
    }


def _field(name: str, rows: list[list[Any]], index: int) -> dict[str, str]:
    values = [row[index] for row in rows if row[index] is not None and row[index] != ""]
    if values and all(isinstance(v, bool) for v in values):
        kind = "boolean"
    elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        kind = "integer"
    elif values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        kind = "number"
    else:
        kind = "string"
    return {"name": name, "type": kind}


def _table(publication: Publication, name: str) -> tuple[list[str], list[list[Any]]]:
    for table, header, rows in documents.tables(publication.document):
        if table == name:
            return header, rows
    raise Http404("No such table")


class DataPackageView(View):
    def get(self, request: HttpRequest, slug: str, version: int) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        response = JsonResponse(
            datapackage(request, publication), json_dumps_params={"ensure_ascii": False}
        )
        return _public(response, IMMUTABLE)


class ResourceView(View):
    def get(self, request: HttpRequest, slug: str, version: int, name: str) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        header, rows = _table(publication, name)
        response = HttpResponse(
            documents.table_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
        return _public(response, IMMUTABLE)


class DataPackageZipView(View):
    """The whole version in one file: datapackage.json with relative paths, and its CSVs."""

    def get(self, request: HttpRequest, slug: str, version: int) -> HttpResponse:
        publication = queries.access_publication(slug, version)
        descriptor = datapackage(request, publication)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for resource, (_name, header, rows) in zip(
                descriptor["resources"], documents.tables(publication.document), strict=True
            ):
                resource["path"] = f"data/{resource['name']}.csv"
                archive.writestr(
                    zipfile.ZipInfo(resource["path"], (2020, 1, 1, 0, 0, 0)),
                    documents.table_csv(header, rows),
                )
            archive.writestr(
                zipfile.ZipInfo("datapackage.json", (2020, 1, 1, 0, 0, 0)),
                json.dumps(descriptor, indent=2, ensure_ascii=False),
            )
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="tri-{slug}-v{version}.zip"'
        return _public(response, IMMUTABLE)


def london_context() -> dict[str, Any]:
    return documents.current_london_overview()


class LondonView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        response = render(request, "publication/london.html", {"overview": london_context()})
        return _public(response, LATEST)


class LondonJsonView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        overview = london_context()
        overview["licence"] = documents.LICENCE
        return _public(JsonResponse(overview, json_dumps_params={"ensure_ascii": False}), LATEST)


class LondonCsvView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        overview = london_context()
        header = ["table", "id", "label", "n", "lower_quartile", "median", "upper_quartile"]
        rows = [
            [
                "category",
                c["id"],
                c["name"],
                c["n"],
                c.get("lower_quartile"),
                c.get("median"),
                c.get("upper_quartile"),
            ]
            for c in overview["categories"]
        ] + [
            [
                "workforce",
                w["key"],
                w["label"],
                w["n"],
                w.get("lower_quartile"),
                w.get("median"),
                w.get("upper_quartile"),
            ]
            for w in overview["workforce"]
        ]
        response = HttpResponse(
            documents.table_csv(header, rows), content_type="text/csv; charset=utf-8"
        )
        return _public(response, LATEST)


class ApiIndexView(View):
    """/api/: what the API is, its versions, and where its OpenAPI description is."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _public(render(request, "publication/api.html"), LATEST)
