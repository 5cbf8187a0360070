"""Glue between stored answers and the Standard engine. Scoring is the engine's: this module
only turns answers into a ResponseSet and asks `tri.standard.score`."""

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404

from tri.assessments.models import Answer, Assessment
from tri.standard import (
    CELC_TRI,
    Catalogue,
    Category,
    Improvement,
    Level,
    Response,
    ResponseSet,
    ScoreReport,
    Section,
    Standard,
    improvements,
    score,
)


@cache
def _catalogue(folders: tuple[str, ...]) -> Catalogue:
    return Catalogue.load(*(Path(folder) for folder in folders))


def catalogue() -> Catalogue:
    """Every Standard version the service offers: the package's, plus TRI_STANDARDS_PATH."""
    return _catalogue(tuple(settings.TRI_STANDARDS_PATH))


def current_standard() -> Standard:
    return catalogue().get(CELC_TRI)


def standard_of(assessment: Assessment) -> Standard:
    return catalogue().get(assessment.standard_id, assessment.standard_version)


def version_choices() -> list[tuple[str, str]]:
    """(version, name) of every version of the Standard on offer, for a form's choices."""
    return [(s.version, s.name) for s in catalogue().versions(CELC_TRI)]


def _sections(assessment: Assessment) -> list[tuple[Category, Section]]:
    return [(c, s) for c in standard_of(assessment).categories for s in c.sections]


def find_section(assessment: Assessment, section_id: str) -> tuple[Category, Section]:
    """A category page's section (a category, or a sub-table 2a–2e) and its category; 404 if the
    assessment's version has none by that id."""
    for category, section in _sections(assessment):
        if section.id == section_id:
            return category, section
    raise Http404("No such category")


def section_of(assessment: Assessment, row: str) -> Section:
    """The section holding criterion `row`; 404 for an unknown criterion."""
    for _category, section in _sections(assessment):
        if any(c.id == row for c in section.criteria):
            return section
    raise Http404("No such criterion")


def neighbouring_sections(
    assessment: Assessment, section: Section
) -> tuple[Section | None, Section | None]:
    """The sections before and after `section`, for previous/next links."""
    sections = [s for _c, s in _sections(assessment)]
    index = [s.id for s in sections].index(section.id)
    return (
        sections[index - 1] if index > 0 else None,
        sections[index + 1] if index + 1 < len(sections) else None,
    )


def level_of(answer: Answer) -> Level | None:
    return Level.from_key(answer.level) if answer.level else None


def response_set(assessment: Assessment, answers: Iterable[Answer]) -> ResponseSet:
    return ResponseSet(
        standard_id=assessment.standard_id,
        version=assessment.standard_version,
        organisation=assessment.organisation.name,
        responses={
            answer.criterion_id: Response(level=level_of(answer), evidence=answer.evidence)
            for answer in answers
            if answer.level
        },
        source=str(assessment),
    )


def score_answers(assessment: Assessment, answers: Iterable[Answer]) -> ScoreReport:
    """The engine's report for these answers (all of the assessment's, already fetched)."""
    return score(standard_of(assessment), response_set(assessment, answers))


def next_steps(report: ScoreReport) -> tuple[Improvement, ...]:
    return improvements(report)
