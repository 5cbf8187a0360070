"""PDF copies of pages, made by WeasyPrint from the same templates as the pages.

The page's template is rendered with `pdf=True`: layout.html then leaves out the navigation,
banners, forms and scripts and links the print stylesheet (tri/pdf.css) in place of the screen
ones. The PDF is tagged (PDF/UA-1), in British English, and carries the page's title and an
author.

WeasyPrint never touches the network or the file system for a page: its URL fetcher serves our
own static files and `data:` URIs and refuses every other URL, so nothing a person writes into
a page (an evidence link, say) can make the server fetch something.
"""

import copy
import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import DataHandler, Request
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

#: The PDF variant: tagged for assistive technology, with the document's language and title.
PDF_VARIANT = "pdf/ua-1"

#: Stylesheets that style the inline SVG charts. WeasyPrint draws an inline SVG as a separate
#: document, which the page's stylesheets do not reach (nor the fill patterns that the page
#: defines once, in includes/charts/patterns.html), so `render_pdf` copies these rules and
#: those patterns into each chart.
CHART_STYLESHEETS = ("tri/tri.css", "tri/pdf.css")

_SVG = "{http://www.w3.org/2000/svg}"


class RefusedURLError(ValueError):
    """A PDF asked for something other than one of our static files or a `data:` URI."""


class StaticFilesFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URIs and our own static files (STATIC_URL under `base_url`), read from
    disk through the staticfiles finders or STATIC_ROOT. Refuses everything else, so rendering
    a PDF never opens a network connection or reads a file outside the static files."""

    def __init__(self, base_url: str) -> None:
        super().__init__(fail_on_errors=False)
        self.static_prefix = urlsplit(urljoin(base_url, settings.STATIC_URL))

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            # A data: URI carries its content; DataHandler only decodes it (no network).
            data = DataHandler().data_open(Request(url))  # noqa: S310
            return URLFetcherResponse(
                url, body=data.read(), headers={"Content-Type": data.headers["Content-Type"]}
            )
        path = self.static_path(url)
        if path is None:
            raise RefusedURLError(f"A PDF may only use tri's own static files, not {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )

    def static_path(self, url: str) -> Path | None:
        """The file on disk behind a URL of a static file, or None for any other URL."""
        parts = urlsplit(url)
        prefix = self.static_prefix
        if (parts.scheme.lower(), parts.netloc.lower()) != (
            prefix.scheme.lower(),
            prefix.netloc.lower(),
        ):
            return None
        if not parts.path.startswith(prefix.path):
            return None
        name = unquote(parts.path[len(prefix.path) :])
        if not _is_plain_relative(name):
            return None
        found = finders.find(name)
        if isinstance(found, str) and Path(found).is_file():
            return Path(found)
        if settings.STATIC_ROOT:
            root = Path(settings.STATIC_ROOT).resolve()
            collected = (root / name).resolve()
            if collected.is_relative_to(root) and collected.is_file():
                return collected
        return None


def _is_plain_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\0" not in name
    )


def render_pdf(html: str, *, base_url: str) -> bytes:
    """A tagged PDF of an HTML page whose links and static files are relative to `base_url`
    (the site's root URL). Only our static files and `data:` URIs are fetched."""
    fetcher = StaticFilesFetcher(base_url)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    _style_charts(document.etree_element, fetcher, base_url)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def _style_charts(root: ElementTree.Element, fetcher: StaticFilesFetcher, base_url: str) -> None:
    """Give every chart (`<svg class="tri-chart">`) the chart rules and its own copy of the fill
    patterns, renamed so that no id appears twice in the document."""
    charts = [svg for svg in root.iter(f"{_SVG}svg") if _has_class(svg, "tri-chart")]
    if not charts:
        return
    rules = "\n".join(
        fetcher.fetch(urljoin(base_url, static(name))).read().decode() for name in CHART_STYLESHEETS
    )
    patterns = [
        defs
        for svg in root.iter(f"{_SVG}svg")
        if _has_class(svg, "tri-chart-patterns")
        for defs in svg.iter(f"{_SVG}defs")
    ]
    for number, chart in enumerate(charts, start=1):
        chart_rules = rules
        for defs in patterns:
            copied = copy.deepcopy(defs)
            for element in copied.iter():
                if name := element.get("id"):
                    element.set("id", f"{name}--{number}")
                    chart_rules = chart_rules.replace(f"url(#{name})", f"url(#{name}--{number})")
            chart.insert(0, copied)
        style = ElementTree.Element(f"{_SVG}style", {"type": "text/css"})
        style.text = chart_rules
        chart.insert(0, style)


def _has_class(element: ElementTree.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def pdf_response(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    *,
    filename: str,
    author: str,
) -> HttpResponse:
    """Render a page's template as a PDF download named `filename` (made safe here), with
    `author` in the PDF's metadata. The response is private, as the pages behind sign-in are; the
    public site's PDFs (tri.publication.views) set their own Cache-Control."""
    html = render_to_string(
        template_name, {**context, "pdf": True, "pdf_author": author}, request=request
    )
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(filename.removesuffix(".pdf")) or "report"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    patch_cache_control(response, private=True)
    return response
