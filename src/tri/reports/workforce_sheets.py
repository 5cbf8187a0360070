"""The workforce metrics report as an xlsx workbook: a Notes sheet, then one tidy table per
section with data (see SHEETS).

Each table has a bold, frozen header row and one row per observation. Numbers are stored as the
JSON report has them: percentages as plain numbers from 0 to 100 (their headers say %), not
Excel percentages. A suppressed cell is empty, and the Note column of its row names it.

Imported on first use by `tri.reports.workforce.workforce_xlsx`: it imports openpyxl.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tri.reports.sheets import BOLD, TITLE, WRAP, header, widths, workbook_bytes
from tri.reports.workforce import (
    LIKELIHOODS,
    QUARTER_LABELS,
    STAGE_LABELS,
    Json,
    Reader,
    Value,
    due_year,
    page_title,
)
from tri.workforce.ethnicity import ALL_EXCEPT_WHITE_BRITISH, ETHNIC_MINORITY, WHITE, WHITE_BRITISH
from tri.workforce.metrics import QUARTERS


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str = "text"  # as FORMATS, and "count" for whole or shared-out counts


@dataclass(frozen=True, slots=True)
class Sheet:
    """One tidy table: a header row of columns, then one row per observation. Cells are
    labels (str) or Values; a Note column says which cells of a row are suppressed. `extra`
    is a second table further down the sheet (a target trajectory, say)."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str | Value, ...], ...]
    extra: Sheet | None = None
    extra_title: str = ""


#: The sheets a workbook can have, in order; a sheet without data is left out.
SHEETS = (
    "Notes",
    "Profile",
    "Representation",
    "Pay bands",
    "Glass ceiling",
    "Senior",
    "Pay gap",
    "Pay quarters",
    "Recruitment",
    "Adverse impact",
    "Likelihoods",
    "Rates",
    "Intersectional",
)

_NUMBER_FORMATS = {
    "count": "#,##0.##",
    "pct": "0.00",
    "points": "0.00",
    "money": '"£"#,##0.00',
    "ratio": "0.000",
    "ratio3": "0.000",
    "p": "0.0000",
}


def _profile_sheet(r: Reader) -> Sheet | None:
    groups = r.keys("profile", "groups")
    if not groups:
        return None
    categories = r.section("profile", "categories") or {}
    rows: list[tuple[str | Value, ...]] = []
    for group in groups:
        base = ("profile", "groups", group)
        rows.append((group, "All", r.value(*base, "count"), r.value(*base, "pct")))
        for name, category in categories.items():
            if isinstance(category, Mapping) and category.get("group") == group:
                base = ("profile", "categories", str(name))
                rows.append((group, str(name), r.value(*base, "count"), r.value(*base, "pct")))
    return Sheet(
        "Profile",
        (
            Column("Ethnic group"),
            Column("Category"),
            Column("Count", "count"),
            Column("% of workforce", "pct"),
        ),
        tuple(rows),
    )


def _representation_sheet(r: Reader) -> Sheet | None:
    if r.section("representation") is None:
        return None
    keys = ("workforce_pct", "population_pct", "ratio", "difference_pts")
    entries: list[tuple[str, str, tuple[str, ...]]] = [
        ("Group", g, ("groups", g)) for g in r.keys("representation", "groups")
    ]
    if r.section("representation", "ethnic_minority"):
        entries.append(("Group", ETHNIC_MINORITY, ("ethnic_minority",)))
    entries += [("Category", c, ("categories", c)) for c in r.keys("representation", "categories")]
    rows: list[tuple[str | Value, ...]] = [
        (level, name, *(r.value("representation", *path, k) for k in keys))
        for level, name, path in entries
    ]
    name = str(r.get("representation", "population", "name") or "the area")
    return Sheet(
        "Representation",
        (
            Column("Level"),
            Column("Ethnic group or category"),
            Column("Workforce % (of those who gave their ethnicity)", "pct"),
            Column(f"Residents of {name} %", "pct"),
            Column("Ratio", "ratio"),
            Column("Difference (percentage points)", "points"),
        ),
        tuple(rows),
    )


def _pay_bands_sheet(r: Reader) -> Sheet | None:
    bands = r.section("pay_bands", "bands")
    if not bands:
        return None
    order = [str(b) for b in r.get("pay_bands", "order") or bands if str(b) in bands]
    rows: list[tuple[str | Value, ...]] = []
    for band in order:
        base = ("pay_bands", "bands", band)
        rows.append((band, "All staff", r.value(*base, "headcount"), Value(None), Value(None)))
        for group in r.keys(*base, "groups"):
            cell = (*base, "groups", group)
            rows.append(
                (
                    band,
                    group,
                    r.value(*cell, "count"),
                    r.value(*cell, "pct"),
                    r.value(*cell, "pct_known"),
                )
            )
    return Sheet(
        "Pay bands",
        (
            Column("Pay band"),
            Column("Ethnic group"),
            Column("Count", "count"),
            Column("% of band", "pct"),
            Column("% of band (of those who gave their ethnicity)", "pct"),
        ),
        tuple(rows),
    )


def _glass_ceiling_sheet(r: Reader) -> Sheet | None:
    groups = r.keys("glass_ceiling", "groups")
    if not groups:
        return None
    rows = tuple(
        (
            group,
            r.value("glass_ceiling", "groups", group, "overall_pct"),
            r.value("glass_ceiling", "groups", group, "band"),
            r.value("glass_ceiling", "groups", group, "band_pct"),
            r.value("glass_ceiling", "groups", group, "stays_below"),
        )
        for group in groups
    )
    return Sheet(
        "Glass ceiling",
        (
            Column("Ethnic group"),
            Column("% of workforce (of those who gave their ethnicity)", "pct"),
            Column("First band below the threshold"),
            Column("% of that band", "pct"),
            Column("Stays below in every higher band", "bool"),
        ),
        rows,
    )


def _senior_sheet(r: Reader) -> Sheet | None:
    if r.section("senior") is None:
        return None
    keys = ("headcount", "ethnic_minority", "white", "not_disclosed", "ethnic_minority_pct")
    top = ("senior", "top_5pct")
    rows: list[tuple[str | Value, ...]] = [
        (
            "Top 5% of earners",
            *(r.value(*top, k) for k in keys),
            r.value(*top, "threshold_hourly_pay"),
        )
    ]
    rows += [
        (tier, *(r.value("senior", "tiers", tier, k) for k in keys), Value(None))
        for tier in r.keys("senior", "tiers")
    ]
    extra = None
    root = ("senior", "targets")
    if r.section(*root):
        year = r.get(*root, "year")
        trajectory = r.section(*root, "trajectory") or {}
        extra = Sheet(
            "Targets",
            (
                Column("Year", "count"),
                Column("Target: ethnic minority % of the top 5%", "pct"),
                Column("Actual %", "pct"),
                Column("Actual minus target (percentage points)", "points"),
                Column("On track", "bool"),
            ),
            tuple(
                (
                    Value(int(when) if str(when).isdigit() else when),
                    r.scalar(pct),
                    *(
                        (
                            r.value(*root, "actual_pct"),
                            r.value(*root, "gap_pts"),
                            r.value(*root, "on_track"),
                        )
                        if str(when) == due_year(trajectory, year)
                        else (Value(None), Value(None), Value(None))
                    ),
                )
                for when, pct in trajectory.items()
            ),
        )
    return Sheet(
        "Senior",
        (
            Column("Staff"),
            Column("Headcount", "count"),
            Column("Ethnic minority", "count"),
            Column("White", "count"),
            Column("Not disclosed", "count"),
            Column("Ethnic minority % (of those who gave their ethnicity)", "pct"),
            Column("Pay threshold (£ an hour)", "money"),
        ),
        tuple(rows),
        extra,
        "Target trajectory",
    )


def _interval(r: Reader, base: tuple[str, ...], measure: str) -> list[str | Value]:
    """A 95% interval as two cells, low and high."""
    interval = r.get(*base, "ci95", measure)
    if isinstance(interval, list | tuple) and len(interval) == 2:
        return [r.scalar(interval[0]), r.scalar(interval[1])]
    hidden = r.hidden(*base, "ci95", measure)
    return [Value(None, hidden), Value(None, hidden)]


def _pay_gap_sheet(r: Reader) -> Sheet | None:
    pg = r.section("pay_gap")
    if pg is None:
        return None
    reference = str(pg.get("reference") or WHITE)
    entries: list[tuple[str, str, str, tuple[str, ...]]] = [
        ("Reference", reference, "", ("reference_group",))
    ]
    entries += [("Group", g, reference, ("groups", g)) for g in r.keys("pay_gap", "groups")]
    entries += [
        ("Category", c, reference, ("categories", c)) for c in r.keys("pay_gap", "categories")
    ]
    if r.section("pay_gap", "ethnic_minority"):
        entries.append(("Ethnic minority", ETHNIC_MINORITY, reference, ("ethnic_minority",)))
    if r.section("pay_gap", "white_british"):
        entries.append(("Reference", WHITE_BRITISH, "", ("white_british",)))
    if r.section("pay_gap", "all_except_white_british"):
        entries.append(
            (
                "All except White British",
                ALL_EXCEPT_WHITE_BRITISH,
                WHITE_BRITISH,
                ("all_except_white_british",),
            )
        )
    has_bonus = r.section("pay_gap", "bonus") is not None
    rows: list[tuple[str | Value, ...]] = []
    for level, label, against, key in entries:
        base = ("pay_gap", *key)
        row: list[str | Value] = [
            level,
            label,
            against,
            r.value(*base, "n"),
            r.value(*base, "mean_hourly_pay"),
            r.value(*base, "median_hourly_pay"),
            r.value(*base, "mean_gap_pct"),
        ]
        row += [*_interval(r, base, "mean_gap_pct"), r.value(*base, "median_gap_pct")]
        row += _interval(r, base, "median_gap_pct")
        if has_bonus:
            bonus = ("pay_gap", "bonus", *key)
            row += [
                r.value(*bonus, k)
                for k in ("staff", "received", "received_pct", "mean_gap_pct", "median_gap_pct")
            ]
        rows.append(tuple(row))
    columns = [
        Column("Level"),
        Column("Ethnic group"),
        Column("Compared with"),
        Column("Staff", "count"),
        Column("Mean hourly pay (£)", "money"),
        Column("Median hourly pay (£)", "money"),
        Column("Mean gap %", "pct"),
        Column("Mean gap %, 95% interval: low", "pct"),
        Column("Mean gap %, 95% interval: high", "pct"),
        Column("Median gap %", "pct"),
        Column("Median gap %, 95% interval: low", "pct"),
        Column("Median gap %, 95% interval: high", "pct"),
    ]
    if has_bonus:
        columns += [
            Column("Bonus: staff", "count"),
            Column("Bonus: received", "count"),
            Column("Bonus: % received", "pct"),
            Column("Mean bonus gap %", "pct"),
            Column("Median bonus gap %", "pct"),
        ]
    return Sheet("Pay gap", tuple(columns), tuple(rows))


def _pay_quarters_sheet(r: Reader) -> Sheet | None:
    quarters = [q for q in QUARTERS if r.section("pay_quarters", q)]
    if not quarters:
        return None
    rows: list[tuple[str | Value, ...]] = []
    for quarter in quarters:
        base = ("pay_quarters", quarter)
        label = QUARTER_LABELS[quarter]
        rows.append((label, "All", r.value(*base, "headcount"), Value(None)))
        rows += [
            (label, g, r.value(*base, "groups", g, "count"), r.value(*base, "groups", g, "pct"))
            for g in r.keys(*base, "groups")
        ]
    return Sheet(
        "Pay quarters",
        (
            Column("Pay quarter"),
            Column("Ethnic group"),
            Column("Count", "count"),
            Column("% of quarter", "pct"),
        ),
        tuple(rows),
    )


def _recruitment_sheet(r: Reader) -> Sheet | None:
    rec = r.section("recruitment")
    if rec is None:
        return None
    stages = [str(s) for s in rec.get("stages") or STAGE_LABELS]
    funnel = ("recruitment", "funnel")
    rows: list[tuple[str | Value, ...]] = [
        (
            group,
            STAGE_LABELS.get(stage, stage),
            r.value(*funnel, group, stage, "count"),
            r.value(*funnel, group, stage, "conversion_pct"),
        )
        for group in r.keys(*funnel)
        for stage in stages
    ]
    if r.section("recruitment", "totals"):
        rows += [
            (
                "All applicants",
                STAGE_LABELS.get(stage, stage),
                r.value("recruitment", "totals", stage),
                Value(None),
            )
            for stage in stages
        ]
    return Sheet(
        "Recruitment",
        (
            Column("Ethnic group"),
            Column("Stage"),
            Column("Applicants reaching the stage", "count"),
            Column("Conversion from the stage before %", "pct"),
        ),
        tuple(rows),
    )


def _adverse_impact_sheet(r: Reader) -> Sheet | None:
    impact = r.section("recruitment", "adverse_impact")
    if not impact:
        return None
    rows: list[tuple[str | Value, ...]] = []
    for stage in r.keys("recruitment", "adverse_impact"):
        for group in r.keys("recruitment", "adverse_impact", stage):
            base = ("recruitment", "adverse_impact", stage, group)
            rows.append(
                (
                    STAGE_LABELS.get(stage, stage),
                    group,
                    *(
                        r.value(*base, k)
                        for k in (
                            "selection_rate_pct",
                            "compared_with",
                            "impact_ratio",
                            "fisher_p",
                            "below_four_fifths",
                        )
                    ),
                )
            )
    return Sheet(
        "Adverse impact",
        (
            Column("Stage"),
            Column("Ethnic group"),
            Column("Selection rate %", "pct"),
            Column("Compared with"),
            Column("Impact ratio", "ratio3"),
            Column("Fisher p", "p"),
            Column("Below four-fifths", "bool"),
        ),
        tuple(rows),
    )


def _likelihoods_sheet(r: Reader) -> Sheet | None:
    rows: list[tuple[str | Value, ...]] = []
    for item in LIKELIHOODS:
        root = ("relative_likelihood", item.key)
        if r.section(*root) is None:
            continue
        first: tuple[Value, ...]
        second: tuple[Value, ...]
        if item.key == "appointment_from_shortlisting":
            # The pools and counts are the funnel's: shortlisted and appointed.
            counts = [
                r.value("recruitment", "funnel", group, stage, "count")
                for group in (item.first[0], item.second[0])
                for stage in ("shortlisted", "appointed")
            ]
            first = (counts[0], counts[1], r.value(*root, item.first[2]))
            second = (counts[2], counts[3], r.value(*root, item.second[2]))
        else:
            keys = ("staff", "count", "rate_pct")
            first = tuple(r.value(*root, item.first[2], k) for k in keys)
            second = tuple(r.value(*root, item.second[2], k) for k in keys)
        rows.append(
            (
                item.indicator,
                item.measure,
                item.first[0],
                *first,
                item.second[0],
                *second,
                r.value(*root, "ratio"),
            )
        )
    if not rows:
        return None
    return Sheet(
        "Likelihoods",
        (
            Column("Indicator"),
            Column("Measure"),
            Column("Group"),
            Column("Its staff or applicants", "count"),
            Column("Its count", "count"),
            Column("Its rate %", "pct"),
            Column("Compared with"),
            Column("Their staff or applicants", "count"),
            Column("Their count", "count"),
            Column("Their rate %", "pct"),
            Column("Relative likelihood", "ratio"),
        ),
        tuple(rows),
    )


def _rates_sheet(r: Reader) -> Sheet | None:
    rows: list[tuple[str | Value, ...]] = []
    for key, label in (("leavers", "Leavers"), ("formal_grievance", "Formal grievances")):
        for group in r.keys("rates", key):
            base = ("rates", key, group)
            rows.append(
                (
                    label,
                    group,
                    r.value(*base, "staff"),
                    r.value(*base, "count"),
                    r.value(*base, "rate_pct"),
                )
            )
    if not rows:
        return None
    return Sheet(
        "Rates",
        (
            Column("Measure"),
            Column("Ethnic group"),
            Column("Staff in the year", "count"),
            Column("Count", "count"),
            Column("Rate %", "pct"),
        ),
        tuple(rows),
    )


def _intersectional_sheet(r: Reader) -> Sheet | None:
    rows: list[tuple[str | Value, ...]] = []
    for key, noun in (("sex", "Sex"), ("directorate", "Directorate")):
        for value in r.keys("intersectional", key):
            base = ("intersectional", key, value)
            groups = r.keys(*base, "groups")
            groups += [g for g in r.keys(*base, "pay_gap") if g not in groups]
            for group in groups:
                profile = (*base, "groups", group)
                gap = (*base, "pay_gap", group)
                rows.append(
                    (
                        noun,
                        value,
                        group,
                        r.value(*base, "headcount"),
                        r.value(*profile, "count"),
                        r.value(*profile, "pct"),
                        r.value(*gap, "n"),
                        r.value(*gap, "mean_gap_pct"),
                        r.value(*gap, "median_gap_pct"),
                    )
                )
    if not rows:
        return None
    reference = str(r.get("intersectional", "reference") or WHITE)
    return Sheet(
        "Intersectional",
        (
            Column("By"),
            Column("Value"),
            Column("Ethnic group"),
            Column("Headcount of the value", "count"),
            Column("Count", "count"),
            Column("% of the value", "pct"),
            Column("Pay gap: staff", "count"),
            Column(f"Mean gap with {reference} staff %", "pct"),
            Column(f"Median gap with {reference} staff %", "pct"),
        ),
        tuple(rows),
    )


def sheets(data: Json) -> tuple[Sheet, ...]:
    """The tables of the workbook after its Notes sheet, one per section with data."""
    r = Reader(data)
    found = (
        _profile_sheet(r),
        _representation_sheet(r),
        _pay_bands_sheet(r),
        _glass_ceiling_sheet(r),
        _senior_sheet(r),
        _pay_gap_sheet(r),
        _pay_quarters_sheet(r),
        _recruitment_sheet(r),
        _adverse_impact_sheet(r),
        _likelihoods_sheet(r),
        _rates_sheet(r),
        _intersectional_sheet(r),
    )
    return tuple(sheet for sheet in found if sheet is not None)


def _notes(sheet: Worksheet, r: Reader) -> None:
    s = r.settings
    sheet.title = "Notes"
    sheet.append([page_title(r)])
    sheet["A1"].font = TITLE
    sheet.append([])
    population = r.section("representation", "population") or {}
    facts: list[tuple[str, Any]] = [
        ("Source file", s.get("source")),
        ("Kind of return", s.get("kind")),
        ("With a recruitment return", "Yes" if r.section("recruitment") else "No"),
        ("Staff in post", r.get("headcount")),
        ("Rows in the return (leavers included)", s.get("rows")),
        ("Compared with the residents of", population.get("name")),
        ("Residents", population.get("residents")),
        ("Population source", population.get("source")),
        ("Pay gaps measured against", s.get("reference")),
        ("Glass ceiling fraction", s.get("glass_ceiling_fraction")),
        ("Disclosure control", "On" if r.suppression else "Off"),
        ("Suppression threshold (people)", r.threshold if r.suppression else None),
        ("Counts rounded to the nearest", s.get("rounding")),
        ("Columns ignored", ", ".join(str(c) for c in s.get("ignored_columns") or ()) or None),
        ("Report format version", s.get("schema_version")),
        ("Not disclosed (count)", r.get("disclosure", "not_disclosed")),
        ("Not disclosed %", r.get("disclosure", "not_disclosed_pct")),
        ("Prefer not to say %", r.get("disclosure", "prefer_not_to_say_pct")),
        ("Not known %", r.get("disclosure", "not_known_pct")),
    ]
    for term, found in facts:
        value = Reader.scalar(found).value
        if value is None:
            continue
        sheet.append([term, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    sheet.append([])
    lines = [
        "Percentages are plain numbers from 0 to 100, as in the JSON report, not Excel "
        "percentages: their column headers say %.",
        "Ethnic minority means the Asian, Black, Mixed and Other groups together. Not "
        "disclosed (Prefer not to say, Not known) is counted, and left out of both sides of "
        "every comparison.",
    ]
    if r.suppression:
        lines.append(
            f"Disclosure control is on. A count of {r.fewer} is never shown; nor is another "
            "figure that, with a published total, would reveal it; nor is any percentage, gap "
            "or ratio worked out from them. A suppressed cell is empty, and the Note column of "
            "its row says which of its cells are suppressed."
        )
    else:
        lines.append(
            "Full internal figures — not for publication. Disclosure control is off: these "
            "figures include very small numbers of people, who could be identified."
        )
    for line in lines:
        sheet.append([line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.cell(row, 1).alignment = WRAP
        sheet.row_dimensions[row].height = 15 * (1 + len(line) // 120)
    sheet.append([])
    if r.suppression:
        sheet.append(["Suppressed figure", "Reason"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for path, reason in r.reasons.items():
            sheet.append([path, reason])
        if not r.reasons:
            sheet.append(["Nothing was suppressed."])
    widths(sheet, (60, 90))


def _write_table(sheet: Worksheet, table: Sheet, *, freeze: bool) -> None:
    names = [c.name for c in table.columns] + ["Note"]
    if freeze:
        header(sheet, names)
    else:
        sheet.append(names)
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
            cell.alignment = WRAP
    for row in table.rows:
        values: list[Any] = []
        hidden = []
        for column, item in zip(table.columns, row, strict=True):
            if isinstance(item, Value):
                values.append(item.value)
                if item.suppressed:
                    hidden.append(column.name)
            else:
                values.append(item)
        values.append(f"suppressed: {'; '.join(hidden)}" if hidden else None)
        sheet.append(values)
        for index, column in enumerate(table.columns, start=1):
            number_format = _NUMBER_FORMATS.get(column.kind)
            if number_format:
                sheet.cell(sheet.max_row, index).number_format = number_format


def _column_widths(table: Sheet) -> list[float]:
    """Wide enough for the longest value, and for the header wrapped onto two or three lines."""
    out = []
    for index, column in enumerate(table.columns):
        longest = max(
            (
                len(str(item.value if isinstance(item, Value) else item))
                for item in (row[index] for row in table.rows)
            ),
            default=0,
        )
        word = max((len(w) for w in column.name.split()), default=0)
        out.append(float(min(45, max(10, longest + 2, word + 2, len(column.name) // 3 + 2))))
    return [*out, 30.0]


def workbook(data: Json) -> bytes:
    """The report as xlsx bytes; the same report gives the same bytes."""
    r = Reader(data)
    book = Workbook()
    _notes(book.worksheets[0], r)
    for table in sheets(data):
        sheet = book.create_sheet(table.name)
        _write_table(sheet, table, freeze=True)
        column_widths = _column_widths(table)
        if table.extra is not None:
            sheet.append([])
            sheet.append([table.extra_title])
            sheet.cell(sheet.max_row, 1).font = BOLD
            _write_table(sheet, table.extra, freeze=False)
            column_widths = [
                max(a, b)
                for a, b in zip_longest(column_widths, _column_widths(table.extra), fillvalue=0.0)
            ]
        widths(sheet, column_widths)
    return workbook_bytes(book)
