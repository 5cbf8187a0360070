from typing import Any

from django import template
from django.utils.translation import gettext as _

from tri.assessments.enums import AssessmentStatus, LevelChoice
from tri.assessments.models import AnswerRevision
from tri.reports import category_level_label, ranges_text
from tri.standard import Level, LevelRanges

register = template.Library()

_FIELD_LABELS = {
    "level": _("Level"),
    "evidence": _("Evidence"),
    "owner": _("Owner"),
    "target_on": _("Target date"),
    "link": _("Link"),
    "title": _("What it shows"),
    "file": _("File"),
}


def _show(field: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if field == "level":
        return str(LevelChoice(value).label)
    return str(value)


@register.simple_tag
def revision_changes(revision: AnswerRevision) -> list[tuple[str, str, str]]:
    """(field, before, after) for each field a revision changed."""
    fields = [f for f in _FIELD_LABELS if f in revision.before or f in revision.after]
    return [
        (
            str(_FIELD_LABELS[f]),
            _show(f, revision.before.get(f)),
            _show(f, revision.after.get(f)),
        )
        for f in fields
        if revision.before.get(f) != revision.after.get(f)
    ]


@register.filter
def level_name(level: Level | None) -> str:
    return category_level_label(level)


@register.filter
def answer_level(key: str) -> str:
    return str(LevelChoice(key).label) if key else _("Not answered")


@register.filter
def ranges(value: LevelRanges) -> str:
    return ranges_text(value)


@register.filter
def descriptor(criterion: Any, level: Level) -> str:
    return criterion.descriptors.get(level, "")


@register.filter
def dashed(row: str) -> str:
    return row.replace(".", "-")


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


_STATUS_TAGS = {
    AssessmentStatus.DRAFT: "govuk-tag--blue",
    AssessmentStatus.SUBMITTED: "govuk-tag--green",
    AssessmentStatus.IN_REVIEW: "govuk-tag--yellow",
    AssessmentStatus.REVIEWED: "govuk-tag--orange",
    AssessmentStatus.MODERATED: "govuk-tag--purple",
    AssessmentStatus.FINAL: "govuk-tag--turquoise",
}


@register.filter
def status_tag_class(status: str) -> str:
    """The GOV.UK tag colour for an assessment status."""
    return _STATUS_TAGS.get(AssessmentStatus(status), "govuk-tag--grey")
