"""The workforce pages over HTTP: upload, progress, dashboard, downloads, targets, the London
view and accepting a data-linked suggestion in an assessment."""

import csv
import io
from datetime import date

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import coordinator, member, org_with_roles
from tests.factories.returns import csv_bytes, employee_frame, upload, upload_file
from tri.assessments import services as assessment_services
from tri.assessments.enums import LevelChoice
from tri.assessments.models import DataEvidence
from tri.organisations.enums import Role
from tri.returns import demo
from tri.returns.enums import ReturnStatus
from tri.returns.models import Target, WorkforceReturn

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def own():  # type: ignore[no-untyped-def]
    return org_with_roles(slug="own", ons_code="E09000007")


@pytest.fixture
def editor_client(own, client: Client) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(own.editor)
    return client


@pytest.fixture
def two_years(own, tmp_path):  # type: ignore[no-untyped-def]
    first = upload(
        own.organisation,
        own.editor,
        csv_bytes(employee_frame(1200, seed=1, snapshot=date(2024, 3, 31)), tmp_path, "a.csv"),
        snapshot_on=date(2024, 3, 31),
    )
    second = upload(
        own.organisation,
        own.editor,
        csv_bytes(employee_frame(1300, seed=2), tmp_path, "b.csv"),
        snapshot_on=date(2025, 3, 31),
    )
    return first, second


def url(name: str, org: str = "own", **kwargs: object) -> str:
    return reverse(f"returns:{name}", kwargs={"org": org, **kwargs})


def test_upload_page_says_what_is_kept(editor_client) -> None:  # type: ignore[no-untyped-def]
    page = editor_client.get(url("upload")).content.decode()
    assert "tri never keeps your rows" in page
    assert "Then the file is deleted" in page


def test_uploading_a_return_processes_it_and_shows_it_accepted(
    editor_client, own, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        url("upload"),
        {
            "snapshot_on": "2025-03-31",
            "upload": upload_file(csv_bytes(employee_frame(300), tmp_path)),
        },
    )

    return_ = WorkforceReturn.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("status", pk=return_.pk)
    assert return_.status == ReturnStatus.COMPLETE
    status = editor_client.get(response["Location"]).content.decode()
    assert "Return accepted" in status
    assert "The uploaded file has been deleted" in status
    fragment = editor_client.get(response["Location"], headers={"HX-Request": "true"})
    assert fragment.status_code == 286  # htmx stops asking
    assert "Return accepted" in fragment.content.decode()
    listed = editor_client.get(url("list")).content.decode()
    assert '<td class="govuk-table__cell">Employee return</td>' in listed
    assert f">{return_.headcount:,}</td>" in listed


def test_a_refused_return_shows_a_table_of_rows_columns_and_messages(
    editor_client, own, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    frame = employee_frame(300).with_columns(pl.col("hourly_pay").cast(pl.String))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("n/a"))
        .otherwise(pl.col("hourly_pay"))
        .alias("hourly_pay")
    )

    editor_client.post(
        url("upload"),
        {"snapshot_on": "2025-03-31", "upload": upload_file(csv_bytes(frame, tmp_path))},
    )
    return_ = WorkforceReturn.objects.get()
    page = editor_client.get(url("status", pk=return_.pk)).content.decode()

    assert return_.status == ReturnStatus.FAILED
    assert "This return was not accepted" in page
    problems = page.split('id="problems"')[1]
    assert '<td class="govuk-table__cell">4</td>' in problems
    assert "hourly_pay" in problems
    assert "is not a number" in problems
    assert "n/a" not in problems


def test_a_file_over_the_size_limit_is_refused_with_a_message(
    editor_client, own, tmp_path, settings, returns_dir
) -> None:  # type: ignore[no-untyped-def]
    settings.TRI_RETURN_MAX_BYTES = 5_000
    response = editor_client.post(
        url("upload"),
        {
            "snapshot_on": "2025-03-31",
            "upload": upload_file(csv_bytes(employee_frame(300), tmp_path)),
        },
    )

    assert response.status_code == 400
    assert "larger than the" in response.content.decode()
    assert WorkforceReturn.objects.count() == 0
    assert not returns_dir.exists() or list(returns_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"snapshot_on": ""}, "Enter the snapshot date."),
        ({"snapshot_on": "2999-01-01"}, "must be today or in the past"),
        ({"snapshot_on": "31/13/2025"}, "Enter the snapshot date as a real date"),
        (
            {"snapshot_on": "2025-03-31", "band_order": "A, B, A"},
            "Each pay band should appear once",
        ),
    ],
)
def test_upload_form_errors_name_the_field(editor_client, data, message) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(url("upload"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert WorkforceReturn.objects.count() == 0


def test_a_file_of_the_wrong_kind_is_explained_on_the_form(editor_client, own) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        url("upload"),
        {
            "snapshot_on": "2025-03-31",
            "upload": upload_file(
                b"application_ref,ethnicity,stage_reached\nA1,Indian,applied\n", "apps.csv"
            ),
        },
    )
    assert response.status_code == 400
    assert "apps.csv looks like a recruitment return" in response.content.decode()


def test_dashboard_shows_trends_targets_and_the_latest_figures(
    editor_client, own, two_years
) -> None:  # type: ignore[no-untyped-def]
    Target.objects.create(
        organisation=own.organisation,
        measure="senior.top_5pct_ethnic_minority_pct",
        milestones={"2022": 25.0, "2023": 35.0, "2024": 45.0, "2025": 50.0},
    )
    page = editor_client.get(url("dashboard")).content.decode()

    assert "Trends across snapshots" in page
    assert "Not disclosed went from" in page
    assert "Ethnic minority share of the top 5% of earners" in page
    assert "Full internal figures" in page
    assert 'class="tri-chart tri-chart--line"' in page
    assert "What the figures suggest for the Standard" in page
    assert "Pay gaps" in page
    # The organisation's targets are shown, so the report's note that none was given is not.
    assert "No target was given" not in page


def test_an_aggregate_return_headlines_only_what_it_can_give(editor_client, own, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = demo.as_aggregate(employee_frame(1300, seed=2))
    accepted = upload(own.organisation, own.editor, csv_bytes(counts, tmp_path, "counts.csv"))
    assert accepted.status == ReturnStatus.COMPLETE
    assert accepted.kind == "aggregate"

    headlines = editor_client.get(url("dashboard")).context["headlines"]

    assert [h.label for h in headlines] == [
        "Staff in post",
        "Not disclosed",
        "Mean pay gap, ethnic minority",
    ]
    assert all(h.value != "–" for h in headlines)


def test_dashboard_suggestions_show_the_level_and_the_figure_behind_it(
    editor_client, own, two_years
) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.get(url("dashboard"))
    page = response.content.decode()
    suggestions = response.context["suggestions"]

    assert len(suggestions) == 6
    for suggestion in suggestions:
        level = LevelChoice(suggestion.level).label if suggestion.level else "No suggestion"
        sentences = escape(f"{suggestion.figure}. {suggestion.reason}")
        assert f'<td class="govuk-table__cell">{level}</td>' in page, suggestion.rule.id
        assert sentences in page, suggestion.rule.id
    assert any(s.level for s in suggestions)


def test_target_years_are_written_in_the_measures_unit(editor_client, own, two_years) -> None:  # type: ignore[no-untyped-def]
    Target.objects.create(
        organisation=own.organisation,
        measure="relative_likelihood.formal_disciplinary",
        direction="at_most",
        milestones={"2024": 1.5, "2026": 1.0},
    )
    Target.objects.create(
        organisation=own.organisation,
        measure="disclosure.not_disclosed_pct",
        direction="at_most",
        milestones={"2024": 12, "2026": 6},
    )
    response = editor_client.get(url("targets"))
    ratio, share = response.context["targets"]

    assert [row[1][0] for row in ratio.rows] == ["1.50", "1.25", "1.00"]
    assert [row[1][0] for row in share.rows] == ["12.0%", "9.0%", "6.0%"]
    assert all(row[1][1] == "–" or row[1][1].endswith("%") for row in share.rows)
    assert not any(row[1][1].endswith("%") for row in ratio.rows)


def test_coordinator_sees_the_published_figures_only(own, two_years, client) -> None:  # type: ignore[no-untyped-def]
    _first, latest = two_years
    client.force_login(coordinator())

    page = client.get(url("dashboard")).content.decode()
    download = client.get(url("csv", pk=latest.pk)).content.decode()

    assert "Full internal figures" not in page
    assert "suppressed" in page
    rows = list(csv.DictReader(io.StringIO(download)))
    assert any(row["shown"] == "suppressed" for row in rows)
    assert client.get(url("upload")).status_code == 403
    assert client.get(url("list")).status_code == 403


def test_downloads_are_a_workbook_and_a_csv(editor_client, own, two_years) -> None:  # type: ignore[no-untyped-def]
    _first, latest = two_years
    workbook = editor_client.get(url("xlsx", pk=latest.pk))
    table = editor_client.get(url("csv", pk=latest.pk))
    trends = editor_client.get(url("trends_csv"))

    assert workbook.content[:2] == b"PK"
    assert 'filename="own-workforce-2025-03-31.xlsx"' in workbook["Content-Disposition"]
    assert table.content.decode().splitlines()[0] == "section,table,row,column,shown,value"
    trend_rows = list(csv.DictReader(io.StringIO(trends.content.decode())))
    assert {row["snapshot_on"] for row in trend_rows} == {"2024-03-31", "2025-03-31"}


def test_setting_a_target_and_its_errors(editor_client, own, two_years) -> None:  # type: ignore[no-untyped-def]
    bad = editor_client.post(
        url("targets"),
        {
            "measure": "senior.top_5pct_ethnic_minority_pct",
            "direction": "at_least",
            "milestones": "2024=abc",
        },
    )
    assert bad.status_code == 400
    assert "2024=abc" in bad.content.decode()

    good = editor_client.post(
        url("targets"),
        {
            "measure": "senior.top_5pct_ethnic_minority_pct",
            "direction": "at_least",
            "milestones": "2022=25, 2023=35, 2024=45, 2025=50",
        },
    )
    assert good.status_code == 302
    target = Target.objects.get()
    assert target.milestones == {"2022": 25.0, "2023": 35.0, "2024": 45.0, "2025": 50.0}
    page = editor_client.get(url("targets")).content.decode()
    assert "Ethnic minority share of the top 5% of earners" in page

    changed = editor_client.post(
        url("target_edit", pk=target.pk), {"direction": "at_least", "milestones": "2025=40"}
    )
    assert changed.status_code == 302
    target.refresh_from_db()
    assert (target.measure, target.milestones) == (
        "senior.top_5pct_ethnic_minority_pct",
        {"2025": 40.0},
    )


def test_london_page_names_organisations_only_to_the_coordinator(
    own, two_years, client, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    other = org_with_roles(slug="other", name="Other Borough", ons_code="E09000022")
    upload(
        other.organisation, other.editor, csv_bytes(employee_frame(350, seed=8), tmp_path, "o.csv")
    )

    client.force_login(coordinator())
    named_response = client.get(reverse("london:workforce"))
    named = named_response.content.decode()
    client.force_login(own.viewer)
    anonymous = client.get(reverse("london:workforce")).content.decode()

    assert "Other Borough" in named
    assert own.organisation.name in named
    staff = named_response.context["picture"]["headcount"]
    assert staff > 1000
    assert f'Staff</dt><dd class="govuk-heading-m">{staff:,}</dd>' in named
    assert "Other Borough" not in anonymous
    assert own.organisation.name in anonymous
    assert "Organisation " in anonymous
    assert "London-wide workforce figures" in anonymous


def test_accepting_a_suggestion_sets_the_level_and_keeps_the_figure_as_evidence(
    editor_client, own, two_years
) -> None:  # type: ignore[no-untyped-def]
    _first, latest = two_years
    draft = assessment_services.start_assessment(
        organisation=own.organisation, period="2025", actor=own.editor
    )
    page = editor_client.get(
        reverse("assessments:category", kwargs={"org": "own", "pk": draft.pk, "section": "3"})
    ).content.decode()
    assert "What your workforce figures at 31 March 2025 suggest" in page
    answer = draft.answers.get(criterion_id="3.3")

    response = editor_client.post(
        reverse(
            "assessments:suggestion_accept", kwargs={"org": "own", "pk": draft.pk, "row": "3.3"}
        ),
        {
            "rule": "disclosure-rate/1",
            "return_id": str(latest.pk),
            "revision": str(answer.revision),
        },
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    evidence = DataEvidence.objects.get(answer=answer)
    assert answer.level == evidence.level
    assert (evidence.rule, evidence.snapshot_on, evidence.return_id) == (
        "disclosure-rate/1",
        date(2025, 3, 31),
        latest.pk,
    )
    assert "have not disclosed" in evidence.figure


def test_a_stale_suggestion_is_not_applied(editor_client, own, two_years) -> None:  # type: ignore[no-untyped-def]
    first, _latest = two_years
    draft = assessment_services.start_assessment(
        organisation=own.organisation, period="2025", actor=own.editor
    )
    answer = draft.answers.get(criterion_id="3.3")

    editor_client.post(
        reverse(
            "assessments:suggestion_accept", kwargs={"org": "own", "pk": draft.pk, "row": "3.3"}
        ),
        {"rule": "disclosure-rate/1", "return_id": str(first.pk), "revision": str(answer.revision)},
    )

    answer.refresh_from_db()
    assert answer.level == ""
    assert DataEvidence.objects.count() == 0


def test_a_viewer_cannot_accept_a_suggestion(own, two_years, client) -> None:  # type: ignore[no-untyped-def]
    _first, latest = two_years
    draft = assessment_services.start_assessment(
        organisation=own.organisation, period="2025", actor=own.editor
    )
    client.force_login(member(own.organisation, Role.VIEWER))
    response = client.post(
        reverse(
            "assessments:suggestion_accept", kwargs={"org": "own", "pk": draft.pk, "row": "3.3"}
        ),
        {"rule": "disclosure-rate/1", "return_id": str(latest.pk), "revision": "0"},
    )
    assert response.status_code == 403
    assert DataEvidence.objects.count() == 0
