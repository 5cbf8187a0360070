"""Response files: parsing and every malformed-input path."""

from pathlib import Path

import pytest

from tri.standard import Level, Response, ResponseError, load_responses, parse_responses

pytestmark = pytest.mark.unit


def test_yaml_keys_and_versions_stay_text() -> None:
    parsed = parse_responses(
        "standard: celc-tri\nversion: 14\norganisation: Camden\nresponses:\n"
        "  6.10: Leading\n  6.1: ' developing '\n  1.3:\n  1.4: ~\n",
        "r.yaml",
    )
    assert (parsed.standard_id, parsed.version, parsed.organisation) == ("celc-tri", "14", "Camden")
    assert parsed.responses == {
        "6.10": Response(Level.LEADING),
        "6.1": Response(Level.DEVELOPING),
    }


def test_evidence_is_kept_with_the_level() -> None:
    parsed = parse_responses(
        'standard: celc-tri\nversion: "14"\nresponses:\n'
        '  "1.1": {level: established, evidence: "Race champion appointed May 2023"}\n'
        '  "1.2": {evidence: "Draft roles under review"}\n',
        "r.yaml",
    )
    assert parsed.responses == {
        "1.1": Response(Level.ESTABLISHED, "Race champion appointed May 2023"),
        "1.2": Response(None, "Draft roles under review"),
    }


def test_json_with_a_numeric_version() -> None:
    parsed = parse_responses(
        '{"standard": "celc-tri", "version": 14, "responses": {"1.1": "none"}}',
        "r.json",
        as_json=True,
    )
    assert (parsed.version, parsed.responses) == ("14", {"1.1": Response(Level.NONE)})


@pytest.mark.parametrize(
    ("text", "as_json", "message"),
    [
        (
            "responses: [unclosed\n",
            False,
            "r: line 2: not valid YAML (expected ',' or ']', but got '<stream end>')",
        ),
        ('{"standard": ', True, "r: line 1: not valid JSON (Expecting value)"),
        ("- a\n- b\n", False, "r: expected fields standard, version, organisation, responses"),
        (
            'standard: celc-tri\nversion: "14"\n',
            False,
            "r: field responses: missing, or not a mapping of row id to level",
        ),
        (
            "responses: {}\n",
            False,
            'r: field standard: missing (for example: celc-tri); field version: missing (for example: "14")',
        ),
        (
            'standard: celc-tri\nversion: "14"\nrespones: {}\nresponses: {}\n',
            False,
            "r: field 'respones': not a field of a response file "
            "(expected standard, version, organisation, responses)",
        ),
        (
            'standard: celc-tri\nversion: "14"\nresponses: {"1.1": establishd, "1.2": [a, b], '
            '"1.3": {level: leading, evidense: x}}\n',
            False,
            "r: row 1.1: 'establishd' is not a level (use none, developing, established or leading); "
            "row 1.2: expected one level, not a list; "
            "row 1.3: unknown field 'evidense' (expected level, evidence)",
        ),
    ],
)
def test_malformed_response_files_name_the_line_field_or_row(
    text: str, as_json: bool, message: str
) -> None:
    with pytest.raises(ResponseError) as excinfo:
        parse_responses(text, "r", as_json=as_json)
    assert excinfo.value.message == message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ResponseError) as excinfo:
        load_responses(tmp_path / "nope.yaml")
    assert excinfo.value.message == f"{tmp_path / 'nope.yaml'}: file not found"


def test_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(ResponseError) as excinfo:
        load_responses(path)
    assert excinfo.value.message == f"{path}: cannot be read (UnicodeDecodeError)"
