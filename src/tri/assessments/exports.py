"""Files in and out of an assessment: the xlsx workbook (the same as `tri score --format xlsx`)
and response files from `tri template`, read by the engine."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from tri.assessments import engine
from tri.assessments.models import Answer, Assessment
from tri.reports import report_xlsx
from tri.standard import ResponseSet, StandardError, parse_responses

MAX_RESPONSE_FILE_BYTES = 1024 * 1024


def assessment_xlsx(assessment: Assessment, answers: Iterable[Answer]) -> tuple[bytes, str]:
    report = engine.score_answers(assessment, answers)
    name = f"tri-{assessment.organisation.slug}-{assessment.period}".replace(" ", "-")
    return report_xlsx(report, engine.next_steps(report)), f"{name}.xlsx"


def parse_response_upload(upload: UploadedFile) -> ResponseSet:
    """Read an uploaded response file (YAML, or JSON by its name). Every problem the engine
    finds is reported at once, naming the file and the row or field."""
    name = (upload.name or "responses.yaml").rsplit("/", 1)[-1]
    if upload.size is not None and upload.size > MAX_RESPONSE_FILE_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 1 MB: it cannot be a response file.") % {"name": name}
        )
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            _("%(name)s is not a text file. Upload the YAML or JSON response file.")
            % {"name": name}
        ) from None
    try:
        return parse_responses(text, name, as_json=name.lower().endswith(".json"))
    except StandardError as error:
        raise ValidationError(error.message) from None
