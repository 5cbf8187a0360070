"""The assessment services, through real data: scores come from the engine."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import coordinator, org_with_roles
from tri.assessments import engine, services
from tri.assessments.models import Answer, AnswerRevision, EvidenceFile
from tri.common.models import AuditEvent
from tri.standard import Level

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WORKED_EXAMPLE = {
    "1.1": "established",
    "1.2": "developing",
    "1.3": "established",
    "1.4": "established",
    "1.5": "established",
    "1.6": "leading",
    "1.7": "none",
    "1.8": "leading",
}
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def answer(assessment, row: str) -> Answer:  # type: ignore[no-untyped-def]
    return assessment.answers.get(criterion_id=row)


def save(assessment, row, level, actor, evidence=""):  # type: ignore[no-untyped-def]
    current = answer(assessment, row)
    return services.record_answer(
        answer=current,
        actor=actor,
        level=level,
        evidence=evidence,
        owner=None,
        target_on=None,
        seen_revision=current.revision,
    )


@pytest.fixture
def setup():  # type: ignore[no-untyped-def]
    return org_with_roles()


@pytest.fixture
def draft(setup):  # type: ignore[no-untyped-def]
    return services.start_assessment(
        organisation=setup.organisation, period="2025", actor=setup.editor
    )


def test_start_creates_one_unanswered_answer_per_criterion(draft) -> None:  # type: ignore[no-untyped-def]
    assert draft.answers.count() == 69
    assert draft.answers.exclude(level="").count() == 0
    assert (draft.standard_id, draft.standard_version, draft.status) == ("celc-tri", "14", "draft")


def test_start_refuses_a_second_assessment_for_the_same_period(setup, draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.start_assessment(
            organisation=setup.organisation, period="2025", actor=setup.editor
        )
    assert "already has an assessment for “2025”" in str(error.value)


def test_start_is_refused_to_a_viewer(setup) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.start_assessment(organisation=setup.organisation, period="x", actor=setup.viewer)


def test_worked_example_scores_15_established(setup, draft) -> None:  # type: ignore[no-untyped-def]
    for row, level in WORKED_EXAMPLE.items():
        save(draft, row, level, setup.editor)
    report = engine.score_answers(draft, draft.answers.all())
    category = report.category("1")
    assert (category.points, category.level) == (15, Level.ESTABLISHED)
    assert [r.points for r in category.rows] == [2, 1, 2, 2, 2, 3, 0, 3]


def test_record_answer_writes_a_revision_with_before_and_after(setup, draft) -> None:  # type: ignore[no-untyped-def]
    save(draft, "1.1", "developing", setup.editor, evidence="Board minutes")
    saved = save(draft, "1.1", "established", setup.editor, evidence="Board minutes")
    revision = AnswerRevision.objects.filter(answer=saved).first()
    assert revision is not None
    assert (revision.actor, revision.before["level"], revision.after["level"]) == (
        setup.editor,
        "developing",
        "established",
    )
    assert saved.revision == 2
    assert AuditEvent.objects.filter(verb="answer.changed").count() == 2


def test_saving_an_unchanged_answer_writes_nothing(setup, draft) -> None:  # type: ignore[no-untyped-def]
    save(draft, "1.1", "developing", setup.editor)
    save(draft, "1.1", "developing", setup.editor)
    assert AnswerRevision.objects.count() == 1


def test_a_level_the_row_does_not_offer_is_refused_and_changes_nothing(setup, draft) -> None:  # type: ignore[no-untyped-def]
    # 1.7 offers only Established and Leading; 4.5 only Leading.
    with pytest.raises(ValidationError) as error:
        save(draft, "4.5", "developing", setup.editor)
    assert "Criterion 4.5 does not offer “developing”" in str(error.value)
    assert answer(draft, "4.5").level == ""
    assert AnswerRevision.objects.count() == 0


def test_a_stale_save_is_refused_and_changes_nothing(setup, draft) -> None:  # type: ignore[no-untyped-def]
    loaded = answer(draft, "1.1")
    save(draft, "1.1", "leading", setup.editor)
    with pytest.raises(services.StaleAnswerError) as error:
        services.record_answer(
            answer=loaded,
            actor=setup.editor,
            level="developing",
            evidence="",
            owner=None,
            target_on=None,
            seen_revision=loaded.revision,
        )
    assert "saved criterion 1.1" in str(error.value)
    assert answer(draft, "1.1").level == "leading"


def test_submitted_assessment_is_locked_and_coordinator_never_edits(setup, draft) -> None:  # type: ignore[no-untyped-def]
    services.submit_assessment(assessment=draft, actor=setup.approver)
    for person in (setup.editor, coordinator()):
        with pytest.raises(PermissionDenied):
            save(draft, "1.1", "leading", person)
    assert answer(draft, "1.1").level == ""


def test_only_an_approver_submits_and_returns_with_a_reason(setup, draft) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.submit_assessment(assessment=draft, actor=setup.editor)
    submitted = services.submit_assessment(assessment=draft, actor=setup.approver)
    assert submitted.is_submitted
    with pytest.raises(ValidationError):
        services.return_to_draft(assessment=submitted, reason="  ", actor=setup.approver)
    returned = services.return_to_draft(
        assessment=submitted, reason="Evidence for 2a.8 is out of date", actor=setup.approver
    )
    assert returned.is_draft
    event = AuditEvent.objects.filter(verb="assessment.returned").get()
    assert event.data == {
        "reason": "Evidence for 2a.8 is out of date",
        "from": "submitted",
        "cycles_ended": 1,
    }


def test_each_sign_off_keeps_its_answers_in_a_review_cycle(setup, draft) -> None:  # type: ignore[no-untyped-def]
    save(draft, "1.1", "established", setup.editor)
    services.submit_assessment(assessment=draft, actor=setup.approver)
    services.return_to_draft(assessment=draft, reason="Rework 1.1", actor=setup.approver)
    save(draft, "1.1", "leading", setup.editor)
    services.submit_assessment(assessment=draft, actor=setup.approver)
    first, second = draft.cycles.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot["1.1"]["level"] == "established"
    assert (first.return_reason, first.returned_by) == ("Rework 1.1", setup.approver)
    assert second.snapshot["1.1"]["level"] == "leading"
    assert second.is_current
    assert not first.is_current


def test_the_assessment_survives_its_editor_leaving(setup, draft) -> None:  # type: ignore[no-untyped-def]
    from tri.assessments.queries import visible_assessments
    from tri.organisations.queries import forget_roles

    save(draft, "1.1", "leading", setup.editor)
    # People who leave are deactivated, never deleted: the audit trail keeps their name.
    setup.editor.is_active = False
    setup.editor.save()
    forget_roles(setup.editor)
    assert list(visible_assessments(setup.editor)) == []
    assert list(visible_assessments(setup.approver)) == [draft]
    assert answer(draft, "1.1").updated_by == setup.editor
    assert services.submit_assessment(assessment=draft, actor=setup.approver).is_submitted


def test_evidence_file_is_checked_by_content(setup, draft) -> None:  # type: ignore[no-untyped-def]
    target = answer(draft, "1.1")
    stored = services.add_evidence_file(
        answer=target, upload=SimpleUploadedFile("minutes.pdf", PDF), actor=setup.editor
    )
    assert (stored.name, stored.content_type, stored.size) == (
        "minutes.pdf",
        "application/pdf",
        len(PDF),
    )
    stored_name = str(stored.file.name)
    assert storages["evidence"].exists(stored_name)
    assert "minutes" not in stored_name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200,
            "report.pdf is not a file type we accept",
        ),
        ("notes.txt", b"\x00\x01\x02binary", "notes.txt is not a file type we accept"),
        ("empty.pdf", b"", "empty.pdf is empty"),
    ],
)
def test_wrong_type_or_empty_evidence_file_is_refused(setup, draft, name, content, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.add_evidence_file(
            answer=answer(draft, "1.1"),
            upload=SimpleUploadedFile(name, content),
            actor=setup.editor,
        )
    assert message in str(error.value)
    assert EvidenceFile.objects.count() == 0
    assert AnswerRevision.objects.count() == 0


def test_oversize_evidence_file_is_refused(setup, draft, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRI_EVIDENCE_MAX_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        services.add_evidence_file(
            answer=answer(draft, "1.1"),
            upload=SimpleUploadedFile("big.pdf", big),
            actor=setup.editor,
        )
    assert "big.pdf is larger than 1 MB" in str(error.value)
    assert EvidenceFile.objects.count() == 0


def test_copy_carries_answers_links_and_files_into_a_new_draft(setup, draft) -> None:  # type: ignore[no-untyped-def]
    save(draft, "1.1", "leading", setup.editor, evidence="Cabinet report")
    target = answer(draft, "1.1")
    services.add_evidence_link(
        answer=target, url="https://example.org/r", title="Report", actor=setup.editor
    )
    services.add_evidence_file(
        answer=target, upload=SimpleUploadedFile("a.pdf", PDF), actor=setup.editor
    )
    draft = services.submit_assessment(assessment=draft, actor=setup.approver)
    copy = services.copy_assessment(source=draft, period="2026", actor=setup.editor)
    carried = answer(copy, "1.1")
    assert (copy.is_draft, copy.copied_from, carried.level, carried.evidence) == (
        True,
        draft,
        "leading",
        "Cabinet report",
    )
    assert [link.title for link in carried.links.all()] == ["Report"]
    assert [f.name for f in carried.files.all()] == ["a.pdf"]
    assert answer(copy, "1.2").level == ""
    # The source stays as it was, submitted.
    draft.refresh_from_db()
    assert draft.is_submitted


def test_copy_across_versions_follows_the_crosswalk(setup, draft, settings) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import FIXTURES

    settings.TRI_STANDARDS_PATH = [str(FIXTURES)]
    save(draft, "2a.2", "leading", setup.editor)
    save(draft, "2c.6", "established", setup.editor)
    save(draft, "1.1", "leading", setup.editor)
    draft = services.submit_assessment(assessment=draft, actor=setup.approver)
    copy = services.copy_assessment(
        source=draft, period="2026", actor=setup.editor, standard_version="15"
    )
    assert copy.standard_version == "15"
    assert answer(copy, "1.1").level == "leading"
    merged = answer(copy, "2a.2")
    # Merged rows take the lowest claim and must be reviewed.
    assert (merged.level, merged.needs_review) == ("established", True)
    # Version 15's 2c.6 is Version 14's 2c.7, which was not answered.
    assert answer(copy, "2c.6").level == ""
    assert copy.answers.count() == 69
    assert answer(copy, "3.7").level == ""
