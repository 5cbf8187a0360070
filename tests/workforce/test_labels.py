"""Ethnicity labels: census, NHS and HR wordings mapped to categories, and nothing guessed."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tri.workforce.errors import EXAMPLE_ROWS, UnmappedEthnicityError, WorkforceError
from tri.workforce.ethnicity import (
    CATEGORIES,
    CATEGORY_BY_NAME,
    CATEGORY_DTYPE,
    GROUP_DTYPE,
    NOT_KNOWN,
    PREFER_NOT_TO_SAY,
    Category,
)
from tri.workforce.labels import SEPARATORS, EthnicityMap, normalise

pytestmark = pytest.mark.unit

STANDARD = EthnicityMap.standard()


def name_of(label: str | None, mapping: EthnicityMap = STANDARD) -> str | None:
    category = mapping.lookup(label)
    return None if category is None else category.name


# ---------------------------------------------------------------- NHS codes

# Code, Data Dictionary description, category name.
NHS_CODES = [
    ("A", "White - British", "White British"),
    ("B", "White - Irish", "Irish"),
    ("C", "White - Any other White background", "Other White"),
    ("D", "Mixed - White and Black Caribbean", "White and Black Caribbean"),
    ("E", "Mixed - White and Black African", "White and Black African"),
    ("F", "Mixed - White and Asian", "White and Asian"),
    ("G", "Mixed - Any other mixed background", "Other Mixed"),
    ("H", "Asian or Asian British - Indian", "Indian"),
    ("J", "Asian or Asian British - Pakistani", "Pakistani"),
    ("K", "Asian or Asian British - Bangladeshi", "Bangladeshi"),
    ("L", "Asian or Asian British - Any other Asian background", "Other Asian"),
    ("M", "Black or Black British - Caribbean", "Caribbean"),
    ("N", "Black or Black British - African", "African"),
    ("P", "Black or Black British - Any other Black background", "Other Black"),
    ("R", "Other Ethnic Groups - Chinese", "Chinese"),
    ("S", "Other Ethnic Groups - Any other ethnic group", "Any other ethnic group"),
    ("Z", "Not stated", "Prefer not to say"),
    ("99", "Not known", "Not known"),
]


@pytest.mark.parametrize(("code", "description", "name"), NHS_CODES)
def test_every_nhs_code_maps_bare_and_with_its_description(
    code: str, description: str, name: str
) -> None:
    for label in (
        code,
        code.lower(),
        description,
        f"{code} - {description}",
        f"{code}: {description}",
        f"{code} {description}",
        f"({code}) {description}",
    ):
        assert name_of(label) == name, label


def test_nhs_code_with_short_text_forms() -> None:
    assert name_of("A - White - British") == "White British"
    assert name_of("A: White British") == "White British"
    assert name_of("A White British") == "White British"
    assert name_of("Z - Prefer not to say") == "Prefer not to say"
    assert name_of("99 - Unknown") == "Not known"


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("CA", "Other White"),  # English: the NHS groups it under C
        ("CP", "Other White"),  # Polish
        ("C2", "Other White"),  # Northern Irish
        ("GF", "Other Mixed"),
        ("LH", "Other Asian"),
        ("PD", "Other Black"),
        ("SC", "Any other ethnic group"),
        ("LH - British Asian", "Other Asian"),  # text agrees with the code's group
        ("PD Black British", "Other Black"),
    ],
)
def test_nhs_local_sub_codes_group_with_their_first_letter(label: str, name: str) -> None:
    assert name_of(label) == name


@pytest.mark.parametrize(
    "label",
    [
        "cp",  # sub-codes only in capitals
        "No",  # ...so a two-letter word is never a code
        "Do",
        "ZA",  # Z is not an ethnicity, so has no sub-codes
        "IA",  # I, O and Q are not NHS codes
        "No response",
        "Do not know",
        "A - Indian",  # a code and text that disagree
        "CA White English",  # the NHS puts CA in C; the text says White British: a person decides
        "CP - Polish",  # text we do not know
        "T",
    ],
)
def test_codes_that_are_not_codes_or_disagree_with_their_text_are_not_mapped(
    label: str,
) -> None:
    assert STANDARD.lookup(label) is None


@pytest.mark.parametrize(
    ("label", "name"), [("NK", "Not known"), ("NA", "Not known"), ("NS", "Prefer not to say")]
)
def test_abbreviations_win_over_sub_codes_of_n(label: str, name: str) -> None:
    assert name_of(label) == name


# ---------------------------------------------------------------- census wordings

# Per category: 2011 census wordings (output table and questionnaire). Roma had no 2011 box.
CENSUS_2011 = {
    "Bangladeshi": ["Asian/Asian British: Bangladeshi", "Bangladeshi"],
    "Chinese": ["Asian/Asian British: Chinese", "Chinese"],
    "Indian": ["Asian/Asian British: Indian", "Indian"],
    "Pakistani": ["Asian/Asian British: Pakistani", "Pakistani"],
    "Other Asian": ["Asian/Asian British: Other Asian", "Any other Asian background"],
    "African": ["Black/African/Caribbean/Black British: African", "African"],
    "Caribbean": ["Black/African/Caribbean/Black British: Caribbean", "Caribbean"],
    "Other Black": [
        "Black/African/Caribbean/Black British: Other Black",
        "Any other Black/African/Caribbean background",
    ],
    "White and Asian": ["Mixed/multiple ethnic groups: White and Asian"],
    "White and Black African": ["Mixed/multiple ethnic groups: White and Black African"],
    "White and Black Caribbean": ["Mixed/multiple ethnic groups: White and Black Caribbean"],
    "Other Mixed": [
        "Mixed/multiple ethnic groups: Other Mixed",
        "Any other Mixed/multiple ethnic background",
    ],
    "White British": [
        "White: English/Welsh/Scottish/Northern Irish/British",
        "English/Welsh/Scottish/Northern Irish/British",
    ],
    "Irish": ["White: Irish", "Irish"],
    "Gypsy or Irish Traveller": ["White: Gypsy or Irish Traveller", "Gypsy or Irish Traveller"],
    "Other White": ["White: Other White", "Any other White background", "Other White"],
    "Arab": ["Other ethnic group: Arab", "Arab"],
    "Any other ethnic group": ["Other ethnic group: Any other ethnic group"],
}

# Per category: 2021 census wordings besides the output label (which is Category.label).
CENSUS_2021 = {
    "Bangladeshi": ["Asian or Asian British: Bangladeshi"],
    "Chinese": ["Asian or Asian British: Chinese"],
    "Indian": ["Asian or Asian British: Indian"],
    "Pakistani": ["Asian or Asian British: Pakistani"],
    "Other Asian": ["Any other Asian background"],
    "African": ["Black, Black British, Caribbean or African: African"],
    "Caribbean": ["Black, Black British, Caribbean or African: Caribbean"],
    "Other Black": ["Any other Black, Black British or Caribbean background"],
    "White and Asian": ["White and Asian"],
    "White and Black African": ["White and Black African"],
    "White and Black Caribbean": ["White and Black Caribbean"],
    "Other Mixed": ["Any other Mixed or Multiple ethnic background"],
    "White British": ["English, Welsh, Scottish, Northern Irish or British"],
    "Irish": ["Irish"],
    "Gypsy or Irish Traveller": ["Gypsy or Irish Traveller"],
    "Roma": ["Roma"],
    "Other White": ["Any other White background"],
    "Arab": ["Arab"],
    "Any other ethnic group": ["Any other ethnic group"],
}

CENSUS_CASES = [
    pytest.param(label, name, id=f"{year}-{label}")
    for year, table in (("2011", CENSUS_2011), ("2021", CENSUS_2021))
    for name, labels in table.items()
    for label in labels
] + [pytest.param(c.label, c.name, id=f"2021-{c.label}") for c in CATEGORIES]


@pytest.mark.parametrize(("label", "name"), CENSUS_CASES)
def test_census_wordings_map_to_their_category(label: str, name: str) -> None:
    assert name_of(label) == name


def test_census_wordings_cover_every_category() -> None:
    census = {c.name for c in CATEGORIES if c.disclosed}
    assert set(CENSUS_2011) == census - {"Roma"}
    assert set(CENSUS_2021) == census


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("White - British", "White British"),
        ("White British", "White British"),
        ("White English", "White British"),
        ("White Scottish", "White British"),
        ("White Welsh", "White British"),
        ("White Northern Irish", "White British"),
        ("White - Irish", "Irish"),
        ("White - Gypsy or Irish Traveller", "Gypsy or Irish Traveller"),
        ("White Other", "Other White"),
        ("Black or Black British - Caribbean", "Caribbean"),
        ("Black British", "Other Black"),
        ("Asian or Asian British - Indian", "Indian"),
        ("Asian British", "Other Asian"),
        ("Mixed - White and Asian", "White and Asian"),
        ("Chinese or other ethnic group: Chinese", "Chinese"),
        ("Dual heritage", "Other Mixed"),
        ("Any other mixed background", "Other Mixed"),
        ("Other ethnic group", "Any other ethnic group"),
        ("Prefer not to say", "Prefer not to say"),
        ("Not stated", "Prefer not to say"),
        ("Declined", "Prefer not to say"),
        ("Refused", "Prefer not to say"),
        ("Not declared", "Prefer not to say"),
        ("Information refused", "Prefer not to say"),
        ("Unknown", "Not known"),
        ("Not known", "Not known"),
        ("Not recorded", "Not known"),
        ("Not specified", "Not known"),
    ],
)
def test_common_hr_variants(label: str, name: str) -> None:
    assert name_of(label) == name


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "label",
    [
        "White British",
        "WHITE BRITISH",
        "white british",
        "  White   British  ",
        "White\tBritish\n",
        "White - British",
        "White \u2013 British",
        "White\u2014British",
        "White: British",
        "white/british",
        "White, British.",
        "White (British)",
        "White_British",
        "White\u00a0British",
    ],
)
def test_case_spacing_and_separators_do_not_matter(label: str) -> None:
    assert name_of(label) == "White British"


def test_normalise() -> None:
    assert normalise("  Asian,Asian British or Asian Welsh:Indian ") == (
        "asian asian british or asian welsh indian"
    )
    assert normalise("White & Black Caribbean") == "white and black caribbean"
    assert normalise("White&Asian") == "white and asian"
    assert normalise("Don\u2019t wish to say") == "dont wish to say"
    assert normalise(" - / ") == ""
    assert name_of("Mixed - White & Black African") == "White and Black African"


@pytest.mark.parametrize("label", [None, "", "   ", "\t", "-", " / "])
def test_blank_means_not_known(label: str | None) -> None:
    assert STANDARD.lookup(label) == NOT_KNOWN


@pytest.mark.parametrize(
    "label",
    [
        "BAME",
        "BME",
        "Ethnic minority",
        "Non-white",
        "White",
        "Asian",
        "Black",
        "Mixed",
        "Other",
        "British",
        "Gypsy/Roma",
        "Whyte British",
    ],
)
def test_labels_that_name_no_category_stay_unmapped(label: str) -> None:
    assert STANDARD.lookup(label) is None


# ---------------------------------------------------------------- the packaged list


def test_every_category_is_reachable_from_a_label() -> None:
    assert {category for _, category in STANDARD.entries} == set(CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.code)
def test_every_category_name_and_ons_label_maps_to_itself(category: Category) -> None:
    assert STANDARD.lookup(category.name) == category
    assert STANDARD.lookup(category.label) == category


def test_standard_is_loaded_once() -> None:
    assert EthnicityMap.standard() is EthnicityMap.standard()


def _labels_yaml(categories: str) -> str:
    others = "".join(f"  {c.name}: [{c.name}]\n" for c in CATEGORIES if c.name not in categories)
    return f"nhs_codes:\n  A: White British\ncategories:\n{categories}{others}"


def test_loading_fails_when_two_categories_claim_a_label() -> None:
    text = _labels_yaml("  Irish: [Irish, White - British]\n  White British: [White British]\n")
    with pytest.raises(ValueError, match="claimed by both") as caught:
        EthnicityMap.from_yaml(text, source="test.yaml")
    assert "'White British'" in str(caught.value)
    assert "'Irish'" in str(caught.value)


def test_loading_fails_on_a_label_listed_twice_or_an_unknown_category() -> None:
    text = _labels_yaml("  Irish: [Irish, White Irish, 'White: Irish']\n  Welsh: [Cymraeg]\n")
    with pytest.raises(ValueError, match="listed twice") as caught:
        EthnicityMap.from_yaml(text, source="test.yaml")
    assert "'Welsh' is not a category name" in str(caught.value)


def test_loading_fails_on_malformed_yaml() -> None:
    with pytest.raises(ValueError, match=r"test\.yaml: not valid YAML"):
        EthnicityMap.from_yaml("categories: [", source="test.yaml")
    with pytest.raises(ValueError, match="expected exactly the keys"):
        EthnicityMap.from_yaml("categories: {}\n", source="test.yaml")


def test_loading_fails_when_a_code_collides_with_a_label() -> None:
    text = _labels_yaml("  Irish: [Irish, A]\n")
    with pytest.raises(ValueError, match="claimed by both"):
        EthnicityMap.from_yaml(text, source="test.yaml")


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, Category]:
    """A label from the packaged list, with its case, spacing and separators changed."""
    label, category = draw(st.sampled_from(STANDARD.entries))
    separators = st.text(alphabet=SEPARATORS + " \t", min_size=1, max_size=3)
    words = []
    for word in normalise(label).split(" "):
        if word == "and" and draw(st.booleans()):
            word = "&"
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        words.append("".join(c.upper() if up else c for c, up in zip(word, flips, strict=True)))
    text = draw(st.text(alphabet=" \t", max_size=2))
    for index, word in enumerate(words):
        text += (draw(separators) if index else "") + word
    return text + draw(st.text(alphabet=" \t.", max_size=2)), category


@given(disguised())
def test_any_packaged_label_survives_case_spacing_and_separator_changes(
    case: tuple[str, Category],
) -> None:
    label, category = case
    assert STANDARD.lookup(label) == category


# ---------------------------------------------------------------- apply


def test_apply_replaces_the_column_with_category_and_group() -> None:
    frame = pl.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "ethnicity": ["A", "Asian/Asian British: Indian", None, "", "Prefer not to say"],
            "band": ["1", "2", "3", "4", "5"],
        }
    )
    result = STANDARD.apply(frame, file="staff.csv")
    assert result.columns == ["id", "category", "group", "band"]
    assert result.schema["category"] == CATEGORY_DTYPE
    assert result.schema["group"] == GROUP_DTYPE
    assert result.get_column("category").to_list() == [
        "White British",
        "Indian",
        "Not known",
        "Not known",
        "Prefer not to say",
    ]
    assert result.get_column("group").to_list() == [
        "White",
        "Asian",
        "Not disclosed",
        "Not disclosed",
        "Not disclosed",
    ]
    assert result.get_column("id").to_list() == [1, 2, 3, 4, 5]


def test_apply_gives_every_category_its_group() -> None:
    frame = pl.DataFrame({"ethnicity": [c.label for c in CATEGORIES]})
    result = STANDARD.apply(frame, file="staff.csv")
    assert result.rows() == [(c.name, c.group) for c in CATEGORIES]


def test_apply_reads_another_column_and_non_text_columns() -> None:
    frame = pl.DataFrame(
        {"eth": pl.Series(["99", "A", None], dtype=pl.Categorical), "n": [1, 2, 3]}
    )
    result = STANDARD.apply(frame, file="staff.csv", column="eth")
    assert result.columns == ["category", "group", "n"]
    assert result.get_column("category").to_list() == ["Not known", "White British", "Not known"]
    all_null = STANDARD.apply(pl.DataFrame({"ethnicity": [None, None]}), file="x.csv")
    assert all_null.get_column("category").to_list() == ["Not known", "Not known"]


def test_apply_needs_the_column_and_keeps_other_columns_safe() -> None:
    with pytest.raises(WorkforceError, match='there is no "ethnicity" column'):
        STANDARD.apply(pl.DataFrame({"x": ["A"]}), file="staff.csv")
    with pytest.raises(WorkforceError, match='already has a "group" column'):
        STANDARD.apply(pl.DataFrame({"ethnicity": ["A"], "group": ["x"]}), file="staff.csv")


def test_unmapped_labels_are_all_listed_with_counts_and_first_rows() -> None:
    values = ["BAME", "A", "Whyte", "BAME", "Ethnic minority", "Whyte", None]
    values += ["BAME"] * 5 + ["Non-white"]
    frame = pl.DataFrame({"ethnicity": values})
    with pytest.raises(UnmappedEthnicityError) as caught:
        STANDARD.apply(frame, file="staff.csv")
    problems = caught.value.problems
    assert [(p.message.split('"')[1], p.count) for p in problems] == [
        ("BAME", 7),
        ("Whyte", 2),
        ("Ethnic minority", 1),
        ("Non-white", 1),
    ]
    bame = problems[0]
    assert bame.file == "staff.csv"
    assert bame.column == "ethnicity"
    assert len(bame.rows) == EXAMPLE_ROWS
    assert bame.rows == ((2, "BAME"), (5, "BAME"), (9, "BAME"), (10, "BAME"), (11, "BAME"))
    assert str(bame) == (
        'staff.csv, column ethnicity: "BAME" is not an ethnicity label we know '
        "(add it to a local mapping file) in 7 rows: "
        'rows 2 ("BAME"), 5 ("BAME"), 9 ("BAME"), 10 ("BAME"), 11 ("BAME") and 2 more'
    )
    assert problems[1].rows == ((4, "Whyte"), (7, "Whyte"))
    assert str(problems[2]) == (
        'staff.csv row 6, column ethnicity: "Ethnic minority" is not an ethnicity label we '
        'know (add it to a local mapping file) ("Ethnic minority")'
    )
    assert str(caught.value).startswith("4 problems found:\n")


def test_unmapped_rows_count_from_first_row() -> None:
    frame = pl.DataFrame({"ethnicity": ["A", "BAME"]})
    with pytest.raises(UnmappedEthnicityError) as caught:
        STANDARD.apply(frame, file="staff.xlsx", first_row=5)
    assert caught.value.problems[0].rows == ((6, "BAME"),)


# ---------------------------------------------------------------- local mapping files


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_a_local_csv_adds_and_overrides_labels(tmp_path: Path) -> None:
    local = write(
        tmp_path / "local.csv",
        "\ufeffLabel , Category,notes\n"
        "Polish,White: Other White,ons label as the target\n"
        "White European,White British,overrides the standard label\n"
        "CA,A,an NHS code as the target\n"
        "\n"
        ",,\n"
        "Somali,african,a category name in any case\n"
        "somali,N,the same label twice with the same category is fine\n",
    )
    mapping = STANDARD.with_local(local)
    assert name_of("Polish", mapping) == "Other White"
    assert name_of("white - european", mapping) == "White British"
    assert name_of("CA", mapping) == "White British"
    assert name_of("CA - White English", mapping) == "White British"
    assert name_of("Somali", mapping) == "African"
    assert name_of("CP - Polish", mapping) == "Other White"  # a sub-code and a local label agree
    assert name_of("White European") == "Other White"  # the standard map is unchanged
    assert ("Polish", CATEGORY_BY_NAME["Other White"]) in mapping.entries
    frame = pl.DataFrame({"ethnicity": ["Polish", "Somali", "White British"]})
    assert mapping.apply(frame, file="x.csv").get_column("category").to_list() == [
        "Other White",
        "African",
        "White British",
    ]


def test_a_local_yaml_file_reads_labels_as_written(tmp_path: Path) -> None:
    local = write(
        tmp_path / "local.yaml",
        "# our HR system's wordings\nNo: Prefer not to say\n99: Not known\nKurdish: S\n",
    )
    mapping = STANDARD.with_local(local)
    assert name_of("No", mapping) == "Prefer not to say"
    assert name_of("Kurdish", mapping) == "Any other ethnic group"
    again = mapping.with_local(
        write(tmp_path / "more.yml", 'Kurdish: "Other ethnic group: Arab"\n')
    )
    assert name_of("Kurdish", again) == "Arab"
    assert name_of("No", again) == "Prefer not to say"


def test_a_local_category_must_be_an_ethnicity_we_know(tmp_path: Path) -> None:
    local = write(
        tmp_path / "local.csv",
        "label,category\nPolish,Other White\nSomali,African\nWhite Welsh,Whyte\n",
    )
    with pytest.raises(WorkforceError) as caught:
        STANDARD.with_local(local)
    assert str(caught.value) == (
        'local.csv row 4, column category: "Whyte" is not an ethnicity we know'
    )


def test_every_local_problem_is_found_in_one_pass(tmp_path: Path) -> None:
    local = write(
        tmp_path / "local.csv",
        "label,category\n"
        "Irish Traveller,Other White\n"
        "Kurdish,BAME\n"
        ",Arab\n"
        "Polish,\n"
        "irish traveller,Gypsy or Irish Traveller\n"
        "IRISH-TRAVELLER,Other White\n",
    )
    with pytest.raises(WorkforceError) as caught:
        STANDARD.with_local(local, file="our labels.csv")
    assert [str(p) for p in caught.value.problems] == [
        'our labels.csv, column label: "Irish Traveller" is given different categories '
        '("Other White" and "Gypsy or Irish Traveller") in 3 rows: '
        'rows 2 ("Irish Traveller"), 6 ("irish traveller"), 7 ("IRISH-TRAVELLER")',
        'our labels.csv row 3, column category: "BAME" is not an ethnicity we know',
        "our labels.csv row 4, column label: the label is blank",
        "our labels.csv row 5, column category: the category is blank",
    ]


def test_a_local_csv_needs_label_and_category_columns(tmp_path: Path) -> None:
    local = write(tmp_path / "local.csv", "wording,ethnicity\nPolish,Other White\n")
    with pytest.raises(WorkforceError) as caught:
        STANDARD.with_local(local)
    assert str(caught.value) == (
        'local.csv row 1: the header has no "label" and "category" columns '
        "(it needs label,category)"
    )
    one = write(tmp_path / "one.csv", "label,target\nPolish,Other White\n")
    with pytest.raises(
        WorkforceError, match=r'one\.csv row 1: the header has no "category" column'
    ):
        STANDARD.with_local(one)
    empty = write(tmp_path / "empty.csv", "")
    with pytest.raises(WorkforceError, match=r"empty\.csv row 1: the file is empty"):
        STANDARD.with_local(empty)


def test_an_unreadable_local_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(WorkforceError, match=r"^missing\.csv: cannot be read"):
        STANDARD.with_local(tmp_path / "missing.csv")
    with pytest.raises(WorkforceError, match=r"^latin\.csv: is not UTF-8 text"):
        STANDARD.with_local(write(tmp_path / "latin.csv", "label,category\nCafé,S\n", "latin-1"))
    with pytest.raises(WorkforceError, match=r"^labels\.xlsx: is not a mapping file"):
        STANDARD.with_local(write(tmp_path / "labels.xlsx", "label,category\n"))


def test_a_malformed_local_csv_is_named_with_its_row(tmp_path: Path) -> None:
    local = write(tmp_path / "local.csv", "label,category\nPolish,S\n" + "x" * 200_000 + ",S\n")
    with pytest.raises(WorkforceError) as caught:
        STANDARD.with_local(local)
    assert str(caught.value) == (
        "local.csv row 3: is not readable CSV: field larger than field limit (131072)"
    )


def test_malformed_local_yaml_is_named_with_its_line(tmp_path: Path) -> None:
    broken = write(tmp_path / "local.yaml", "Polish: Other White\nKurdish: [S\n")
    with pytest.raises(WorkforceError, match=r"^local\.yaml row \d: is not valid YAML"):
        STANDARD.with_local(broken)
    listed = write(tmp_path / "list.yaml", "- Polish\n- Kurdish\n")
    with pytest.raises(
        WorkforceError, match=r"^list\.yaml row 1: should be lines of label: category"
    ):
        STANDARD.with_local(listed)
    nested = write(tmp_path / "nested.yaml", "Polish: Other White\nKurdish:\n  - S\nCafe: Whyte\n")
    with pytest.raises(WorkforceError) as caught:
        STANDARD.with_local(nested)
    assert [str(p) for p in caught.value.problems] == [
        "nested.yaml row 2: should be label: category, each one text",
        'nested.yaml row 4, column category: "Whyte" is not an ethnicity we know',
    ]
    with pytest.raises(WorkforceError, match=r"^empty\.yaml row 1: the file is empty"):
        STANDARD.with_local(write(tmp_path / "empty.yaml", "# nothing yet\n"))


def test_local_labels_cannot_be_blank_punctuation(tmp_path: Path) -> None:
    local = write(tmp_path / "local.csv", "label,category\n-,Not known\n")
    with pytest.raises(WorkforceError, match="row 2, column label: the label is blank"):
        STANDARD.with_local(local)


def test_prefer_not_to_say_and_not_known_are_distinct() -> None:
    assert STANDARD.lookup("Z") == PREFER_NOT_TO_SAY
    assert STANDARD.lookup("99") == NOT_KNOWN
