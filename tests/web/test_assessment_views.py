"""The assessment pages over HTTP: bad input gets a clear message and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import coordinator, org_with_roles
from tri.assessments import services
from tri.assessments.models import Answer, AnswerRevision, EvidenceFile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def setup():  # type: ignore[no-untyped-def]
    return org_with_roles(slug="camden", name="Camden")


@pytest.fixture
def draft(setup):  # type: ignore[no-untyped-def]
    return services.start_assessment(
        organisation=setup.organisation, period="2025", actor=setup.editor
    )


@pytest.fixture
def editor_client(setup, client: Client) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(setup.editor)
    return client


def url(draft, name: str, **kwargs: object) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"assessments:{name}", kwargs={"org": "camden", "pk": draft.pk, **kwargs})


def level_of(draft, row: str) -> str:  # type: ignore[no-untyped-def]
    return Answer.objects.get(assessment=draft, criterion_id=row).level


def test_saving_a_criterion_redirects_to_it_and_updates_the_score(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        url(draft, "criterion", row="1.6"), {"c-1-6-level": "leading", "c-1-6-revision": "0"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/categories/1/#c-1-6")
    page = editor_client.get(url(draft, "category", section="1"))
    assert "Criterion 1.6 saved." in page.content.decode()
    assert 'class="tri-score__points">3 <span' in page.content.decode()


def test_htmx_save_returns_the_block_and_the_score_panel(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        url(draft, "criterion", row="1.6"),
        {"c-1-6-level": "leading", "c-1-6-revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('id="c-1-6"') == 1
    assert 'id="score-panel" class="tri-score" aria-live="polite" hx-swap-oob="true"' in body
    assert "Criterion 1.6 saved." in body


def test_a_tampered_level_is_refused_with_a_message_naming_the_criterion(
    editor_client, draft
) -> None:  # type: ignore[no-untyped-def]
    # 4.5 offers Leading only: a forged "developing" must not be stored.
    response = editor_client.post(
        url(draft, "criterion", row="4.5"), {"c-4-5-level": "developing", "c-4-5-revision": "0"}
    )
    assert response.status_code == 400
    assert "Criterion 4.5 does not offer that level. Choose Not yet or one of: Leading." in (
        response.content.decode()
    )
    assert level_of(draft, "4.5") == ""
    assert AnswerRevision.objects.count() == 0


def test_a_stale_form_is_refused_and_shows_the_other_persons_answer(setup, client, draft) -> None:  # type: ignore[no-untyped-def]
    other_editor = setup.editor
    services.record_answer(
        answer=Answer.objects.get(assessment=draft, criterion_id="1.1"),
        actor=other_editor,
        level="leading",
        evidence="Theirs",
        owner=None,
        target_on=None,
        seen_revision=0,
    )
    client.force_login(setup.editor)
    response = client.post(
        url(draft, "criterion", row="1.1"),
        {"c-1-1-level": "developing", "c-1-1-evidence": "Mine", "c-1-1-revision": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "after you opened this page. Your changes were not saved." in body
    assert level_of(draft, "1.1") == "leading"
    assert "Theirs</textarea>" in body


def test_wrong_type_evidence_file_is_refused_over_http(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("budget.xlsx", b"MZ\x90\x00" + b"\x00" * 100)
    response = editor_client.post(url(draft, "file_add", row="1.1"), {"c-1-1-file-file": upload})
    assert response.status_code == 400
    assert "budget.xlsx is not a file type we accept, judging by its content." in (
        response.content.decode()
    )
    assert EvidenceFile.objects.count() == 0


def test_oversize_evidence_file_is_refused_over_http(editor_client, draft, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRI_EVIDENCE_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    response = editor_client.post(url(draft, "file_add", row="1.1"), {"c-1-1-file-file": upload})
    assert response.status_code == 400
    assert "big.pdf is larger than 1 MB. Upload a smaller file." in response.content.decode()
    assert EvidenceFile.objects.count() == 0


def test_evidence_file_downloads_as_an_attachment(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    editor_client.post(
        url(draft, "file_add", row="1.1"), {"c-1-1-file-file": SimpleUploadedFile("m.pdf", pdf)}
    )
    stored = EvidenceFile.objects.get()
    response = editor_client.get(url(draft, "file", file=stored.pk))
    assert response["Content-Disposition"] == 'attachment; filename="m.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf


def test_import_shows_changes_before_applying_them(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    text = 'standard: celc-tri\nversion: "14"\nresponses:\n  "1.1": {level: leading, evidence: "Minutes"}\n  "1.2":\n'
    upload = SimpleUploadedFile("ours.yaml", text.encode())
    preview = editor_client.post(url(draft, "import"), {"file": upload})
    assert preview.status_code == 200
    assert "ours.yaml would change 1 criterion" in preview.content.decode()
    assert level_of(draft, "1.1") == ""
    applied = editor_client.post(url(draft, "import_apply"))
    assert applied.status_code == 302
    assert level_of(draft, "1.1") == "leading"
    assert AnswerRevision.objects.get().kind == "imported"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.yaml", "responses: [unclosed", "bad.yaml"),
        ("rows.yaml", 'standard: celc-tri\nversion: "14"\nresponses:\n  "9.9": leading\n', "9.9"),
        (
            "level.yaml",
            'standard: celc-tri\nversion: "14"\nresponses:\n  "4.5": developing\n',
            "4.5",
        ),
        ("old.yaml", 'standard: celc-tri\nversion: "13"\nresponses: {}\n', "version"),
    ],
)
def test_a_bad_response_file_is_refused_naming_the_problem(
    editor_client, draft, name, text, message
) -> None:  # type: ignore[no-untyped-def]
    response = editor_client.post(
        url(draft, "import"), {"file": SimpleUploadedFile(name, text.encode())}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert message in body
    assert "Traceback" not in body
    assert Answer.objects.exclude(level="").count() == 0


def test_a_stale_import_applies_nothing(setup, editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    text = 'standard: celc-tri\nversion: "14"\nresponses:\n  "1.1": leading\n  "1.2": developing\n'
    editor_client.post(url(draft, "import"), {"file": SimpleUploadedFile("r.yaml", text.encode())})
    services.record_answer(
        answer=Answer.objects.get(assessment=draft, criterion_id="1.2"),
        actor=setup.editor,
        level="established",
        evidence="",
        owner=None,
        target_on=None,
        seen_revision=0,
    )
    response = editor_client.post(url(draft, "import_apply"), follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert (level_of(draft, "1.1"), level_of(draft, "1.2")) == ("", "established")


def test_xlsx_export_matches_the_command_line_layout(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    from io import BytesIO

    from openpyxl import load_workbook

    editor_client.post(
        url(draft, "criterion", row="1.1"), {"c-1-1-level": "leading", "c-1-1-revision": "0"}
    )
    response = editor_client.get(url(draft, "export_xlsx"))
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["Summary", "Category 1"]
    assert workbook.sheetnames[-1] == "Next steps"
    assert [c.value for c in workbook["Summary"][4]][:5] == [
        "1",
        "Strategic Leadership and Management",
        3,
        22,
        "Developing",
    ]


def test_coordinator_reads_submitted_work_and_other_boroughs_get_404(setup, draft, client) -> None:  # type: ignore[no-untyped-def]
    other = org_with_roles(slug="lambeth")
    services.submit_assessment(assessment=draft, actor=setup.approver)
    client.force_login(other.editor)
    assert client.get(url(draft, "overview")).status_code == 404
    client.force_login(coordinator())
    page = client.get(url(draft, "overview"))
    assert page.status_code == 200
    assert "Sign off and submit" not in page.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_page_lists_assessments_in_fixed_queries(
    setup, client, django_assert_num_queries, count
) -> None:  # type: ignore[no-untyped-def]
    for year in range(count):
        services.start_assessment(
            organisation=setup.organisation, period=f"{2020 + year}", actor=setup.editor
        )
    client.force_login(setup.editor)
    # session, user, roles, peer review grants, organisation, assessments
    with django_assert_num_queries(6):
        response = client.get(reverse("organisations:detail", kwargs={"org": "camden"}))
    assert response.content.decode().count("/assessments/") >= count


# Category 2a holds a data-linked criterion (2a.8): one more query looks for the organisation's
# latest workforce snapshot. Every page prefetches accepted data evidence (one query).
@pytest.mark.parametrize(("section", "queries"), [("1", 11), ("2a", 12)])
def test_category_page_queries_do_not_grow_with_answers(
    setup, editor_client, draft, django_assert_num_queries, section, queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(queries):
        editor_client.get(url(draft, "category", section=section))


def test_template_download_names_the_organisation_and_reads_back(editor_client, draft) -> None:  # type: ignore[no-untyped-def]
    from tri.standard import parse_responses

    draft.organisation.name = 'Camden "Demo" Council'
    draft.organisation.save()
    response = editor_client.get(url(draft, "template"))
    responses = parse_responses(response.content.decode(), "template.yaml")
    assert responses.organisation == 'Camden "Demo" Council'
    assert (responses.standard_id, responses.version) == ("celc-tri", "14")
