"""`tri workforce …` through typer's CliRunner: what a person types, what they see, exit codes.

Problems with the input are `error: …` lines on stderr with exit status 2 and no traceback;
results go to stdout or to --out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tri.cli.main import app

pytestmark = pytest.mark.unit

WORKFORCE = EXAMPLES / "workforce"
EMPLOYEES = str(WORKFORCE / "employees-synthetic.csv")
APPLICATIONS = str(WORKFORCE / "applications-synthetic.csv")
HARROW = str(WORKFORCE / "harrow-pay-bands-aggregate.csv")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["workforce", *args], env={"COLUMNS": "100"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def metrics(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = invoke(runner, "metrics", *args)
    assert (code, err) == (0, ""), err
    data: dict[str, Any] = json.loads(out)
    return data


def counts(node: object, path: str = "") -> list[tuple[str, float]]:
    """Every number under a key named count or headcount, with its path."""
    found: list[tuple[str, float]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if key in ("count", "headcount") and isinstance(value, int | float):
                found.append((where, value))
            else:
                found.extend(counts(value, where))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(counts(value, f"{path}[{i}]"))
    return found


# ---------------------------------------------------------------- schema


def test_schema_prints_the_employee_return_table_schema(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["name"] == "tri-employee-return"
    assert [f["name"] for f in schema["fields"]][:5] == [
        "employee_ref",
        "ethnicity",
        "sex",
        "pay_band",
        "hourly_pay",
    ]


def test_schema_of_the_recruitment_return(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "schema", "--kind", "recruitment")
    assert code == 0
    stage = next(f for f in json.loads(out)["fields"] if f["name"] == "stage_reached")
    assert stage["constraints"]["enum"] == [
        "applied",
        "longlisted",
        "shortlisted",
        "interviewed",
        "offered",
        "appointed",
    ]


# ---------------------------------------------------------------- validate


def test_validate_a_good_employee_return(runner: CliRunner) -> None:
    assert invoke(runner, "validate", EMPLOYEES) == (
        0,
        "employees-synthetic.csv: a valid employee return: 3,000 rows in 8 bands (numeric)\n",
        "",
    )


def test_validate_recognises_each_kind_of_return_from_its_header(runner: CliRunner) -> None:
    assert invoke(runner, "validate", APPLICATIONS)[1] == (
        "applications-synthetic.csv: a valid recruitment return: 1,500 applications\n"
    )
    assert invoke(runner, "validate", HARROW)[1] == (
        "harrow-pay-bands-aggregate.csv: a valid aggregate return: 1,835 staff by high-level"
        " groups in 6 bands (numeric)\n"
    )


def test_validate_an_aggregate_xlsx_return(runner: CliRunner, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ethnicity", "Pay Band", "Headcount"])
    for row in (["Asian", "Scale 1", 12], ["White", "Scale 1", 20], ["White", "PO1", 7]):
        sheet.append(row)
    book.save(tmp_path / "counts.xlsx")
    assert invoke(runner, "validate", str(tmp_path / "counts.xlsx"), "--band-order", "Scale 1,PO1")[
        :2
    ] == (
        0,
        "counts.xlsx: a valid aggregate return: 39 staff by high-level groups in 2 bands (--band-order)\n",
    )


def test_validate_lists_every_problem_and_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(
        "employee_ref,ethnicity,pay_band,hourly_pay,started_on,Notes\n"
        "E1,Indian,1,12,2020-01-01,x\n"
        "E1,Martian,1,-1,2020-01-01,y\n"
    )
    assert invoke(runner, "validate", str(path)) == (
        2,
        "",
        "error: 3 problems found:\n"
        "  staff.csv, column employee_ref: appears more than once: each reference must be unique"
        ' in 2 rows: rows 2 ("E1"), 3 ("E1")\n'
        '  staff.csv row 3, column hourly_pay: is negative ("-1")\n'
        '  staff.csv row 3, column ethnicity: "Martian" is not an ethnicity label we know'
        ' (add it to a local mapping file) ("Martian")\n',
    )


def test_validate_with_a_local_mapping_and_extra_columns(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "map.csv").write_text("label,category\nWBRI,White British\n")
    (tmp_path / "staff.csv").write_text(
        "employee_ref,ethnicity,pay_band,hourly_pay,started_on,Notes\nE1,WBRI,1,12,2020-01-01,x\n"
    )
    code, out, err = invoke(
        runner, "validate", str(tmp_path / "staff.csv"), "--mapping", str(tmp_path / "map.csv")
    )
    assert (code, err) == (0, "")
    assert out == (
        "staff.csv: a valid employee return: 1 rows in 1 bands (numeric)\n"
        "Ignored columns not in the standard: notes\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nowhere.csv",), "error: nowhere.csv: does not exist or is not a file\n"),
        (("notes.txt",), "error: notes.txt: is not a CSV, XLSX or Parquet file (got .txt)\n"),
        (
            (EMPLOYEES, "--band-order", " , "),
            "error: --band-order: give the bands lowest first, separated by commas\n",
        ),
    ],
)
def test_validate_bad_arguments(runner: CliRunner, args: tuple[str, ...], message: str) -> None:
    assert invoke(runner, "validate", *args) == (2, "", message)


def test_validate_a_bad_mapping_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "map.csv").write_text("label,category\nX,Martian\n")
    assert invoke(runner, "validate", EMPLOYEES, "--mapping", str(tmp_path / "map.csv")) == (
        2,
        "",
        'error: map.csv row 2, column category: "Martian" is not an ethnicity we know\n',
    )


# ---------------------------------------------------------------- metrics


def test_metrics_json_has_the_documented_keys_and_is_disclosure_controlled(
    runner: CliRunner,
) -> None:
    data = metrics(runner, EMPLOYEES, "--recruitment", APPLICATIONS)
    assert list(data) == [
        "settings",
        "headcount",
        "profile",
        "disclosure",
        "representation",
        "pay_bands",
        "glass_ceiling",
        "salary_ranges",
        "senior",
        "pay_gap",
        "pay_quarters",
        "recruitment",
        "relative_likelihood",
        "rates",
        "intersectional",
        "suppressed",
    ]
    assert data["settings"]["suppression"] is True
    assert data["settings"]["threshold"] == 10
    assert data["suppressed"], "the synthetic return has small cells"
    assert all(not 1 <= value < 10 for _, value in counts(data))


def test_metrics_without_suppression_shows_the_small_cells(runner: CliRunner) -> None:
    data = metrics(runner, EMPLOYEES, "--no-suppression")
    assert data["settings"]["suppression"] is False
    assert data["suppressed"] == []
    assert any(1 <= value < 10 for _, value in counts(data))


def test_metrics_threshold_and_rounding(runner: CliRunner) -> None:
    data = metrics(runner, EMPLOYEES, "--threshold", "20", "--round")
    assert (data["settings"]["threshold"], data["settings"]["rounding"]) == (20, 5)
    published = [value for _, value in counts(data) if isinstance(value, int)]
    assert published
    assert all(value % 5 == 0 for value in published)
    assert all(not 1 <= value < 20 for _, value in counts(data))


def test_metrics_reference_and_population(runner: CliRunner) -> None:
    data = metrics(runner, EMPLOYEES, "--reference", "white-british", "--population", "Harrow")
    assert data["pay_gap"]["reference"] == "White British"
    assert data["representation"]["population"]["code"] == "E09000015"
    assert data["representation"]["population"]["name"] == "Harrow"


def test_metrics_of_an_aggregate_return_reproduce_harrows_chart(runner: CliRunner) -> None:
    data = metrics(runner, HARROW, "--no-suppression")
    assert data["settings"]["kind"] == "aggregate"
    assert data["headcount"] == 1835
    assert "pay_gap" not in data or data["pay_gap"] is None


def test_metrics_targets(runner: CliRunner) -> None:
    data = metrics(
        runner, EMPLOYEES, "--target", "2024=25", "--target", "2025=35", "--year", "2025"
    )
    targets = data["senior"]["targets"]
    assert targets["trajectory"] == {"2024": 25.0, "2025": 35.0}
    assert (targets["year"], targets["target_pct"]) == (2025, 35.0)
    assert targets["actual_pct"] == data["senior"]["top_5pct_ethnic_minority_pct"] == 28.21
    assert targets["on_track"] is False


def test_metrics_writes_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "metrics.json"
    code, stdout, err = invoke(runner, "metrics", HARROW, "--out", str(out))
    assert (code, stdout, err) == (0, "", f"Wrote {out}\n")
    assert json.loads(out.read_text())["headcount"] == 1835


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (EMPLOYEES, "--format", "xlsx"),
            "error: --format xlsx needs --out FILE.xlsx\n",
        ),
        (
            (EMPLOYEES, "--target", "next year=50"),
            'error: --target "next year=50": write YEAR=PERCENT, for example 2025=50\n',
        ),
        (
            (EMPLOYEES, "--target", "2025=150"),
            'error: --target "2025=150": the percentage must be from 0 to 100\n',
        ),
        (
            (EMPLOYEES, "--population", "Narnia"),
            'error: --population: "Narnia" is not a local authority code or name in Census 2021'
            ' TS021 (try an ONS code such as E09000015, a name such as "Harrow", or "london")\n',
        ),
        (
            (APPLICATIONS,),
            "error: applications-synthetic.csv: is a recruitment return; give the employee"
            " return first and this one with --recruitment\n",
        ),
        (
            (HARROW, "--recruitment", APPLICATIONS),
            "error: --recruitment: an aggregate return has no staff records to set applications"
            " against; give an employee return\n",
        ),
        (
            (EMPLOYEES, "--recruitment", EMPLOYEES),
            "error: 2 problems found:\n"
            "  employees-synthetic.csv, column application_ref: is missing: the return must have"
            " this column\n"
            "  employees-synthetic.csv, column stage_reached: is missing: the return must have"
            " this column\n",
        ),
    ],
)
def test_metrics_bad_input(runner: CliRunner, args: tuple[str, ...], message: str) -> None:
    assert invoke(runner, "metrics", *args) == (2, "", message)


def test_metrics_to_a_folder_that_does_not_exist(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "m.json"
    assert invoke(runner, "metrics", HARROW, "--out", str(out)) == (
        2,
        "",
        f"error: {out}: cannot be written (No such file or directory)\n",
    )


# ---------------------------------------------------------------- generate


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_generate_writes_a_valid_return(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"staff{suffix}"
    code, _, err = invoke(runner, "generate", "--rows", "300", "--seed", "7", "--out", str(out))
    assert (code, err) == (0, f"Wrote {out} (300 rows)\n")
    code, stdout, _ = invoke(runner, "validate", str(out))
    assert code == 0
    assert stdout.startswith(f"staff{suffix}: a valid employee return: 300 rows in 8 bands")


def test_generate_is_repeatable_by_seed(runner: CliRunner, tmp_path: Path) -> None:
    paths = [tmp_path / name for name in ("a.csv", "b.csv", "c.csv")]
    for path, seed in zip(paths, ("1", "1", "2"), strict=True):
        invoke(runner, "generate", "--rows", "200", "--seed", seed, "--out", str(path))
    assert paths[0].read_bytes() == paths[1].read_bytes() != paths[2].read_bytes()


def test_generate_a_recruitment_return(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "apps.csv"
    assert (
        invoke(runner, "generate", "--rows", "100", "--kind", "recruitment", "--out", str(out))[0]
        == 0
    )
    frame = pl.read_csv(out)
    assert frame.columns[:3] == ["application_ref", "ethnicity", "stage_reached"]
    assert frame.height == 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--rows", "10", "--out", "x.txt"),
            "error: x.txt: --out must end in .csv, .xlsx or .parquet\n",
        ),
        (
            ("--rows", "10", "--kind", "aggregate", "--out", "x.csv"),
            "error: --kind: generate makes employee or recruitment returns\n",
        ),
    ],
)
def test_generate_bad_arguments(runner: CliRunner, args: tuple[str, ...], message: str) -> None:
    assert invoke(runner, "generate", *args) == (2, "", message)
