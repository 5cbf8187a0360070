"""Derive a category's score ranges from its rows, by the Standard's own methodology.

From "Scoring against the categories" (seed 000, Annex 2):

* Developing runs from 0 to "scoring all available developing practice combined with reaching
  all available established practice in the remaining criteria, where the developing practice
  is not available".
* Established runs from just above that to "meeting all available established practice combined
  with reaching all available leading practice in the remaining criteria, where established
  practice is not available".
* Leading runs from just above that to "meeting all the leading practices within the category".
"""

from __future__ import annotations

from tri.standard.model import Category, Criterion, Level, LevelRanges, ScoreRange


def _developing_top(criterion: Criterion) -> int:
    # A row's Developing level if it has one, else its Established level; a Leading-only row adds
    # nothing (Category 1: "2 points ... + 8 points ... = 10 points" leaves out 1.7 and 1.8).
    for level in (Level.DEVELOPING, Level.ESTABLISHED):
        if criterion.offers(level):
            return level.points
    return 0


def _established_top(criterion: Criterion) -> int:
    # A row's Established level if it has one, else its Leading level. A Developing-only row
    # keeps its 1 point: Category 6's published Established top (23) counts 6.1 that way.
    for level in (Level.ESTABLISHED, Level.LEADING, Level.DEVELOPING):
        if criterion.offers(level):
            return level.points
    return 0


def derive_ranges(category: Category) -> LevelRanges:
    """The ranges the methodology gives for this category's rows."""
    developing_top = sum(_developing_top(criterion) for criterion in category.criteria)
    established_top = sum(_established_top(criterion) for criterion in category.criteria)
    return LevelRanges(
        developing=ScoreRange(0, developing_top),
        established=ScoreRange(developing_top + 1, established_top),
        leading=ScoreRange(established_top + 1, category.max_points),
    )
