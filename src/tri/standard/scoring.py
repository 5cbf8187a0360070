"""Score a set of responses against a version of the Standard."""

from __future__ import annotations

from dataclasses import dataclass

from tri.standard.errors import ResponseError
from tri.standard.model import Category, Criterion, Level, Standard
from tri.standard.responses import ResponseSet


@dataclass(frozen=True, slots=True)
class RowScore:
    """One row's result. `level` is None when the row was not answered."""

    criterion: Criterion
    level: Level | None
    evidence: str = ""

    @property
    def points(self) -> int:
        return 0 if self.level is None else self.level.points

    @property
    def is_answered(self) -> bool:
        return self.level is not None


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """A category's points and the level its published ranges give them.

    `level` is None when no row of the category was answered: an unassessed category is not
    "Developing".
    """

    category: Category
    rows: tuple[RowScore, ...]
    level: Level | None
    warnings: tuple[str, ...]

    @property
    def points(self) -> int:
        return sum(row.points for row in self.rows)

    @property
    def max_points(self) -> int:
        return self.category.max_points

    @property
    def answered(self) -> int:
        return sum(row.is_answered for row in self.rows)

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(row.criterion.id for row in self.rows if not row.is_answered)


@dataclass(frozen=True, slots=True)
class ScoreReport:
    standard: Standard
    organisation: str
    categories: tuple[CategoryScore, ...]

    def category(self, category_id: str) -> CategoryScore:
        for category_score in self.categories:
            if category_score.category.id == category_id:
                return category_score
        raise KeyError(category_id)

    @property
    def rows(self) -> tuple[RowScore, ...]:
        return tuple(row for category in self.categories for row in category.rows)


def check_responses(standard: Standard, responses: ResponseSet) -> None:
    """Raise ResponseError listing every response that does not fit this version."""
    problems: list[str] = []
    if responses.standard_id != standard.id:
        problems.append(f"field standard: {responses.standard_id!r} is not {standard.id!r}")
    if responses.version != standard.version:
        problems.append(
            f"field version: responses are for version {responses.version}, "
            f"not version {standard.version}"
        )
    known = {criterion.id: criterion for criterion in standard.criteria}
    for row, response in responses.responses.items():
        criterion = known.get(row)
        if criterion is None:
            problems.append(f"row {row}: not a criterion of version {standard.version}")
        elif response.level is not None and not criterion.offers(response.level):
            offered = ", ".join(level.key for level in criterion.levels)
            problems.append(
                f'row {row}: does not offer "{response.level.key}" (offers none, {offered})'
            )
    if problems:
        raise ResponseError(responses.source, problems)


def score(standard: Standard, responses: ResponseSet) -> ScoreReport:
    """Score each row at the points of the level claimed (0 if none or unanswered), each category
    at the sum of its rows, and read each category's level from its *published* ranges.

    Raises ResponseError, naming every offending row, if the responses are for another Standard
    or version, name a row the version does not have, or claim a level a row does not offer.
    Points above the published maximum are kept and reported as a warning.
    """
    check_responses(standard, responses)
    return ScoreReport(
        standard=standard,
        organisation=responses.organisation,
        categories=tuple(_score_category(category, responses) for category in standard.categories),
    )


def _score_category(category: Category, responses: ResponseSet) -> CategoryScore:
    rows = tuple(
        RowScore(
            criterion=criterion,
            level=responses.level_of(criterion.id),
            evidence=response.evidence
            if (response := responses.responses.get(criterion.id))
            else "",
        )
        for criterion in category.criteria
    )
    points = sum(row.points for row in rows)
    answered = sum(row.is_answered for row in rows)
    ranges = category.published_ranges
    warnings: list[str] = []
    if answered == 0:
        return CategoryScore(category, rows, None, ("Not assessed: no row answered",))
    if answered < len(rows):
        unanswered = [row.criterion.id for row in rows if not row.is_answered]
        warnings.append(
            f"{len(unanswered)} of {len(rows)} rows unanswered, counted as 0 points: "
            + ", ".join(unanswered)
        )
    if points > ranges.maximum:
        warnings.append(
            f"{points} points is above the published maximum of {ranges.maximum}; "
            "read as Leading, not capped"
        )
    return CategoryScore(category, rows, ranges.level_for(points), tuple(warnings))
