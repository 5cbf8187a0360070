"""The workforce engine's one family of errors.

Every problem names the file and, where it can, the column and the rows at fault. Rows are
numbered as a spreadsheet numbers them: the header is row 1, so the first record is row 2.
Problems are collected in one pass over the file and raised together, so a person fixes
everything at once instead of one error per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: How many example rows a problem lists before it says "and N more".
EXAMPLE_ROWS = 5


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    `rows` holds up to EXAMPLE_ROWS example rows (with the value found in each, if any);
    `count` is how many rows have the problem in all.
    """

    file: str
    message: str
    column: str | None = None
    rows: tuple[tuple[int, str | None], ...] = ()
    count: int = 0

    def __str__(self) -> str:
        where = self.file
        if len(self.rows) == 1 and self.count <= 1:
            row, value = self.rows[0]
            where += f" row {row}"
            if self.column is not None:
                where += f", column {self.column}"
            shown = f' ("{value}")' if value is not None else ""
            return f"{where}: {self.message}{shown}"
        if self.column is not None:
            where += f", column {self.column}"
        if not self.rows:
            return f"{where}: {self.message}"
        examples = ", ".join(
            f'{row} ("{value}")' if value is not None else str(row) for row, value in self.rows
        )
        more = self.count - len(self.rows)
        tail = f" and {more:,} more" if more > 0 else ""
        return f"{where}: {self.message} in {self.count:,} rows: rows {examples}{tail}"


@dataclass(eq=False)
class WorkforceError(Exception):
    """Something wrong with a workforce input. Carries every problem found."""

    problems: Sequence[Problem] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def message(self) -> str:
        count = len(self.problems)
        if count == 1:
            return str(self.problems[0])
        lines = [f"{count} problems found:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)

    @classmethod
    def one(cls, file: str, message: str, column: str | None = None) -> WorkforceError:
        return cls((Problem(file=file, message=message, column=column),))


class UnmappedEthnicityError(WorkforceError):
    """Ethnicity labels that neither the standard mapping nor the council's own file knows."""
