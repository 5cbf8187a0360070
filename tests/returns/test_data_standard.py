"""The public page of the workforce data standard, its blank CSV templates and Table Schemas."""

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import org_with_roles
from tri.workforce import STAGES, ReturnKind, detect_kind, schema_json, table_schema

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = "/workforce/data-standard/"


class Page(HTMLParser):
    """The page's links, headings, and the text of each table's cells, row by row, by the id of
    the table's caption."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.h2: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag == "h2":
            self._heading = []
        elif tag == "table":
            self._rows = []
        elif tag == "caption":
            self.tables[attributes.get("id") or ""] = self._rows
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "h2" and self._heading is not None:
            self.h2.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


@pytest.fixture
def page(client: Client) -> Page:
    response = client.get(reverse("data_standard:page"))
    assert response.status_code == 200
    return Page(response.content.decode())


def columns(page: Page, kind: ReturnKind) -> dict[str, list[str]]:
    """The rows of a return's table of columns, by column name (header row left out)."""
    head, *rows = page.tables[f"{kind.value}-caption"]
    assert head == [
        "Column",
        "Title",
        "Required or optional",
        "Type",
        "Allowed values",
        "Description",
    ]
    return {row[0]: row for row in rows}


def test_the_urls() -> None:
    assert reverse("data_standard:page") == PAGE
    assert (
        reverse("data_standard:template", kwargs={"kind": ReturnKind.EMPLOYEE})
        == f"{PAGE}employee-return.csv"
    )
    assert (
        reverse("data_standard:schema", kwargs={"kind": "aggregate-return"})
        == f"{PAGE}aggregate-return.json"
    )


def test_the_page_describes_every_column_of_every_return(page: Page) -> None:
    for kind in ReturnKind:
        schema = table_schema(kind)
        assert schema.title in page.h2
        rows = columns(page, kind)
        assert list(rows) == list(schema.names)
        for field in schema.fields:
            _name, title, _status, _type, _allowed, description = rows[field.name]
            assert title == field.title
            assert description == field.description


def test_columns_that_must_be_there_but_may_be_blank_say_so(page: Page) -> None:
    employee = columns(page, ReturnKind.EMPLOYEE)
    assert employee["employee_ref"][2] == "Required"
    assert employee["ethnicity"][2] == "Required column, may be blank"
    assert employee["hourly_pay"][2] == "Required column, may be blank"
    assert employee["sex"][2] == "Optional"
    assert columns(page, ReturnKind.AGGREGATE)["ethnicity"][2] == "Required"


def test_the_page_says_what_values_are_allowed(page: Page) -> None:
    employee = columns(page, ReturnKind.EMPLOYEE)
    assert employee["fte"][3:5] == ["Number", "From 0 to 1"]
    assert employee["hourly_pay"][4] == "0 or more"
    assert employee["employee_ref"][4] == "Unique in the file"
    assert employee["started_on"][3:5] == ["Date", "–"]
    training = employee["non_mandatory_training"]
    assert training[3] == "Yes or no"
    assert training[4].startswith("Yes: true, True, TRUE, yes")
    assert "No: false, False, FALSE, no" in training[4]
    stage = columns(page, ReturnKind.RECRUITMENT)["stage_reached"][4]
    assert stage == "One of: " + ", ".join(STAGES)
    assert columns(page, ReturnKind.AGGREGATE)["headcount"][3] == "Whole number"


def test_the_page_links_to_each_template_and_schema(page: Page) -> None:
    for kind in ReturnKind:
        assert reverse("data_standard:template", kwargs={"kind": kind}) in page.links
        assert reverse("data_standard:schema", kwargs={"kind": kind}) in page.links


def test_the_page_says_what_personal_data_may_not_be_in_a_return(client: Client) -> None:
    html = client.get(PAGE).content.decode()
    assert "no names, no payroll numbers and no dates of birth" in html
    assert "Then the file is deleted" in html
    assert "Blank template (CSV)" in html
    assert "Table Schema (JSON)" in html


@pytest.mark.parametrize("kind", list(ReturnKind))
def test_a_blank_template_is_the_header_of_the_return(
    kind: ReturnKind, client: Client, tmp_path: Path
) -> None:
    response = client.get(reverse("data_standard:template", kwargs={"kind": kind}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="tri-{kind.value}-template.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows == [list(table_schema(kind).names)]
    path = tmp_path / response["Content-Disposition"].split('"')[1]
    path.write_bytes(response.content)
    assert detect_kind(path) == kind


@pytest.mark.parametrize("kind", list(ReturnKind))
def test_the_table_schema_is_the_published_json(kind: ReturnKind, client: Client) -> None:
    response = client.get(reverse("data_standard:schema", kwargs={"kind": kind}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Content-Disposition" not in response
    assert response.content.decode("utf-8") == schema_json(kind)


@pytest.mark.parametrize(
    "path",
    [
        "nonsense.csv",
        "employee.csv",
        "employee-return.xlsx",
        "recruitment.json",
        "EMPLOYEE-RETURN.json",
        "employee-return/",
    ],
)
def test_an_unknown_return_is_not_found(path: str, client: Client) -> None:
    assert client.get(PAGE + path).status_code == 404


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("data_standard:page", {}),
        ("data_standard:template", {"kind": "recruitment-return"}),
        ("data_standard:schema", {"kind": "employee-return"}),
    ],
)
def test_anyone_may_read_the_standard_without_signing_in(
    name: str, kwargs: dict[str, str], client: Client
) -> None:
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_the_upload_page_links_to_the_standard_and_its_templates(client: Client) -> None:
    own = org_with_roles(slug="own")
    client.force_login(own.editor)

    page = Page(client.get(reverse("returns:upload", kwargs={"org": "own"})).content.decode())

    assert reverse("data_standard:page") in page.links
    for kind in ReturnKind:
        assert reverse("data_standard:template", kwargs={"kind": kind}) in page.links
