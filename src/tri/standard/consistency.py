"""Check a version of the Standard against itself: ranges and repeated criteria."""

from __future__ import annotations

import enum
import itertools
import re
from dataclasses import dataclass

from tri.standard.model import PRACTICE_LEVELS, Criterion, Standard
from tri.standard.ranges import derive_ranges


class FindingKind(enum.Enum):
    RANGE = "range"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Finding:
    """One inconsistency. `subject` is a category id (ranges) or two row ids (duplicates)."""

    kind: FindingKind
    subject: tuple[str, ...]
    message: str


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _repeated_levels(first: Criterion, second: Criterion) -> list[str]:
    return [
        level.key
        for level in PRACTICE_LEVELS
        if first.offers(level)
        and second.offers(level)
        and _normalise(first.descriptors[level]) == _normalise(second.descriptors[level])
    ]


def check_consistency(standard: Standard) -> tuple[Finding, ...]:
    """Every place where the published ranges differ from the ranges the methodology derives
    (one finding per category and level), then every pair of rows whose descriptor for some
    level repeats the other's word for word (ignoring case, spacing and punctuation).

    The published ranges stay authoritative for levels; these findings inform the next version.
    """
    findings: list[Finding] = []
    for category in standard.categories:
        derived = dict(derive_ranges(category))
        for level, published in category.published_ranges:
            if derived[level] != published:
                findings.append(
                    Finding(
                        kind=FindingKind.RANGE,
                        subject=(category.id,),
                        message=(
                            f"Category {category.id} {level.label}: published {published}, "
                            f"derived from the rows {derived[level]}"
                        ),
                    )
                )
    for first, second in itertools.combinations(standard.criteria, 2):
        repeated = _repeated_levels(first, second)
        if repeated:
            findings.append(
                Finding(
                    kind=FindingKind.DUPLICATE,
                    subject=(first.id, second.id),
                    message=(
                        f"Row {second.id} repeats row {first.id}: "
                        f"same {' and '.join(repeated)} descriptor"
                    ),
                )
            )
    return tuple(findings)
