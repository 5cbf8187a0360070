"""The synthetic returns: their shape, their invariants and the inequalities planted in them."""

from __future__ import annotations

import datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tri.workforce import generate
from tri.workforce.ethnicity import (
    CATEGORIES,
    CATEGORY_BY_CODE,
    CENSUS_CATEGORIES,
    ETHNIC_MINORITY_GROUPS,
    NOT_DISCLOSED,
    WHITE,
)
from tri.workforce.labels import EthnicityMap
from tri.workforce.schemas import STAGES

pytestmark = pytest.mark.unit

SNAPSHOT = datetime.date(2026, 3, 31)

#: Every label the generator writes, to its high-level group; blank means not known.
GROUP_OF_LABEL = {c.label: c.group for c in CATEGORIES} | {
    label: CATEGORY_BY_CODE[code].group for code, label in generate.VARIANT_LABELS.items()
}


def with_group(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        group=pl.col("ethnicity").replace_strict(GROUP_OF_LABEL, default=NOT_DISCLOSED)
    )


def mean(series: pl.Series) -> float:
    value = series.mean()
    assert isinstance(value, float)
    return value


def minority_share(frame: pl.DataFrame) -> float:
    """Ethnic-minority share of those who disclosed."""
    disclosed = frame.filter(pl.col("group") != NOT_DISCLOSED)
    return mean(disclosed["group"].is_in(ETHNIC_MINORITY_GROUPS))


def rate(frame: pl.DataFrame, column: str, groups: tuple[str, ...]) -> float:
    return mean(frame.filter(pl.col("group").is_in(groups))[column])


@pytest.fixture(scope="module")
def staff() -> pl.DataFrame:
    return with_group(generate.employees(50_000, seed=7, snapshot=SNAPSHOT))


@pytest.fixture(scope="module")
def applicants() -> pl.DataFrame:
    return with_group(generate.applications(50_000, seed=7))


# ---------------------------------------------------------------- shape


def test_employee_columns_and_dtypes() -> None:
    frame = generate.employees(100)
    assert frame.schema == pl.Schema(
        {
            "employee_ref": pl.String,
            "ethnicity": pl.String,
            "sex": pl.String,
            "pay_band": pl.String,
            "hourly_pay": pl.Float64,
            "bonus_pay": pl.Float64,
            "fte": pl.Float64,
            "directorate": pl.String,
            "leadership_tier": pl.String,
            "started_on": pl.Date,
            "left_on": pl.Date,
            "leaving_reason": pl.String,
            "formal_disciplinary": pl.Boolean,
            "formal_grievance": pl.Boolean,
            "non_mandatory_training": pl.Boolean,
        }
    )
    assert tuple(frame.columns) == generate.EMPLOYEE_COLUMNS
    assert frame.height == 100


def test_application_columns_and_dtypes() -> None:
    frame = generate.applications(100)
    assert frame.schema == pl.Schema(
        {
            "application_ref": pl.String,
            "ethnicity": pl.String,
            "stage_reached": pl.String,
            "vacancy_pay_band": pl.String,
        }
    )
    assert tuple(frame.columns) == generate.APPLICATION_COLUMNS


def test_no_rows_gives_an_empty_frame_of_the_same_shape() -> None:
    assert generate.employees(0).schema == generate.employees(1).schema
    assert generate.applications(0).height == 0


def test_same_seed_same_frame_other_seed_other_frame() -> None:
    assert_frame_equal(generate.employees(2_000, seed=3), generate.employees(2_000, seed=3))
    assert not generate.employees(2_000, seed=3).equals(generate.employees(2_000, seed=4))
    assert_frame_equal(generate.applications(2_000, seed=3), generate.applications(2_000, seed=3))
    assert not generate.applications(2_000, seed=3).equals(generate.applications(2_000, seed=4))


def test_references_are_unique_and_zero_padded(
    staff: pl.DataFrame, applicants: pl.DataFrame
) -> None:
    assert staff["employee_ref"].n_unique() == staff.height
    assert staff["employee_ref"][:2].to_list() == ["E0000001", "E0000002"]
    assert applicants["application_ref"].n_unique() == applicants.height
    assert applicants["application_ref"][-1] == "A0050000"


def test_references_widen_past_ten_million() -> None:
    two = pl.DataFrame({"x": [0, 0]}).select(generate._refs("ref", "E", 10_000_000))
    assert two["ref"].to_list() == ["E00000001", "E00000002"]


@pytest.mark.parametrize(("rows", "bands"), [(-1, 8), (10, 2)])
def test_impossible_arguments_are_refused(rows: int, bands: int) -> None:
    with pytest.raises(ValueError, match="must"):
        generate.employees(rows, bands=bands)
    with pytest.raises(ValueError, match="must"):
        generate.applications(rows, bands=bands)


# ---------------------------------------------------------------- invariants


def test_every_ethnicity_label_is_one_the_mapping_accepts(staff: pl.DataFrame) -> None:
    labels = staff["ethnicity"].drop_nulls().unique().to_list()
    assert set(labels) <= set(GROUP_OF_LABEL)
    mapping = EthnicityMap.standard()
    for code, label in generate.VARIANT_LABELS.items():
        assert mapping.lookup(label) == CATEGORY_BY_CODE[code], label
    for category in CATEGORIES:
        assert mapping.lookup(category.label) == category


def test_ethnicity_is_mostly_ons_labels_with_variants_and_blanks(staff: pl.DataFrame) -> None:
    assert 0.7 < mean(staff["ethnicity"].is_in([c.label for c in CATEGORIES])) < 0.85
    assert 0.01 < mean(staff["ethnicity"].is_null()) < 0.03


def test_leaving_is_within_the_year_after_starting(staff: pl.DataFrame) -> None:
    assert staff.select(
        pl.col("started_on").is_between(generate.EARLIEST_START, SNAPSHOT).all()
    ).item()
    leavers = staff.filter(pl.col("left_on").is_not_null())
    assert 0.08 < leavers.height / staff.height < 0.12
    a_year_before = SNAPSHOT - datetime.timedelta(days=364)
    assert leavers.select((pl.col("left_on") >= pl.col("started_on")).all()).item()
    assert leavers.select(pl.col("left_on").is_between(a_year_before, SNAPSHOT).all()).item()


def test_a_leaving_reason_exactly_when_left(staff: pl.DataFrame) -> None:
    left = staff["left_on"].is_not_null()
    assert left.equals(staff["leaving_reason"].is_not_null(), check_names=False)
    assert set(staff["leaving_reason"].drop_nulls().unique()) == set(generate.LEAVING_REASONS)


def test_pay_is_positive_and_rises_band_by_band(staff: pl.DataFrame) -> None:
    assert staff.select((pl.col("hourly_pay") > 0).all()).item()
    medians = (
        staff.group_by(pl.col("pay_band").cast(pl.Int64))
        .agg(pl.col("hourly_pay").median())
        .sort("pay_band")
    )
    assert medians["pay_band"].to_list() == list(range(1, 9))
    pay = medians["hourly_pay"].to_list()
    assert pay == sorted(pay)
    assert generate.LONDON_LIVING_WAGE <= pay[0] <= 16
    assert 50 <= pay[-1] <= 75


@pytest.mark.parametrize("bands", [3, 8, 20])
def test_no_one_is_paid_below_the_london_living_wage(bands: int) -> None:
    frame = generate.employees(20_000, seed=11, bands=bands)
    assert frame.select((pl.col("hourly_pay") >= generate.LONDON_LIVING_WAGE).all()).item()
    band_1 = frame.filter(pl.col("pay_band") == "1")["hourly_pay"]
    # Moved up, not piled up: most of band 1 is paid above the floor.
    assert mean(band_1 > generate.LONDON_LIVING_WAGE) > 0.9


def test_other_band_counts_scale() -> None:
    frame = generate.employees(5_000, bands=5)
    assert set(frame["pay_band"].unique()) == {"1", "2", "3", "4", "5"}
    medians = frame.group_by("pay_band").agg(pl.col("hourly_pay").median()).sort("pay_band")
    assert medians["hourly_pay"].to_list() == sorted(medians["hourly_pay"].to_list())


def test_band_sizes_form_a_pyramid(staff: pl.DataFrame) -> None:
    shares = staff["pay_band"].value_counts(normalize=True).sort("pay_band")["proportion"]
    assert shares[1:4].sum() > 0.55  # bands 2 to 4
    assert 0.005 < shares[-1] < 0.02  # the top band


def test_other_columns_have_plausible_values(staff: pl.DataFrame) -> None:
    assert 0.57 < mean(staff["sex"] == "Female") < 0.63
    assert set(staff["sex"].unique()) == {"Female", "Male"}
    assert staff.select(pl.col("fte").is_between(0.4, 1.0).all()).item()
    assert mean(staff["fte"] == 1.0) > 0.5
    assert set(staff["directorate"].unique()) == set(generate.DIRECTORATES)
    assert 0.03 < mean(staff["bonus_pay"].is_not_null()) < 0.05
    assert staff.select((pl.col("bonus_pay") > 0).all()).item()
    assert 0.005 < mean(staff["formal_grievance"]) < 0.02


def test_leadership_tiers_are_the_top_two_bands(staff: pl.DataFrame) -> None:
    tiers = staff.group_by("pay_band").agg(pl.col("leadership_tier").drop_nulls().unique())
    by_band = {band: sorted(t) for band, t in tiers.iter_rows()}
    assert by_band["8"] == [generate.TOP_TIER]
    assert by_band["7"] == [generate.SECOND_TIER]
    assert all(by_band[str(band)] == [] for band in range(1, 7))
    top = staff.filter(pl.col("pay_band") == "8")
    assert top["leadership_tier"].null_count() == 0


# ---------------------------------------------------------------- the planted inequalities


def test_london_shares_come_from_the_census() -> None:
    shares = generate.london_shares()
    assert len(shares) == len(CENSUS_CATEGORIES)
    assert sum(shares) == pytest.approx(1.0)
    white_british = shares[CENSUS_CATEGORIES.index(CATEGORY_BY_CODE["white_british"])]
    assert white_british == pytest.approx(0.368, abs=0.005)


def test_about_a_tenth_have_not_disclosed(staff: pl.DataFrame) -> None:
    assert 0.06 < mean(staff.head(20_000)["group"] == NOT_DISCLOSED) < 0.15
    by_band = staff.group_by("pay_band").agg((pl.col("group") == NOT_DISCLOSED).mean())
    by_band_rate = dict(by_band.iter_rows())
    assert by_band_rate["1"] > by_band_rate["4"]
    assert by_band_rate["8"] > by_band_rate["4"]


def test_ethnic_minority_staff_thin_out_towards_the_top(staff: pl.DataFrame) -> None:
    band_2 = minority_share(staff.filter(pl.col("pay_band") == "2"))
    top = minority_share(staff.filter(pl.col("pay_band") == "8"))
    assert top < band_2 - 0.1


def test_ethnic_minority_staff_are_paid_a_little_less_within_a_band(
    staff: pl.DataFrame,
) -> None:
    band_3 = staff.filter(pl.col("pay_band") == "3", pl.col("group") != NOT_DISCLOSED)
    minority = band_3.filter(pl.col("group").is_in(ETHNIC_MINORITY_GROUPS))["hourly_pay"]
    white = band_3.filter(pl.col("group") == WHITE)["hourly_pay"]
    gap = 1 - mean(minority) / mean(white)
    assert 0.005 < gap < 0.04


def test_black_staff_face_more_disciplinaries_and_white_staff_get_more_training(
    staff: pl.DataFrame,
) -> None:
    disciplinary = rate(staff, "formal_disciplinary", ("Black",)) / rate(
        staff, "formal_disciplinary", (WHITE,)
    )
    assert 1.2 < disciplinary < 2.6
    assert 0.01 < mean(staff["formal_disciplinary"]) < 0.02
    assert rate(staff, "non_mandatory_training", (WHITE,)) > rate(
        staff, "non_mandatory_training", ETHNIC_MINORITY_GROUPS
    )


def test_applications_narrow_stage_by_stage(applicants: pl.DataFrame) -> None:
    assert set(applicants["stage_reached"].unique()) <= set(STAGES)
    stage = pl.col("stage_reached").replace_strict({s: i for i, s in enumerate(STAGES)})
    reached = [applicants.filter(stage >= i).height for i in range(len(STAGES))]
    assert reached == sorted(reached, reverse=True)
    assert reached[-1] > 0


def test_white_applicants_are_likelier_to_be_appointed_from_shortlisting(
    applicants: pl.DataFrame,
) -> None:
    shortlisted = applicants.filter(
        pl.col("stage_reached").is_in(STAGES[STAGES.index("shortlisted") :])
    ).with_columns(appointed=pl.col("stage_reached") == "appointed")
    white = rate(shortlisted, "appointed", (WHITE,))
    minority = rate(shortlisted, "appointed", ETHNIC_MINORITY_GROUPS)
    assert 1.3 < white / minority < 1.7


def test_applicants_are_more_diverse_than_staff(
    staff: pl.DataFrame, applicants: pl.DataFrame
) -> None:
    assert minority_share(applicants) > minority_share(staff) + 0.03
