"""The Standard engine's exceptions. Each names the file, and the row or field, at fault."""

from __future__ import annotations

import yaml


class StandardError(Exception):
    """Base of every error the Standard engine raises.

    `source` names the file (or other input) at fault; `problems` lists every problem found in
    one pass, each naming its row or field. `str()` gives one line.
    """

    def __init__(self, source: str, problems: list[str] | tuple[str, ...]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.source}: {'; '.join(self.problems)}"


class StandardDataError(StandardError):
    """A Standard data file is malformed or inconsistent."""


class UnknownVersionError(StandardError):
    """A Standard or version that the catalogue does not hold was asked for."""


class ResponseError(StandardError):
    """A set of responses does not fit the Standard it claims to answer."""


def describe_yaml_error(exc: yaml.YAMLError) -> str:
    """`line 3: not valid YAML (expected ',' or ']', but got '<stream end>')`."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    where = f"line {mark.line + 1}: " if mark is not None else ""
    return f"{where}not valid YAML" + (f" ({problem})" if problem else "")
