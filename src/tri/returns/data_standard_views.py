"""The workforce data standard, published: a page describing each return's columns, a blank
CSV template of each and its Table Schema. Open to anyone, signed in or not: any public body
may use the standard."""

import csv
import io
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from tri.workforce import ReturnKind, schema_json, table_schema
from tri.workforce.schemas import Field, TableSchema


@dataclass(frozen=True)
class Allowed:
    """One rule on a column's values: `text`, then `values` (shown as code), if any."""

    text: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnRow:
    name: str
    title: str
    status: str
    type: str
    allowed: tuple[Allowed, ...]
    description: str


@dataclass(frozen=True)
class Section:
    kind: ReturnKind
    schema: TableSchema
    rows: tuple[ColumnRow, ...]

    @property
    def caption_id(self) -> str:
        return f"{self.kind.value}-caption"


def _type(name: str) -> str:
    names = {
        "string": _("Text"),
        "number": _("Number"),
        "integer": _("Whole number"),
        "date": _("Date"),
        "boolean": _("Yes or no"),
    }
    return names.get(name, name)


def _number(value: float) -> str:
    return f"{value:g}"


def _allowed(field: Field) -> tuple[Allowed, ...]:
    rules = []
    if field.minimum is not None and field.maximum is not None:
        rules.append(
            Allowed(
                _("From %(minimum)s to %(maximum)s")
                % {"minimum": _number(field.minimum), "maximum": _number(field.maximum)}
            )
        )
    elif field.minimum is not None:
        rules.append(Allowed(_("%(minimum)s or more") % {"minimum": _number(field.minimum)}))
    elif field.maximum is not None:
        rules.append(Allowed(_("At most %(maximum)s") % {"maximum": _number(field.maximum)}))
    if field.enum is not None:
        rules.append(Allowed(_("One of:"), field.enum))
    if field.true_values:
        rules.append(Allowed(_("Yes:"), field.true_values))
    if field.false_values:
        rules.append(Allowed(_("No:"), field.false_values))
    if field.unique:
        rules.append(Allowed(_("Unique in the file")))
    return tuple(rules)


def _status(field: Field, schema: TableSchema) -> str:
    if field.required:
        return _("Required")
    if field.name in schema.required_columns:
        return _("Required column, may be blank")
    return _("Optional")


def column_rows(schema: TableSchema) -> tuple[ColumnRow, ...]:
    """The rows of a return's table of columns, in the order of the standard."""
    return tuple(
        ColumnRow(
            name=field.name,
            title=field.title,
            status=_status(field, schema),
            type=_type(field.type),
            allowed=_allowed(field),
            description=field.description,
        )
        for field in schema.fields
    )


def template_csv(kind: ReturnKind) -> str:
    """A blank return: the header row of the standard's columns and nothing else."""
    out = io.StringIO()
    csv.writer(out).writerow(table_schema(kind).names)
    return out.getvalue()


class PageView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        sections = []
        for kind in ReturnKind:
            schema = table_schema(kind)
            sections.append(Section(kind=kind, schema=schema, rows=column_rows(schema)))
        return render(request, "returns/data_standard.html", {"sections": sections})


class TemplateCsvView(View):
    def get(self, request: HttpRequest, kind: ReturnKind) -> HttpResponse:
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tri-{kind.value}-template.csv"'
        return response


class SchemaJsonView(View):
    def get(self, request: HttpRequest, kind: ReturnKind) -> HttpResponse:
        return HttpResponse(schema_json(kind), content_type="application/json")
