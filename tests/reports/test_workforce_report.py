"""The workforce metrics report as an HTML page and as a workbook, from the real engine's output.

The example returns in examples/workforce/ go through the engine once per module: with and
without disclosure control, against White and against White British staff, and Harrow's
aggregate return. One directorate is renamed to a hostile string, to check escaping.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from html.parser import HTMLParser
from io import BytesIO
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tri import reports
from tri.reports.workforce import (
    Bullets,
    Figure,
    Page,
    Paragraph,
    fmt_count,
    fmt_money,
    fmt_p,
    fmt_pct,
    fmt_points,
    page,
    workforce_html,
    workforce_xlsx,
)
from tri.workforce import (
    EmployeeReturn,
    Options,
    Reference,
    Report,
    aggregate_metrics,
    control,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
)

pytestmark = pytest.mark.unit

Json = dict[str, Any]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "workforce"
HOSTILE = "<script>alert(1)</script> & Co"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def employees(tmp_path_factory: pytest.TempPathFactory) -> EmployeeReturn:
    text = (EXAMPLES / "employees-synthetic.csv").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("returns") / "employees.csv"
    path.write_text(text.replace(",Housing,", f",{HOSTILE},"), encoding="utf-8")
    return read_employees(path)


@pytest.fixture(scope="module")
def options() -> Options:
    return Options(population=population("london"), targets={2024: 25.0, 2025: 35.0}, year=2025)


@pytest.fixture(scope="module")
def report(employees: EmployeeReturn, options: Options) -> Report:
    applications = read_applications(EXAMPLES / "applications-synthetic.csv")
    return employee_metrics(employees, applications, options)


@pytest.fixture(scope="module")
def full(report: Report) -> Json:
    return report.as_json()


@pytest.fixture(scope="module")
def controlled(report: Report) -> Json:
    return control(report).as_json()


@pytest.fixture(scope="module")
def white_british(employees: EmployeeReturn) -> Json:
    options = Options(population=population("london"), reference=Reference.WHITE_BRITISH)
    return control(employee_metrics(employees, None, options)).as_json()


@pytest.fixture(scope="module")
def harrow() -> Json:
    aggregate = read_aggregate(EXAMPLES / "harrow-pay-bands-aggregate.csv")
    return control(aggregate_metrics(aggregate, Options(population=population("london")))).as_json()


@pytest.fixture(scope="module")
def html(controlled: Json) -> str:
    return workforce_html(controlled)


@pytest.fixture(scope="module")
def parsed(html: str) -> Parsed:
    return Parsed(html)


@pytest.fixture(scope="module")
def book(controlled: Json) -> Any:
    return load_workbook(BytesIO(workforce_xlsx(controlled)))


# ---------------------------------------------------------------- reading the page back


class Parsed(HTMLParser):
    """What the tests look at in a page: headings, tables with their cells, charts, text, and
    the order in which charts and tables come."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.tables: dict[str, Table] = {}
        self.charts: list[dict[str, str]] = []
        self.order: list[tuple[str, str]] = []  # ("svg" | "table" | "h2" | "h3", id or text)
        self.ids: list[str] = []
        self.svg_titles: dict[str, str] = {}
        self.th_scopes: list[str | None] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self._heading: int | None = None
        self._table: Table | None = None
        self._cell: list[str] | None = None
        self._svg_text: str | None = None
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "html":
            self.lang = a.get("lang")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
            self.text.append("")
        elif tag == "svg":
            self.charts.append({k: v or "" for k, v in a.items()})
            self.order.append(("svg", str(a.get("aria-labelledby"))))
        elif tag in ("title", "desc") and self.charts and "id" in a:
            self._svg_text = str(a["id"])
        elif tag == "table":
            self._table = Table(str(a.get("id")))
            self.tables[self._table.id] = self._table
            self.order.append(("table", self._table.id))
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
            if tag == "th":
                self.th_scopes.append(a.get("scope"))
            if "wf-suppressed" in (a.get("class") or ""):
                self._table.suppressed += 1
        elif tag == "caption":
            self._cell = []
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append((self._heading, self.text[-1].strip()))
            if self._heading > 1:
                self.order.append((tag, self.text[-1].strip()))
            self._heading = None
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            self._table.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "caption" and self._table is not None and self._cell is not None:
            self._table.caption = "".join(self._cell).strip()
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag in ("title", "desc"):
            self._svg_text = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._svg_text is not None:
            self.svg_titles[self._svg_text] = self.svg_titles.get(self._svg_text, "") + data
        if self._heading is not None:
            self.text[-1] += data
        else:
            self.text.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


class Table:
    def __init__(self, id_: str) -> None:
        self.id = id_
        self.caption = ""
        self.rows: list[list[str]] = []
        self.suppressed = 0

    def row(self, *headers: str) -> list[str]:
        for row in self.rows:
            if row[: len(headers)] == list(headers):
                return row
        raise KeyError(headers)

    def column(self, name: str) -> int:
        return self.rows[0].index(name)


def _figure(report: Page, chart_id: str) -> Figure:
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Figure) and block.id == chart_id:
                return block
    raise KeyError(chart_id)


def _sentences(report: Page, section: str) -> list[str]:
    found = next(s for s in report.sections if s.id == section)
    out: list[str] = []
    for block in found.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.extend(block.items)
    return out


# ---------------------------------------------------------------- the page


def test_both_writers_are_registered_lazily() -> None:
    assert reports.workforce_html is workforce_html
    assert reports.workforce_xlsx is workforce_xlsx
    code = (
        "import sys, tri.reports, tri.reports.workforce; "
        "print(sorted(m for m in ('jinja2', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_numbers_are_written_plainly() -> None:
    assert [fmt_pct(v) for v in (12.78, -0.04, 100)] == ["12.8%", "0.0%", "100.0%"]
    assert [fmt_count(v) for v in (2676, 2676.0, 142.17, 605.5)] == [
        "2,676",
        "2,676",
        "142.17",
        "605.5",
    ]
    assert fmt_money(1234.5) == "£1,234.50"
    assert [fmt_points(v) for v in (1.06, -1.78, 0.02)] == ["+1.1", "−1.8", "0.0"]
    assert [fmt_p(v) for v in (0.0382, 0.0004, 1.0)] == ["0.038", "<0.001", "1.000"]


def test_one_h1_no_skipped_heading_levels_and_english(parsed: Parsed) -> None:
    assert parsed.lang == "en"
    levels = [level for level, _ in parsed.headings]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))
    assert [text for level, text in parsed.headings if level == 2] == [
        "Contents",
        "Ethnicity not disclosed",
        "Workforce profile",
        "Workforce and population",
        "Pay bands",
        "Senior representation",
        "Pay gaps",
        "Pay quarters",
        "Recruitment",
        "Relative likelihoods",
        "Leavers and grievances",
        "Intersections: ethnicity with sex and directorate",
        "Suppressed figures",
    ]
    assert len(parsed.ids) == len(set(parsed.ids))


def test_self_contained_without_scripts(html: str, parsed: Parsed) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert "script" not in parsed.tags
    assert "link" not in parsed.tags
    assert "img" not in parsed.tags
    assert "<style>" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_every_chart_is_a_named_image_followed_by_its_table(parsed: Parsed) -> None:
    assert len(parsed.charts) == 6
    for chart in parsed.charts:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert parsed.svg_titles[title].strip()
        assert "table below" in parsed.svg_titles[desc]
    for index, (kind, _) in enumerate(parsed.order):
        if kind == "svg":
            assert parsed.order[index + 1][0] == "table"
    for table in parsed.tables.values():
        assert table.caption
        assert len(table.rows) > 1
    assert set(parsed.th_scopes) == {"col", "row"}


def test_header_states_source_settings_and_suppression(parsed: Parsed, controlled: Json) -> None:
    text = parsed.all_text
    assert parsed.headings[0] == (1, "Workforce ethnicity metrics: employees.csv")
    assert f"Staff in post {controlled['headcount']:,}" in text
    assert "Residents of London (8,799,736 people)" in text
    assert "Pay gaps measured against White staff" in text
    assert "Figures for fewer than 10 people are not shown" in text
    assert "not for publication" not in text


def test_full_figures_carry_a_warning(full: Json) -> None:
    text = Parsed(workforce_html(full)).all_text
    assert "Full internal figures — not for publication" in text
    assert "Figures for fewer than" not in text
    assert "Disclosure control was off, so nothing was suppressed" in text


def test_disclosure_sentences(controlled: Json) -> None:
    d = controlled["disclosure"]
    first, verdict, *_ = _sentences(page(controlled), "disclosure")
    assert first == (
        f"{d['not_disclosed']:,} people ({d['not_disclosed_pct']:.1f}% of the workforce) have "
        f"not disclosed their ethnicity: {d['prefer_not_to_say_pct']:.1f}% preferred not to say "
        f"and {d['not_known_pct']:.1f}% are not known (never asked, or not recorded)."
    )
    assert 5 <= d["not_disclosed_pct"] < 10
    assert verdict.startswith("That is under 10%, the Standard's threshold for Established")


def test_top_band_and_glass_ceiling_sentences(controlled: Json) -> None:
    lines = _sentences(page(controlled), "pay-bands")
    top = controlled["pay_bands"]["order"][-1]
    white = controlled["profile"]["groups"]["White"]["pct"]
    white_top = controlled["pay_bands"]["bands"][top]["groups"]["White"]["pct"]
    assert white_top > white
    assert (
        f"White staff are {white:.1f}% of the workforce and {white_top:.1f}% of pay band {top}, "
        "the top band."
    ) in lines
    black = controlled["glass_ceiling"]["groups"]["Black"]
    assert black["stays_below"] is True
    assert (
        f"Black staff are {black['overall_pct']:.1f}% of the workforce who gave their ethnicity "
        f"but {black['band_pct']:.1f}% of pay band {black['band']}, and stay below 80% of their "
        "share in every higher band."
    ) in lines


def test_pay_gap_sentences_give_the_interval_and_what_it_means(
    controlled: Json, white_british: Json, parsed: Parsed
) -> None:
    asian = controlled["pay_gap"]["groups"]["Asian"]
    low, high = asian["ci95"]["mean_gap_pct"]
    assert low > 0
    expected = (
        f"On average (mean), Asian staff are paid {asian['mean_gap_pct']:.1f}% less per hour "
        f"than White staff; the 95% confidence interval is {low:.1f}% to {high:.1f}%, so this "
        "gap is unlikely to be chance."
    )
    assert any(line.startswith(expected) for line in _sentences(page(controlled), "pay-gap"))
    assert expected in parsed.all_text

    white = white_british["pay_gap"]["groups"]["White"]
    low, high = white["ci95"]["mean_gap_pct"]
    assert low < 0 < high
    assert white["mean_gap_pct"] < 0
    expected = (
        "On average (mean), White staff other than White British are paid "
        f"{-white['mean_gap_pct']:.1f}% more per hour than White British staff; the 95% "
        f"confidence interval is {fmt_pct(low)} to {fmt_pct(high)}, which includes 0, so the "
        "gap could be chance."
    )
    assert any(line.startswith(expected) for line in _sentences(page(white_british), "pay-gap"))


def test_pay_gap_table_and_diverging_chart(controlled: Json, parsed: Parsed) -> None:
    table = parsed.tables["pay-gap-table"]
    black = controlled["pay_gap"]["groups"]["Black"]
    row = table.row("Black")
    assert row[table.column("Staff")] == f"{black['n']:,}"
    assert row[table.column("Mean hourly pay")] == f"£{black['mean_hourly_pay']:.2f}"
    assert row[table.column("Median gap")] == f"{black['median_gap_pct']:.1f}%"
    low, high = black["ci95"]["median_gap_pct"]
    assert row[table.column("Median gap, 95% confidence interval")] == f"{low:.1f}% to {high:.1f}%"
    assert table.row("White (reference)")[table.column("Median gap")] == "—"
    chart = _figure(page(controlled), "pay-gap-chart").chart
    bars = {bar.label: bar.segments[0] for bar in chart.bars}
    assert bars["Black"].text == f"{black['median_gap_pct']:.1f}%"
    assert bars["Black"].width > 0


def test_negative_gaps_grow_left_of_zero(white_british: Json) -> None:
    chart = _figure(page(white_british), "pay-gap-chart").chart
    bars = {bar.label: bar.segments[0] for bar in chart.bars}
    white = bars["White other than White British"]
    assert white_british["pay_gap"]["groups"]["White"]["median_gap_pct"] < 0
    assert white.x + white.width == pytest.approx(chart.zero_x, abs=0.2)


def test_representation_relative_likelihood_and_target_sentences(controlled: Json) -> None:
    report = page(controlled)
    black = controlled["representation"]["groups"]["Black"]
    assert (
        f"Black staff are {black['workforce_pct']:.1f}% of the workforce who gave their "
        f"ethnicity, against {black['population_pct']:.1f}% of residents of London (ratio "
        f"{black['ratio']:.2f}, {black['difference_pts']:.1f} points higher)."
    ) in _sentences(report, "representation")
    wres2 = controlled["relative_likelihood"]["appointment_from_shortlisting"]
    lines = _sentences(report, "likelihoods")
    assert (
        f"WRES indicator 2: White applicants are {wres2['ratio']:.2f} times as likely as ethnic "
        "minority applicants to be appointed from shortlisting "
        f"({wres2['white_pct']:.1f}% against {wres2['ethnic_minority_pct']:.1f}%). 1.00 would "
        "mean equal likelihood; above 1.00 means White applicants are more likely to be "
        "appointed, which is adverse to ethnic minority applicants."
    ) in lines
    assert sum("1.00 would mean equal likelihood" in line for line in lines) == 3
    targets = controlled["senior"]["targets"]
    assert targets["on_track"] is False
    assert (
        f"The target due by 2025 is 35.0% ethnic minority staff in the top 5% of earners; the "
        f"actual figure is {targets['actual_pct']:.1f}%, {-targets['gap_pts']:.1f} points below "
        "it, so the organisation is not on track. The final target is 35.0% by 2025."
    ) in _sentences(report, "senior")


def test_the_note_of_no_target_is_left_out_only_when_asked(controlled: Json) -> None:
    def senior_blocks(data: Json, **kwargs: bool) -> list[str]:
        section = next(s for s in page(data, **kwargs).sections if s.id == "senior")
        return [getattr(block, "text", getattr(block, "title", "")) for block in section.blocks]

    no_target = {
        **controlled,
        "senior": {k: v for k, v in controlled["senior"].items() if k != "targets"},
    }
    note = "No target was given for ethnic minority staff in the top 5% of earners."

    assert note in senior_blocks(no_target)
    assert note not in senior_blocks(no_target, target_note=False)
    assert "Target for the top 5% of earners" not in senior_blocks(no_target, target_note=False)
    # A report given a target shows it either way.
    assert senior_blocks(controlled, target_note=False) == senior_blocks(controlled)
    assert "Target for the top 5% of earners" in senior_blocks(controlled)


def test_adverse_impact_names_the_stages_below_four_fifths(controlled: Json) -> None:
    offered = controlled["recruitment"]["adverse_impact"]["offered"]
    asian = offered["Asian"]
    assert asian["below_four_fifths"] is True
    best = offered[asian["compared_with"]]
    assert (
        f"At offer, the selection rate of Asian applicants ({asian['selection_rate_pct']:.1f}%) "
        f"was {asian['impact_ratio']:.3f} times that of White applicants "
        f"({best['selection_rate_pct']:.1f}%): below four-fifths (p = {asian['fisher_p']:.3f}: "
        "unlikely to be chance)."
    ) in _sentences(page(controlled), "recruitment")


def test_suppressed_figures_never_show_the_hidden_number(
    full: Json, controlled: Json, parsed: Parsed
) -> None:
    hidden = {item["path"] for item in controlled["suppressed"]}
    table = parsed.tables["pay-bands-table"]
    groups = table.rows[0][2:]
    checked = 0
    for band in controlled["pay_bands"]["order"]:
        row = table.row(f"Band {band}")
        for group, cell in zip(groups, row[2:], strict=True):
            path = f"pay_bands.bands.{band}.groups.{group}.count"
            if path not in hidden:
                continue
            value = full["pay_bands"]["bands"][band]["groups"][group]["count"]
            assert controlled["pay_bands"]["bands"][band]["groups"][group]["count"] is None
            assert cell == "suppressed"
            assert str(value) not in cell
            checked += 1
    assert checked >= 5
    tiers = parsed.tables["senior-table"]
    tier = next(iter(controlled["senior"]["tiers"]))
    assert f"senior.tiers.{tier}.ethnic_minority" in hidden
    row = tiers.row(tier)
    assert row[tiers.column("Ethnic minority")] == "suppressed"
    assert row[tiers.column("Headcount")] == f"{full['senior']['tiers'][tier]['headcount']:,}"
    # Every suppressed figure is listed with its reason.
    listed = parsed.tables["suppressed-table"]
    assert len(listed.rows) - 1 == len(controlled["suppressed"])
    first = controlled["suppressed"][0]
    assert listed.row(first["path"]) == [first["path"], first["reason"]]


def test_a_hostile_directorate_name_is_escaped(html: str, parsed: Parsed) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    profile = parsed.tables["intersectional-directorate-profile"]
    assert profile.row(HOSTILE)
    assert f"In {HOSTILE}, ethnic minority staff" in parsed.all_text


def test_an_aggregate_return_renders_without_pay_sections_and_says_why(harrow: Json) -> None:
    parsed = Parsed(workforce_html(harrow))
    text = parsed.all_text
    assert "This return has no pay data, so there is no pay gap." in text
    assert "This return has no pay data, so there is no top 5% of earners." in text
    assert "No recruitment return was given, so there are no recruitment figures." in text
    assert "pay-gap-table" not in parsed.tables
    assert set(parsed.tables) >= {"profile-table", "pay-bands-table", "glass-ceiling-table"}
    assert [c["aria-labelledby"].split()[0] for c in parsed.charts] == [
        "representation-chart-title",
        "pay-bands-chart-title",
    ]
    bands = parsed.tables["pay-bands-table"]
    assert bands.row("Band 1")[1] == f"{harrow['pay_bands']['bands']['1']['headcount']:,}"
    assert bands.suppressed > 0


def test_any_section_may_be_missing_or_null(controlled: Json) -> None:
    # A missing section reads as a null one, so nulls stand for both.
    variants: list[Json] = [{}, *({**controlled, key: None} for key in controlled)]
    for variant in variants:
        parsed = Parsed(workforce_html(variant))
        levels = [level for level, _ in parsed.headings]
        assert levels.count(1) == 1
        assert levels.count(2) == 13
    empty = Parsed(workforce_html({})).all_text
    assert "This return has no ethnicity profile." in empty
    assert "This return has no pay data, so there is no pay gap." in empty
    assert "Full internal figures — not for publication" in empty
    nothing = load_workbook(BytesIO(workforce_xlsx(dict.fromkeys(controlled))))
    assert nothing.sheetnames == ["Notes"]


# ---------------------------------------------------------------- the workbook


def _rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def _record(sheet: Worksheet, **where: Any) -> dict[str, Any]:
    rows = _rows(sheet)
    head = rows[0]
    for row in rows[1:]:
        record = dict(zip(head, row, strict=True))
        if all(record.get(k.replace("_", " ")) == v for k, v in where.items()):
            return record
    raise KeyError(where)


def test_workbook_sheets_and_headers(book: Any) -> None:
    assert book.sheetnames == [
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
    ]
    profile = book["Profile"]
    assert _rows(profile)[0] == ("Ethnic group", "Category", "Count", "% of workforce", "Note")
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert _rows(sheet)[0][-1] == "Note"
        assert sheet.column_dimensions["A"].width >= 10


def test_workbook_numbers_equal_the_json(book: Any, controlled: Json) -> None:
    asian = controlled["profile"]["groups"]["Asian"]
    record = _record(book["Profile"], Ethnic_group="Asian", Category="All")
    assert (record["Count"], record["% of workforce"]) == (asian["count"], asian["pct"])
    cell = book["Profile"]["D2"]
    assert "%" not in cell.number_format

    gap = controlled["pay_gap"]["groups"]["Black"]
    record = _record(book["Pay gap"], Ethnic_group="Black")
    assert record["Staff"] == gap["n"]
    assert record["Mean hourly pay (£)"] == gap["mean_hourly_pay"]
    assert record["Median gap %"] == gap["median_gap_pct"]
    assert [
        record["Median gap %, 95% interval: low"],
        record["Median gap %, 95% interval: high"],
    ] == gap["ci95"]["median_gap_pct"]

    impact = controlled["recruitment"]["adverse_impact"]["shortlisted"]["Black"]
    record = _record(book["Adverse impact"], Stage="Shortlisted", Ethnic_group="Black")
    assert record["Impact ratio"] == impact["impact_ratio"]
    assert record["Fisher p"] == impact["fisher_p"]
    assert record["Below four-fifths"] is impact["below_four_fifths"]

    notes = dict(row[:2] for row in _rows(book["Notes"]) if row[0])
    assert notes["Staff in post"] == controlled["headcount"]
    assert notes["Suppression threshold (people)"] == 10
    suppressed = [
        row for row in _rows(book["Notes"]) if row[0] == controlled["suppressed"][0]["path"]
    ]
    assert suppressed == [
        (controlled["suppressed"][0]["path"], controlled["suppressed"][0]["reason"])
    ]


def test_workbook_suppressed_cells_are_empty_and_noted(
    book: Any, full: Json, controlled: Json
) -> None:
    hidden = {item["path"] for item in controlled["suppressed"]}
    checked = 0
    for row in _rows(book["Pay bands"])[1:]:
        band, group, count, *_, note = row
        path = f"pay_bands.bands.{band}.groups.{group}.count"
        if path in hidden:
            assert count is None
            assert note.startswith("suppressed: Count")
            checked += 1
        elif group != "All staff":
            assert count == controlled["pay_bands"]["bands"][band]["groups"][group]["count"]
            assert note is None or "Count" not in note.removeprefix("suppressed: ").split("; ")
    assert checked >= 5
    tier = next(iter(controlled["senior"]["tiers"]))
    record = _record(book["Senior"], Staff=tier)
    assert record["Ethnic minority"] is None
    assert "Ethnic minority" in record["Note"]
    assert record["Headcount"] == full["senior"]["tiers"][tier]["headcount"]


def test_workbook_is_deterministic_and_fits_an_aggregate_return(
    controlled: Json, harrow: Json
) -> None:
    assert workforce_xlsx(controlled) == workforce_xlsx(controlled)
    book = load_workbook(BytesIO(workforce_xlsx(harrow)))
    assert book.sheetnames == ["Notes", "Profile", "Representation", "Pay bands", "Glass ceiling"]
    assert book.properties.created == datetime(2000, 1, 1)  # noqa: DTZ001 - naive in xlsx
