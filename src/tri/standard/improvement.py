"""What each row needs next: the descriptor of the next level up."""

from __future__ import annotations

from dataclasses import dataclass

from tri.standard.model import Level
from tri.standard.scoring import ScoreReport


@dataclass(frozen=True, slots=True)
class Improvement:
    """`row` is at `current` (None if unanswered); reaching `next` means meeting `text`."""

    row: str
    category: str
    current: Level | None
    next: Level
    text: str

    @property
    def sentence(self) -> str:
        return f"To reach {self.next.label}: {self.text}"


def improvements(report: ScoreReport) -> tuple[Improvement, ...]:
    """For every row below the highest level it offers, the next level up and its descriptor,
    in document order. A row already at its highest level (Leading, or Established where the row
    stops there) needs nothing more."""
    found = []
    for category_score in report.categories:
        for row in category_score.rows:
            points = row.points
            above = [level for level in row.criterion.levels if level.points > points]
            if above:
                found.append(
                    Improvement(
                        row=row.criterion.id,
                        category=category_score.category.id,
                        current=row.level,
                        next=above[0],
                        text=row.criterion.descriptors[above[0]],
                    )
                )
    return tuple(found)
