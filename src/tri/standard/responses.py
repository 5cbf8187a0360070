"""Responses to the Standard: what an organisation claims for each row, and the file format.

A response file is YAML or JSON::

    standard: celc-tri
    version: "14"
    organisation: London Borough of Example
    responses:
      "1.1": established
      "1.2": {level: developing, evidence: "Job descriptions for the EDI board, 2023"}
      "1.3":            # blank: not assessed yet

Levels are named none, developing, established or leading. A row that is absent or blank is
unanswered; `none` is an answer (the organisation meets no level of the row).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tri.standard.errors import ResponseError, describe_yaml_error
from tri.standard.model import Level

_FIELDS = ("standard", "version", "organisation", "responses")
_BLANK = ("", "~", "null")


@dataclass(frozen=True, slots=True)
class Response:
    """The level claimed for one row (None if not assessed yet) and the evidence offered."""

    level: Level | None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class ResponseSet:
    """An organisation's responses to one version of a Standard."""

    standard_id: str
    version: str
    responses: Mapping[str, Response] = field(hash=False)
    organisation: str = ""
    source: str = field(default="responses", compare=False)

    def level_of(self, row: str) -> Level | None:
        response = self.responses.get(row)
        return None if response is None else response.level


def load_responses(path: Path) -> ResponseSet:
    """Read a response file (YAML, or JSON when the name ends in .json)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResponseError(source, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponseError(source, [f"cannot be read ({exc.__class__.__name__})"]) from None
    return parse_responses(text, source, as_json=path.suffix.lower() == ".json")


def parse_responses(text: str, source: str, *, as_json: bool = False) -> ResponseSet:
    """Parse the text of a response file, or raise ResponseError listing every problem.

    YAML is read with every scalar as text, so that `1.10` stays "1.10" (not the number 1.1)
    and `version: 14` reads as "14".
    """
    try:
        document = json.loads(text) if as_json else yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only str, list and dict
    except json.JSONDecodeError as exc:
        raise ResponseError(source, [f"line {exc.lineno}: not valid JSON ({exc.msg})"]) from None
    except yaml.YAMLError as exc:
        raise ResponseError(source, [describe_yaml_error(exc)]) from None

    if not isinstance(document, Mapping):
        raise ResponseError(source, ["expected fields standard, version, organisation, responses"])
    problems = [
        f"field {key!r}: not a field of a response file (expected {', '.join(_FIELDS)})"
        for key in document
        if key not in _FIELDS
    ]
    standard_id = _scalar(document.get("standard"))
    version = _scalar(document.get("version"))
    organisation = _scalar(document.get("organisation")) or ""
    if not standard_id:
        problems.append("field standard: missing (for example: celc-tri)")
    if not version:
        problems.append('field version: missing (for example: "14")')
    rows = document.get("responses")
    responses: dict[str, Response] = {}
    if not isinstance(rows, Mapping):
        problems.append("field responses: missing, or not a mapping of row id to level")
        rows = {}
    for row, value in rows.items():
        response = _parse_response(str(row), value, problems)
        if response is not None:
            responses[str(row)] = response
    if problems:
        raise ResponseError(source, problems)
    return ResponseSet(
        standard_id=standard_id or "",
        version=version or "",
        responses=responses,
        organisation=organisation,
        source=source,
    )


def _scalar(value: object) -> str | None:
    if value is None or isinstance(value, Mapping | list):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return None if text in _BLANK else text


def _parse_response(row: str, value: object, problems: list[str]) -> Response | None:
    evidence = ""
    if isinstance(value, Mapping):
        unknown = [key for key in value if key not in ("level", "evidence")]
        if unknown:
            problems.append(f"row {row}: unknown field {unknown[0]!r} (expected level, evidence)")
        evidence = _scalar(value.get("evidence")) or ""
        value = value.get("level")
    elif isinstance(value, list):
        problems.append(f"row {row}: expected one level, not a list")
        return None
    text = _scalar(value)
    if text is None:
        return Response(level=None, evidence=evidence) if evidence else None
    try:
        level = Level.from_key(text)
    except KeyError:
        problems.append(
            f"row {row}: {text!r} is not a level (use none, developing, established or leading)"
        )
        return None
    return Response(level=level, evidence=evidence)
