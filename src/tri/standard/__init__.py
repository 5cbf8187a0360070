"""The CELC Tackling Racial Inequality Standard: versions as data, scoring, consistency checks.

This is the engine's public surface; everything else in the package is private. No web
framework, no I/O beyond reading data and response files.
"""

from tri.standard.catalogue import CELC_TRI, Catalogue, parse_standard
from tri.standard.consistency import Finding, FindingKind, check_consistency
from tri.standard.crosswalk import CarriedRow, carry_forward
from tri.standard.errors import (
    ResponseError,
    StandardDataError,
    StandardError,
    UnknownVersionError,
)
from tri.standard.improvement import Improvement, improvements
from tri.standard.model import (
    PRACTICE_LEVELS,
    Category,
    Change,
    Criterion,
    Crosswalk,
    CrosswalkEntry,
    GlossaryEntry,
    Level,
    LevelRanges,
    ScoreRange,
    Section,
    Standard,
)
from tri.standard.ranges import derive_ranges
from tri.standard.responses import Response, ResponseSet, load_responses, parse_responses
from tri.standard.scoring import CategoryScore, RowScore, ScoreReport, check_responses, score
from tri.standard.stats import (
    QUARTERS,
    Quartiles,
    percentile,
    quarter,
    quartiles,
    sorted_percentile,
)

__all__ = [
    "CELC_TRI",
    "PRACTICE_LEVELS",
    "QUARTERS",
    "CarriedRow",
    "Catalogue",
    "Category",
    "CategoryScore",
    "Change",
    "Criterion",
    "Crosswalk",
    "CrosswalkEntry",
    "Finding",
    "FindingKind",
    "GlossaryEntry",
    "Improvement",
    "Level",
    "LevelRanges",
    "Quartiles",
    "Response",
    "ResponseError",
    "ResponseSet",
    "RowScore",
    "ScoreRange",
    "ScoreReport",
    "Section",
    "Standard",
    "StandardDataError",
    "StandardError",
    "UnknownVersionError",
    "carry_forward",
    "check_consistency",
    "check_responses",
    "derive_ranges",
    "improvements",
    "load_responses",
    "parse_responses",
    "parse_standard",
    "percentile",
    "quarter",
    "quartiles",
    "score",
    "sorted_percentile",
]
