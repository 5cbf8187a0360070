"""Carry responses from one version of the Standard to the next, through its crosswalk."""

from __future__ import annotations

from dataclasses import dataclass

from tri.standard.errors import ResponseError
from tri.standard.model import Change, Level, Standard
from tri.standard.responses import Response, ResponseSet
from tri.standard.scoring import check_responses


@dataclass(frozen=True, slots=True)
class CarriedRow:
    """What happened to one row when responses were carried forward. `needs_review` is true
    wherever a person must confirm the carried level (changed text, merged rows, new rows)."""

    row: str | None
    change: Change
    replaces: tuple[str, ...]
    level: Level | None
    needs_review: bool
    note: str


def carry_forward(
    responses: ResponseSet, old: Standard, new: Standard
) -> tuple[ResponseSet, tuple[CarriedRow, ...]]:
    """Map responses to `old` onto `new` using `new`'s crosswalk, so that next year's assessment
    starts from last year's and scores can be compared row by row.

    Unchanged rows keep their level. A changed row keeps its level if the new row offers it. A
    merged row takes the *lowest* level claimed among the rows it replaces (a claim must hold for
    all of them). New rows start unanswered. Everything but an unchanged row is marked for review.
    Evidence is carried with the level.
    """
    check_responses(old, responses)
    crosswalk = new.crosswalk
    if crosswalk is None or crosswalk.from_version != old.version:
        raise ResponseError(
            responses.source,
            [f"version {new.version} has no crosswalk from version {old.version}"],
        )
    carried: dict[str, Response] = {}
    report: list[CarriedRow] = []
    for entry in crosswalk.entries:
        sources = [responses.responses.get(row) for row in entry.replaces]
        answered = [s for s in sources if s is not None and s.level is not None]
        level: Level | None = None
        note = entry.note
        if entry.row is not None and answered and len(answered) == len(sources):
            level = min((s.level for s in answered if s.level), key=lambda lv: lv.points)
            if not new.criterion(entry.row).offers(level):
                note = f"{level.label} is no longer offered for row {entry.row}"
                level = None
        if entry.row is not None and level is not None:
            evidence = "\n\n".join(s.evidence for s in answered if s.evidence)
            carried[entry.row] = Response(level=level, evidence=evidence)
        report.append(
            CarriedRow(
                row=entry.row,
                change=entry.change,
                replaces=entry.replaces,
                level=level,
                needs_review=entry.change is not Change.UNCHANGED,
                note=note,
            )
        )
    return (
        ResponseSet(
            standard_id=new.id,
            version=new.version,
            responses=carried,
            organisation=responses.organisation,
            source=responses.source,
        ),
        tuple(report),
    )
