"""Versions and crosswalks: a new version is a file; responses carry across."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES
from tests.standard.builders import responses
from tri.standard import (
    Catalogue,
    Change,
    Level,
    Response,
    ResponseError,
    ResponseSet,
    Standard,
    StandardDataError,
    carry_forward,
    score,
)

pytestmark = pytest.mark.unit


def test_version_15_crosswalk_is_complete(v15: Standard) -> None:
    assert v15.crosswalk is not None
    changed = [
        (e.row, e.change, e.replaces)
        for e in v15.crosswalk.entries
        if e.change is not Change.UNCHANGED
    ]
    assert changed == [
        ("2a.2", Change.MERGED, ("2a.2", "2c.6")),
        ("2a.3", Change.CHANGED, ("2a.3",)),  # found by comparing the text: the typo fix
        ("3.7", Change.NEW, ()),
    ]
    assert len(v15.crosswalk.entries) == len(v15.criteria)
    assert v15.crosswalk.for_row("2c.6").replaces == ("2c.7",)
    assert v15.crosswalk.successors("2c.6") == ("2a.2",)
    assert v15.crosswalk.successors("2c.7") == ("2c.6",)


def test_carry_forward_maps_levels_and_flags_what_needs_review(
    v14: Standard, v15: Standard
) -> None:
    old = ResponseSet(
        "celc-tri",
        "14",
        {
            "1.1": Response(Level.LEADING, "Champion's annual report"),
            "2a.2": Response(Level.LEADING),
            "2c.6": Response(Level.ESTABLISHED, "Training records"),
            "2a.3": Response(Level.LEADING),
            "2c.7": Response(Level.LEADING),
        },
        organisation="Hackney",
    )
    new, rows = carry_forward(old, v14, v15)
    assert new.version == "15"
    assert new.responses == {
        "1.1": Response(Level.LEADING, "Champion's annual report"),
        "2a.2": Response(Level.ESTABLISHED, "Training records"),  # lowest of the merged rows
        "2a.3": Response(Level.LEADING),
        "2c.6": Response(Level.LEADING),
    }
    review = [(r.row, r.change, r.level) for r in rows if r.needs_review]
    assert review == [
        ("2a.2", Change.MERGED, Level.ESTABLISHED),
        ("2a.3", Change.CHANGED, Level.LEADING),
        ("3.7", Change.NEW, None),
    ]
    # The carried responses score against the new version.
    assert score(v15, new).category("1").points == 3


def test_merged_row_with_one_source_unanswered_starts_unanswered(
    v14: Standard, v15: Standard
) -> None:
    new, _ = carry_forward(responses(v14, {"2a.2": "leading"}), v14, v15)
    assert "2a.2" not in new.responses


def test_carry_forward_without_a_crosswalk_is_an_error(v14: Standard) -> None:
    with pytest.raises(ResponseError) as excinfo:
        carry_forward(responses(v14, {}), v14, v14)
    assert excinfo.value.problems == ("version 14 has no crosswalk from version 14",)


def _write_variant(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Write the Version 15 fixture into `folder` with one deliberate change."""
    data = yaml.safe_load((FIXTURES / "celc-tri-v15.yaml").read_text())
    change(data)
    (folder / "celc-tri-v15.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


def _set_entry(index: int, **fields: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["crosswalk"]["changes"][index].update(fields)

    return change


def _set_from_version(data: dict[str, Any]) -> None:
    data["crosswalk"]["from_version"] = "13"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            _set_entry(2, change="added"),
            "crosswalk.changes[2].change: must be one of unchanged, changed, merged, new, removed",
        ),
        (
            _set_entry(0, replaces=["2a.2", "2c.9"]),
            "crosswalk.changes[0].replaces: row 2c.9 is not in version 14",
        ),
        (
            _set_entry(2, row="3.8"),
            "crosswalk.changes[2].row: row 3.8 is not in version 15",
        ),
        (
            _set_entry(1, replaces=["2c.7", "2c.5"]),
            "crosswalk.changes[1].replaces: a 'unchanged' entry replaces exactly one row",
        ),
        (
            _set_entry(1, replaces=["2c.5"]),
            "crosswalk.changes[1]: row 2c.6 is marked unchanged but its text differs from "
            "row 2c.5 of version 14",
        ),
        (
            _set_entry(0, replaces=["2a.2"]),
            "crosswalk.changes[0].replaces: a 'merged' entry replaces two or more rows",
        ),
        (
            _set_entry(2, change="removed"),
            "crosswalk.changes[2]: a removed entry has no row; every other entry names its row",
        ),
        (
            _set_from_version,
            "crosswalk.from_version: version 13 of celc-tri is not available",
        ),
    ],
)
def test_crosswalk_problems_name_the_entry(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], problem: str
) -> None:
    _write_variant(tmp_path, change)
    with pytest.raises(StandardDataError) as excinfo:
        Catalogue.load(tmp_path)
    assert problem in excinfo.value.problems


def test_an_old_row_that_goes_nowhere_is_an_error(tmp_path: Path) -> None:
    # Without the merge, 2c.6 of Version 14 is neither replaced nor removed.
    _write_variant(tmp_path, _set_entry(0, change="changed", replaces=["2a.2"]))
    with pytest.raises(StandardDataError) as excinfo:
        Catalogue.load(tmp_path)
    assert excinfo.value.problems == (
        "crosswalk: row 2c.6 of version 14 is neither replaced nor listed as removed",
    )


def test_a_new_row_not_in_the_crosswalk_is_an_error(tmp_path: Path) -> None:
    def drop_new_entry(data: dict[str, Any]) -> None:
        del data["crosswalk"]["changes"][2]

    _write_variant(tmp_path, drop_new_entry)
    with pytest.raises(StandardDataError) as excinfo:
        Catalogue.load(tmp_path)
    assert excinfo.value.problems == (
        "crosswalk: row 3.7 is not in version 14: list it as new, or say which rows it replaces",
    )


def test_removed_rows(tmp_path: Path) -> None:
    def remove_2e3(data: dict[str, Any]) -> None:
        category_2 = data["categories"][1]
        section_2e = category_2["sections"][4]
        section_2e["rows"] = [row for row in section_2e["rows"] if row["id"] != "2e.3"]
        category_2["published_ranges"] = {
            "developing": [0, 34],
            "established": [35, 56],
            "leading": [57, 70],
        }
        data["crosswalk"]["changes"].append(
            {"change": "removed", "replaces": ["2e.3"], "note": "gone"}
        )

    _write_variant(tmp_path, remove_2e3)
    standard = Catalogue.load(tmp_path).get("celc-tri", "15")
    assert standard.crosswalk is not None
    removed = [e for e in standard.crosswalk.entries if e.change is Change.REMOVED]
    assert [(e.row, e.replaces, e.note) for e in removed] == [(None, ("2e.3",), "gone")]
    assert standard.crosswalk.successors("2e.3") == ()
