"""Measures a target can be set on, milestones as people type them, and progress against a target.

The example returns, run through the engine, give the golden values; Harrow's own trajectory
(25% by 2022, 35% by 2023, 45% by 2024, 50% by 2025, seed 003) gives the progress cases.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tri.workforce import (
    Measure,
    Options,
    YearProgress,
    aggregate_metrics,
    available_measures,
    control,
    employee_metrics,
    measure,
    measure_label,
    measure_value,
    parse_milestones,
    population,
    progress,
    read_aggregate,
    read_applications,
    read_employees,
    year_texts,
)

pytestmark = pytest.mark.unit

Json = dict[str, Any]

WORKFORCE = EXAMPLES / "workforce"
HARROW_TARGETS = {2022: 25.0, 2023: 35.0, 2024: 45.0, 2025: 50.0}


@pytest.fixture(scope="module")
def harrow() -> Json:
    employees = read_employees(WORKFORCE / "employees-synthetic.csv")
    applications = read_applications(WORKFORCE / "applications-synthetic.csv")
    full = employee_metrics(employees, applications, Options(population=population("Harrow")))
    return control(full).as_json()


@pytest.fixture(scope="module")
def harrow_aggregate() -> Json:
    aggregate = read_aggregate(WORKFORCE / "harrow-pay-bands-aggregate.csv")
    return control(aggregate_metrics(aggregate, Options(population=population("Harrow")))).as_json()


GROUPS = ["Asian", "Black", "Mixed", "White", "Other"]
EVERY_GROUP = ["ethnic_minority", *GROUPS]
MINORITY_GROUPS = ["ethnic_minority", "Asian", "Black", "Mixed", "Other"]


# ---------------------------------------------------------------- measures in a report


def test_the_synthetic_return_offers_these_measures_in_this_order(harrow: Json) -> None:
    assert [m.key for m in available_measures(harrow)] == [
        "disclosure.not_disclosed_pct",
        *(f"profile.share:{g}" for g in GROUPS),
        *(f"representation.workforce_pct:{g}" for g in EVERY_GROUP),
        *(f"representation.ratio:{g}" for g in EVERY_GROUP),
        "senior.top_5pct_ethnic_minority_pct",
        "senior.tier_ethnic_minority_pct:Corporate Leadership Group",
        "senior.tier_ethnic_minority_pct:Leadership Forum",
        *(f"pay_band.ethnic_minority_pct:{band}" for band in "12345678"),
        *(f"pay_gap.median:{g}" for g in MINORITY_GROUPS),
        *(f"pay_gap.mean:{g}" for g in MINORITY_GROUPS),
        "relative_likelihood.appointment_from_shortlisting",
        "relative_likelihood.formal_disciplinary",
        "relative_likelihood.non_mandatory_training",
        *(f"rates.leavers:{g}" for g in EVERY_GROUP),
    ]


def test_the_recruitment_measure_needs_a_recruitment_return() -> None:
    """Without a recruitment return, `relative_likelihood.appointment_from_shortlisting` is
    null: a section that is null is not offered."""
    employees = read_employees(WORKFORCE / "employees-synthetic.csv")
    published = control(employee_metrics(employees)).as_json()
    keys = [m.key for m in available_measures(published)]
    assert "relative_likelihood.appointment_from_shortlisting" not in keys
    assert "relative_likelihood.formal_disciplinary" in keys
    assert measure_value(published, "relative_likelihood.appointment_from_shortlisting") is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("disclosure.not_disclosed_pct", 9.49),
        ("profile.share:Black", 12.78),
        ("representation.workforce_pct:ethnic_minority", 48.02),
        ("representation.ratio:Asian", 0.48),
        ("senior.top_5pct_ethnic_minority_pct", 28.21),
        ("senior.tier_ethnic_minority_pct:Leadership Forum", None),  # suppressed
        ("pay_band.ethnic_minority_pct:1", 65.35),  # 25.44 + 25.0 + 9.65 + 5.26
        ("pay_band.ethnic_minority_pct:6", 35.64),  # Mixed, Other hidden: 100 − 64.36 White
        ("pay_band.ethnic_minority_pct:8", None),  # every share hidden
        ("pay_gap.median:ethnic_minority", 15.5),
        ("pay_gap.mean:Black", 19.37),
        ("relative_likelihood.formal_disciplinary", 1.072),
        ("relative_likelihood.non_mandatory_training", 1.358),
        ("relative_likelihood.appointment_from_shortlisting", 1.278),
        ("rates.leavers:ethnic_minority", 9.35),  # (51 + 34 + 15 + 20) / (577 + 376 + 151 + 179)
        ("rates.leavers:White", 12.02),
        ("pay_band.ethnic_minority_pct:99", None),  # no such band
        ("pay_gap.median:White", None),  # White is the reference
    ],
)
def test_measure_values_of_the_synthetic_return(harrow: Json, key: str, value: float) -> None:
    assert measure_value(harrow, key) == value


def test_an_aggregate_return_has_no_medians_people_or_likelihoods(harrow_aggregate: Json) -> None:
    keys = [m.key for m in available_measures(harrow_aggregate)]
    assert keys == [
        "disclosure.not_disclosed_pct",
        *(f"profile.share:{g}" for g in GROUPS),
        *(f"representation.workforce_pct:{g}" for g in EVERY_GROUP),
        *(f"representation.ratio:{g}" for g in EVERY_GROUP),
        *(f"pay_band.ethnic_minority_pct:{band}" for band in "123456"),
    ]
    assert measure_value(harrow_aggregate, "pay_band.ethnic_minority_pct:1") == 50.0
    assert measure_value(harrow_aggregate, "senior.top_5pct_ethnic_minority_pct") is None


def test_an_aggregate_return_with_pay_has_mean_gaps_only() -> None:
    data = {
        "pay_gap": {
            "reference": "White",
            "groups": {"Asian": {"n": 12, "mean_hourly_pay": 20.5, "mean_gap_pct": 7.1}},
            "ethnic_minority": {"n": 12, "mean_hourly_pay": 20.5, "mean_gap_pct": 7.1},
        }
    }
    assert [m.key for m in available_measures(data)] == [
        "pay_gap.mean:ethnic_minority",
        "pay_gap.mean:Asian",
    ]
    assert measure_value(data, "pay_gap.median:ethnic_minority") is None


def test_every_available_measure_is_the_measure_its_key_names(harrow: Json) -> None:
    for found in available_measures(harrow):
        assert measure(found.key) == found
        assert found.unit in ("pct", "ratio", "gap_pct")
        assert found.better in ("higher", "lower")


def test_measures_have_plain_labels() -> None:
    assert measure("senior.top_5pct_ethnic_minority_pct") == Measure(
        key="senior.top_5pct_ethnic_minority_pct",
        label="Ethnic minority share of the top 5% of earners",
        unit="pct",
        better="higher",
    )
    assert measure("pay_gap.median:ethnic_minority") == Measure(
        key="pay_gap.median:ethnic_minority",
        label="Median hourly pay gap: ethnic minority staff",
        unit="gap_pct",
        better="lower",
    )
    assert measure_label("profile.share:Black") == "Black staff as a share of the workforce"
    assert measure_label("pay_band.ethnic_minority_pct:6") == (
        "Ethnic minority share of staff who disclosed, pay band 6"
    )
    assert measure_label("pay_band.ethnic_minority_pct:Band 6") == (
        "Ethnic minority share of staff who disclosed, Band 6"
    )
    assert measure_label("pay_gap.mean:White") == (
        "Mean hourly pay gap: White minority staff (against White British staff)"
    )
    assert measure_label("rates.leavers:Asian") == "Leaver rate: Asian staff"
    assert measure("representation.ratio:White").better == "lower"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "A measure key is empty."),
        (
            "profile.share",
            "“profile.share”: profile.share needs an ethnic group after a colon, such as "
            "profile.share:Asian.",
        ),
        (
            "profile.share:Purple",
            "“profile.share:Purple”: Purple is not one of Asian, Black, Mixed, White, Other.",
        ),
        (
            "profile.share:ethnic_minority",
            "“profile.share:ethnic_minority”: ethnic_minority is not one of Asian, Black, Mixed, "
            "White, Other.",
        ),
        (
            "pay_band.ethnic_minority_pct",
            "“pay_band.ethnic_minority_pct”: pay_band.ethnic_minority_pct needs a pay band after "
            "a colon, such as pay_band.ethnic_minority_pct:6.",
        ),
        (
            "disclosure.not_disclosed_pct:1",
            "“disclosure.not_disclosed_pct:1”: disclosure.not_disclosed_pct takes nothing after "
            "a colon.",
        ),
    ],
)
def test_unknown_measure_keys_are_refused_by_name(key: str, message: str) -> None:
    for read in (measure_label, lambda k: measure_value({}, k)):
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            read(key)


def test_an_unknown_measure_lists_the_measures() -> None:
    listed = "“headcount” is not a measure. Measures: disclosure.not_disclosed_pct, profile.share, "
    with pytest.raises(ValueError, match=f"^{re.escape(listed)}"):
        measure("headcount")


# ---------------------------------------------------------------- milestones


@pytest.mark.parametrize(
    ("text", "milestones"),
    [
        ("2022=25, 2023=35, 2024=45, 2025=50", HARROW_TARGETS),
        ("2025=50\n2022=25;2023: 35\n\n 2024 : 45 ", HARROW_TARGETS),
        ("25% by 2022, 35% by 2023, 45% by 2024, 50% by 2025", HARROW_TARGETS),
        ("2030=0", {2030: 0.0}),
        ("2026=−2.5", {2026: -2.5}),
        ("2026=1.05", {2026: 1.05}),
        ("2000=.5, 2100=7.", {2000: 0.5, 2100: 7.0}),
    ],
)
def test_milestones_as_people_type_them(text: str, milestones: dict[int, float]) -> None:
    parsed = parse_milestones(text)
    assert parsed == milestones
    assert list(parsed) == sorted(parsed)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give at least one milestone, such as 2025=50."),
        (" ,\n; ", "Give at least one milestone, such as 2025=50."),
        ("2023=abc", "“2023=abc”: abc should be a number."),
        ("2023=35, 2024=4 5", "“2024=4 5”: 4 5 should be a number."),
        ("2023=nan", "“2023=nan”: nan should be a number."),
        ("2023=", "“2023=”: give a number for 2023."),
        ("23=35", "“23=35”: 23 should be a year from 2000 to 2100."),
        ("2101=35", "“2101=35”: 2101 should be a year from 2000 to 2100."),
        ("20x3=35", "“20x3=35”: 20x3 should be a year, such as 2025."),
        ("=35", "“=35”: give a year, such as 2025=50."),
        ("2023 35", "“2023 35”: write each milestone as YEAR=VALUE, such as 2025=50."),
        ("2023=35, 2023=40", "“2023=40”: 2023 is given more than once."),
        ("35% by next year", "“35% by next year”: write each milestone as YEAR=VALUE"),
    ],
)
def test_bad_milestones_name_the_piece_at_fault(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        parse_milestones(text)


# ---------------------------------------------------------------- progress


def test_harrow_behind_its_2025_target() -> None:
    result = progress(HARROW_TARGETS, "at_least", {2025: 28.21})
    assert result.years == (
        YearProgress(2022, 25.0, None, None),
        YearProgress(2023, 35.0, None, None),
        YearProgress(2024, 45.0, None, None),
        YearProgress(2025, 50.0, 28.21, False),
    )
    assert (result.status, result.latest_year, result.latest_actual, result.latest_planned) == (
        "behind",
        2025,
        28.21,
        50.0,
    )
    assert result.sentence == "28.2% in 2025 against a planned 50.0%: behind."


@pytest.mark.parametrize(
    ("actuals", "status", "sentence"),
    [
        ({2022: 26.0, 2023: 36.5}, "on_track", "36.5% in 2023 against a planned 35.0%: on track."),
        ({2023: 35.0}, "on_track", "35.0% in 2023 against a planned 35.0%: on track."),
        ({2023: 34.99}, "behind", "34.99% in 2023 against a planned 35.00%: behind."),
        (
            {2024: 51.0},
            "achieved",
            "51.0% in 2024 against a final target of 50.0% by 2025: achieved.",
        ),
        (
            {2026: 50.0},
            "achieved",
            "50.0% in 2026 against a final target of 50.0% by 2025: achieved.",
        ),
        ({2027: 48.0}, "behind", "48.0% in 2027 against a planned 50.0%: behind."),
        (
            {2021: 20.0},
            "not_started",
            "20.0% in 2021, before the first milestone (25.0% by 2022): not started.",
        ),
        ({}, "no_data", "No figure yet: the first milestone is 25.0% by 2022."),
        ({2024: None}, "no_data", "No figure yet: the first milestone is 25.0% by 2022."),
        (
            {2023: 40.0, 2024: None},
            "on_track",
            "40.0% in 2023 against a planned 35.0%: on track.",
        ),
    ],
)
def test_harrow_progress_statuses(
    actuals: dict[int, float | None], status: str, sentence: str
) -> None:
    result = progress(HARROW_TARGETS, "at_least", actuals)
    assert (result.status, result.sentence) == (status, sentence)


def test_years_run_from_the_first_of_either_to_the_last_of_either() -> None:
    result = progress({2023: 35.0, 2025: 50.0}, "at_least", {2021: 20.0, 2026: 55.0})
    assert result.years == (
        YearProgress(2021, None, 20.0, None),
        YearProgress(2022, None, None, None),
        YearProgress(2023, 35.0, None, None),
        YearProgress(2024, 42.5, None, None),
        YearProgress(2025, 50.0, None, None),
        YearProgress(2026, 50.0, 55.0, True),
    )


def test_plans_between_milestones_are_interpolated_to_two_places() -> None:
    result = progress({2020: 10.0, 2023: 20.0}, "at_least", {2022: 16.67})
    assert [y.planned for y in result.years] == [10.0, 13.33, 16.67, 20.0]
    assert (result.status, result.latest_planned) == ("on_track", 16.67)


def test_a_pay_gap_target_aims_at_most() -> None:
    milestones = {2024: 12.0, 2026: 8.0}
    assert progress(milestones, "at_most", {2025: 9.5}).sentence == (
        "9.5% in 2025 against a planned 10.0%: on track."
    )
    assert progress(milestones, "at_most", {2025: 10.5}).status == "behind"
    assert progress(milestones, "at_most", {2025: 7.0}).status == "achieved"
    assert progress(milestones, "at_most", {2025: -2.0}, unit="gap_pct").sentence == (
        "−2.0% in 2025 against a final target of 8.0% by 2026: achieved."
    )


def test_a_ratio_target_is_written_as_a_ratio() -> None:
    result = progress({2025: 1.0}, "at_most", {2025: 1.072}, unit="ratio")
    assert (result.status, result.sentence) == (
        "behind",
        "1.07 in 2025 against a planned 1.00: behind.",
    )


def test_each_year_is_written_in_the_measures_unit_as_the_sentence_writes_it() -> None:
    share = progress({2022: 25.0, 2025: 50.0}, "at_least", {2023: 38.1, 2024: 44.09, 2025: 49.96})
    likelihood = progress({2025: 1.0}, "at_most", {2024: 1.25, 2025: 1.004}, unit="ratio")

    assert [year_texts(y, share.unit) for y in share.years] == [
        ("25.0%", "–"),
        ("33.3%", "38.1%"),
        ("41.7%", "44.1%"),
        ("50.00%", "49.96%"),
    ]
    assert share.sentence == "49.96% in 2025 against a planned 50.00%: behind."
    assert [year_texts(y, likelihood.unit) for y in likelihood.years] == [
        ("–", "1.25"),
        ("1.000", "1.004"),
    ]


@pytest.mark.parametrize(
    ("milestones", "direction", "unit", "message"),
    [
        (HARROW_TARGETS, "more", "pct", "The direction should be at_least or at_most"),
        (HARROW_TARGETS, "at_least", "pounds", "The unit should be one of pct, ratio, gap_pct"),
        ({}, "at_least", "pct", "A target needs at least one milestone."),
    ],
)
def test_progress_refuses_what_it_cannot_read(
    milestones: dict[int, float], direction: str, unit: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        progress(milestones, direction, {}, unit=unit)


def test_progress_of_the_synthetic_return_against_harrows_targets(harrow: Json) -> None:
    actual = measure_value(harrow, "senior.top_5pct_ethnic_minority_pct")
    result = progress(HARROW_TARGETS, "at_least", {2025: actual})
    assert result.sentence == "28.2% in 2025 against a planned 50.0%: behind."


milestone_maps = st.dictionaries(
    st.integers(2000, 2100), st.floats(0, 100, allow_nan=False), min_size=1, max_size=6
)
actual_maps = st.dictionaries(
    st.integers(2000, 2100), st.none() | st.floats(0, 100, allow_nan=False), max_size=6
)


@given(milestone_maps, actual_maps, st.sampled_from(["at_least", "at_most"]))
def test_progress_properties(
    milestones: dict[int, float], actuals: dict[int, float | None], direction: str
) -> None:
    result = progress(milestones, direction, actuals)
    years = [y.year for y in result.years]
    assert years == list(range(min([*milestones, *actuals]), max([*milestones, *actuals]) + 1))
    assert all(y.planned is None for y in result.years if y.year < min(milestones))
    assert all(y.planned is not None for y in result.years if y.year >= min(milestones))
    assert all((y.met is None) == (y.planned is None or y.actual is None) for y in result.years)
    with_figures = [year for year, value in actuals.items() if value is not None]
    if not with_figures:
        assert result.status == "no_data"
    elif max(with_figures) < min(milestones):
        assert result.status == "not_started"
    else:
        latest = next(y for y in result.years if y.year == max(with_figures))
        assert latest.met is not None
        assert result.status in (("achieved", "on_track") if latest.met else ("achieved", "behind"))


@given(st.lists(st.tuples(st.integers(2000, 2100), st.integers(-1000, 1000)), max_size=6))
def test_milestones_written_out_read_back(points: list[tuple[int, int]]) -> None:
    wanted = dict(points)
    if not wanted:
        return
    text = ", ".join(f"{year}={value / 10}" for year, value in wanted.items())
    assert parse_milestones(text) == {year: value / 10 for year, value in sorted(wanted.items())}
