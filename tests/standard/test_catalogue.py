"""Version 14 as data: every row, level and range, read back from the package's data file."""

from pathlib import Path

import pytest

from tri.standard import (
    Catalogue,
    Level,
    StandardDataError,
    UnknownVersionError,
    parse_standard,
)

pytestmark = pytest.mark.unit

# Every row of Version 14 in document order, with the levels it offers (D, E, L).
V14_ROWS = {
    "1": "1.1 DEL, 1.2 DEL, 1.3 E, 1.4 E, 1.5 EL, 1.6 EL, 1.7 L, 1.8 L",
    "2": "2a.1 DEL, 2a.2 EL, 2a.3 EL, 2a.4 EL, 2a.5 E, 2a.6 L, 2a.7 L, 2a.8 DEL, 2a.9 E, "
    "2b.1 DEL, 2b.2 EL, 2b.3 E, 2b.4 EL, 2b.5 EL, 2b.6 L, 2b.7 L, "
    "2c.1 DL, 2c.2 D, 2c.3 D, 2c.4 E, 2c.5 EL, 2c.6 EL, 2c.7 L, "
    "2d.1 DEL, 2d.2 EL, "
    "2e.1 EL, 2e.2 DEL, 2e.3 EL",
    "3": "3.1 DEL, 3.2 EL, 3.3 EL, 3.4 EL, 3.5 EL, 3.6 DEL",
    "4": "4.1 DEL, 4.2 L, 4.3 DEL, 4.4 L, 4.5 L",
    "5": "5.1 DEL, 5.2 EL, 5.3 E, 5.4 L",
    "6": "6.1 D, 6.2 DEL, 6.3 E, 6.4 E, 6.5 EL, 6.6 E, 6.7 E, 6.8 L, 6.9 L, 6.10 DEL, 6.11 DEL",
    "7": "7.1 DEL, 7.2 EL, 7.3 EL, 7.4 EL, 7.5 EL, 7.6 L, 7.7 L",
}
LETTER = {Level.DEVELOPING: "D", Level.ESTABLISHED: "E", Level.LEADING: "L"}


def test_catalogue_lists_version_14_of_the_celc_standard(catalogue: Catalogue) -> None:
    assert [(s.id, s.version, s.status) for s in catalogue.versions()] == [
        ("celc-tri", "14", "draft")
    ]


def test_version_14_has_every_row_with_the_levels_it_offers(catalogue: Catalogue) -> None:
    standard = catalogue.get("celc-tri", "14")
    encoded = {
        category.id: ", ".join(
            f"{c.id} {''.join(LETTER[level] for level in c.levels)}" for c in category.criteria
        )
        for category in standard.categories
    }
    assert encoded == V14_ROWS


def test_version_14_categories_sections_and_maxima(catalogue: Catalogue) -> None:
    standard = catalogue.get("celc-tri")
    assert [(c.id, c.title, c.max_points) for c in standard.categories] == [
        ("1", "Strategic Leadership and Management", 22),
        ("2", "Employee Lifecycle", 76),
        ("3", "Data Governance", 18),
        ("4", "Policies and Processes", 15),
        ("5", "Strategies and Action Plans", 11),
        ("6", "Staff Networks and Trade Unions", 27),
        ("7", "Community Engagement", 21),
    ]
    assert [(s.id, s.title) for s in standard.category("2").sections] == [
        ("2a", "Recruitment"),
        ("2b", "Induction and Supervision"),
        ("2c", "Training and Development"),
        ("2d", "Retention and Reward"),
        ("2e", "Disciplinary and Grievances"),
    ]


def test_version_14_published_ranges_are_the_seeds(catalogue: Catalogue) -> None:
    standard = catalogue.get("celc-tri")
    published = {
        c.id: [(r.low, r.high) for _, r in c.published_ranges] for c in standard.categories
    }
    assert published == {
        "1": [(0, 10), (11, 18), (19, 22)],
        "2": [(0, 36), (37, 59), (60, 75)],
        "3": [(0, 10), (11, 12), (13, 18)],
        "4": [(0, 2), (3, 13), (14, 15)],
        "5": [(0, 5), (6, 9), (10, 11)],
        "6": [(0, 14), (15, 23), (24, 27)],
        "7": [(0, 9), (10, 16), (17, 21)],
    }


@pytest.mark.parametrize(
    ("row", "level", "text"),
    [
        (
            "1.1",
            Level.DEVELOPING,
            "Senior leadership (executive and political) have publicly committed to reducing "
            "inequality, fostering good relations and challenging discrimination.",
        ),
        # Footnote marker taken out, the rest exactly as published.
        (
            "1.2",
            Level.LEADING,
            "Roles and responsibilities addressing racial inequalities are clearly defined and the "
            "impact of organisational decisions has improved outcomes for diverse communities as "
            "evidenced by Equality Impact Assessments (EQIA).",
        ),
        # The seed's typo is kept.
        (
            "2a.3",
            Level.LEADING,
            "Recruitment systems are routinely evaluated to ensure they are as effective as possible "
            "in supporting diverse and inclusive recruitment. Updates to the system are made to help "
            "facilitate this/",
        ),
        # A row wrapped across a page break and a footnote reads as one.
        (
            "2a.5",
            Level.ESTABLISHED,
            "An annual review of appointments against organisational recruitment targets, including "
            "a comparison of appointments' diversity make-up against the longlist of applicants.",
        ),
        (
            "2c.2",
            Level.DEVELOPING,
            "Black, Asian and Ethnic Multi-Ethnic staff and line managers have regular 1-2-1 "
            "meetings, which focus on career aspirations and development.",
        ),
        # Free-standing sentences after a table read as Leading-only rows.
        (
            "4.5",
            Level.LEADING,
            "Exploratory work encompassing the voice of affected communities has established clear "
            "guidance on the appropriate language and terminology for referring to Black, Asian and "
            "Multi-Ethnic communities in the workplace.",
        ),
        (
            "7.7",
            Level.LEADING,
            "Promote a culture of sustained engagement and participation within all areas of the "
            "organisation that supports ongoing equity in community engagement.",
        ),
        (
            "6.9",
            Level.LEADING,
            "Staff networks hold senior leadership accountable to the Chief Executive",
        ),
    ],
)
def test_descriptors_are_quoted_exactly(
    catalogue: Catalogue, row: str, level: Level, text: str
) -> None:
    assert catalogue.get("celc-tri").criterion(row).descriptors[level] == text


def test_version_14_glossary_levels_and_notes(catalogue: Catalogue) -> None:
    standard = catalogue.get("celc-tri")
    assert [entry.term for entry in standard.glossary] == [
        "Anti-racist culture",
        "Compliance vs Value-Based organisation model",
        "Diverse and inclusive organisation",
        "An Equality Impact Assessment (EQIA)",
        "Racial trauma",
    ]
    assert standard.level_definitions[Level.ESTABLISHED].startswith(
        "Partially compliant with the Standard's category"
    )
    assert (
        standard.category("2")
        .sections[0]
        .notes[0]
        .startswith("At a regional level the latest ONS data (2019) estimates 43%")
    )


def test_get_unknown_version_names_the_available_ones(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownVersionError) as excinfo:
        catalogue.get("celc-tri", "13")
    assert excinfo.value.message == "celc-tri: version 13 is not available (available: 14)"


def test_get_unknown_standard(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownVersionError) as excinfo:
        catalogue.get("nhs-wres")
    assert excinfo.value.message == "nhs-wres: no such Standard is available"


def test_a_new_version_is_a_new_file(catalogue_with_v15: Catalogue) -> None:
    assert [s.version for s in catalogue_with_v15.versions("celc-tri")] == ["14", "15"]
    assert catalogue_with_v15.get("celc-tri").version == "15"


def test_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StandardDataError) as excinfo:
        Catalogue.load(tmp_path / "missing")
    assert excinfo.value.problems == ("not a folder of Standard files",)


def test_the_same_version_twice_in_one_folder_is_an_error(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "data" / "celc-tri-v15.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    with pytest.raises(StandardDataError) as excinfo:
        Catalogue.load(tmp_path)
    assert excinfo.value.problems == (f"version 15 of celc-tri is also in {tmp_path / 'a.yaml'}",)


MINIMAL = """
id: demo
version: "1"
title: Demo
status: draft
points: {none: 0, developing: 1, established: 2, leading: 3}
levels:
  developing: {definition: d}
  established: {definition: e}
  leading: {definition: l}
categories:
  - id: "1"
    title: One
    description: The only category.
    published_ranges: {developing: [0, 1], established: [2, 2], leading: [3, 3]}
    sections:
      - id: "1"
        title: One
        rows:
          - {id: "1.1", developing: a, established: b, leading: c}
"""


def test_a_minimal_standard_loads() -> None:
    standard = parse_standard(MINIMAL, "demo.yaml")
    assert (standard.id, standard.version, standard.criterion("1.1").max_points) == ("demo", "1", 3)


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        ('version: "1"', "version:", ("version: missing",)),
        (
            '{id: "1.1", developing: a, established: b, leading: c}',
            '{id: "1.1", developing: a, establishd: b}',
            ("row 1.1: unknown field 'establishd' (levels are developing, established, leading)",),
        ),
        (
            '{id: "1.1", developing: a, established: b, leading: c}',
            '{id: "1.1"}',
            ("row 1.1: offers no level",),
        ),
        (
            '{id: "1.1", developing: a, established: b, leading: c}',
            '{id: "1.1", developing: a}\n          - {id: "1.1", leading: "  "}',
            ("row 1.1.leading: descriptor is empty", "row 1.1: id is used twice"),
        ),
        (
            '{id: "1.1", developing: a, established: b, leading: c}',
            '{id: "2.1", developing: a}',
            ("row 2.1: id must look like 1.1, 1.2, ...",),
        ),
        (
            "established: [2, 2], leading: [3, 3]",
            "established: [3, 3], leading: [2]",
            (
                "categories[0] (category 1).published_ranges.leading: expected [low, high], "
                "whole numbers, low <= high",
            ),
        ),
        (
            "established: [2, 2], leading: [3, 3]",
            "established: [3, 3], leading: [4, 4]",
            (
                "categories[0] (category 1).published_ranges.established: "
                "must start just above the top of developing",
            ),
        ),
        (
            "points: {none: 0, developing: 1, established: 2, leading: 3}",
            "points: {none: 0, developing: 1, established: 2, leading: 4}",
            ("points: must be none: 0, developing: 1, established: 2, leading: 3",),
        ),
    ],
)
def test_data_file_problems_name_the_field(old: str, new: str, problems: tuple[str, ...]) -> None:
    assert old in MINIMAL
    with pytest.raises(StandardDataError) as excinfo:
        parse_standard(MINIMAL.replace(old, new), "demo.yaml")
    assert excinfo.value.source == "demo.yaml"
    assert excinfo.value.problems == problems


def test_data_file_that_is_not_yaml() -> None:
    with pytest.raises(StandardDataError) as excinfo:
        parse_standard("id: [unclosed\n", "bad.yaml")
    assert excinfo.value.message == (
        "bad.yaml: line 2: not valid YAML (expected ',' or ']', but got '<stream end>')"
    )


def test_data_file_that_is_not_a_mapping() -> None:
    with pytest.raises(StandardDataError) as excinfo:
        parse_standard("- a list\n", "bad.yaml")
    assert excinfo.value.message == "bad.yaml: expected a mapping of fields"
