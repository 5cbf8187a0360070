"""The workforce data standard: three returns, published as Frictionless Table Schemas.

The JSON files in `data/schemas/` are the standard; this module reads them, so the published
schema and the validation can never drift apart. The dataframely schemas below describe the
clean frames the engine works on once a return has been read and checked.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

import dataframely as dy

from tri.workforce.ethnicity import ALL_GROUPS, CATEGORIES

STAGES: Final = ("applied", "longlisted", "shortlisted", "interviewed", "offered", "appointed")
SHORTLISTED: Final = STAGES.index("shortlisted")
APPOINTED: Final = STAGES.index("appointed")


class ReturnKind(enum.StrEnum):
    EMPLOYEE = "employee-return"
    RECRUITMENT = "recruitment-return"
    AGGREGATE = "aggregate-return"


#: Columns that must be present even where a blank value is allowed in them.
PRESENT_COLUMNS: Final = {
    ReturnKind.EMPLOYEE: ("ethnicity", "hourly_pay"),
    ReturnKind.RECRUITMENT: ("ethnicity",),
    ReturnKind.AGGREGATE: (),
}


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a return, as its Table Schema describes it."""

    name: str
    type: str
    title: str
    description: str
    required: bool
    unique: bool
    minimum: float | None
    maximum: float | None
    enum: tuple[str, ...] | None
    true_values: tuple[str, ...]
    false_values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableSchema:
    kind: ReturnKind
    title: str
    description: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def required_columns(self) -> tuple[str, ...]:
        present = PRESENT_COLUMNS[self.kind]
        return tuple(f.name for f in self.fields if f.required or f.name in present)


def schema_json(kind: ReturnKind) -> str:
    """The published Table Schema, as JSON text."""
    path = resources.files("tri.workforce") / "data" / "schemas" / f"{kind.value}.json"
    return path.read_text(encoding="utf-8")


@cache
def table_schema(kind: ReturnKind) -> TableSchema:
    descriptor: dict[str, Any] = json.loads(schema_json(kind))
    fields = []
    for raw in descriptor["fields"]:
        constraints = raw.get("constraints", {})
        enum_values = constraints.get("enum")
        fields.append(
            Field(
                name=raw["name"],
                type=raw["type"],
                title=raw.get("title", raw["name"]),
                description=raw.get("description", ""),
                required=bool(constraints.get("required", False)),
                unique=bool(constraints.get("unique", False)),
                minimum=constraints.get("minimum"),
                maximum=constraints.get("maximum"),
                enum=tuple(enum_values) if enum_values is not None else None,
                true_values=tuple(raw.get("trueValues", ())),
                false_values=tuple(raw.get("falseValues", ())),
            )
        )
    return TableSchema(
        kind=kind,
        title=descriptor["title"],
        description=descriptor["description"],
        fields=tuple(fields),
    )


_CATEGORY_NAMES = [c.name for c in CATEGORIES]


class Employees(dy.Schema):
    """An employee return after checking: no references, ethnicity mapped, bands as indexes."""

    category = dy.Enum(_CATEGORY_NAMES, nullable=False)
    group = dy.Enum(list(ALL_GROUPS), nullable=False)
    sex = dy.String(nullable=True)
    band = dy.UInt16(nullable=False)
    hourly_pay = dy.Float64(nullable=True, min=0)
    bonus_pay = dy.Float64(nullable=True, min=0)
    fte = dy.Float64(nullable=True)
    directorate = dy.String(nullable=True)
    leadership_tier = dy.String(nullable=True)
    started_on = dy.Date(nullable=False)
    left_on = dy.Date(nullable=True)
    leaving_reason = dy.String(nullable=True)
    formal_disciplinary = dy.Bool(nullable=False)
    formal_grievance = dy.Bool(nullable=False)
    non_mandatory_training = dy.Bool(nullable=False)


class Applications(dy.Schema):
    """A recruitment return after checking: one row per application, stage as its index."""

    category = dy.Enum(_CATEGORY_NAMES, nullable=False)
    group = dy.Enum(list(ALL_GROUPS), nullable=False)
    stage = dy.UInt8(nullable=False, max=len(STAGES) - 1)
    vacancy_pay_band = dy.String(nullable=True)


class Cells(dy.Schema):
    """Headcounts by ethnicity and band: an aggregate return, or an employee return counted.

    `category` is null when the return gave high-level groups only. `pay_total` is the sum of
    hourly pay in the cell (mean × headcount), null where pay was not given.
    """

    group = dy.Enum(list(ALL_GROUPS), nullable=False)
    category = dy.Enum(_CATEGORY_NAMES, nullable=True)
    band = dy.UInt16(nullable=False)
    headcount = dy.Int64(nullable=False, min=0)
    pay_total = dy.Float64(nullable=True)
    median_hourly_pay = dy.Float64(nullable=True)
