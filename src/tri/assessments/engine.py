"""Glue between stored answers and the Standard engine. Scoring is the engine's: this module
only turns answers into a ResponseSet and asks `tri.standard.score`."""

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings

from tri.assessments.models import Answer, Assessment
from tri.standard import (
    CELC_TRI,
    Catalogue,
    Improvement,
    Level,
    Response,
    ResponseSet,
    ScoreReport,
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
