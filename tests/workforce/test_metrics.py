"""Every metric against figures worked out by hand on small fixed returns.

The return below has ten people; the comments give the arithmetic each assertion checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tri.workforce import (
    Options,
    Reference,
    aggregate_metrics,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
)
from tri.workforce.metrics import ANNUAL_HOURS, SALARY_RANGES, salary_range

pytestmark = pytest.mark.unit

Json = dict[str, Any]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "workforce"

# In post: E1–E8 and E10 (nine people). E9 left during the year.
# White: E1, E2, E5, E8 · Asian: E3 (E9 left) · Black: E4, E6 · not disclosed: E7, E10.
EMPLOYEES = """\
employee_ref,ethnicity,sex,pay_band,hourly_pay,bonus_pay,started_on,left_on,formal_disciplinary,formal_grievance,non_mandatory_training,directorate,leadership_tier
E1,White - British,Female,1,10.00,,2020-01-01,,true,false,true,Place,
E2,White British,Male,1,12.00,100,2019-05-01,,false,false,true,Place,
E3,Indian,Female,1,10.00,,2021-03-01,,true,true,false,Resources,
E4,Black or Black British - African,Female,2,15.00,,2018-01-01,,false,false,true,Resources,
E5,White: Irish,Male,2,20.00,50,2015-01-01,,false,false,true,Place,
E6,Caribbean,Male,2,15.00,,2016-01-01,,true,false,false,Place,
E7,Prefer not to say,Female,3,30.00,,2010-01-01,,false,false,false,Resources,Leadership team
E8,White British,Female,3,40.00,,2012-01-01,,false,false,true,Resources,Leadership team
E9,Pakistani,Male,1,12.00,,2022-01-01,2026-01-31,false,false,false,Place,
E10,,Female,2,18.00,,2023-01-01,,false,false,false,Place,
"""

APPLICATIONS = """\
application_ref,ethnicity,stage_reached
A1,White British,appointed
A2,White British,shortlisted
A3,White British,interviewed
A4,White British,applied
A5,Indian,shortlisted
A6,Indian,appointed
A7,African,shortlisted
A8,African,offered
A9,African,longlisted
A10,Not known,appointed
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Json:
    folder = tmp_path_factory.mktemp("returns")
    (folder / "staff.csv").write_text(EMPLOYEES, encoding="utf-8")
    (folder / "applications.csv").write_text(APPLICATIONS, encoding="utf-8")
    employees = read_employees(folder / "staff.csv")
    applications = read_applications(folder / "applications.csv")
    options = Options(
        population=population("E09000015"), targets={2024: 45.0, 2025: 50.0}, year=2024
    )
    return employee_metrics(employees, applications, options).as_json()


def test_profile_and_disclosure(report: Json) -> None:
    assert report["headcount"] == 9
    groups = report["profile"]["groups"]
    assert {g: v["count"] for g, v in groups.items()} == {
        "Asian": 1,
        "Black": 2,
        "Mixed": 0,
        "White": 4,
        "Other": 0,
        "Not disclosed": 2,
    }
    assert groups["White"]["pct"] == 44.44  # 4 / 9
    assert groups["Black"]["pct"] == 22.22  # 2 / 9
    assert report["disclosure"] == {
        "not_disclosed": 2,
        "not_disclosed_pct": 22.22,
        "prefer_not_to_say_pct": 11.11,
        "not_known_pct": 11.11,  # E10's blank ethnicity is not known
    }
    categories = report["profile"]["categories"]
    assert categories["White British"]["count"] == 3
    assert categories["Irish"]["count"] == 1
    assert categories["African"]["count"] == 1
    assert categories["Caribbean"]["count"] == 1
    assert categories["Pakistani"]["count"] == 0  # E9 has left


def test_representation_among_known_against_the_population(report: Json) -> None:
    harrow = population("E09000015")
    white_pop = round(100 * harrow.group("White") / harrow.total, 2)
    white = report["representation"]["groups"]["White"]
    assert report["representation"]["known"] == 7
    assert white["workforce_pct"] == 57.14  # 4 / 7: not disclosed left out of both sides
    assert white["population_pct"] == white_pop
    assert white["ratio"] == round(57.14 / white_pop, 3)
    assert white["difference_pts"] == round(57.14 - white_pop, 2)
    assert report["representation"]["population"]["name"] == "Harrow"


def test_pay_bands_and_glass_ceilings(report: Json) -> None:
    bands = report["pay_bands"]["bands"]
    assert report["pay_bands"]["order"] == ["1", "2", "3"]
    assert bands["1"]["headcount"] == 3
    assert bands["2"]["groups"]["Black"]["pct"] == 50.0  # 2 of 4
    assert bands["2"]["groups"]["Black"]["pct_known"] == 66.67  # 2 of the 3 who said
    assert bands["2"]["groups"]["Not disclosed"]["pct"] == 25.0
    assert bands["3"]["groups"]["White"]["pct_known"] == 100.0
    ceilings = report["glass_ceiling"]["groups"]
    # White: 57.14% overall; band 2 has 33.33% < 0.8 × 57.14, band 3 is back up to 100%.
    assert ceilings["White"] == {
        "overall_pct": 57.14,
        "band": "2",
        "band_pct": 33.33,
        "stays_below": False,
    }
    # Asian: 14.29% overall; none in band 2 or 3.
    assert ceilings["Asian"] == {
        "overall_pct": 14.29,
        "band": "2",
        "band_pct": 0.0,
        "stays_below": True,
    }
    assert ceilings["Black"]["band"] == "1"
    assert ceilings["Mixed"]["band"] is None  # no Mixed staff at all: nothing to fall from


def test_salary_ranges_by_full_time_annual_salary(report: Json) -> None:
    # Annual salary = hourly × 36 × 52.143 = hourly × 1,877.148:
    # E1, E3 £10 → £18,771 (Under £20k); E2 £12 → £22,526, E4, E6 £15 → £28,157 (£20–30k);
    # E5 £20 → £37,543, E10 £18 → £33,789 (£30–40k); E7 £30 → £56,314 (£50–60k);
    # E8 £40 → £75,086 (£70–80k). E9 has left.
    salary = report["salary_ranges"]
    assert salary["order"] == list(SALARY_RANGES)
    assert salary["order"][:2] == ["Under £20k", "£20–30k"]
    assert salary["order"][-2:] == ["£90–100k", "£100k and over"]
    assert (salary["hours_per_week"], salary["weeks_per_year"]) == (36, 52.143)
    ranges = salary["ranges"]
    assert {r: v["headcount"] for r, v in ranges.items() if v["headcount"]} == {
        "Under £20k": 2,
        "£20–30k": 3,
        "£30–40k": 2,
        "£50–60k": 1,
        "£70–80k": 1,
    }
    assert sum(v["headcount"] for v in ranges.values()) == report["headcount"]
    assert ranges["Under £20k"]["groups"]["Asian"]["count"] == 1  # E3
    assert ranges["£20–30k"]["groups"]["Black"] == {"count": 2, "pct": 66.67, "pct_known": 66.67}
    # £30–40k: E5 (White) and E10 (not known): White is half of everyone, all who said.
    assert ranges["£30–40k"]["groups"]["White"] == {"count": 1, "pct": 50.0, "pct_known": 100.0}
    assert ranges["£30–40k"]["groups"]["Not disclosed"] == {"count": 1, "pct": 50.0}
    assert ranges["£40–50k"]["groups"]["Asian"] == {"count": 0, "pct": None, "pct_known": None}
    # Each group's ranges add up to its profile count.
    for group, figures in report["profile"]["groups"].items():
        assert sum(v["groups"][group]["count"] for v in ranges.values()) == figures["count"]


def test_glass_ceiling_over_salary_ranges(report: Json) -> None:
    ceilings = report["salary_ranges"]["glass_ceiling"]
    assert ceilings["fraction"] == 0.8
    # White: 57.14% overall, line 45.71. Under £20k 1 of 2 (50%); £20–30k 1 of 3 (33.33%), below;
    # £30–40k 1 of 1 (100%), above again. Ranges where nobody said are skipped.
    assert ceilings["groups"]["White"] == {
        "overall_pct": 57.14,
        "band": "£20–30k",
        "band_pct": 33.33,
        "stays_below": False,
    }
    # Black: 28.57% overall; none of the 2 under £20k; 2 of 3 in £20–30k.
    assert ceilings["groups"]["Black"]["band"] == "Under £20k"
    assert ceilings["groups"]["Black"]["stays_below"] is False
    # Asian: 14.29% overall; 1 of 2 under £20k, then none: below from £20–30k on.
    assert ceilings["groups"]["Asian"] == {
        "overall_pct": 14.29,
        "band": "£20–30k",
        "band_pct": 0.0,
        "stays_below": True,
    }
    assert ceilings["groups"]["Mixed"]["band"] is None


@pytest.mark.parametrize(
    ("hourly", "expected"),
    [
        (0.0, "Under £20k"),
        (10.65, "Under £20k"),  # £19,992
        (10.66, "£20–30k"),  # £20,010
        (30_000 / ANNUAL_HOURS, "£30–40k"),  # exactly £30,000, worked back from the salary
        (29_999.99 / ANNUAL_HOURS, "£20–30k"),
        (53.27, "£90–100k"),  # £99,996
        (53.28, "£100k and over"),  # £100,014
        (500.0, "£100k and over"),
    ],
)
def test_salary_range_edges(hourly: float, expected: str) -> None:
    frame = pl.DataFrame({"pay": [hourly]}).select(salary_range(pl.col("pay") * ANNUAL_HOURS))
    assert SALARY_RANGES[frame.item()] == expected


def test_the_working_year_is_36_hours_for_52_143_weeks() -> None:
    assert round(ANNUAL_HOURS, 3) == 1_877.148  # 36 × 52.143


def test_senior_top_five_percent_by_nearest_rank(report: Json) -> None:
    senior = report["senior"]
    # Nine rates; rank ceil(0.95 × 9) = 9, so the 95th percentile is the highest, £40 (E8, White).
    assert senior["top_5pct"]["threshold_hourly_pay"] == 40.0
    assert senior["top_5pct"]["headcount"] == 1
    assert senior["top_5pct_ethnic_minority_pct"] == 0.0
    tier = senior["tiers"]["Leadership team"]
    assert tier == {
        "headcount": 2,
        "ethnic_minority": 0,
        "white": 1,
        "not_disclosed": 1,
        "ethnic_minority_pct": 0.0,
    }
    targets = senior["targets"]
    assert targets["target_pct"] == 45.0
    assert targets["gap_pts"] == -45.0
    assert targets["on_track"] is False


def test_pay_gaps_against_white(report: Json) -> None:
    gap = report["pay_gap"]
    # White: 10, 12, 20, 40 → mean 20.5, median 16.
    assert gap["reference_group"] == {"n": 4, "mean_hourly_pay": 20.5, "median_hourly_pay": 16.0}
    # Black: 15, 15 → (20.5 − 15) / 20.5 = 26.83%; (16 − 15) / 16 = 6.25%.
    black = gap["groups"]["Black"]
    assert (black["n"], black["mean_gap_pct"], black["median_gap_pct"]) == (2, 26.83, 6.25)
    # Asian: 10 → 51.22% and 37.5%.
    asian = gap["groups"]["Asian"]
    assert (asian["mean_gap_pct"], asian["median_gap_pct"]) == (51.22, 37.5)
    # Ethnic minority: 10, 15, 15 → mean 13.33: 34.96%; median 15: 6.25%.
    em = gap["ethnic_minority"]
    assert (em["n"], em["mean_gap_pct"], em["median_gap_pct"]) == (3, 34.96, 6.25)
    # The government's comparison: White British (10, 12, 40) against everyone else who said
    # (10, 15, 20, 15): means 20.67 and 15 → 27.42%; medians 12 and 15 → −25%.
    others = gap["all_except_white_british"]
    assert (others["n"], others["mean_gap_pct"], others["median_gap_pct"]) == (4, 27.42, -25.0)
    assert "White" not in gap["groups"]  # the reference is not compared with itself
    low, high = black["ci95"]["mean_gap_pct"]
    assert low <= high


def test_white_british_reference(tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_text(EMPLOYEES, encoding="utf-8")
    employees = read_employees(tmp_path / "staff.csv")
    data = employee_metrics(employees, options=Options(reference=Reference.WHITE_BRITISH)).as_json()
    gap = data["pay_gap"]
    assert gap["reference"] == "White British"
    assert gap["reference_group"]["n"] == 3
    # White minorities (E5, Irish, £20) against White British: (20.67 − 20) / 20.67.
    assert gap["groups"]["White"]["mean_gap_pct"] == 3.23
    assert gap["categories"]["Irish"]["n"] == 1
    # Within each sex too. Men: White British E2 (£12); Irish E5 (£20); Caribbean E6 (£15).
    men = data["intersectional"]["sex"]["Male"]["pay_gap"]
    assert men["White"] == {"n": 1, "mean_gap_pct": -66.67, "median_gap_pct": -66.67}
    assert men["Black"] == {"n": 1, "mean_gap_pct": -25.0, "median_gap_pct": -25.0}
    # Women: White British E1 and E8 (£10, £40: mean and median £25); no White minorities.
    women = data["intersectional"]["sex"]["Female"]["pay_gap"]
    assert women["Asian"] == {"n": 1, "mean_gap_pct": 60.0, "median_gap_pct": 60.0}
    assert women["White"] == {"n": 0, "mean_gap_pct": None, "median_gap_pct": None}


def test_bonus_gap_and_share_receiving(report: Json) -> None:
    bonus = report["pay_gap"]["bonus"]
    assert bonus["reference_group"] == {"staff": 4, "received": 2, "received_pct": 50.0}
    assert bonus["groups"]["Black"]["received"] == 0
    assert bonus["groups"]["Black"]["mean_gap_pct"] is None  # nobody to compare


def test_pay_quarters_share_ties_evenly(report: Json) -> None:
    q = report["pay_quarters"]
    # Seven known rates (10 W, 10 A, 12 W, 15 B, 15 B, 20 W, 40 W): quarters of 1.75 places.
    # The two on £10 fill places 0–2, so 1.75 places go to the lower quarter, half each.
    assert q["lower"]["headcount"] == 1.75
    assert q["lower"]["groups"]["White"]["count"] == 0.88  # 0.875 rounded
    assert q["lower"]["groups"]["Asian"]["pct"] == 50.0
    # Lower middle: 0.25 of the £10 pair, the £12 person, half a place of the £15 pair.
    assert q["lower_middle"]["groups"]["White"]["pct"] == 64.29  # 1.125 / 1.75
    assert q["lower_middle"]["groups"]["Black"]["pct"] == 28.57  # 0.5 / 1.75
    assert q["upper_middle"]["groups"]["Black"]["pct"] == 85.71  # 1.5 / 1.75
    assert q["upper"]["groups"]["White"]["pct"] == 100.0


def test_relative_likelihoods_and_rates(report: Json) -> None:
    likelihood = report["relative_likelihood"]
    # Everyone in the year: ethnic minority E3, E4, E6, E9 (2 disciplinaries), White 4 (1).
    disciplinary = likelihood["formal_disciplinary"]
    assert disciplinary["ethnic_minority"] == {"staff": 4, "count": 2, "rate_pct": 50.0}
    assert disciplinary["white"] == {"staff": 4, "count": 1, "rate_pct": 25.0}
    assert disciplinary["ratio"] == 2.0
    training = likelihood["non_mandatory_training"]
    assert training["ratio"] == 4.0  # White 4 of 4, ethnic minority 1 of 4
    assert report["rates"]["leavers"]["Asian"] == {"staff": 2, "count": 1, "rate_pct": 50.0}
    assert report["rates"]["formal_grievance"]["Asian"]["count"] == 1


def test_recruitment_funnel_and_wres_indicator_2(report: Json) -> None:
    funnel = report["recruitment"]["funnel"]
    assert funnel["White"]["applied"]["count"] == 4
    assert funnel["White"]["shortlisted"] == {"count": 3, "conversion_pct": 100.0}
    assert funnel["White"]["appointed"]["count"] == 1
    assert funnel["Black"]["shortlisted"]["count"] == 2
    assert funnel["Ethnic minority"]["appointed"]["count"] == 1
    rl = report["relative_likelihood"]["appointment_from_shortlisting"]
    # White: 1 of 3 shortlisted appointed; ethnic minority: 1 (A6) of 4 (A5, A6, A7, A8).
    assert rl == {"white_pct": 33.33, "ethnic_minority_pct": 25.0, "ratio": 1.333}
    impact = report["recruitment"]["adverse_impact"]["longlisted"]["Black"]
    # Longlisting: Black 3 of 3 (rate 100%) is the highest; White 3 of 4.
    assert impact["impact_ratio"] == 1.0
    white = report["recruitment"]["adverse_impact"]["longlisted"]["White"]
    assert white["impact_ratio"] == 0.75
    assert white["below_four_fifths"] is True
    assert 0 < white["fisher_p"] <= 1


def test_intersectional_breakdowns(report: Json) -> None:
    women = report["intersectional"]["sex"]["Female"]
    assert women["headcount"] == 6  # E1, E3, E4, E7, E8, E10
    # White women 10 and 40 (mean 25, median 25); Black women: E4 at 15 → 40%.
    assert women["pay_gap"]["Black"]["mean_gap_pct"] == 40.0
    assert report["intersectional"]["directorate"]["Place"]["groups"]["White"]["count"] == 3


def test_harrow_pay_band_chart_is_reproduced_from_an_aggregate_return() -> None:
    """Seed 003 ends with the data behind Harrow's "Ethnicity and payband" chart."""
    chart = {
        "Asian": [
            0.22705314009661837,
            0.28128587830080365,
            0.26877470355731226,
            0.20398009950248755,
            0.1388888888888889,
            0,
        ],
        "Black": [
            0.14975845410628019,
            0.18714121699196326,
            0.1600790513833992,
            0.12935323383084577,
            0.083333333333333329,
            0.071428571428571425,
        ],
        "Mixed": [
            0.03864734299516908,
            0.029850746268656716,
            0.025691699604743084,
            0.029850746268656716,
            0.027777777777777776,
            0,
        ],
        "Other": [
            0.0096618357487922701,
            0.016073478760045924,
            0.015810276679841896,
            0.0049751243781094526,
            0.027777777777777776,
            0,
        ],
        "White": [
            0.4251207729468599,
            0.40528128587830081,
            0.44466403162055335,
            0.52736318407960203,
            0.69444444444444442,
            0.7142857142857143,
        ],
        "Not disclosed": [
            0.14975845410628019,
            0.080367393800229628,
            0.084980237154150193,
            0.1044776119402985,
            0.027777777777777776,
            0.21428571428571427,
        ],
    }
    aggregate = read_aggregate(EXAMPLES / "harrow-pay-bands-aggregate.csv")
    output = aggregate_metrics(aggregate).as_json()
    assert "salary_ranges" not in output  # headcounts by band: no pay, no people
    bands = output["pay_bands"]["bands"]
    for group, shares in chart.items():
        for band, share in enumerate(shares, start=1):
            assert bands[str(band)]["groups"][group]["pct"] == round(100 * share, 2), (group, band)
