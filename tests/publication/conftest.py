import io
from pathlib import Path

import openpyxl
import pytest

from tests.factories import coordinator
from tests.factories.returns import csv_bytes, employee_frame, upload
from tests.factories.rounds import RoundSetup, finalise_a, round_with_pair
from tests.factories.statement import confirmed
from tests.pdf_reading import pdf_text
from tri.returns import services as return_services
from tri.returns.models import WorkforceReturn

#: Planted in what must never be published, so a leak can be searched for.
SECRET_EVIDENCE = "Evidence nobody outside may read 7f3a"  # noqa: S105 - not a password


@pytest.fixture(autouse=True)
def returns_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "returns"
    settings.TRI_RETURNS_DIR = folder
    return folder


@pytest.fixture
def world(tmp_path: Path) -> RoundSetup:
    """Borough A: Statement confirmed, a final round assessment, an accepted return and a
    target. Borough B: a signed-off (not final) assessment with planted evidence, nothing
    published."""
    setup = round_with_pair(the_coordinator=coordinator())
    finalise_a(setup, {"1.1": "established", "3.3": "leading"})
    confirmed(setup.a.organisation, setup.a.approver, setup.coordinator)
    upload(setup.a.organisation, setup.a.editor, csv_bytes(employee_frame(400, seed=3), tmp_path))
    return_services.set_target(
        organisation=setup.a.organisation,
        measure="disclosure.not_disclosed_pct",
        direction="at_most",
        milestones={2024: 12.0, 2026: 5.0},
        actor=setup.a.editor,
    )
    answer = setup.assessment_b.answers.get(criterion_id="1.1")
    from tri.assessments import services as assessment_services

    assessment_services.record_answer(
        answer=answer,
        actor=setup.b.editor,
        level="leading",
        evidence=SECRET_EVIDENCE,
        owner=None,
        target_on=None,
        seen_revision=answer.revision,
    )
    return setup


def accepted(setup: RoundSetup) -> WorkforceReturn:
    return WorkforceReturn.objects.get(organisation=setup.a.organisation, status="complete")


def readable(content_type: str, content: bytes) -> str:
    """What a response says, as text: a PDF's text, every cell of a workbook, or the body."""
    if content_type == "application/pdf":
        return pdf_text(content)
    if content_type.startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return content.decode()
