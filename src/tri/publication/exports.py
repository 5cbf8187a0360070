"""A publication as an xlsx workbook, made from its frozen document only: the same tables as its
CSV twin and data package (tri.publication.documents.tables), one sheet each, after a sheet
that says what the workbook is, where it comes from and its licence."""

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tri.publication import documents
from tri.publication.enums import Part
from tri.publication.models import Publication
from tri.reports import tables_xlsx

#: Columns that hold numbers written out as text by the table they come from (the workforce
#: figures are the workforce dashboard's CSV rows): written to the workbook as numbers.
NUMBER_COLUMNS = {"workforce_figures": ("value",)}


def publication_xlsx(publication: Publication, *, url: str) -> bytes:
    """The workbook of one version; `url` is the address of the version's page, its source."""
    document = publication.document
    licence = document["licence"]
    organisation = document["organisation"]
    about: list[tuple[str, Any]] = [
        (_("Organisation"), organisation["name"]),
        (_("ONS code"), organisation["ons_code"] or None),
        (_("Version"), document["version"]),
        (_("Published"), timezone.localtime(publication.published_at).replace(tzinfo=None)),
        (_("Shows"), "; ".join(str(Part(part).label) for part in document["parts"])),
        (_("Source"), url),
        (_("About the source"), document["source"]),
        (_("Licence"), licence["title"]),
        (_("Licence address"), licence["path"]),
        (
            _("Sheets"),
            _("One for each table of the publication, as in its CSV files and data package."),
        ),
    ]
    title = _("%(org)s: Tackling Racial Inequality publication, version %(version)s") % {
        "org": organisation["name"],
        "version": document["version"],
    }
    return tables_xlsx(
        title, [(term, value) for term, value in about if value is not None], _tables(document)
    )


def _tables(document: dict[str, Any]) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    for name, header, rows in documents.tables(document):
        numeric = [header.index(column) for column in NUMBER_COLUMNS.get(name, ())]
        if numeric:
            rows = [[_number(v) if i in numeric else v for i, v in enumerate(row)] for row in rows]
        yield name, header, rows


def _number(value: Any) -> float | int | None:
    if value in (None, ""):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number
