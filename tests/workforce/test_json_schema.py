"""The published shapes: the metrics JSON against docs/workforce-metrics.schema.json, and the
data standard's Frictionless Table Schemas against the Table Schema specification.

Every output validated here is a real engine output, round-tripped through JSON as
`tri workforce metrics --format json` writes it: employee returns with and without a recruitment
return, a return with only the required columns, a return with nobody in post, aggregate returns,
each with and without disclosure control.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tri.workforce import (
    ALL_GROUPS,
    CATEGORIES,
    GROUPS,
    Options,
    Reference,
    Report,
    ReturnKind,
    aggregate_metrics,
    control,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
    schema_json,
    table_schema,
)

pytestmark = pytest.mark.unit

Json = dict[str, Any]

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples" / "workforce"

#: The top-level keys the issue lists for the JSON output.
ISSUE_KEYS = {
    "headcount",
    "disclosure",
    "profile",
    "representation",
    "pay_bands",
    "glass_ceiling",
    "senior",
    "pay_gap",
    "pay_quarters",
    "recruitment",
    "relative_likelihood",
    "suppressed",
}

# Only the columns the employee return must have.
MINIMAL = """\
employee_ref,ethnicity,pay_band,hourly_pay,started_on
E1,White British,1,10.50,2020-01-01
E2,Indian,1,11.00,2020-01-01
E3,African,2,15.00,2019-01-01
E4,,2,14.00,2018-01-01
E5,White: Irish,3,22.00,2015-01-01
E6,Caribbean,3,21.00,2016-01-01
"""

# Everyone has left: no staff in post at all.
NOBODY_IN_POST = """\
employee_ref,ethnicity,pay_band,hourly_pay,started_on,left_on
E1,Indian,1,,2020-01-01,2025-01-01
E2,White British,2,,2020-01-01,2025-02-01
"""

# An aggregate return by category, with mean pay: it has a (mean-only) pay gap.
AGGREGATE_WITH_PAY = """\
ethnicity,pay_band,headcount,mean_hourly_pay,median_hourly_pay
Indian,A,12,20.50,20.00
White British,A,30,22.00,21.00
Irish,B,4,30.00,30.00
African,B,15,25.00,25.00
Not known,A,3,,
White British,B,20,31.00,30.00
"""


def as_published(report: Report) -> Json:
    """The report as the command line writes it: JSON text, read back (no NaN allowed)."""
    data: Json = json.loads(json.dumps(report.as_json(), ensure_ascii=False, allow_nan=False))
    return data


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def schema() -> Json:
    data: Json = json.loads((DOCS / "workforce-metrics.schema.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator(schema: Json) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft202012Validator, output: Json) -> None:
    errors = sorted(validator.iter_errors(output), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{e.json_path}: {e.message[:300]}" for e in errors[:10])


@pytest.fixture(scope="module")
def london() -> Any:
    return population("london")


@pytest.fixture(scope="module")
def example(london: Any) -> Report:
    """The example employee and recruitment returns, with targets: every section present."""
    employees = read_employees(EXAMPLES / "employees-synthetic.csv")
    applications = read_applications(EXAMPLES / "applications-synthetic.csv")
    options = Options(population=london, targets={2024: 25.0, 2025: 35.0}, year=2025)
    return employee_metrics(employees, applications, options)


@pytest.fixture(scope="module")
def published(example: Report) -> Json:
    return as_published(control(example))


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    (folder / "minimal.csv").write_text(MINIMAL, encoding="utf-8")
    (folder / "nobody.csv").write_text(NOBODY_IN_POST, encoding="utf-8")
    (folder / "aggregate.csv").write_text(AGGREGATE_WITH_PAY, encoding="utf-8")
    return folder


def both(report: Report, **kwargs: Any) -> list[Json]:
    """The full figures and the disclosure-controlled ones."""
    return [as_published(report), as_published(control(report, **kwargs))]


# ---------------------------------------------------------------- the schema itself


def test_the_schema_is_a_valid_draft_2020_12_schema(schema: Json) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_top_level_key_the_issue_names_is_required_for_employee_returns(
    schema: Json,
) -> None:
    assert schema["if"] == {
        "properties": {"settings": {"properties": {"kind": {"const": "employee"}}}}
    }
    required = set(schema["required"]) | set(schema["then"]["required"])
    assert required >= ISSUE_KEYS
    assert set(schema["properties"]) >= ISSUE_KEYS
    assert schema["additionalProperties"] is False


def test_the_nested_keys_the_issue_names_are_required(schema: Json) -> None:
    defs = schema["$defs"]

    def required(name: str) -> set[str]:
        return set(defs[name]["required"])

    assert {"not_disclosed", "not_disclosed_pct"} <= required("disclosure")
    assert "groups" in required("profile")
    assert "categories" in schema["then"]["properties"]["profile"]["required"]
    assert {"count", "pct"} <= required("share")
    assert {"population", "groups"} <= required("representation")
    assert {"workforce_pct", "population_pct", "ratio"} <= required("representation_entry")
    assert {"top_5pct_ethnic_minority_pct", "tiers", "targets"} <= required("senior")
    assert {"reference", "groups", "ethnic_minority", "all_except_white_british"} <= required(
        "employee_pay_gap"
    )
    assert {"mean_gap_pct", "median_gap_pct", "n", "ci95"} <= required("gap")
    assert {
        "appointment_from_shortlisting",
        "formal_disciplinary",
        "non_mandatory_training",
    } <= required("relative_likelihood")


def test_group_and_category_names_match_the_engine(schema: Json) -> None:
    defs = schema["$defs"]
    assert defs["group"]["enum"] == list(GROUPS)
    assert defs["group_or_not_disclosed"]["enum"] == list(ALL_GROUPS)
    assert defs["category"]["enum"] == [c.name for c in CATEGORIES]
    assert defs["census_category"]["enum"] == [c.name for c in CATEGORIES if c.disclosed]


def test_every_section_the_schema_points_to_exists_in_metrics_md(schema: Json) -> None:
    headings = re.findall(r"^#+ (.+)$", (DOCS / "metrics.md").read_text(encoding="utf-8"), re.M)
    anchors = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}
    pointed = set(re.findall(r"metrics\.md#([a-z0-9-]+)", json.dumps(schema)))
    assert pointed, "the schema's descriptions should point to metrics.md"
    assert pointed <= anchors


# ---------------------------------------------------------------- real outputs


@pytest.mark.parametrize("controlled", [False, True], ids=["full", "controlled"])
def test_employee_return_with_recruitment(
    validator: Draft202012Validator, example: Report, published: Json, controlled: bool
) -> None:
    output = published if controlled else as_published(example)
    assert output["settings"]["suppression"] is controlled
    assert output["recruitment"] is not None
    assert output["senior"]["targets"] is not None
    assert "bonus" in output["pay_gap"]
    assert bool(output["suppressed"]) is controlled
    assert_valid(validator, output)


def test_employee_return_without_recruitment_population_or_targets(
    validator: Draft202012Validator,
) -> None:
    employees = read_employees(EXAMPLES / "employees-synthetic.csv")
    for output in both(employee_metrics(employees)):
        assert output["recruitment"] is None
        assert output["relative_likelihood"]["appointment_from_shortlisting"] is None
        assert output["representation"] is None
        assert output["senior"]["targets"] is None
        assert_valid(validator, output)


def test_white_british_reference_rounded_to_5(validator: Draft202012Validator, london: Any) -> None:
    employees = read_employees(EXAMPLES / "employees-synthetic.csv")
    applications = read_applications(EXAMPLES / "applications-synthetic.csv")
    options = Options(population=london, reference=Reference.WHITE_BRITISH)
    output = as_published(control(employee_metrics(employees, applications, options), rounding=5))
    assert output["settings"]["rounding"] == 5
    assert output["pay_gap"]["reference"] == "White British"
    assert "White" in output["pay_gap"]["groups"]  # the White minorities
    assert "white_british" not in output["pay_gap"]
    assert output["headcount"] % 5 == 0
    assert_valid(validator, output)


def test_minimal_employee_return(validator: Draft202012Validator, returns: Path) -> None:
    employees = read_employees(returns / "minimal.csv")
    for output in both(employee_metrics(employees)):
        assert "bonus" not in output["pay_gap"]
        assert output["relative_likelihood"]["formal_disciplinary"] is None
        assert output["relative_likelihood"]["non_mandatory_training"] is None
        assert output["rates"]["formal_grievance"] is None
        assert output["intersectional"]["sex"] is None
        assert output["intersectional"]["directorate"] is None
        assert output["senior"]["tiers"] == {}
        assert_valid(validator, output)


def test_employee_return_with_nobody_in_post(
    validator: Draft202012Validator, returns: Path
) -> None:
    employees = read_employees(returns / "nobody.csv")
    for output in both(employee_metrics(employees)):
        assert output["headcount"] == 0
        assert output["senior"] is None
        assert_valid(validator, output)


def test_harrow_aggregate_return(validator: Draft202012Validator, london: Any) -> None:
    aggregate = read_aggregate(EXAMPLES / "harrow-pay-bands-aggregate.csv")
    for output in both(aggregate_metrics(aggregate, Options(population=london))):
        assert output["settings"]["kind"] == "aggregate"
        assert "pay_gap" not in output  # no mean pay given
        assert "categories" not in output["profile"]  # given by high-level group
        assert_valid(validator, output)


def test_aggregate_return_with_mean_pay(validator: Draft202012Validator, returns: Path) -> None:
    aggregate = read_aggregate(returns / "aggregate.csv")
    outputs = both(aggregate_metrics(aggregate))
    assert outputs[0]["pay_gap"]["groups"]["Asian"]["mean_gap_pct"] is not None
    white_british = as_published(
        aggregate_metrics(aggregate, Options(reference=Reference.WHITE_BRITISH))
    )
    assert white_british["pay_gap"] is None  # the cells cannot give a White British mean
    for output in [*outputs, white_british]:
        assert_valid(validator, output)


# ---------------------------------------------------------------- the schema can fail


def _set(path: str, value: Any) -> Callable[[Json], None]:
    *parents, last = path.split("/")

    def change(output: Json) -> None:
        node = output
        for key in parents:
            node = node[key]
        node[last] = value

    return change


def _delete(key: str) -> Callable[[Json], None]:
    def change(output: Json) -> None:
        del output[key]

    return change


def _append_suppression(output: Json) -> None:
    output["suppressed"].append({"path": "headcount", "reason": "because"})


def _claim_no_suppression(output: Json) -> None:
    output["settings"]["suppression"] = False


BREAKAGES: dict[str, Callable[[Json], None]] = {
    "percentage above 100": _set("profile/groups/White/pct", 101),
    "negative percentage": _set("pay_bands/bands/1/groups/Black/pct_known", -0.5),
    "count as a string": _set("headcount", "2676"),
    "fractional count of people": _set("profile/groups/Asian/count", 526.5),
    "negative count": _set("pay_gap/groups/Black/n", -1),
    "unknown group name": _set("profile/groups/BAME", {"count": 10, "pct": 1.0}),
    "gap above 100": _set("pay_gap/groups/Black/mean_gap_pct", 150.0),
    "interval of one number": _set("pay_gap/groups/Black/ci95/mean_gap_pct", [1.0]),
    "impact ratio above 1": _set("recruitment/adverse_impact/offered/Asian/impact_ratio", 1.2),
    "unknown top-level key": _set("extra", 1),
    "employee return without a pay gap": _delete("pay_gap"),
    "suppression with an unknown reason": _append_suppression,
    "suppressions listed without suppression": _claim_no_suppression,
}


@pytest.mark.parametrize("break_it", list(BREAKAGES.values()), ids=list(BREAKAGES))
def test_invalid_outputs_are_rejected(
    validator: Draft202012Validator, published: Json, break_it: Callable[[Json], None]
) -> None:
    output = copy.deepcopy(published)
    assert validator.is_valid(output)
    break_it(output)
    assert not validator.is_valid(output)


def test_gaps_have_no_lower_bound(validator: Draft202012Validator, published: Json) -> None:
    output = copy.deepcopy(published)
    output["pay_gap"]["groups"]["Black"]["mean_gap_pct"] = -250.0  # paid 3.5 times as much
    assert_valid(validator, output)


# ---------------------------------------------------------------- Frictionless Table Schemas

# Table Schema (https://specs.frictionlessdata.io/table-schema/), v1. The spec lets descriptors
# carry other properties too; these schemas use none, so a misspelt key is caught here.
TABLE_SCHEMA_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}
DESCRIPTOR_KEYS = {
    "$schema",
    "name",
    "title",
    "description",
    "version",
    "fields",
    "primaryKey",
    "foreignKeys",
    "missingValues",
}
FIELD_KEYS = {
    "name",
    "title",
    "description",
    "type",
    "format",
    "example",
    "rdfType",
    "constraints",
    "trueValues",
    "falseValues",
    "decimalChar",
    "groupChar",
    "bareNumber",
}
ORDERED = {"integer", "number", "date", "time", "datetime", "year", "yearmonth", "duration"}
#: Which constraints apply to which types.
CONSTRAINT_TYPES: dict[str, set[str] | None] = {
    "required": None,  # any type
    "unique": None,
    "enum": None,
    "minLength": {"string", "array", "object"},
    "maxLength": {"string", "array", "object"},
    "pattern": {"string"},
    "minimum": ORDERED,
    "maximum": ORDERED,
}
FORMATS = {
    "string": {"default", "email", "uri", "binary", "uuid"},
    "date": {"default", "any"},
    "time": {"default", "any"},
    "datetime": {"default", "any"},
}
TYPE_ONLY_KEYS = {
    "trueValues": {"boolean"},
    "falseValues": {"boolean"},
    "decimalChar": {"number"},
    "groupChar": {"number", "integer"},
    "bareNumber": {"number", "integer"},
}


def _constraint_problems(where: str, kind: str, constraints: Json) -> list[str]:
    problems = []
    for key, value in constraints.items():
        types = CONSTRAINT_TYPES.get(key, set())
        if key not in CONSTRAINT_TYPES:
            problems.append(f"{where}: unknown constraint {key!r}")
        elif types is not None and kind not in types:
            problems.append(f"{where}: constraint {key} does not apply to {kind}")
        elif key in ("required", "unique") and not isinstance(value, bool):
            problems.append(f"{where}: {key} must be true or false")
        elif key in ("minimum", "maximum") and kind in ("integer", "number"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{where}: {key} must be a number")
        elif key == "enum" and not (
            isinstance(value, list)
            and value
            and len(set(value)) == len(value)
            and (kind != "string" or all(isinstance(v, str) for v in value))
        ):
            problems.append(f"{where}: enum must be a non-empty array of distinct values")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems.append(f"{where}: minimum is above maximum")
    return problems


def _field_problems(field: Json) -> list[str]:
    name, kind = field.get("name"), field.get("type")
    where = f"field {name!r}"
    problems = []
    if not isinstance(name, str) or not name:
        problems.append(f"{where}: name must be a non-empty string")
    if kind not in TABLE_SCHEMA_TYPES:
        problems.append(f"{where}: type {kind!r} is not a Table Schema type")
    if unknown := set(field) - FIELD_KEYS:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    problems += [
        f"{where}: {key} must be a string"
        for key in ("title", "description")
        if key in field and not isinstance(field[key], str)
    ]
    if "format" in field:
        fmt = field["format"]
        # Dates and times may also give a strptime pattern.
        pattern = kind in ("date", "time", "datetime") and "%" in str(fmt)
        if fmt not in FORMATS.get(str(kind), {"default"}) and not pattern:
            problems.append(f"{where}: format {fmt!r} is not valid for {kind}")
    problems += [
        f"{where}: {key} is only for {sorted(types)}"
        for key, types in TYPE_ONLY_KEYS.items()
        if key in field and kind not in types
    ]
    problems += [
        f"{where}: {key} must be an array of strings"
        for key in ("trueValues", "falseValues")
        if key in field
        and not (isinstance(field[key], list) and all(isinstance(v, str) for v in field[key]))
    ]
    if set(field.get("trueValues", ())) & set(field.get("falseValues", ())):
        problems.append(f"{where}: a value is both true and false")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return [*problems, f"{where}: constraints must be an object"]
    return problems + _constraint_problems(where, str(kind), constraints)


def _check_table_schema(descriptor: Json) -> list[str]:
    """Every way `descriptor` departs from the Table Schema spec (as these schemas use it)."""
    problems: list[str] = []
    if unknown := set(descriptor) - DESCRIPTOR_KEYS:
        problems.append(f"unknown descriptor keys {sorted(unknown)}")
    fields = descriptor.get("fields")
    if not isinstance(fields, list) or not fields:
        return [*problems, "fields must be a non-empty array"]
    names = [f.get("name") for f in fields]
    if len(set(names)) != len(names):
        problems.append("field names must be unique")
    for field in fields:
        problems += _field_problems(field)
    missing = descriptor.get("missingValues", [""])
    if not (isinstance(missing, list) and all(isinstance(v, str) for v in missing)):
        problems.append("missingValues must be an array of strings")
    key = descriptor.get("primaryKey")
    if key is None:
        return problems
    keys = [key] if isinstance(key, str) else key
    if not (isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys)):
        return [*problems, "primaryKey must be a field name or an array of field names"]
    by_name = {f.get("name"): f for f in fields}
    for k in keys:
        if k not in by_name:
            problems.append(f"primaryKey names {k!r}, which is not a field")
        elif by_name[k].get("constraints", {}).get("required") is False:
            problems.append(f"primaryKey field {k!r} cannot be optional")
    return problems


@pytest.mark.parametrize("kind", list(ReturnKind), ids=[k.value for k in ReturnKind])
def test_table_schemas_follow_the_table_schema_spec(kind: ReturnKind) -> None:
    descriptor: Json = json.loads(schema_json(kind))
    assert _check_table_schema(descriptor) == []
    # The engine reads the same fields it publishes.
    assert [f["name"] for f in descriptor["fields"]] == list(table_schema(kind).names)


def test_the_table_schema_check_can_fail() -> None:
    descriptor: Json = json.loads(schema_json(ReturnKind.EMPLOYEE))
    broken = copy.deepcopy(descriptor)
    broken["fields"][0]["type"] = "text"
    broken["fields"][1]["contraints"] = {}
    broken["fields"][4]["constraints"]["minLength"] = 1
    broken["primaryKey"] = ["employee_id"]
    problems = _check_table_schema(broken)
    assert len(problems) == 4, problems
