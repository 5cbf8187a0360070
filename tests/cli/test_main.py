"""The `tri` command line, run through typer's CliRunner."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.cli.golden import assert_golden
from tests.conftest import EXAMPLES, FIXTURES
from tri.cli.main import app

pytestmark = pytest.mark.unit

WORKED_EXAMPLE = str(EXAMPLES / "worked-example-category-1.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "100", "TRI_STANDARDS_PATH": ""})
    return result.exit_code, result.stdout, result.stderr


def test_score_worked_example_text(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "score", WORKED_EXAMPLE)
    assert (code, err) == (0, "")
    assert "Category 1: 15 points, Established (range 11–18, maximum 22)\n" in out
    assert_golden("score_worked_example.txt", out)


def test_score_worked_example_json(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "score", WORKED_EXAMPLE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    category_1 = data["categories"][0]
    assert {k: category_1[k] for k in ("id", "points", "max_points", "level", "answered")} == {
        "id": "1",
        "points": 15,
        "max_points": 22,
        "level": "established",
        "answered": 8,
    }
    assert [row["points"] for row in category_1["rows"]] == [2, 1, 2, 2, 2, 3, 0, 3]
    assert [c["level"] for c in data["categories"][1:]] == [None] * 6
    assert_golden("score_worked_example.json", out)


def test_score_xlsx_mirrors_the_seeds_tables(runner: CliRunner, tmp_path: Path) -> None:
    out_path = tmp_path / "scores.xlsx"
    code, out, err = invoke(
        runner, "score", WORKED_EXAMPLE, "--format", "xlsx", "--out", str(out_path)
    )
    assert (code, out, err) == (0, "", f"Wrote {out_path}\n")
    workbook = load_workbook(out_path)
    assert workbook.sheetnames == ["Summary", *(f"Category {n}" for n in range(1, 8)), "Next steps"]
    summary = workbook["Summary"]
    assert [c.value for c in summary[4]] == [
        "1",
        "Strategic Leadership and Management",
        15,
        22,
        "Established",
        8,
    ]
    sheet = workbook["Category 1"]
    header = [c.value for c in sheet[5]]
    assert header == [
        "Row",
        "Developing practice (1 point)",
        "Established practice (2 points)",
        "Leading practice (3 points)",
        "Points scored",
        "Evidence",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6, max_row=13)]
    assert [(r[0], r[4]) for r in rows] == [
        ("1.1", 2),
        ("1.2", 1),
        ("1.3", 2),
        ("1.4", 2),
        ("1.5", 2),
        ("1.6", 3),
        ("1.7", 0),
        ("1.8", 3),
    ]
    # The claimed cell is highlighted, as in the seed: 1.2 at Developing (column B).
    assert sheet["B7"].fill.fgColor.rgb == "00C6EFCE"
    assert sheet["C7"].fill.fgColor.rgb == "00000000"
    assert [c.value for c in sheet[14]][:5] == ["Overall score:", None, None, None, 15]
    assert [c.value for c in sheet[15]][:5] == ["Level:", None, None, None, "Established"]
    sub_headings = [
        row[0].value
        for row in workbook["Category 2"].iter_rows()
        if str(row[0].value).startswith("Category 2")
    ]
    assert sub_headings == [
        "Category 2: Employee Lifecycle",
        "Category 2a: Recruitment",
        "Category 2b: Induction and Supervision",
        "Category 2c: Training and Development",
        "Category 2d: Retention and Reward",
        "Category 2e: Disciplinary and Grievances",
    ]


def test_score_text_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out_path = tmp_path / "scores.txt"
    code, out, _ = invoke(runner, "score", WORKED_EXAMPLE, "--out", str(out_path))
    assert (code, out) == (0, "")
    assert "Category 1: 15 points, Established (range 11–18, maximum 22)\n" in out_path.read_text()


def test_standard_list(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "standard", "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "celc-tri",
            "version": "14",
            "status": "draft",
            "title": "London local government: Chief Executives London Committee's Tackling Racial Inequality Standard",
            "rows": 69,
            "crosswalk_from": None,
        }
    ]
    code, out, _ = invoke(runner, "standard", "list")
    assert_golden("standard_list.txt", out)


def test_standard_list_with_an_extra_folder(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, "--standards", str(FIXTURES), "standard", "list", "--format", "json"
    )
    assert code == 0
    assert [(v["version"], v["crosswalk_from"]) for v in json.loads(out)] == [
        ("14", None),
        ("15", "14"),
    ]


def test_standard_check_lists_the_real_disagreements_and_exits_1(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "standard", "check")
    assert code == 1
    assert_golden("standard_check.txt", out)
    code, out, _ = invoke(runner, "standard", "check", "--format", "json")
    assert [f["subject"] for f in json.loads(out)] == [["2"], ["2"], ["2"], ["2a.2", "2c.6"]]


def test_standard_check_of_a_consistent_version_exits_0(runner: CliRunner) -> None:
    code, out, _ = invoke(
        runner, "--standards", str(FIXTURES), "standard", "check", "--version", "15"
    )
    assert (code, out) == (
        0,
        "CELC Tackling Racial Inequality Standard, Version 15 (hypothetical): No inconsistencies found.\n",
    )


def test_standard_show_json_shape(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "standard", "show", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["id"], data["version"], data["status"]) == ("celc-tri", "14", "draft")
    category_2 = data["categories"][1]
    assert category_2["published_ranges"] == {
        "developing": [0, 36],
        "established": [37, 59],
        "leading": [60, 75],
    }
    assert category_2["derived_ranges"] == {
        "developing": [0, 38],
        "established": [39, 60],
        "leading": [61, 76],
    }
    assert category_2["max_points"] == 76
    assert [s["id"] for s in category_2["sections"]] == ["2a", "2b", "2c", "2d", "2e"]
    assert category_2["sections"][2]["rows"][0] == {
        "id": "2c.1",
        "levels": {
            "developing": "Inclusive mentoring programmes are established with a matching scheme.",
            "leading": "Inclusive mentoring and reverse mentoring programmes are established with a "
            "matching scheme that provides mentor support.",
        },
    }
    assert len(data["consistency"]) == 4
    assert_golden("standard_show.json", out)


def test_standard_show_text(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "standard", "show")
    assert code == 0
    assert_golden("standard_show.txt", out)


def test_template_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "our-response.yaml"
    code, _, err = invoke(runner, "template", "--out", str(path))
    assert (code, err) == (0, f"Wrote {path}\n")
    text = path.read_text()
    assert_golden("template_v14.yaml", text)
    # Blank, it scores as not assessed everywhere; filled in by hand, it scores.
    code, out, _ = invoke(runner, "score", str(path), "--format", "json")
    assert [c["level"] for c in json.loads(out)["categories"]] == [None] * 7
    path.write_text(text.replace('  "3.3":\n', '  "3.3": leading\n'))
    code, out, _ = invoke(runner, "score", str(path), "--format", "json")
    assert json.loads(out)["categories"][2]["points"] == 3


ERRORS = [
    (("score", "missing.yaml"), "error: missing.yaml: file not found"),
    (
        ("score", "{bad}"),
        "error: {bad}: line 3: not valid YAML (expected ',' or ']', but got '<stream end>')",
    ),
    (("score", "{unknown_row}"), "error: {unknown_row}: row 1.9: not a criterion of version 14"),
    (
        ("score", "{unavailable_level}"),
        'error: {unavailable_level}: row 1.3: does not offer "leading" (offers none, established)',
    ),
    (
        ("score", "{wrong_version}"),
        "error: {wrong_version}: field version: version 13 is not available (available: 14)",
    ),
    (
        ("score", "{wrong_standard}"),
        "error: {wrong_standard}: field standard: 'wres' is not an available Standard (available: celc-tri)",
    ),
    (
        ("score", "{bad_json}"),
        "error: {bad_json}: line 1: not valid JSON (Expecting ',' delimiter)",
    ),
    (("score", "{worked}", "--format", "xlsx"), "error: --format xlsx needs --out FILE.xlsx"),
    (
        ("score", "{worked}", "--format", "json", "--out", "{missing_dir}/x.json"),
        "error: {missing_dir}/x.json: cannot be written (No such file or directory)",
    ),
    (
        ("standard", "show", "--version", "9"),
        "error: celc-tri: version 9 is not available (available: 14)",
    ),
    (("standard", "check", "--standard", "nhs"), "error: nhs: no such Standard is available"),
    (
        ("template", "--out", "{worked}"),
        "error: {worked}: already exists (use --force to overwrite it)",
    ),
    (
        ("--standards", "{missing_dir}", "standard", "list"),
        "error: {missing_dir}: not a folder of Standard files",
    ),
    (
        ("--standards", "{bad_standards}", "standard", "list"),
        "error: {bad_standards}/broken.yaml: version: missing; title: missing; status: missing; "
        "points: must be none: 0, developing: 1, established: 2, leading: 3; levels: missing; "
        "categories: missing",
    ),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_errors_are_one_line_exit_2_no_traceback(
    runner: CliRunner, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    files = {
        "bad": ("bad.yaml", "standard: celc-tri\nresponses: [unclosed\n"),
        "unknown_row": (
            "unknown.yaml",
            'standard: celc-tri\nversion: "14"\nresponses: {"1.9": leading}\n',
        ),
        "unavailable_level": (
            "level.yaml",
            'standard: celc-tri\nversion: "14"\nresponses: {"1.3": leading}\n',
        ),
        "wrong_version": ("v13.yaml", "standard: celc-tri\nversion: 13\nresponses: {}\n"),
        "wrong_standard": ("wres.yaml", "standard: wres\nversion: 1\nresponses: {}\n"),
        "bad_json": ("bad.json", '{"standard": "celc-tri" "version": "14"}'),
    }
    names = {"worked": WORKED_EXAMPLE, "missing_dir": str(tmp_path / "nowhere")}
    for key, (name, text) in files.items():
        (tmp_path / name).write_text(text)
        names[key] = str(tmp_path / name)
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "broken.yaml").write_text("id: celc-tri\n")
    names["bad_standards"] = str(tmp_path / "standards")
    code, out, err = invoke(runner, *(arg.format(**names) for arg in args))
    assert (code, out, err) == (2, "", message.format(**names) + "\n")
