"""Data-linked criteria: every rule's thresholds at their boundaries, what happens when a figure is
suppressed or missing, and the example returns run through the whole engine as golden checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tri.standard import Level, Standard
from tri.workforce import (
    RULES,
    Options,
    Suggestion,
    aggregate_metrics,
    control,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
    suggest,
)

pytestmark = pytest.mark.unit

Json = dict[str, Any]

WORKFORCE = EXAMPLES / "workforce"
RANK = {"none": 0, "developing": 1, "established": 2, "leading": 3}


# ---------------------------------------------------------------- building reports


def report(**sections: Any) -> Json:
    """A disclosure-controlled report with only the sections a test needs."""
    data: Json = {
        "settings": {"kind": "employee", "suppression": True, "threshold": 10},
        "headcount": 1000,
        "suppressed": [],
    }
    data.update(sections)
    return data


def by_row(report_json: Json, previous: Json | None = None) -> dict[str, Suggestion]:
    return {s.rule.criterion_id: s for s in suggest(report_json, previous=previous)}


def disclosure(pct: float | None, count: int | None = None) -> Json:
    return {"not_disclosed": count, "not_disclosed_pct": pct}


def pay_gap(
    ethnic_minority: tuple[float | None, float | None],
    groups: dict[str, tuple[float | None, float | None]] | None = None,
) -> Json:
    """A pay gap section: (median, mean) for ethnic minority staff and for each group."""

    def entry(gaps: tuple[float | None, float | None]) -> Json:
        return {"n": 100, "median_gap_pct": gaps[0], "mean_gap_pct": gaps[1]}

    return {
        "reference": "White",
        "reference_group": {"n": 500},
        "groups": {group: entry(gaps) for group, gaps in (groups or {}).items()},
        "ethnic_minority": entry(ethnic_minority),
    }


def aggregate_pay_gap(ethnic_minority: float | None, groups: dict[str, float | None]) -> Json:
    """An aggregate return's pay gap: means only."""
    return {
        "reference": "White",
        "reference_group": {"n": 500, "mean_hourly_pay": 20.0},
        "groups": {g: {"n": 50, "mean_gap_pct": v} for g, v in groups.items()},
        "ethnic_minority": {"n": 200, "mean_gap_pct": ethnic_minority},
    }


def bands(population_pct: float, shares: Mapping[str, float | None]) -> Json:
    """Representation and pay bands: each band's ethnic minority share of staff who disclosed
    (all of it Asian, the rest White), or None for a band whose figures are suppressed."""
    suppressed = []
    table: Json = {}
    for band, share in shares.items():
        groups: Json = {}
        for group in ("Asian", "Black", "Mixed", "White", "Other"):
            value = {"Asian": share, "White": None if share is None else 100 - share}.get(group, 0)
            groups[group] = {"count": None, "pct": None, "pct_known": value}
            if share is None:
                suppressed.append(
                    {
                        "path": f"pay_bands.bands.{band}.groups.{group}.pct_known",
                        "reason": "computed from a suppressed count",
                    }
                )
        table[band] = {"headcount": 100, "groups": groups}
    return report(
        representation={
            "population": {"code": "E09000015", "name": "Harrow"},
            "ethnic_minority": {"population_pct": population_pct},
        },
        pay_bands={"order": list(shares), "order_from": "numeric", "bands": table},
        suppressed=suppressed,
    )


def likelihoods(disciplinary: float | None, training: float | None = None) -> Json:
    section: Json = {
        "formal_disciplinary": {
            "ethnic_minority": {"staff": 500, "count": 20, "rate_pct": 4.0},
            "white": {"staff": 500, "count": 20, "rate_pct": 4.0},
            "ratio": disciplinary,
        },
        "non_mandatory_training": None
        if training is None
        else {
            "white": {"staff": 500, "count": 100, "rate_pct": 20.0},
            "ethnic_minority": {"staff": 500, "count": 100, "rate_pct": 20.0},
            "ratio": training,
        },
    }
    return report(relative_likelihood=section)


# ---------------------------------------------------------------- the example returns


@pytest.fixture(scope="module")
def harrow() -> Json:
    """The synthetic employee and recruitment returns against Harrow's residents, as published."""
    employees = read_employees(WORKFORCE / "employees-synthetic.csv")
    applications = read_applications(WORKFORCE / "applications-synthetic.csv")
    full = employee_metrics(employees, applications, Options(population=population("Harrow")))
    return control(full).as_json()


@pytest.fixture(scope="module")
def harrow_aggregate() -> Json:
    """Harrow's published headcounts by ethnicity and pay band (no pay), as published."""
    aggregate = read_aggregate(WORKFORCE / "harrow-pay-bands-aggregate.csv")
    full = aggregate_metrics(aggregate, Options(population=population("Harrow")))
    return control(full).as_json()


def test_the_synthetic_return_suggests_a_level_for_every_rule(harrow: Json) -> None:
    rows = by_row(harrow)
    assert {row: (s.level, s.value) for row, s in rows.items()} == {
        "2a.8": ("established", 35.64),
        "2d.1": ("developing", 19.37),
        "2e.2": ("established", 1.072),
        "3.1": ("developing", 2676.0),
        "3.3": ("established", 9.49),
        "3.4": ("established", 15.5),
    }
    assert rows["3.3"].figure == "9.5% of staff (254 of 2,676) have not disclosed their ethnicity"
    assert rows["3.3"].reason.startswith("Under 10% but not under 5%: Established practice.")


def test_the_synthetic_return_pay_bands_against_harrow(harrow: Json) -> None:
    """Bands 7 and 8 have every ethnic minority group's share suppressed; band 6 has Mixed and
    Other suppressed, but 100 less its White share is published, and is the same figure."""
    suggestion = by_row(harrow)["2a.8"]
    assert suggestion.figure == (
        "Ethnic minority staff are 65.3% of those who disclosed in band 1, 54.7% in band 2, "
        "51.0% in band 3, 47.2% in band 4, 38.1% in band 5 and 35.6% in band 6; "
        "Harrow's residents are 63.5% ethnic minority"
    )
    assert suggestion.reason == (
        "3 of the 6 bands judged have an ethnic minority share of at least four fifths of the "
        "local population's 63.5% (50.8%, the four-fifths rule used for adverse impact), so the "
        "workforce is reflective of the local community at some levels: Established practice. "
        "Bands 4, 5 and 6 are below four fifths of the local population's 63.5%. "
        "Bands 7 and 8 could not be judged (2 of 8 bands). "
        "Their figures are hidden by disclosure control."
    )


def test_the_synthetic_return_pay_gap_and_disciplinary_figures(harrow: Json) -> None:
    rows = by_row(harrow)
    assert rows["2d.1"].figure == (
        "Ethnic minority staff are paid 15.5% less (median) and 15.9% less (mean) per hour than "
        "White staff; the largest gap is Black staff's mean hourly pay, 19.4% less"
    )
    assert rows["2d.1"].reason.startswith(
        "10 of 10 gaps are 5% or more either way (ethnic minority, Asian, Black, Mixed and "
        "Other staff)"
    )
    assert rows["2e.2"].figure == (
        "Ethnic minority staff were 1.07 times as likely as White staff to enter a formal "
        "disciplinary process (1.95% against 1.82%); White staff were 1.36 times as likely as "
        "ethnic minority staff to access non-mandatory training"
    )
    assert rows["2e.2"].reason.endswith(
        "Not Leading practice: White staff were 1.36 times as likely to access non-mandatory "
        "training, outside 0.80 to 1.25."
    )


def test_harrow_aggregate_return_has_no_pay_or_likelihoods(harrow_aggregate: Json) -> None:
    rows = by_row(harrow_aggregate)
    assert {row: s.level for row, s in rows.items()} == {
        "2a.8": "established",
        "2d.1": None,
        "2e.2": None,
        "3.1": "developing",
        "3.3": "established",
        "3.4": None,
    }
    assert rows["3.1"].figure == "An aggregate return gives the ethnicity of 1,835 staff in post"
    assert rows["2d.1"].reason == (
        "The return has no pay data, so no ethnicity pay gap was computed."
    )
    assert rows["2a.8"].reason.endswith(
        "Bands 1 and 4 are below four fifths of the local population's 63.5%. "
        "Bands 5 and 6 could not be judged (2 of 6 bands). "
        "Their figures are hidden by disclosure control."
    )


def test_full_figures_are_refused(harrow: Json) -> None:
    full = {**harrow, "settings": {**harrow["settings"], "suppression": False}}
    with pytest.raises(ValueError, match="disclosure-controlled figures only"):
        suggest(full)
    with pytest.raises(ValueError, match="The previous report has full figures"):
        suggest(harrow, previous=full)


# ---------------------------------------------------------------- the rules and the Standard


def test_rules_have_stable_versioned_ids_in_the_standards_row_order(v14: Standard) -> None:
    assert [(r.id, r.criterion_id) for r in RULES] == [
        ("reflective-bands/1", "2a.8"),
        ("pay-gap/1", "2d.1"),
        ("disciplinary-likelihood/1", "2e.2"),
        ("workforce-data/1", "3.1"),
        ("disclosure-rate/1", "3.3"),
        ("pay-data/1", "3.4"),
    ]
    order = [c.id for c in v14.criteria]
    assert [order.index(r.criterion_id) for r in RULES] == sorted(
        order.index(r.criterion_id) for r in RULES
    )
    assert all(re.fullmatch(r"[a-z-]+/[1-9][0-9]*", rule.id) for rule in RULES)


def test_the_docs_quote_every_rules_row_exactly(v14: Standard) -> None:
    docs = (EXAMPLES.parent / "docs" / "data-linked-criteria.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.id}`" in docs
        criterion = v14.criterion(rule.criterion_id)
        for level in criterion.levels:
            quoted = f'- {level.label}: "{criterion.descriptors[level]}"'
            assert quoted in docs, quoted


LEVEL_CASES = [
    report(disclosure=disclosure(2.0)),
    report(disclosure=disclosure(7.0)),
    report(disclosure=disclosure(12.0)),
    report(pay_gap=pay_gap((1.0, 2.0), {"Asian": (3.0, -4.0)})),
    report(pay_gap=pay_gap((10.0, 2.0))),
    bands(50.0, {"1": 45.0, "2": 41.0}),
    bands(50.0, {"1": 45.0, "2": 10.0}),
    bands(50.0, {"1": 5.0, "2": 10.0}),
    likelihoods(1.0, 1.0),
    likelihoods(1.0, 2.0),
    likelihoods(2.0, 1.0),
]


@pytest.mark.parametrize("case", LEVEL_CASES)
def test_every_suggested_level_is_offered_by_its_row(v14: Standard, case: Json) -> None:
    for suggestion in suggest(case):
        criterion = v14.criterion(suggestion.rule.criterion_id)
        if suggestion.level not in (None, "none"):
            assert criterion.offers(Level.from_key(suggestion.level)), suggestion


def test_the_levels_reached_cover_each_rows_offer(v14: Standard) -> None:
    """Across the cases above, each rule reaches every level its row offers that data can show,
    and "none" only where a row has no Developing practice to fall back on (3.3)."""
    reached: dict[str, set[str]] = {}
    for case in LEVEL_CASES:
        for s in suggest(case):
            if s.level is not None:
                reached.setdefault(s.rule.criterion_id, set()).add(s.level)
    assert reached == {
        "3.3": {"leading", "established", "none"},
        "2d.1": {"leading", "developing"},
        "2a.8": {"leading", "established", "developing"},
        "2e.2": {"leading", "established", "developing"},
        "3.1": {"developing"},
        "3.4": {"established"},
    }
    assert [level.key for level in v14.criterion("3.3").levels] == ["established", "leading"]


# ---------------------------------------------------------------- 3.3 disclosure rate


@pytest.mark.parametrize(
    ("pct", "level", "shown"),
    [
        (0.0, "leading", "0.0%"),
        (4.99, "leading", "4.99%"),
        (5.0, "established", "5.0%"),
        (9.49, "established", "9.5%"),
        (9.99, "established", "9.99%"),
        (10.0, "none", "10.0%"),
        (10.01, "none", "10.01%"),
        (42.0, "none", "42.0%"),
    ],
)
def test_disclosure_rate_boundaries(pct: float, level: str, shown: str) -> None:
    """9.99% is shown as 9.99%, not 10.0%: rounding never puts a figure across a threshold."""
    suggestion = by_row(report(disclosure=disclosure(pct)))["3.3"]
    assert (suggestion.level, suggestion.value) == (level, pct)
    assert suggestion.figure == f"{shown} of staff have not disclosed their ethnicity"


def test_disclosure_reasons() -> None:
    reasons = {pct: by_row(report(disclosure=disclosure(pct)))["3.3"].reason for pct in (3, 6, 11)}
    action = (
        " The row also asks for positive action to encourage staff to disclose their "
        "ethnicity, which a person must evidence."
    )
    assert reasons == {
        3: "Under 5%: Leading practice." + action,
        6: "Under 10% but not under 5%: Established practice." + action,
        11: "10% or more: Established practice needs under 10%, so Not yet.",
    }


def test_disclosure_rate_with_the_previous_snapshot() -> None:
    now = report(headcount=2000, disclosure=disclosure(6.0, 120))
    before = report(disclosure=disclosure(11.6, 116))
    assert by_row(now, before)["3.3"].figure == (
        "6.0% of staff (120 of 2,000) have not disclosed their ethnicity "
        "(11.6% in the previous snapshot)"
    )


@given(st.floats(0, 100, allow_nan=False), st.floats(0, 100, allow_nan=False))
def test_disclosure_level_never_rises_as_more_staff_do_not_disclose(a: float, b: float) -> None:
    low, high = sorted((a, b))
    level_low = by_row(report(disclosure=disclosure(low)))["3.3"].level
    level_high = by_row(report(disclosure=disclosure(high)))["3.3"].level
    assert level_low is not None
    assert level_high is not None
    assert RANK[level_low] >= RANK[level_high]


def test_a_suppressed_disclosure_rate_suggests_nothing() -> None:
    hidden = report(
        disclosure=disclosure(None),
        suppressed=[
            {"path": "disclosure.not_disclosed", "reason": "a count from 1 to 9"},
            {
                "path": "disclosure.not_disclosed_pct",
                "reason": "computed from disclosure.not_disclosed, which is suppressed",
            },
        ],
    )
    suggestion = by_row(hidden)["3.3"]
    assert (suggestion.level, suggestion.value) == (None, None)
    assert suggestion.reason == (
        "The share of staff who have not disclosed their ethnicity is hidden by disclosure "
        "control: it is worked out from a number that is hidden."
    )


def test_missing_sections_suggest_nothing() -> None:
    rows = by_row(report())
    assert {row: s.level for row, s in rows.items()} == {
        "2a.8": None,
        "2d.1": None,
        "2e.2": None,
        "3.1": "developing",
        "3.3": None,
        "3.4": None,
    }
    assert rows["3.3"].reason == (
        "The report has no figure for the share of staff who have not disclosed their ethnicity."
    )
    assert rows["2a.8"].reason == (
        "The metrics were computed without a local population, so the bands cannot be "
        "compared with the local community."
    )


# ---------------------------------------------------------------- 3.1 and 3.4


def test_workforce_data_needs_staff_in_post() -> None:
    assert by_row(report(headcount=0))["3.1"].level is None
    small = by_row(
        report(headcount=None, suppressed=[{"path": "headcount", "reason": "a count from 1 to 9"}])
    )["3.1"]
    assert (small.level, small.figure) == (
        "developing",
        "A workforce return gives the ethnicity of fewer than 10 staff in post",
    )


def test_pay_data_is_established_when_a_gap_was_computed() -> None:
    suggestion = by_row(report(pay_gap=pay_gap((None, 12.5))))["3.4"]
    assert (suggestion.level, suggestion.value) == ("established", 12.5)
    assert suggestion.figure == (
        "An ethnicity pay gap was computed from the return's pay: ethnic minority staff are "
        "paid 12.5% less (mean) per hour than White staff"
    )
    assert "Leading practice needs reports on ethnicity pay data published annually" in (
        suggestion.reason
    )


def test_pay_data_hidden_or_absent() -> None:
    hidden = report(
        pay_gap=pay_gap((None, None)),
        suppressed=[
            {
                "path": "pay_gap.ethnic_minority.mean_gap_pct",
                "reason": "computed from pay_gap.ethnic_minority.n, which is suppressed",
            }
        ],
    )
    assert by_row(hidden)["3.4"].reason == (
        "The ethnic minority pay gap is hidden by disclosure control: "
        "it is worked out from a number that is hidden."
    )
    white_british_aggregate = by_row(report(pay_gap=None))["3.4"]
    assert white_british_aggregate.level is None
    assert "White British reference" in white_british_aggregate.reason


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("a count from 1 to 9", "it counts between 1 and 9 people"),
        ("computed from fewer than 10 people", "it is worked out from fewer than 10 people"),
        (
            "computed from relative_likelihood.formal_disciplinary.white.count, which is suppressed",
            "it is worked out from a number that is hidden",
        ),
        (
            "hidden with profile.groups.Mixed.count, which the total would reveal",
            "showing it would reveal a small number hidden elsewhere",
        ),
        ("a reason tri does not know yet", "a reason tri does not know yet"),
    ],
)
def test_why_a_figure_is_hidden_is_said_without_the_reports_paths(reason: str, said: str) -> None:
    hidden = report(
        pay_gap=pay_gap((None, None)),
        suppressed=[{"path": "pay_gap.ethnic_minority.mean_gap_pct", "reason": reason}],
    )
    assert by_row(hidden)["3.4"].reason == (
        f"The ethnic minority pay gap is hidden by disclosure control: {said}."
    )


# ---------------------------------------------------------------- 2d.1 pay gap


@pytest.mark.parametrize(
    ("gaps", "level", "value"),
    [
        ({"ethnic_minority": (4.99, 4.99), "Black": (-4.99, 0.0)}, "leading", 4.99),
        ({"ethnic_minority": (4.99, 5.0), "Black": (1.0, 1.0)}, "developing", 5.0),
        ({"ethnic_minority": (0.0, 0.0), "Black": (-5.0, 1.0)}, "developing", -5.0),
        ({"ethnic_minority": (1.0, 2.0), "Asian": (None, 4.0)}, "leading", 4.0),
        ({"ethnic_minority": (None, None), "Other": (7.5, 3.0)}, "developing", 7.5),
    ],
)
def test_pay_gap_boundaries(
    gaps: dict[str, tuple[float | None, float | None]], level: str, value: float
) -> None:
    """A gap of 5% or more either way is significant; 4.99% is not."""
    own = gaps.pop("ethnic_minority")
    suggestion = by_row(report(pay_gap=pay_gap(own, gaps)))["2d.1"]
    assert (suggestion.level, suggestion.value) == (level, value)


def test_pay_gap_reasons() -> None:
    none = by_row(report(pay_gap=pay_gap((1.0, -2.0))))["2d.1"]
    assert none.figure == (
        "Ethnic minority staff are paid 1.0% less (median) and 2.0% more (mean) per hour than "
        "White staff; the largest gap is ethnic minority staff's mean hourly pay, 2.0% more"
    )
    assert none.reason == (
        "All 2 gaps are under 5% either way; the Equality and Human Rights Commission's equal "
        "pay audit guidance treats a difference of 5% or more as significant. Pay data "
        "demonstrates that there is no ethnicity pay gap: Leading practice."
    )
    some = by_row(report(pay_gap=pay_gap((3.0, 3.0), {"Black": (6.0, 2.0)})))["2d.1"]
    assert some.reason == (
        "1 of 4 gaps are 5% or more either way (Black staff); the Equality and Human Rights "
        "Commission's equal pay audit guidance treats a difference of 5% or more as significant. "
        "Pay data demonstrates an ethnicity pay gap: Developing practice. Established practice "
        "needs measures introduced to close the gap, which a person must evidence."
    )


def test_an_aggregate_return_has_only_mean_gaps() -> None:
    gaps = aggregate_pay_gap(3.0, {"Asian": 4.5, "Black": None, "Mixed": -1.0, "Other": None})
    suggestion = by_row(report(settings={"kind": "aggregate", "suppression": True}, pay_gap=gaps))[
        "2d.1"
    ]
    assert (suggestion.level, suggestion.value) == ("leading", 4.5)
    assert suggestion.reason.endswith(
        "Only mean gaps are available (an aggregate return has no medians)."
    )


def test_suppressed_gaps_are_left_out_and_counted() -> None:
    hidden_black = [
        {"path": f"pay_gap.groups.Black.{kind}_gap_pct", "reason": "computed from fewer than 10"}
        for kind in ("median", "mean")
    ]
    some = report(pay_gap=pay_gap((2.0, 2.0), {"Black": (None, None)}), suppressed=hidden_black)
    suggestion = by_row(some)["2d.1"]
    assert suggestion.level == "leading"
    assert suggestion.reason.endswith("2 gaps hidden by disclosure control were not considered.")
    every = report(pay_gap=pay_gap((None, None), {"Black": (None, None)}), suppressed=hidden_black)
    assert by_row(every)["2d.1"].reason == (
        "Every pay gap is hidden by disclosure control (2 of them)."
    )


def test_no_pay_gap_suggests_nothing() -> None:
    assert by_row(report())["2d.1"].reason == (
        "The return has no pay data, so no ethnicity pay gap was computed."
    )
    undefined = by_row(report(pay_gap=pay_gap((None, None))))["2d.1"]
    assert undefined.level is None
    assert undefined.reason.startswith("No pay gap is defined for this return")


# ---------------------------------------------------------------- 2a.8 reflective bands


@pytest.mark.parametrize(
    ("shares", "level"),
    [
        ({"1": 40.0, "2": 60.0}, "leading"),  # 40 / 50 is exactly four fifths
        ({"1": 39.99, "2": 60.0}, "established"),
        ({"1": 39.99, "2": 10.0}, "developing"),
        ({"1": 90.0, "2": 40.0, "3": 40.01}, "leading"),
    ],
)
def test_reflective_bands_four_fifths_boundary(shares: dict[str, float], level: str) -> None:
    suggestion = by_row(bands(50.0, shares))["2a.8"]
    assert (suggestion.level, suggestion.value) == (level, min(shares.values()))


def test_a_band_just_below_the_line_is_not_shown_on_it() -> None:
    """63.54 × 0.8 = 50.832: a band at 50.83% is below it, and is shown with enough places to
    see that."""
    suggestion = by_row(bands(63.54, {"1": 50.83, "2": 70.0}))["2a.8"]
    assert suggestion.level == "established"
    assert suggestion.figure == (
        "Ethnic minority staff are 50.830% of those who disclosed in band 1 and 70.000% in "
        "band 2; Harrow's residents are 63.5% ethnic minority"
    )
    assert "(50.832%, the four-fifths rule used for adverse impact)" in suggestion.reason


def test_suppressed_bands_are_skipped_and_counted() -> None:
    suggestion = by_row(bands(50.0, {"A": 45.0, "B": None, "C": None}))["2a.8"]
    assert suggestion.level == "leading"
    assert suggestion.reason.endswith(
        "Bands B and C could not be judged (2 of 3 bands). "
        "Their figures are hidden by disclosure control."
    )
    nothing = by_row(bands(50.0, {"A": None}))["2a.8"]
    assert (nothing.level, nothing.figure) == (
        None,
        "No pay band's ethnic minority share can be read",
    )
    assert nothing.reason == (
        "No pay band can be judged (1 band in all). Its figures are hidden by disclosure control."
    )


def test_bands_named_band_are_not_named_twice() -> None:
    suggestion = by_row(bands(50.0, {"Band 1": 60.0, "Band 2": 20.0, "Band 3": 10.0}))["2a.8"]
    assert "Band 2 and Band 3 are below four fifths" in suggestion.reason


def test_a_band_with_one_group_suppressed_uses_its_white_share() -> None:
    data = bands(50.0, {"1": 45.0})
    data["pay_bands"]["bands"]["1"]["groups"]["Mixed"]["pct_known"] = None
    data["pay_bands"]["bands"]["1"]["groups"]["Asian"]["pct_known"] = 43.0
    assert by_row(data)["2a.8"].value == 45.0  # 100 − 55 (White), not 43 + 0 + 0


# ---------------------------------------------------------------- 2e.2 disciplinary


@pytest.mark.parametrize(
    ("disciplinary", "training", "level"),
    [
        (0.80, 1.0, "leading"),
        (1.25, 1.0, "leading"),
        (1.0, 0.80, "leading"),
        (1.0, 1.25, "leading"),
        (1.251, 1.0, "developing"),
        (3.0, 1.0, "developing"),
        (0.799, 1.0, "established"),
        (1.0, 1.251, "established"),
        (1.0, 0.799, "established"),
        (1.0, None, "established"),
    ],
)
def test_disciplinary_boundaries(disciplinary: float, training: float | None, level: str) -> None:
    suggestion = by_row(likelihoods(disciplinary, training))["2e.2"]
    assert (suggestion.level, suggestion.value) == (level, disciplinary)


def test_disciplinary_ratios_near_a_limit_keep_their_third_place() -> None:
    suggestion = by_row(likelihoods(1.251, 1.0))["2e.2"]
    assert suggestion.figure.startswith(
        "Ethnic minority staff were 1.251 times as likely as White staff"
    )
    assert suggestion.reason.startswith("Above 1.25,")


def test_below_the_range_is_established_and_says_why() -> None:
    reason = by_row(likelihoods(0.6, 1.0))["2e.2"].reason
    assert reason.startswith("Below 0.80, the bottom of the range the NHS Workforce Race")
    assert "not by itself evidence of a positive impact" in reason


@pytest.mark.parametrize(
    ("earlier", "level"),
    [(1.1, "leading"), (1.3, "established"), (0.7, "established"), (None, "established")],
)
def test_leading_needs_the_previous_snapshot_within_range(
    earlier: float | None, level: str
) -> None:
    suggestion = by_row(likelihoods(1.0, 1.0), likelihoods(earlier, 1.0))["2e.2"]
    assert suggestion.level == level


def test_without_a_previous_snapshot_leading_says_it_was_not_checked() -> None:
    assert by_row(likelihoods(1.0, 1.0))["2e.2"].reason.endswith(
        "With no previous snapshot, whether this is sustained was not checked."
    )


def test_disciplinary_missing_or_suppressed() -> None:
    no_column = by_row(report(relative_likelihood={"formal_disciplinary": None}))["2e.2"]
    assert no_column.level is None
    assert no_column.reason.startswith("The return has no formal disciplinary data")
    hidden = likelihoods(None, 1.0)
    hidden["suppressed"] = [
        {
            "path": "relative_likelihood.formal_disciplinary.ratio",
            "reason": "computed from relative_likelihood.formal_disciplinary.white.count, "
            "which is suppressed",
        }
    ]
    assert by_row(hidden)["2e.2"].reason == (
        "The relative likelihood of entering a formal disciplinary process is hidden by "
        "disclosure control: it is worked out from a number that is hidden."
    )


def test_a_band_where_nobody_disclosed_is_skipped_and_says_so() -> None:
    data = bands(50.0, {"1": 45.0, "2": 45.0, "3": None})
    data["suppressed"] = []  # band 3's shares are not defined, not hidden
    for group in data["pay_bands"]["bands"]["2"]["groups"].values():
        group["pct_known"] = None
    assert by_row(data)["2a.8"].reason.endswith(
        "Bands 2 and 3 could not be judged (2 of 3 bands). "
        "Nobody in them disclosed their ethnicity."
    )


# ---------------------------------------------------------------- any report


ratios = st.floats(0, 5, allow_nan=False)
percentages = st.floats(0, 100, allow_nan=False)
gaps = st.none() | st.floats(-50, 50, allow_nan=False)


@given(
    percentages,
    st.tuples(gaps, gaps),
    st.dictionaries(st.sampled_from(["Asian", "Black", "Mixed", "Other"]), st.tuples(gaps, gaps)),
    st.floats(1, 100, allow_nan=False),
    st.lists(st.none() | percentages, min_size=1, max_size=8),
    st.none() | ratios,
    st.none() | ratios,
    st.none() | ratios,
)
def test_any_report_gets_only_levels_its_rows_offer(
    v14: Standard,
    not_disclosed: float,
    own_gaps: tuple[float | None, float | None],
    group_gaps: dict[str, tuple[float | None, float | None]],
    population_pct: float,
    band_shares: list[float | None],
    disciplinary: float | None,
    training: float | None,
    earlier: float | None,
) -> None:
    data = bands(population_pct, {str(n): share for n, share in enumerate(band_shares, 1)})
    data["disclosure"] = disclosure(not_disclosed)
    data["pay_gap"] = pay_gap(own_gaps, group_gaps)
    data["relative_likelihood"] = likelihoods(disciplinary, training)["relative_likelihood"]
    suggestions = suggest(data, previous=likelihoods(earlier, None))
    assert [s.rule for s in suggestions] == list(RULES)
    for suggestion in suggestions:
        assert suggestion.figure
        assert suggestion.reason
        if suggestion.level is None:
            assert suggestion.value is None
        elif suggestion.level != "none":
            criterion = v14.criterion(suggestion.rule.criterion_id)
            assert criterion.offers(Level.from_key(suggestion.level)), suggestion
