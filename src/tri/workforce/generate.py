"""Synthetic workforce returns for demos, tests and benchmarks: London-like, and made up.

No row here describes a real person. `employees()` and `applications()` draw pseudonymous
returns in the shape of the workforce data standard (the employee and recruitment returns), with
the patterns the engine is built to find deliberately planted so that a demo shows something
and a test can check that the engine sees it:

* the ethnic mix is London's resident population (Census 2021 TS021, the 33 boroughs summed);
  about 10% of people have not disclosed, more at band 1 and at the top band;
* bands form a pyramid (most people in bands 2–4, the top band about 1%) and ethnic-minority
  staff thin out as bands rise (a glass ceiling), most steeply for Black staff;
* hourly pay rises with band, never below the London Living Wage, and ethnic-minority staff
  are paid 1–3% less within a band;
* formal disciplinaries are about 1.8× as likely for Black staff as for White staff, and White
  staff are somewhat more likely to get non-mandatory training;
* in recruitment, White applicants are 1.5× as likely as ethnic-minority applicants to be
  appointed once shortlisted (the NHS WRES indicator 2 pattern).

Ethnicity is written as an HR system would export it: mostly the ONS 2021 labels, with about
20% older or NHS-style wordings (`VARIANT_LABELS`) and about 2% blank.

Everything is vectorised numpy, and the same seed always gives the same frame. A million rows
take about half a second; ten million take under ten seconds and about 3 GB at peak on a
two-core machine. `write()` saves a frame as CSV, Parquet or Excel.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache
from typing import Final, TypeAlias

import numpy as np
import numpy.typing as npt
import polars as pl

from tri.workforce.ethnicity import (
    ASIAN,
    BLACK,
    CATEGORIES,
    CENSUS_CATEGORIES,
    MIXED,
    NOT_DISCLOSED,
    NOT_KNOWN,
    OTHER,
    PREFER_NOT_TO_SAY,
    WHITE,
)
from tri.workforce.population import LONDON, population
from tri.workforce.schemas import STAGES

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]

EMPLOYEE_COLUMNS: Final = (
    "employee_ref",
    "ethnicity",
    "sex",
    "pay_band",
    "hourly_pay",
    "bonus_pay",
    "fte",
    "directorate",
    "leadership_tier",
    "started_on",
    "left_on",
    "leaving_reason",
    "formal_disciplinary",
    "formal_grievance",
    "non_mandatory_training",
)
APPLICATION_COLUMNS: Final = ("application_ref", "ethnicity", "stage_reached", "vacancy_pay_band")

#: Older (2011 Census) and NHS-style wordings HR systems still export, by category code. The
#: ethnicity mapping accepts all of them. Categories not listed always use the ONS 2021 label.
VARIANT_LABELS: Final[dict[str, str]] = {
    "asian_bangladeshi": "Asian or Asian British - Bangladeshi",
    "asian_chinese": "Chinese",
    "asian_indian": "Asian or Asian British - Indian",
    "asian_pakistani": "Asian or Asian British - Pakistani",
    "asian_other": "Any other Asian background",
    "black_african": "Black or Black British - African",
    "black_caribbean": "Black or Black British - Caribbean",
    "black_other": "Any other Black background",
    "mixed_white_asian": "Mixed - White and Asian",
    "mixed_white_black_african": "Mixed - White and Black African",
    "mixed_white_black_caribbean": "Mixed - White and Black Caribbean",
    "mixed_other": "Any other Mixed background",
    "white_british": "White - British",
    "white_irish": "White - Irish",
    "white_gypsy_irish_traveller": "White - Gypsy or Irish Traveller",
    "white_other": "Any other White background",
    "other_arab": "Arab",
    "other_any_other": "Any other ethnic group",
}
#: Share of disclosed people whose ethnicity is written in the variant wording.
VARIANT_SHARE: Final = 0.2
#: How the not disclosed split: blank (which means not known), "Prefer not to say", "Not known".
NOT_DISCLOSED_SPLIT: Final = (0.2, 0.45, 0.35)

DIRECTORATES: Final = (
    "Adults and Health",
    "Children and Families",
    "Place",
    "Resources",
    "Housing",
    "Chief Executive's",
)
_DIRECTORATE_WEIGHTS: Final = (0.23, 0.25, 0.2, 0.15, 0.13, 0.04)
TOP_TIER: Final = "Corporate Leadership Group"
SECOND_TIER: Final = "Leadership Forum"
#: Share of the band below the top that sits in the second leadership tier.
SECOND_TIER_SHARE: Final = 0.4
LEAVING_REASONS: Final = ("Resignation", "Retirement", "End of contract", "Dismissal", "Redundancy")
_LEAVING_WEIGHTS: Final = (0.58, 0.14, 0.14, 0.05, 0.09)
EARLIEST_START: Final = datetime.date(1985, 1, 1)
_EPOCH: Final = datetime.date(1970, 1, 1)


# Group indexes: the five ONS groups in GROUPS order, then not disclosed.
_GROUP_ORDER: Final = (ASIAN, BLACK, MIXED, WHITE, OTHER, NOT_DISCLOSED)
_G = {g: i for i, g in enumerate(_GROUP_ORDER)}
_CENSUS_GROUP: Final = np.array([_G[c.group] for c in CENSUS_CATEGORIES], dtype=np.int64)
_ND = _G[NOT_DISCLOSED]


def _per_group(values: dict[str, float]) -> FloatArray:
    return np.array([values[g] for g in _GROUP_ORDER], dtype=np.float64)


# How steeply each group thins out (or, for White staff, thickens) from band 1 to the top band:
# log odds ratios, applied before the band and category totals are fitted back to their targets.
_BAND_TILT: Final = _per_group(
    {ASIAN: -0.4, BLACK: -1.4, MIXED: -0.5, WHITE: 0.7, OTHER: -0.5, NOT_DISCLOSED: 0.0}
)
# Bands 1 to 7 of an eight-band council, the top band then being 1% on its own. Other band
# counts stretch or squeeze this shape.
_PYRAMID_BELOW_TOP: Final = (0.10, 0.22, 0.24, 0.19, 0.11, 0.07, 0.06)
_TOP_BAND_SHARE: Final = 0.01
_NOT_DISCLOSED_RATE: Final = (0.16, 0.09, 0.18)  # band 1, the bands between, the top band
# Within-band pay relative to White staff.
_PAY_FACTOR: Final = _per_group(
    {ASIAN: 0.985, BLACK: 0.975, MIXED: 0.985, WHITE: 1.0, OTHER: 0.98, NOT_DISCLOSED: 0.99}
)
#: The lowest hourly pay: the Living Wage Foundation's London Living Wage for 2024–25.
LONDON_LIVING_WAGE: Final = 13.85
_BONUS_RATE: Final = 0.04
_DISCIPLINARY_RATE: Final = _per_group(
    {ASIAN: 0.015, BLACK: 0.022, MIXED: 0.016, WHITE: 0.012, OTHER: 0.016, NOT_DISCLOSED: 0.015}
)
_GRIEVANCE_RATE: Final = 0.01
_TRAINING_RATE: Final = _per_group(
    {ASIAN: 0.31, BLACK: 0.30, MIXED: 0.32, WHITE: 0.39, OTHER: 0.31, NOT_DISCLOSED: 0.33}
)
_FTE_VALUES: Final = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)
_FTE_WEIGHTS: Final = (0.75, 0.05, 0.08, 0.03, 0.05, 0.03, 0.01)
_FEMALE_SHARE: Final = 0.6
_LEAVER_SHARE: Final = 0.1
_MEAN_TENURE_YEARS: Final = 8.0

# Recruitment: the chance of moving on from each stage to the next, by group. Only the step
# from interview to offer differs: 0.48 for White applicants, 0.32 for ethnic minorities.
_FUNNEL: Final = np.array(
    [
        [0.6, 0.5, 0.7, 0.32, 0.9],  # Asian
        [0.6, 0.5, 0.7, 0.32, 0.9],  # Black
        [0.6, 0.5, 0.7, 0.32, 0.9],  # Mixed
        [0.6, 0.5, 0.7, 0.48, 0.9],  # White
        [0.6, 0.5, 0.7, 0.32, 0.9],  # Other
        [0.6, 0.5, 0.7, 0.40, 0.9],  # not disclosed
    ],
    dtype=np.float64,
)
# Applicants are more diverse than the workforce: White categories weighted down by this much.
_APPLICANT_WHITE_WEIGHT: Final = 0.7
_APPLICANT_NOT_DISCLOSED: Final = 0.06

# Labels by index: the 21 categories' ONS labels, then their variant wordings, then blank.
_LABELS: Final[tuple[str | None, ...]] = (
    *(c.label for c in CATEGORIES),
    *(VARIANT_LABELS.get(c.code, c.label) for c in CATEGORIES),
    None,
)
_VARIANT_OFFSET: Final = len(CATEGORIES)
_BLANK: Final = 2 * len(CATEGORIES)
_PREFER_NOT: Final = CATEGORIES.index(PREFER_NOT_TO_SAY)
_NOT_KNOWN: Final = CATEGORIES.index(NOT_KNOWN)


@cache
def london_shares() -> tuple[float, ...]:
    """London's resident population share of each census category, in CENSUS_CATEGORIES order
    (Census 2021 TS021, summed over the 33 London local authorities)."""
    london = population(LONDON)
    return tuple(london.by_category[c.name] / london.total for c in CENSUS_CATEGORIES)


def employees(
    rows: int,
    *,
    seed: int = 0,
    snapshot: datetime.date = datetime.date(2026, 3, 31),
    bands: int = 8,
) -> pl.DataFrame:
    """A synthetic employee return of `rows` made-up people, as at `snapshot`.

    Columns are EMPLOYEE_COLUMNS: text as String, money and FTE as Float64, dates as Date, flags
    as Boolean, null where a value is missing. `pay_band` runs "1" to `bands` (at least 3).
    About 10% left in the 12 months to `snapshot`. The same arguments give the same frame.
    """
    _check(rows, bands)
    if snapshot <= EARLIEST_START:
        raise ValueError(f"snapshot must be after {EARLIEST_START.isoformat()}")
    rng = np.random.default_rng(seed)
    census = rng.choice(len(CENSUS_CATEGORIES), size=rows, p=london_shares())
    group = _CENSUS_GROUP[census]
    band = _draw_rows(rng, group, _band_given_group(bands))
    top = bands - 1

    # Ethnicity as exported. `group` stays the person's own group: the not disclosed are a
    # cross-section of everyone, and they meet the same inequalities.
    low, middle, high = _NOT_DISCLOSED_RATE
    nd_rate = np.full(bands, middle)
    nd_rate[0], nd_rate[top] = low, high
    ethnicity = _label_index(rng, census, rng.random(rows) < nd_rate[band])

    # Pay: band 1 from about £14–16 an hour up to about £50–75 at the top band (geometric
    # steps between), spread within the band, less a small within-band ethnicity gap. A band
    # that would start below the London Living Wage is moved up to start at it, and no one is
    # paid less than it.
    step = np.arange(bands) / top
    floor = 12.0 * (50.0 / 12.0) ** step
    width = 14.0 * (75.0 / 14.0) ** step - floor
    floor = np.maximum(floor, LONDON_LIVING_WAGE)
    hourly = floor[band] + width[band] * rng.beta(2.0, 2.0, size=rows)
    hourly = np.maximum(np.round(hourly * _PAY_FACTOR[group], 2), LONDON_LIVING_WAGE)

    # Bonuses: rarer and smaller at the bottom, about 1.5 weeks' full-time pay.
    bonus_rate = np.exp(1.5 * step)
    bonus_rate *= _BONUS_RATE / float(bonus_rate @ _pyramid(bands))
    has_bonus = rng.random(rows) < bonus_rate[band]
    bonus = np.zeros(rows)
    weeks = rng.lognormal(np.log(1.5), 0.5, size=int(has_bonus.sum()))
    bonus[has_bonus] = np.round(hourly[has_bonus] * 37.0 * weeks, 2)

    tier = np.full(rows, 2, dtype=np.uint32)  # index 2: no tier
    tier[band == top] = 0
    tier[(band == top - 1) & (rng.random(rows) < SECOND_TIER_SHARE)] = 1

    # Service, in days since 1970: a truncated exponential back from the snapshot to 1985, so
    # most people started recently. Leavers left in the year to the snapshot, after starting.
    last = (snapshot - _EPOCH).days
    longest = (snapshot - EARLIEST_START).days
    scale = _MEAN_TENURE_YEARS * 365.25
    tail = 1.0 - np.exp(-longest / scale)
    tenure = np.floor(-scale * np.log1p(-rng.random(rows) * tail)).astype(np.int64)
    tenure = np.minimum(tenure, longest)
    started = last - tenure
    left = rng.random(rows) < _LEAVER_SHARE
    earliest_leave = np.maximum(started, last - 364)
    leave_window = last - earliest_leave + 1
    left_day = earliest_leave + np.floor(rng.random(rows) * leave_window).astype(np.int64)
    reason = rng.choice(len(LEAVING_REASONS), size=rows, p=_LEAVING_WEIGHTS)
    retirement, resignation = LEAVING_REASONS.index("Retirement"), 0
    reason[(reason == retirement) & (tenure < 5 * 365)] = resignation

    raw = pl.DataFrame(
        {
            "ethnicity": ethnicity,
            "sex": (rng.random(rows) < _FEMALE_SHARE).astype(np.uint32),
            "pay_band": band.astype(np.uint32),
            "hourly_pay": hourly,
            "bonus_pay": bonus,
            "has_bonus": has_bonus,
            "fte": np.asarray(_FTE_VALUES)[rng.choice(len(_FTE_VALUES), size=rows, p=_FTE_WEIGHTS)],
            "directorate": rng.choice(len(DIRECTORATES), size=rows, p=_DIRECTORATE_WEIGHTS),
            "leadership_tier": tier,
            "started_on": started.astype(np.int32),
            "left_on": left_day.astype(np.int32),
            "left": left,
            "leaving_reason": reason.astype(np.uint32),
            "formal_disciplinary": rng.random(rows) < _DISCIPLINARY_RATE[group],
            "formal_grievance": rng.random(rows) < _GRIEVANCE_RATE,
            "non_mandatory_training": rng.random(rows) < _TRAINING_RATE[group],
        },
        schema_overrides={"directorate": pl.UInt32},
    )
    return raw.select(
        _refs("employee_ref", "E", rows),
        _take("ethnicity", _LABELS),
        _take("sex", ("Male", "Female")),
        _take("pay_band", _band_names(bands)),
        pl.col("hourly_pay"),
        pl.when("has_bonus").then("bonus_pay").alias("bonus_pay"),
        pl.col("fte"),
        _take("directorate", DIRECTORATES),
        _take("leadership_tier", (TOP_TIER, SECOND_TIER, None)),
        pl.col("started_on").cast(pl.Date),
        pl.when("left").then(pl.col("left_on").cast(pl.Date)).alias("left_on"),
        pl.when("left").then(_take("leaving_reason", LEAVING_REASONS)).alias("leaving_reason"),
        "formal_disciplinary",
        "formal_grievance",
        "non_mandatory_training",
    )


def applications(rows: int, *, seed: int = 0, bands: int = 8) -> pl.DataFrame:
    """A synthetic recruitment return: `rows` made-up applications, one row each.

    Columns are APPLICATION_COLUMNS, all String. `stage_reached` is the furthest stage of
    STAGES; each stage keeps 60%, 50%, 70%, 40% and 90% of the one before, except that White
    applicants are 1.5× as likely as ethnic-minority applicants to be appointed once
    shortlisted. Applicants are more diverse than the workforce. Deterministic for a seed.
    """
    _check(rows, bands)
    rng = np.random.default_rng(seed)
    weights = np.array(london_shares()) * np.where(
        _G[WHITE] == _CENSUS_GROUP, _APPLICANT_WHITE_WEIGHT, 1.0
    )
    census = rng.choice(len(CENSUS_CATEGORIES), size=rows, p=weights / weights.sum())
    group = _CENSUS_GROUP[census]
    ethnicity = _label_index(rng, census, rng.random(rows) < _APPLICANT_NOT_DISCLOSED)

    # One uniform per application against each stage's chance of getting at least that far.
    survival = np.cumprod(_FUNNEL, axis=1)
    reached = rng.random(rows)
    stage = np.zeros(rows, dtype=np.uint32)
    for step in range(survival.shape[1]):
        stage += reached < survival[group, step]
    vacancy_band = rng.choice(bands, size=rows, p=_pyramid(bands)).astype(np.uint32)

    raw = pl.DataFrame(
        {"ethnicity": ethnicity, "stage_reached": stage, "vacancy_pay_band": vacancy_band}
    )
    return raw.select(
        _refs("application_ref", "A", rows),
        _take("ethnicity", _LABELS),
        _take("stage_reached", STAGES),
        _take("vacancy_pay_band", _band_names(bands)),
    )


def _check(rows: int, bands: int) -> None:
    if rows < 0:
        raise ValueError(f"rows must not be negative, not {rows}")
    if bands < 3:
        raise ValueError(f"bands must be at least 3, not {bands}")


@cache
def _pyramid(bands: int) -> FloatArray:
    """Headcount share of each band: the eight-band shape below the top, then the top band."""
    shape = np.array(_PYRAMID_BELOW_TOP)
    # Stretch the shape over bands - 1 by reading its cumulative share at the new band edges.
    cumulative = np.concatenate(([0.0], np.cumsum(shape) / shape.sum()))
    edges = np.linspace(0.0, 1.0, bands)
    below = np.diff(np.interp(edges, np.linspace(0.0, 1.0, len(cumulative)), cumulative))
    shares = np.append(below * (1.0 - _TOP_BAND_SHARE), _TOP_BAND_SHARE)
    shares.flags.writeable = False
    return shares


@cache
def _band_given_group(bands: int) -> FloatArray:
    """P(band | group) for the five ONS groups, rows summing to 1.

    The tilts set how each group's odds change from band to band; iterative proportional
    fitting then brings the totals back to London's group shares and the band pyramid, so the
    glass ceiling changes who is in each band without changing how many.
    """
    group_share = np.bincount(_CENSUS_GROUP, weights=london_shares(), minlength=_ND)[:_ND]
    band_share = _pyramid(bands)
    step = np.linspace(0.0, 1.0, bands)
    joint = np.outer(group_share, band_share) * np.exp(np.outer(_BAND_TILT[:_ND], step))
    for _ in range(200):
        joint *= (band_share / joint.sum(axis=0))[np.newaxis, :]
        joint *= (group_share / joint.sum(axis=1))[:, np.newaxis]
    conditional: FloatArray = joint / joint.sum(axis=1, keepdims=True)
    conditional.flags.writeable = False
    return conditional


def _draw_rows(rng: np.random.Generator, row: IntArray, probabilities: FloatArray) -> IntArray:
    """For each element, a column drawn from `probabilities[row]`, in one vectorised search."""
    columns = probabilities.shape[1]
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative[:, -1] = 1.0
    # Offset row r's cumulative by r so all rows sit in one sorted array.
    offset = cumulative + np.arange(probabilities.shape[0])[:, np.newaxis]
    found = np.searchsorted(offset.ravel(), row + rng.random(row.shape[0]), side="right")
    column: IntArray = np.minimum(found - row * columns, columns - 1).astype(np.int64)
    return column


def _label_index(
    rng: np.random.Generator, census: IntArray, not_disclosed: BoolArray
) -> npt.NDArray[np.uint32]:
    """Indexes into _LABELS: census categories (some in variant wording), else not disclosed."""
    how = rng.random(census.shape[0])
    # CENSUS_CATEGORIES are the first 19 of CATEGORIES, so a census index is a label index.
    # `how` picks the wording for the disclosed and the kind of not disclosed for the rest.
    disclosed = census + _VARIANT_OFFSET * (how < VARIANT_SHARE)
    cuts = np.cumsum(NOT_DISCLOSED_SPLIT)[:-1]
    kinds = np.array([_BLANK, _PREFER_NOT, _NOT_KNOWN])
    undisclosed = kinds[np.searchsorted(cuts, how, side="right")]
    return np.where(not_disclosed, undisclosed, disclosed).astype(np.uint32)


def _take(column: str, values: Sequence[str | None]) -> pl.Expr:
    """The text for an index column: `values[index]`."""
    return pl.lit(pl.Series(values, dtype=pl.String)).gather(pl.col(column)).alias(column)


def _band_names(bands: int) -> tuple[str, ...]:
    return tuple(str(b) for b in range(1, bands + 1))


def _refs(name: str, prefix: str, rows: int) -> pl.Expr:
    """ "E0000001" onwards: at least seven digits, more if `rows` needs them."""
    width = max(7, len(str(rows)))
    numbers = pl.int_range(1, pl.len() + 1, dtype=pl.Int64)
    return (prefix + numbers.cast(pl.String).str.zfill(width)).alias(name)
