"""Publishing, the public site, its data twins and data packages, and the open data API."""

import csv
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.factories.returns import csv_bytes, employee_frame, upload
from tests.factories.rounds import RoundSetup
from tests.publication.conftest import SECRET_EVIDENCE, accepted, readable
from tri.common.models import AuditEvent
from tri.publication import services
from tri.publication.models import Publication

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
ALL = ["statement", "assessment", "workforce", "targets"]


def publish(world: RoundSetup, parts: list[str] | None = None) -> Publication:
    return services.publish(
        organisation=world.a.organisation, parts=parts or ALL, actor=world.a.approver
    )


def test_a_publication_freezes_only_what_anyone_may_see(world: RoundSetup) -> None:
    publication = publish(world)
    document = publication.document
    snapshot = accepted(world)

    assert publication.version == 1
    assert document["parts"] == ALL
    assert document["statement"]["decision"].startswith("Full Council")
    assert document["assessment"]["finalised_on"]
    levels = {c["id"]: c["level"] for c in document["assessment"]["categories"]}
    assert levels["1"] != ""
    # Workforce figures are the disclosure-controlled ones, never the full ones.
    assert document["workforce"]["figures"] == snapshot.published
    assert document["workforce"]["figures"] != snapshot.full
    assert document["workforce"]["figures"]["settings"]["suppression"] is True
    assert document["targets"][0]["measure"] == "disclosure.not_disclosed_pct"
    assert AuditEvent.objects.filter(verb="publication.published").count() == 1


def test_publishing_again_makes_a_new_version_and_the_old_one_never_changes(
    world: RoundSetup, tmp_path
) -> None:
    first = publish(world, ["workforce"])
    before = json.dumps(first.document)
    client = Client()
    # Seen once before the new version, so its rendered body is in the cache.
    assert "A newer version" not in client.get("/public/o/borough-a/v1/").content.decode()
    upload(
        world.a.organisation,
        world.a.editor,
        csv_bytes(employee_frame(500, seed=9), tmp_path),
        snapshot_on=accepted(world).snapshot_on.replace(year=2026),
    )
    second = publish(world, ["workforce"])

    first.refresh_from_db()
    assert second.version == 2
    assert json.dumps(first.document) == before
    assert second.document["workforce"]["snapshot_on"] != first.document["workforce"]["snapshot_on"]
    old = client.get("/public/o/borough-a/v1/")
    assert old.status_code == 200
    assert "A newer version (2) has been published" in old.content.decode()
    assert "immutable" in old["Cache-Control"]


@pytest.mark.parametrize(
    ("who", "parts", "error"),
    [
        ("editor", ALL, PermissionDenied),
        ("other", ALL, PermissionDenied),
        ("approver", [], ValidationError),
        ("approver", ["statement", "gossip"], ValidationError),
    ],
)
def test_refused_publications_change_nothing(world: RoundSetup, who: str, parts, error) -> None:  # type: ignore[no-untyped-def]
    actor = {"editor": world.a.editor, "approver": world.a.approver, "other": world.b.approver}[who]
    with pytest.raises(error):
        services.publish(organisation=world.a.organisation, parts=parts, actor=actor)
    assert not Publication.objects.exists()


def test_a_part_with_nothing_behind_it_is_refused_by_name(world: RoundSetup) -> None:
    with pytest.raises(ValidationError, match="levels against the Standard"):
        services.publish(
            organisation=world.b.organisation, parts=["assessment"], actor=world.b.approver
        )
    assert not Publication.objects.exists()


def test_the_publish_page_explains_a_refusal_without_a_traceback(world: RoundSetup) -> None:
    client = Client()
    client.force_login(world.b.approver)
    response = client.post("/o/borough-b/publish/", {"parts": ["assessment"]})
    assert response.status_code == 400
    assert "There is nothing to publish for" in response.content.decode()
    client.force_login(world.a.editor)
    assert client.post("/o/borough-a/publish/", {"parts": ALL}).status_code == 403
    client.force_login(world.a.approver)
    response = client.post("/o/borough-a/publish/", {"parts": ALL})
    assert response.status_code == 302
    assert Publication.objects.get().version == 1


def test_public_pages_and_their_twins(world: RoundSetup) -> None:
    publish(world)
    client = Client()
    index = client.get("/public/")
    assert index.status_code == 200
    body = index.content.decode()
    assert "Borough A" in body
    assert "Borough B" not in body
    page = client.get("/public/o/borough-a/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Open Government Licence" in text
    assert "Full Council" in text
    assert client.get("/public/o/borough-b/").status_code == 404
    assert client.get("/public/o/borough-a/v2/").status_code == 404

    as_json = client.get("/public/o/borough-a.json").json()
    assert as_json["version"] == 1
    assert as_json["licence"]["name"] == "OGL-UK-3.0"
    rows = list(
        csv.DictReader(io.StringIO(client.get("/public/o/borough-a/v1.csv").content.decode()))
    )
    tables = {row["table"] for row in rows}
    assert {
        "statement",
        "assessment",
        "workforce_headlines",
        "workforce_figures",
        "targets",
    } <= tables
    assert client.get("/public/london/").status_code == 200
    assert client.get("/public/london.json").json()["organisations"] == 1
    assert client.get("/public/london.csv").status_code == 200


def test_each_version_is_a_frictionless_data_package(world: RoundSetup) -> None:
    publish(world)
    client = Client()
    package = client.get("/public/o/borough-a/v1/datapackage.json").json()
    assert package["name"] == "tri-borough-a-v1"
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    for resource in package["resources"]:
        path = resource["path"].removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200, path
        header = next(csv.reader(io.StringIO(response.content.decode())))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/public/o/borough-a/v1/datapackage.zip").content)
    )
    inside = json.loads(archive.read("datapackage.json"))
    for resource in inside["resources"]:
        assert resource["path"] in archive.namelist()
    assert client.get("/public/o/borough-a/v1/data/nothing.csv").status_code == 404


def test_cors_lets_any_page_read_what_is_published(world: RoundSetup) -> None:
    publish(world)
    response = Client().get("/api/v1/organisations", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    private = Client().get("/accounts/sign-in/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in private


# ---------------------------------------------------------------- the API


def test_the_api_serves_its_openapi_description_and_published_documents(world: RoundSetup) -> None:
    publish(world)
    client = Client()
    assert client.get("/api/").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "tri open data API"
    assert "/api/v1/organisations/{slug}/versions/{version}" in schema["paths"]
    listing = client.get("/api/v1/organisations").json()
    assert listing["count"] == 1
    assert listing["items"][0]["slug"] == "borough-a"
    latest = client.get("/api/v1/organisations/borough-a").json()
    assert latest["document"]["version"] == 1
    assert client.get("/api/v1/organisations/borough-a/versions").json()["count"] == 1
    assert client.get("/api/v1/organisations/borough-a/versions/1").status_code == 200
    assert client.get("/api/v1/organisations/borough-a/versions/9").status_code == 404
    assert client.get("/api/v1/organisations/borough-b").status_code == 404
    assert client.get("/api/v1/statement/adoptions").json()["count"] == 1
    assert client.get("/api/v1/london").json()["organisations"] == 1
    assert client.post("/api/v1/organisations").status_code == 405


def test_the_api_is_rate_limited_by_address(world: RoundSetup) -> None:
    from tri.publication.api import THROTTLE

    throttle = THROTTLE
    saved = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate = "3/m"
    throttle.num_requests, throttle.duration = throttle.parse_rate("3/m")
    cache.clear()
    try:
        client = Client()
        statuses = [client.get("/api/v1/london").status_code for _ in range(5)]
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = saved
        cache.clear()
    assert statuses == [200, 200, 200, 429, 429]


# ---------------------------------------------------------------- nothing unpublished leaks


def _everything_public(client: Client) -> list[tuple[str, str]]:
    """Every public page, download and API response reachable by following the public site,
    as (url, what it says as text)."""
    urls = ["/public/", "/public/london/", "/public/london.json", "/public/london.csv", "/api/"]
    urls += [
        "/api/v1/organisations",
        "/api/v1/london",
        "/api/v1/statement/adoptions",
        "/api/v1/openapi.json",
        "/statement/",
        "/statement/register.json",
        "/statement/register.csv",
    ]
    for slug in ("borough-a", "borough-b"):
        urls += [
            f"/public/o/{slug}/",
            f"/public/o/{slug}.json",
            f"/public/o/{slug}.csv",
            f"/public/o/{slug}/v1/",
            f"/public/o/{slug}/v1.json",
            f"/public/o/{slug}/v1.csv",
            f"/public/o/{slug}.xlsx",
            f"/public/o/{slug}/v1.xlsx",
            f"/public/o/{slug}.pdf",
            f"/public/o/{slug}/v1.pdf",
            f"/public/o/{slug}/v1/datapackage.json",
            f"/api/v1/organisations/{slug}",
            f"/api/v1/organisations/{slug}/versions",
            f"/api/v1/organisations/{slug}/versions/1",
        ]
    found = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            found.append((url, readable(response["Content-Type"], response.content)))
    return found


def _full_only_values(full: dict[str, Any], published: dict[str, Any]) -> list[str]:
    """Counts in the full figures that disclosure control hid (as text, e.g. '"count": 4')."""
    hidden = []
    groups = full["profile"]["groups"]
    for group, entry in groups.items():
        shown = published["profile"]["groups"].get(group, {})
        if isinstance(entry, dict) and entry.get("count") and shown.get("count") is None:
            hidden.append(group)
    return hidden


def test_nothing_unpublished_is_reachable_anonymously(world: RoundSetup) -> None:
    publish(world, ["statement", "assessment", "workforce"])
    snapshot = accepted(world)
    assert snapshot.full is not None
    assert snapshot.published is not None
    client = Client()
    bodies = _everything_public(client)
    assert len(bodies) > 15
    downloads = {f"/public/o/borough-a{end}" for end in (".xlsx", "/v1.xlsx", ".pdf", "/v1.pdf")}
    assert downloads <= {url for url, _body in bodies}
    everything = "\n".join(body for _url, body in bodies)
    # B published nothing: its draft level, evidence and name never appear.
    assert SECRET_EVIDENCE not in everything
    assert "Borough B" not in everything
    # No evidence file, draft or assessment page is public.
    for path in (
        f"/o/borough-a/assessments/{world.assessment_a.pk}/",
        f"/o/borough-b/assessments/{world.assessment_b.pk}/",
        f"/o/borough-a/workforce/snapshots/{snapshot.pk}/",
        f"/o/borough-a/workforce/snapshots/{snapshot.pk}/figures.csv",
    ):
        assert client.get(path).status_code in (302, 404), path
    # The full figures never: each published document quotes the published form only.
    for url, body in bodies:
        if url.endswith(("a.json", "v1.json", "/versions/1")) and "borough-a" in url:
            data = json.loads(body)
            document = data.get("document", data)
            assert document["workforce"]["figures"] == snapshot.published, url
            assert document["workforce"]["figures"] != snapshot.full, url
    assert _full_only_values(snapshot.full, snapshot.published), "nothing was hidden"
