"""Workforce metrics as an HTML report and as an xlsx workbook.

Both take the JSON-ready dict of the workforce engine (`Report.as_json()`, usually after
`disclosure.control()`) and show whatever is in it: any section may be missing, null or partly
null. A null figure listed in `suppressed` shows as "suppressed"; any other null as "—".

The page is built as plain data first (`page()`: sections of sentences, charts and tables) and
then rendered by the jinja2 template templates/workforce.html; the workbook
(tri.reports.workforce_sheets) has one tidy table per section. jinja2 and openpyxl are imported
on first use only, so importing this module stays cheap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from tri.reports.charts import BarChart, Series, bar_chart
from tri.workforce.ethnicity import (
    ALL_EXCEPT_WHITE_BRITISH,
    ETHNIC_MINORITY,
    GROUPS,
    NOT_DISCLOSED,
    WHITE,
    WHITE_BRITISH,
)
from tri.workforce.metrics import QUARTERS

if TYPE_CHECKING:
    import jinja2

Json: TypeAlias = Mapping[str, Any]

QUARTER_LABELS = {
    "lower": "Lower quarter",
    "lower_middle": "Lower middle quarter",
    "upper_middle": "Upper middle quarter",
    "upper": "Upper quarter",
}
STAGE_LABELS = {
    "applied": "Applied",
    "longlisted": "Longlisted",
    "shortlisted": "Shortlisted",
    "interviewed": "Interviewed",
    "offered": "Offered a job",
    "appointed": "Appointed",
}
#: Who was at each stage, for sentences: "Of applicants who applied, …".
STAGES_BEFORE = {
    "applied": "who applied",
    "longlisted": "longlisted",
    "shortlisted": "shortlisted",
    "interviewed": "interviewed",
    "offered": "offered a job",
}
#: The step that leads to each stage, for sentences: "At shortlisting, …".
STAGE_STEPS = {
    "longlisted": "longlisting",
    "shortlisted": "shortlisting",
    "interviewed": "interview",
    "offered": "offer",
    "appointed": "appointment",
}
MINUS = "\u2212"
NO_DATA = "—"
NO_CEILING = "No ceiling"
#: The longest name a chart shows in full.
CHART_LABEL = 30
SUPPRESSED = "suppressed"

#: How each group is named in a sentence; {n} is "staff" or "applicants".
_PEOPLE = {
    "Asian": "Asian {n}",
    "Black": "Black {n}",
    "Mixed": "{n} of Mixed or Multiple ethnicity",
    "White": "White {n}",
    "Other": "{n} of other ethnic groups",
    ETHNIC_MINORITY: "ethnic minority {n}",
    NOT_DISCLOSED: "{n} who did not disclose their ethnicity",
    ALL_EXCEPT_WHITE_BRITISH: "{n} other than White British",
    WHITE_BRITISH: "White British {n}",
}
#: How each group is named in a list of shares: "47.0% White, 19.7% Asian, …".
_SHARE_NAMES = {
    "Mixed": "Mixed or Multiple ethnicity",
    "Other": "other ethnic groups",
    NOT_DISCLOSED: "not disclosed",
}


# ---------------------------------------------------------------- numbers as text


def _minus(text: str) -> str:
    return MINUS + text[1:] if text.startswith("-") else text


def fmt_pct(value: Any) -> str:
    """`12.8%`: one decimal place."""
    return _minus(f"{round(float(value), 1) + 0.0:.1f}%")


def fmt_count(value: Any) -> str:
    """`2,676`; a shared-out count keeps its fraction: `142.17`."""
    number = float(value)
    if number.is_integer():
        return _minus(f"{int(number):,}")
    return _minus(f"{number:,.2f}".rstrip("0").rstrip("."))


def fmt_money(value: Any) -> str:
    """`£1,234.50`."""
    number = float(value)
    text = f"£{abs(number):,.2f}"
    return MINUS + text if number < 0 else text


def fmt_ratio(value: Any) -> str:
    return _minus(f"{float(value):.2f}")


def fmt_ratio3(value: Any) -> str:
    return _minus(f"{float(value):.3f}")


def fmt_p(value: Any) -> str:
    number = float(value)
    return "<0.001" if number < 0.001 else f"{number:.3f}"


def fmt_points(value: Any) -> str:
    """`+1.1`, `−1.8`, `0.0`: a difference in percentage points."""
    number = round(float(value), 1) + 0.0
    return _minus(f"{number:+.1f}") if number else "0.0"


def fmt_bool(value: Any) -> str:
    return "Yes" if value else "No"


def fmt_interval(value: Any) -> str:
    low, high = value
    return f"{fmt_pct(low)} to {fmt_pct(high)}"


def fmt_text(value: Any) -> str:
    return str(value)


FORMATS: Mapping[str, Callable[[Any], str]] = {
    "pct": fmt_pct,
    "count": fmt_count,
    "money": fmt_money,
    "ratio": fmt_ratio,
    "ratio3": fmt_ratio3,
    "p": fmt_p,
    "points": fmt_points,
    "bool": fmt_bool,
    "interval": fmt_interval,
    "text": fmt_text,
}
_TEXT_KINDS = frozenset({"text", "bool"})


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fits(kind: str, value: Any) -> bool:
    """Whether `value` is what a figure of this kind looks like in the JSON."""
    if kind == "text":
        return isinstance(value, str | int | float)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "interval":
        return isinstance(value, list | tuple) and len(value) == 2 and all(map(_is_number, value))
    return _is_number(value)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(group: str, noun: str = "staff") -> str:
    return _PEOPLE.get(group, "{g} {n}").format(g=group, n=noun)


def _people(count: Any) -> str:
    return f"{fmt_count(count)} {'person' if float(count) == 1 else 'people'}"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _key(label: str) -> str:
    """A CSS-safe token for a series: "Not disclosed" → "not-disclosed"."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "series"


def _band_label(band: str) -> str:
    return f"Band {band}" if band.isdigit() else band


# ---------------------------------------------------------------- reading the report


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as shown, with the number behind it (None if there is none)."""

    text: str
    numeric: bool = True
    suppressed: bool = False
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """One workbook cell: the JSON value, and whether it is empty because it is suppressed."""

    value: Any
    suppressed: bool = False


class Reader:
    """The report, read by path: `get("pay_gap", "groups", "Black", "n")`."""

    def __init__(self, data: Json) -> None:
        self.data = data
        self.reasons = {
            str(item.get("path")): str(item.get("reason"))
            for item in data.get("suppressed") or ()
            if isinstance(item, Mapping)
        }
        settings = data.get("settings")
        self.settings: Json = settings if isinstance(settings, Mapping) else {}
        self.suppression = bool(self.settings.get("suppression"))
        threshold = self.settings.get("threshold")
        self.threshold = int(threshold) if isinstance(threshold, int | float) else None
        self.kind = str(self.settings.get("kind") or "")

    @property
    def fewer(self) -> str:
        """`fewer than 10 people`."""
        if self.threshold is None:
            return "a small number of people"
        return f"fewer than {self.threshold} people"

    def get(self, *path: str) -> Any:
        node: Any = self.data
        for part in path:
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        return node

    def section(self, *path: str) -> Json | None:
        found = self.get(*path)
        return found if isinstance(found, Mapping) else None

    def hidden(self, *path: str) -> bool:
        return ".".join(path) in self.reasons

    def cell(self, kind: str, *path: str) -> Cell:
        return self.show(kind, self.get(*path), hidden=self.hidden(*path))

    def show(self, kind: str, value: Any, *, hidden: bool = False) -> Cell:
        numeric = kind not in _TEXT_KINDS
        if value is None:
            return Cell(SUPPRESSED if hidden else NO_DATA, numeric, hidden)
        if not _fits(kind, value):  # not what the report format puts here: show nothing
            return Cell(NO_DATA, numeric)
        number = float(value) if isinstance(value, int | float) else None
        return Cell(FORMATS[kind](value), numeric, False, number)

    def text(self, kind: str, *path: str) -> str:
        return self.cell(kind, *path).text

    def number(self, *path: str) -> float | None:
        value = self.get(*path)
        return float(value) if _is_number(value) else None

    def value(self, *path: str) -> Value:
        """A workbook cell: a number, text or true/false; anything else is left empty."""
        found = self.get(*path)
        return Value(None, self.hidden(*path)) if found is None else self.scalar(found)

    @staticmethod
    def scalar(found: Any) -> Value:
        return Value(found if isinstance(found, str | int | float) else None)

    def count_pct(self, base: tuple[str, ...], count: str = "count", pct: str = "pct") -> Cell:
        """`58 (22.0%)`, or "suppressed"."""
        number = self.cell("count", *base, count)
        share = self.cell("pct", *base, pct)
        if number.value is None or share.value is None:
            return number
        return Cell(f"{number.text} ({share.text})", value=number.value)

    def keys(self, *path: str) -> list[str]:
        found = self.section(*path)
        return [str(k) for k in found] if found else []


# ---------------------------------------------------------------- the page as data


@dataclass(frozen=True, slots=True)
class Row:
    headers: tuple[str, ...]
    cells: tuple[Cell, ...]
    sub: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    kind: ClassVar[str] = "table"
    id: str
    caption: str
    head: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def header_columns(self) -> int:
        return len(self.rows[0].headers) if self.rows else 1

    @property
    def numeric(self) -> tuple[bool, ...]:
        """Whether each column holds numbers (right-aligned)."""
        width = self.header_columns
        flags = [False] * len(self.head)
        for row in self.rows:
            for index, cell in enumerate(row.cells, start=width):
                if index < len(flags) and cell.numeric and cell.text not in (NO_DATA, SUPPRESSED):
                    flags[index] = True
        return tuple(flags)


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart and the table of its figures, which always follows it."""

    kind: ClassVar[str] = "figure"
    id: str
    title: str
    desc: str
    chart: BarChart
    table: Table


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    style: str = ""  # "", "empty" (no data), "warning"


@dataclass(frozen=True, slots=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    kind: ClassVar[str] = "heading"
    id: str
    text: str


Block: TypeAlias = Table | Figure | Paragraph | Bullets | Heading


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    facts: tuple[tuple[str, str], ...]
    notice: str
    warning: str
    sections: tuple[Section, ...]


def _empty(text: str) -> Paragraph:
    return Paragraph(text, "empty")


def _chart(
    rows: Sequence[tuple[str, Sequence[Cell]]],
    series: Sequence[Series],
    *,
    stacked: bool,
    axis_label: str,
    whole: bool = False,
) -> BarChart | None:
    """Lay out a chart of cells: a missing value draws as nothing, and every segment's text is
    its cell's text ("12.8%", "suppressed"). `whole`: percentages of a whole, drawn 0 to 100.
    None if there is nothing to draw."""
    if not rows or not series:
        return None
    values: list[tuple[str, list[float]]] = []
    for name, cells in rows:
        # A long name would run off the left edge; the table gives it in full.
        label = name if len(name) <= CHART_LABEL else name[: CHART_LABEL - 1].rstrip() + "…"
        numbers = []
        total = 0.0
        for cell in cells:
            number = cell.value or 0.0
            if whole:  # rounding can make the parts add up to a little over 100
                number = max(0.0, min(number, 100.0 - total))
                total += number
            numbers.append(number)
        values.append((label, numbers))
    longest = max((len(label) for label, _ in values), default=4)
    chart = bar_chart(
        values,
        series=series,
        stacked=stacked,
        width=720,
        label_width=min(280.0, max(70.0, 8.5 * longest + 16)),
        value_width=24 if stacked else 96,
        bar_height=28 if stacked else (24 if len(series) == 1 else 18),
        gap=14,
        axis_label=axis_label,
        extent=(0.0, 100.0) if whole else None,
    )
    bars = tuple(
        replace(
            bar,
            segments=tuple(
                replace(segment, text=cell.text)
                for segment, cell in zip(bar.segments, cells, strict=True)
            ),
        )
        for bar, (_, cells) in zip(chart.bars, rows, strict=True)
    )
    return replace(chart, bars=bars)


def _figure(id_: str, title: str, desc: str, chart: BarChart | None, table: Table) -> Block:
    """A chart followed by its table; just the table if there is no chart to draw."""
    return table if chart is None else Figure(id_, title, desc, chart, table)


def _group_series(groups: Iterable[str]) -> tuple[Series, ...]:
    return tuple(Series(_key(group), group) for group in groups)


# ---------------------------------------------------------------- header


def _kind_text(r: Reader) -> str:
    if r.kind == "aggregate":
        text = "Aggregate return: headcounts by ethnicity and pay band"
    elif r.kind == "employee":
        text = "Employee return: one row per person"
    else:
        text = r.kind or NO_DATA
    if r.section("recruitment"):
        text += ", with a recruitment return"
    return text


def _population_text(r: Reader) -> str:
    population = r.section("representation", "population")
    if population is None:
        return "None: the workforce is not compared with residents"
    text = f"Residents of {population.get('name')}"
    if population.get("residents") is not None:
        text += f" ({fmt_count(population['residents'])} people)"
    if population.get("source"):
        text += f"; {population['source']}"
    return text


def _reference_text(r: Reader) -> str:
    reference = str(r.settings.get("reference") or WHITE)
    text = f"{reference} staff"
    if reference == WHITE:
        text += "; all except White British are compared with White British staff"
    return text


def _facts(r: Reader) -> tuple[tuple[str, str], ...]:
    s = r.settings
    facts = [
        ("Source file", str(s.get("source") or NO_DATA)),
        ("Kind of return", _kind_text(r)),
        ("Staff in post", r.text("count", "headcount")),
    ]
    if s.get("rows") is not None:
        facts.append(("Rows in the return (leavers included)", r.text("count", "settings", "rows")))
    facts.append(("Compared with", _population_text(r)))
    facts.append(("Pay gaps measured against", _reference_text(r)))
    fraction = s.get("glass_ceiling_fraction")
    if isinstance(fraction, int | float):
        facts.append(
            (
                "Glass ceiling",
                f"A pay band where a group's share is below {fraction * 100:g}% of its share "
                "of the whole workforce",
            )
        )
    if r.suppression:
        facts.append(
            (
                "Disclosure control",
                f"On: counts of 1 to {(r.threshold or 1) - 1} are not shown, nor any figure "
                "that would reveal one",
            )
        )
    else:
        facts.append(("Disclosure control", "Off"))
    rounding = s.get("rounding")
    facts.append(
        ("Rounding", f"Counts rounded to the nearest {fmt_count(rounding)}" if rounding else "None")
    )
    ignored = s.get("ignored_columns")
    if ignored:
        facts.append(("Columns ignored", ", ".join(str(c) for c in ignored)))
    if s.get("schema_version"):
        facts.append(("Report format version", str(s["schema_version"])))
    return tuple(facts)


# ---------------------------------------------------------------- sections


def _disclosure(r: Reader) -> Section:
    title = "Ethnicity not disclosed"
    d = r.section("disclosure")
    if d is None:
        return Section(
            "disclosure",
            title,
            (_empty("This return does not say how many people did not disclose their ethnicity."),),
        )
    blocks: list[Block] = []
    count, pct = (
        r.number("disclosure", "not_disclosed"),
        r.number("disclosure", "not_disclosed_pct"),
    )
    prefer, unknown = (
        r.cell("pct", "disclosure", "prefer_not_to_say_pct"),
        r.cell("pct", "disclosure", "not_known_pct"),
    )
    if count is not None and pct is not None:
        text = (
            f"{_cap(_people(count))} ({fmt_pct(pct)} of the workforce) "
            f"{'has' if count == 1 else 'have'} not disclosed their ethnicity"
        )
        if prefer.value is not None and unknown.value is not None:
            text += (
                f": {prefer.text} preferred not to say and {unknown.text} are not known "
                "(never asked, or not recorded)"
            )
        blocks.append(Paragraph(text + "."))
    else:
        blocks.append(
            Paragraph(
                "The number of people who have not disclosed their ethnicity is suppressed: "
                f"it is {r.fewer}, or would reveal a figure that is."
            )
        )
    if pct is not None:
        if pct < 5:
            verdict = (
                "That is under 5%, the Standard's threshold for Leading practice in the Data "
                "Governance criterion (under 10% is Established)."
            )
        elif pct < 10:
            verdict = (
                "That is under 10%, the Standard's threshold for Established practice in the "
                "Data Governance criterion, but not under 5%, its threshold for Leading practice."
            )
        else:
            verdict = (
                "That is 10% or more: the Standard's Data Governance criterion looks for under "
                "10% for Established practice and under 5% for Leading practice."
            )
        blocks.append(Paragraph(verdict))
    rows = [
        Row(
            ("Not disclosed",),
            (
                r.cell("count", "disclosure", "not_disclosed"),
                r.cell("pct", "disclosure", "not_disclosed_pct"),
            ),
        )
    ]
    for name, key in (
        ("Prefer not to say", "prefer_not_to_say_pct"),
        ("Not known", "not_known_pct"),
    ):
        if key in d:
            rows.append(
                Row(
                    (name,),
                    (
                        r.cell("count", "profile", "categories", name, "count"),
                        r.cell("pct", "disclosure", key),
                    ),
                    sub=True,
                )
            )
    blocks.append(
        Table(
            "disclosure-table",
            "Staff in post who have not disclosed their ethnicity",
            ("", "Count", "% of workforce"),
            tuple(rows),
        )
    )
    return Section("disclosure", title, tuple(blocks))


def _profile(r: Reader) -> Section:
    title = "Workforce profile"
    groups = r.keys("profile", "groups")
    if not groups:
        return Section("profile", title, (_empty("This return has no ethnicity profile."),))
    shares, hidden = [], []
    for group in groups:
        cell = r.cell("pct", "profile", "groups", group, "pct")
        if cell.value is not None:
            shares.append(f"{cell.text} {_SHARE_NAMES.get(group, group)}")
        elif cell.suppressed:
            hidden.append(_who(group))
    headcount = r.number("headcount")
    opening = (
        f"The workforce is {_people(headcount)} in post"
        if headcount is not None
        else "The workforce is"
    )
    blocks: list[Block] = [Paragraph(f"{opening}: {_and(shares)}." if shares else f"{opening}.")]
    if hidden:
        blocks.append(
            Paragraph(
                f"The share of {_and(hidden)} is suppressed: it is {r.fewer}, or would reveal "
                "a figure that is."
            )
        )
    categories = r.section("profile", "categories") or {}
    rows = []
    for group in groups:
        base = ("profile", "groups", group)
        rows.append(Row((group,), (r.cell("count", *base, "count"), r.cell("pct", *base, "pct"))))
        for name, category in categories.items():
            if isinstance(category, Mapping) and category.get("group") == group:
                base = ("profile", "categories", str(name))
                rows.append(
                    Row(
                        (str(name),),
                        (r.cell("count", *base, "count"), r.cell("pct", *base, "pct")),
                        sub=True,
                    )
                )
    caption = "Staff in post by ethnic group" + (" and category" if categories else "")
    blocks.append(
        Table("profile-table", caption, ("Ethnic group", "Count", "% of workforce"), tuple(rows))
    )
    return Section("profile", title, tuple(blocks))


def _representation(r: Reader) -> Section:
    title = "Workforce and population"
    rep = r.section("representation")
    if rep is None:
        return Section(
            "representation",
            title,
            (
                _empty(
                    "This report was made without a population to compare with, so the "
                    "workforce is not compared with local residents."
                ),
            ),
        )
    name = str(r.get("representation", "population", "name") or "the area")
    blocks: list[Block] = [
        Paragraph(
            f"Shares of the {r.text('count', 'representation', 'known')} staff who gave their "
            f"ethnicity, against shares of the residents of {name}. A ratio of 1.00 means the "
            "workforce matches the population; below 1.00, the group is under-represented."
        )
    ]
    lines = []
    rows: list[Row] = []
    chart_rows: list[tuple[str, tuple[Cell, ...]]] = []
    entries = [("groups", g) for g in r.keys("representation", "groups")]
    if r.section("representation", "ethnic_minority"):
        entries.append(("", ETHNIC_MINORITY))
    for where, group in entries:
        base = ("representation", where, group) if where else ("representation", "ethnic_minority")
        workforce = r.cell("pct", *base, "workforce_pct")
        population = r.cell("pct", *base, "population_pct")
        ratio = r.cell("ratio", *base, "ratio")
        difference = r.cell("points", *base, "difference_pts")
        rows.append(Row((group,), (workforce, population, ratio, difference)))
        chart_rows.append((group, (workforce, population)))
        if workforce.value is not None and population.value is not None:
            line = (
                f"{_cap(_who(group))} are {workforce.text} of the workforce who gave their "
                f"ethnicity, against {population.text} of residents of {name}"
            )
            if ratio.value is not None:
                line += f" (ratio {ratio.text}"
                if difference.value is not None:
                    gap = abs(round(difference.value, 1))
                    side = "higher" if difference.value > 0 else "lower"
                    line += f", {gap:.1f} points {side}" if gap else ", the same"
                line += ")"
            lines.append(line + ".")
        elif workforce.suppressed:
            lines.append(
                f"The share of {_who(group)} in the workforce is suppressed: it rests on {r.fewer}."
            )
    blocks.append(Bullets(tuple(lines)))
    head = (
        "Ethnic group",
        "Workforce (% of those who gave their ethnicity)",
        f"Residents of {name} (%)",
        "Ratio",
        "Difference (percentage points)",
    )
    table = Table(
        "representation-table",
        f"Ethnic groups in the workforce and among residents of {name}",
        head,
        tuple(rows),
    )
    series = (Series("workforce", "Workforce"), Series("population", f"Residents of {name}"))
    blocks.append(
        _figure(
            "representation-chart",
            f"The workforce and residents of {name}, by ethnic group",
            "For each ethnic group, two bars: its percentage of the staff who gave their "
            f"ethnicity, and its percentage of residents of {name}. The table below gives "
            "the figures.",
            _chart(chart_rows, series, stacked=False, axis_label="Percentage"),
            table,
        )
    )
    categories = r.keys("representation", "categories")
    if categories:
        blocks.append(Heading("representation-categories", "By ethnic category"))
        rows = [
            Row(
                (category,),
                tuple(
                    r.cell(kind, "representation", "categories", category, key)
                    for kind, key in (
                        ("pct", "workforce_pct"),
                        ("pct", "population_pct"),
                        ("ratio", "ratio"),
                        ("points", "difference_pts"),
                    )
                ),
            )
            for category in categories
        ]
        blocks.append(
            Table(
                "representation-categories-table",
                f"Ethnic categories in the workforce and among residents of {name}",
                ("Ethnic category", *head[1:]),
                tuple(rows),
            )
        )
    return Section("representation", title, tuple(blocks))


def _pay_bands(r: Reader) -> Section:
    title = "Pay bands"
    bands = r.section("pay_bands", "bands")
    if not bands:
        return Section("pay-bands", title, (_empty("This return has no pay bands."),))
    order = [str(b) for b in r.get("pay_bands", "order") or bands if str(b) in bands]
    groups: list[str] = []
    for band in order:
        for group in r.keys("pay_bands", "bands", band, "groups"):
            if group not in groups:
                groups.append(group)
    blocks: list[Block] = []
    top = order[-1]
    lines = []
    for group in groups:
        if group not in GROUPS:
            continue
        overall = r.cell("pct", "profile", "groups", group, "pct")
        in_top = r.cell("pct", "pay_bands", "bands", top, "groups", group, "pct")
        if overall.value is None:
            continue
        if in_top.value is None:
            if in_top.suppressed:
                lines.append(
                    f"{_cap(_who(group))} are {overall.text} of the workforce; their share of "
                    f"pay band {top}, the top band, is suppressed ({r.fewer})."
                )
            continue
        joint = "but" if in_top.value < overall.value else "and"
        lines.append(
            f"{_cap(_who(group))} are {overall.text} of the workforce {joint} {in_top.text} "
            f"of pay band {top}, the top band."
        )
    blocks.append(
        Paragraph(
            f"Staff in post in each pay band, lowest band first ({len(order)} bands). Each bar "
            "is the whole band: its segments are the shares of each ethnic group, those who "
            "did not disclose their ethnicity included."
        )
    )
    if lines:
        blocks.append(Bullets(tuple(lines)))
    rows = []
    chart_rows = []
    for band in order:
        base = ("pay_bands", "bands", band)
        cells = tuple(r.count_pct((*base, "groups", g)) for g in groups)
        rows.append(Row((_band_label(band),), (r.cell("count", *base, "headcount"), *cells)))
        chart_rows.append(
            (_band_label(band), tuple(r.cell("pct", *base, "groups", g, "pct") for g in groups))
        )
    table = Table(
        "pay-bands-table",
        "Staff in each pay band by ethnic group: count (% of the band)",
        ("Pay band", "Headcount", *groups),
        tuple(rows),
    )
    blocks.append(
        _figure(
            "pay-bands-chart",
            "Ethnic groups in each pay band",
            "One bar per pay band, lowest band first; each bar is split into the percentage of "
            "the band's staff in each ethnic group. Suppressed figures have no segment. The "
            "table below gives the figures.",
            _chart(
                chart_rows,
                _group_series(groups),
                stacked=True,
                axis_label="Percentage of the band's staff",
                whole=True,
            ),
            table,
        )
    )
    blocks.extend(_glass_ceiling(r))
    return Section("pay-bands", title, tuple(blocks))


def _glass_ceiling(r: Reader) -> list[Block]:
    gc = r.section("glass_ceiling")
    groups = r.keys("glass_ceiling", "groups")
    if gc is None or not groups:
        return []
    fraction = r.number("glass_ceiling", "fraction")
    share = f"{fraction * 100:g}%" if fraction is not None else "a set fraction"
    blocks: list[Block] = [
        Heading("glass-ceiling", "Glass ceilings"),
        Paragraph(
            "A group meets a glass ceiling at the first pay band, going up, where its share of "
            f"the staff who gave their ethnicity falls below {share} of its share of the whole "
            "workforce."
        ),
    ]
    lines, rows = [], []
    for group in groups:
        base = ("glass_ceiling", "groups", group)
        overall = r.cell("pct", *base, "overall_pct")
        band = r.cell("text", *base, "band")
        band_pct = r.cell("pct", *base, "band_pct")
        stays = r.cell("bool", *base, "stays_below")
        if band.text == NO_DATA and overall.value is not None:
            band = Cell(NO_CEILING, numeric=False)
            stays = Cell(NO_DATA, numeric=False)
        rows.append(Row((group,), (overall, band, band_pct, stays)))
        who = _who(group)
        if band.suppressed:
            lines.append(
                f"Where {who} meet a glass ceiling is suppressed: it would reveal figures for "
                f"{r.fewer}."
            )
        elif band.text == NO_CEILING:
            lines.append(
                f"{_cap(who)} are {overall.text} of the workforce who gave their ethnicity, and "
                f"no pay band has them below {share} of that share."
            )
        elif overall.value is not None and band_pct.value is not None:
            line = (
                f"{_cap(who)} are {overall.text} of the workforce who gave their ethnicity but "
                f"{band_pct.text} of pay band {band.text}"
            )
            value = r.get(*base, "stays_below")
            if value is True:
                line += f", and stay below {share} of their share in every higher band"
            elif value is False:
                line += f"; their share rises above {share} of it again in a higher band"
            lines.append(line + ".")
    if lines:
        blocks.append(Bullets(tuple(lines)))
    blocks.append(
        Table(
            "glass-ceiling-table",
            f"The first pay band where each group's share falls below {share} of its overall share",
            (
                "Ethnic group",
                "Share of the workforce who gave their ethnicity",
                "First band below",
                "Share of that band",
                "Stays below in every higher band",
            ),
            tuple(rows),
        )
    )
    return blocks


def _no_pay(what: str) -> Paragraph:
    return _empty(f"This return has no pay data, so {what}.")


def _senior(r: Reader, *, target_note: bool = True) -> Section:
    title = "Senior representation"
    senior = r.section("senior")
    if senior is None:
        return Section("senior", title, (_no_pay("there is no top 5% of earners"),))
    blocks: list[Block] = []
    top = ("senior", "top_5pct")
    em = r.cell("pct", *top, "ethnic_minority_pct")
    line = (
        f"The top 5% of earners are the {r.text('count', *top, 'headcount')} staff paid "
        f"{r.text('money', *top, 'threshold_hourly_pay')} an hour or more. "
    )
    if em.value is not None:
        line += f"Ethnic minority staff are {em.text} of those among them who gave their ethnicity"
        population = r.cell("pct", "senior", "population_ethnic_minority_pct")
        workforce = r.cell("pct", "representation", "ethnic_minority", "workforce_pct")
        against = []
        if workforce.value is not None:
            against.append(f"{workforce.text} of the whole workforce")
        if population.value is not None:
            against.append(f"{population.text} of residents")
        line += f", against {_and(against)}." if against else "."
    else:
        line += f"The share of ethnic minority staff among them is {em.text}" + (
            f": it rests on {r.fewer}." if em.suppressed else "."
        )
    blocks.append(Paragraph(line))
    head = (
        "Staff",
        "Headcount",
        "Ethnic minority",
        "White",
        "Not disclosed",
        "Ethnic minority % (of those who gave their ethnicity)",
    )

    def row(label: str, base: tuple[str, ...]) -> Row:
        return Row(
            (label,),
            (
                *(
                    r.cell("count", *base, key)
                    for key in ("headcount", "ethnic_minority", "white", "not_disclosed")
                ),
                r.cell("pct", *base, "ethnic_minority_pct"),
            ),
        )

    rows = [row("Top 5% of earners", top)]
    tiers = r.keys("senior", "tiers")
    rows.extend(row(tier, ("senior", "tiers", tier)) for tier in tiers)
    blocks.append(
        Table(
            "senior-table",
            "Ethnic minority staff among the top earners and leaders",
            head,
            tuple(rows),
        )
    )
    if not tiers:
        blocks.append(_empty("No leadership tiers are recorded in this return."))
    blocks.extend(_targets(r, target_note=target_note))
    return Section("senior", title, tuple(blocks))


def due_year(trajectory: Json, year: Any) -> str | None:
    """The year of the latest target due by `year`: the one the actual figure is held to."""
    if not isinstance(year, int):
        return None
    due = [int(y) for y in trajectory if str(y).isdigit() and int(y) <= year]
    return str(max(due)) if due else None


def _targets(r: Reader, *, target_note: bool) -> list[Block]:
    """The target the report was given for the top 5% of earners. Without one: a note saying
    so, or nothing when `target_note` is False."""
    targets = r.section("senior", "targets")
    if targets is None and not target_note:
        return []
    blocks: list[Block] = [Heading("targets", "Target for the top 5% of earners")]
    if targets is None:
        blocks.append(
            _empty("No target was given for ethnic minority staff in the top 5% of earners.")
        )
        return blocks
    root = ("senior", "targets")
    year = r.get(*root, "year")
    target = r.cell("pct", *root, "target_pct")
    actual = r.cell("pct", *root, "actual_pct")
    gap = r.number(*root, "gap_pts")
    on_track = r.get(*root, "on_track")
    if target.value is None:
        text = (
            f"No target falls due by {year}."
            if year is not None
            else "The report does not say which year it describes, so there is no target to "
            "compare with."
        )
    elif actual.value is None:
        text = (
            f"The target due by {year} is {target.text} ethnic minority staff in the top 5% of "
            f"earners; the actual figure is {actual.text}"
            + (f" ({r.fewer})." if actual.suppressed else ".")
        )
    else:
        text = (
            f"The target due by {year} is {target.text} ethnic minority staff in the top 5% of "
            f"earners; the actual figure is {actual.text}"
        )
        if gap is not None and round(gap, 1):
            side = "below" if gap < 0 else "above"
            text += f", {abs(round(gap, 1)):.1f} points {side} it"
        text += ", so the organisation is " + ("on track." if on_track else "not on track.")
    final = r.cell("pct", *root, "final_target_pct")
    if final.value is not None:
        text += f" The final target is {final.text} by {r.get(*root, 'final_year')}."
    blocks.append(Paragraph(text))
    trajectory = r.section(*root, "trajectory") or {}
    rows = []
    for when, pct in trajectory.items():
        due = str(when) == due_year(trajectory, year)
        rows.append(
            Row(
                (str(when),),
                (
                    r.show("pct", pct),
                    actual if due else Cell(NO_DATA),
                    r.cell("bool", *root, "on_track") if due else Cell(NO_DATA, numeric=False),
                ),
            )
        )
    blocks.append(
        Table(
            "targets-table",
            "Target trajectory: ethnic minority % of the top 5% of earners",
            ("Year", "Target (%)", "Actual (%)", "On track"),
            tuple(rows),
        )
    )
    return blocks


def _interval(r: Reader, base: tuple[str, ...], measure: str) -> tuple[float, float] | None:
    found = r.get(*base, "ci95", measure)
    return (float(found[0]), float(found[1])) if _fits("interval", found) else None


def _chance(interval: tuple[float, float]) -> str:
    low, high = interval
    if low > 0 or high < 0:
        return "so this gap is unlikely to be chance"
    return "which includes 0, so the gap could be chance"


def _gap_sentences(r: Reader, comparison: _Comparison, *, median: bool) -> str | None:
    """`On average (mean), Asian staff are paid 13.0% less per hour than White staff; the 95%
    confidence interval is 9.2% to 16.4%, so this gap is unlikely to be chance. At the median
    the gap is 13.3% (95% confidence interval 8.3% to 17.4%, so unlikely to be chance).`"""
    base, who, against = comparison.path, comparison.who, comparison.against
    mean = r.number(*base, "mean_gap_pct")
    if mean is None:
        return None
    size = abs(round(mean, 1))
    if size:
        direction = "less" if mean > 0 else "more"
        text = f"On average (mean), {who} are paid {size:.1f}% {direction} per hour than {against}"
    else:
        text = f"On average (mean), {who} are paid the same per hour as {against}"
    interval = _interval(r, base, "mean_gap_pct")
    if interval is not None:
        text += (
            f"; the 95% confidence interval is {fmt_pct(interval[0])} to "
            f"{fmt_pct(interval[1])}, {_chance(interval)}"
        )
    text += "."
    gap = r.cell("pct", *base, "median_gap_pct")
    if median and gap.value is not None:
        text += f" At the median the gap is {gap.text}"
        interval = _interval(r, base, "median_gap_pct")
        if interval is not None:
            text += (
                f" (95% confidence interval {fmt_pct(interval[0])} to "
                f"{fmt_pct(interval[1])}, {_chance(interval).replace('this gap is ', '')})"
            )
        text += "."
    return text


@dataclass(frozen=True, slots=True)
class _Comparison:
    """One row of the pay gap table: who is compared with whom."""

    label: str
    chart_label: str
    path: tuple[str, ...]
    who: str
    against: str


def _comparisons(r: Reader, reference: str) -> list[_Comparison]:
    ref_who = _who(reference)
    out = []
    for group in r.keys("pay_gap", "groups"):
        path = ("pay_gap", "groups", group)
        if group == WHITE and reference == WHITE_BRITISH:
            label = "White other than White British"
            out.append(
                _Comparison(label, label, path, "White staff other than White British", ref_who)
            )
        else:
            out.append(_Comparison(group, group, path, _who(group), ref_who))
    if r.section("pay_gap", "ethnic_minority"):
        out.append(
            _Comparison(
                ETHNIC_MINORITY,
                ETHNIC_MINORITY,
                ("pay_gap", "ethnic_minority"),
                _who(ETHNIC_MINORITY),
                ref_who,
            )
        )
    if r.section("pay_gap", "all_except_white_british"):
        out.append(
            _Comparison(
                f"{ALL_EXCEPT_WHITE_BRITISH} (against White British)",
                ALL_EXCEPT_WHITE_BRITISH,
                ("pay_gap", "all_except_white_british"),
                _who(ALL_EXCEPT_WHITE_BRITISH),
                _who(WHITE_BRITISH),
            )
        )
    return out


def _pay_gap(r: Reader) -> Section:
    title = "Pay gaps"
    pg = r.section("pay_gap")
    if pg is None:
        return Section("pay-gap", title, (_no_pay("there is no pay gap"),))
    reference = str(pg.get("reference") or WHITE)
    ref_who = _who(reference)
    comparisons = _comparisons(r, reference)
    has_median = any("median_gap_pct" in (r.section(*c.path) or {}) for c in comparisons)
    has_ci = any(r.section(*c.path, "ci95") for c in comparisons)
    intro = (
        f"Hourly pay compared with {ref_who}'s. A gap of 10% means the group's average hourly "
        f"pay is 10% lower than {ref_who}'s; a negative gap means it is higher. Staff who did "
        "not disclose their ethnicity are left out."
    )
    if has_ci:
        intro += (
            " The 95% confidence interval is the range the gap would fall in, on 95 samples out "
            "of 100, if the same kind of workforce were drawn again: when it includes 0, the "
            "gap could be chance."
        )
    if not has_median:
        intro += (
            " Medians cannot be worked out from headcounts and pay totals, so there are mean "
            "gaps only."
        )
    blocks: list[Block] = [Paragraph(intro)]
    lines = []
    for comparison in comparisons:
        line = _gap_sentences(r, comparison, median=has_median)
        if line:
            lines.append(line)
        elif r.hidden(*comparison.path, "mean_gap_pct"):
            lines.append(f"The pay gap for {comparison.who} is suppressed: it rests on {r.fewer}.")
    blocks.append(Bullets(tuple(lines)))
    columns: list[tuple[str, str, str]] = [
        ("Staff", "count", "n"),
        ("Mean hourly pay", "money", "mean_hourly_pay"),
        ("Mean gap", "pct", "mean_gap_pct"),
    ]
    if has_ci:
        columns.append(("Mean gap, 95% confidence interval", "interval", "ci95.mean_gap_pct"))
    if has_median:
        columns += [
            ("Median hourly pay", "money", "median_hourly_pay"),
            ("Median gap", "pct", "median_gap_pct"),
        ]
        if has_ci:
            columns.append(
                ("Median gap, 95% confidence interval", "interval", "ci95.median_gap_pct")
            )

    def row(label: str, base: tuple[str, ...], *, reference_row: bool = False) -> Row:
        return Row(
            (label,),
            tuple(
                Cell(NO_DATA)
                if reference_row and "gap" in key
                else r.cell(kind, *base, *key.split("."))
                for _, kind, key in columns
            ),
        )

    rows = [row(f"{reference} (reference)", ("pay_gap", "reference_group"), reference_row=True)]
    rows += [row(c.label, c.path) for c in comparisons]
    if r.section("pay_gap", "white_british"):
        rows.append(
            row(
                "White British (reference for all except White British)",
                ("pay_gap", "white_british"),
                reference_row=True,
            )
        )
    head = ("Ethnic group", *(name for name, _, _ in columns))
    table = Table("pay-gap-table", f"Hourly pay gaps with {ref_who}", head, tuple(rows))
    measure = "median" if has_median else "mean"
    blocks.append(
        _figure(
            "pay-gap-chart",
            f"{_cap(measure)} hourly pay gap of each group",
            f"One bar per group: its {measure} hourly pay gap in percent. Bars to the right of "
            "zero: the group is paid less than the group it is compared with; to the left: "
            "paid more. Suppressed gaps have no bar. The table below gives the figures.",
            _chart(
                [
                    (c.chart_label, (r.cell("pct", *c.path, f"{measure}_gap_pct"),))
                    for c in comparisons
                ],
                (Series("gap", f"{_cap(measure)} pay gap"),),
                stacked=False,
                axis_label=f"{_cap(measure)} pay gap (%)",
            ),
            table,
        )
    )
    categories = r.keys("pay_gap", "categories")
    if categories:
        blocks.append(Heading("pay-gap-categories", "By ethnic category"))
        blocks.append(
            Table(
                "pay-gap-categories-table",
                f"Hourly pay gaps of each ethnic category with {ref_who}",
                ("Ethnic category", *head[1:]),
                tuple(row(c, ("pay_gap", "categories", c)) for c in categories),
            )
        )
    blocks.extend(_bonus(r, reference, comparisons))
    return Section("pay-gap", title, tuple(blocks))


def _bonus(r: Reader, reference: str, comparisons: Sequence[_Comparison]) -> list[Block]:
    if r.section("pay_gap", "bonus") is None:
        return []
    root = ("pay_gap", "bonus")
    ref_who = _who(reference)
    main: list[tuple[str, tuple[str, ...], str]] = [
        (f"{reference} (reference)", (*root, "reference_group"), ref_who)
    ]
    main += [
        (c.label, (*root, *c.path[1:]), c.who) for c in comparisons if r.section(*root, *c.path[1:])
    ]
    lines = []
    for _, path, who in main:
        received = r.cell("pct", *path, "received_pct")
        if received.value is None:
            continue
        line = f"{received.text} of {who} received a bonus"
        gap = r.number(*path, "median_gap_pct")
        if gap is not None and round(gap, 1):
            direction = "lower" if gap > 0 else "higher"
            line += (
                f"; their median bonus was {abs(round(gap, 1)):.1f}% {direction} than {ref_who}'s"
            )
        lines.append(_cap(line) + ".")
    every = main + [
        (c, (*root, "categories", c), _who(c)) for c in r.keys("pay_gap", "bonus", "categories")
    ]
    rows = tuple(
        Row(
            (label,),
            (
                r.cell("count", *path, "staff"),
                r.cell("count", *path, "received"),
                r.cell("pct", *path, "received_pct"),
                r.cell("pct", *path, "mean_gap_pct"),
                r.cell("pct", *path, "median_gap_pct"),
            ),
        )
        for label, path, _ in every
    )
    return [
        Heading("bonus", "Bonus pay"),
        Paragraph(f"Bonus gaps compare the bonuses of those who received one with {ref_who}'s."),
        Bullets(tuple(lines)),
        Table(
            "bonus-table",
            f"Bonus pay by ethnic group, with gaps against {ref_who}",
            (
                "Ethnic group",
                "Staff",
                "Received a bonus",
                "% received",
                "Mean bonus gap",
                "Median bonus gap",
            ),
            rows,
        ),
    ]


def _pay_quarters(r: Reader) -> Section:
    title = "Pay quarters"
    pq = r.section("pay_quarters")
    quarters = [q for q in QUARTERS if r.section("pay_quarters", q)]
    if pq is None or not quarters:
        return Section("pay-quarters", title, (_no_pay("staff cannot be put into pay quarters"),))
    groups: list[str] = []
    for quarter in quarters:
        for group in r.keys("pay_quarters", quarter, "groups"):
            if group not in groups:
                groups.append(group)
    blocks: list[Block] = [
        Paragraph(
            "Staff who gave their ethnicity, ranked by hourly pay and cut into four quarters of "
            "equal size, as the gender pay gap regulations do. People on the same rate either "
            "side of a boundary are shared between the quarters, so counts can have fractions."
        )
    ]
    lines = []
    low, high = quarters[0], quarters[-1]
    for group in groups:
        a = r.cell("pct", "pay_quarters", low, "groups", group, "pct")
        b = r.cell("pct", "pay_quarters", high, "groups", group, "pct")
        if a.value is not None and b.value is not None:
            lines.append(
                f"{_cap(_who(group))} are {a.text} of the {QUARTER_LABELS[low].lower()} and "
                f"{b.text} of the {QUARTER_LABELS[high].lower()}."
            )
    if lines:
        blocks.append(Bullets(tuple(lines)))
    rows, chart_rows = [], []
    for quarter in quarters:
        base = ("pay_quarters", quarter)
        label = QUARTER_LABELS[quarter]
        rows.append(
            Row(
                (label,),
                (
                    r.cell("count", *base, "headcount"),
                    *(r.count_pct((*base, "groups", g)) for g in groups),
                ),
            )
        )
        chart_rows.append((label, tuple(r.cell("pct", *base, "groups", g, "pct") for g in groups)))
    table = Table(
        "pay-quarters-table",
        "Staff in each pay quarter by ethnic group: count (% of the quarter)",
        ("Pay quarter", "Headcount", *groups),
        tuple(rows),
    )
    blocks.append(
        _figure(
            "pay-quarters-chart",
            "Ethnic groups in each pay quarter",
            "One bar per pay quarter, lowest paid first; each bar is split into the percentage "
            "of the quarter in each ethnic group. The table below gives the figures.",
            _chart(
                chart_rows,
                _group_series(groups),
                stacked=True,
                axis_label="Percentage of the quarter",
                whole=True,
            ),
            table,
        )
    )
    return Section("pay-quarters", title, tuple(blocks))


def _recruitment(r: Reader) -> Section:
    title = "Recruitment"
    rec = r.section("recruitment")
    if rec is None:
        return Section(
            "recruitment",
            title,
            (_empty("No recruitment return was given, so there are no recruitment figures."),),
        )
    stages = [str(s) for s in rec.get("stages") or STAGE_LABELS]
    funnel = r.keys("recruitment", "funnel")
    compared = [g for g in funnel if g in GROUPS]
    blocks: list[Block] = [
        Paragraph(
            f"{_cap(r.text('count', 'recruitment', 'applications'))} applications. Each stage "
            "counts the applicants who reached it; the conversion rate is the share of the "
            "applicants at the stage before who reached it."
        )
    ]
    lines = []
    for before, stage in pairwise(stages):
        known = [
            (r.number("recruitment", "funnel", g, stage, "conversion_pct"), g) for g in compared
        ]
        shown = [(v, g) for v, g in known if v is not None]
        hidden = [
            g
            for v, g in known
            if v is None and r.hidden("recruitment", "funnel", g, stage, "conversion_pct")
        ]
        if len(shown) < 2:
            continue
        (lo, lo_g), (hi, hi_g) = min(shown), max(shown)
        line = (
            f"Of applicants {STAGES_BEFORE.get(before, before)}, between {fmt_pct(lo)} "
            f"({lo_g}) and {fmt_pct(hi)} ({hi_g}) were {STAGE_LABELS.get(stage, stage).lower()}"
        )
        if hidden:
            line += f"; the figures for {_and(hidden)} applicants are suppressed"
        lines.append(line + ".")
    if lines:
        blocks.append(Bullets(tuple(lines)))
    rows = []
    for group in funnel:
        cells = []
        for index, stage in enumerate(stages):
            base = ("recruitment", "funnel", group, stage)
            cells.append(
                r.count_pct(base, pct="conversion_pct")
                if index
                else r.cell("count", *base, "count")
            )
        rows.append(Row((group,), tuple(cells)))
    if r.section("recruitment", "totals"):
        rows.append(
            Row(
                ("All applicants",),
                tuple(r.cell("count", "recruitment", "totals", s) for s in stages),
            )
        )
    table = Table(
        "recruitment-table",
        "Applicants reaching each stage, by ethnic group: count (% of the stage before)",
        ("Ethnic group", *(STAGE_LABELS.get(s, s) for s in stages)),
        tuple(rows),
    )
    chart_rows = [
        (
            STAGE_LABELS.get(stage, stage),
            tuple(
                r.cell("pct", "recruitment", "funnel", g, stage, "conversion_pct") for g in compared
            ),
        )
        for stage in stages[1:]
    ]
    blocks.append(
        _figure(
            "recruitment-chart",
            "Conversion from each recruitment stage to the next, by ethnic group",
            "For each stage after applying, one bar per ethnic group: the percentage of its "
            "applicants at the stage before who reached this one. Suppressed figures have no "
            "bar. The table below gives the figures.",
            _chart(
                chart_rows,
                _group_series(compared),
                stacked=False,
                axis_label="Percentage of applicants at the stage before",
            ),
            table,
        )
    )
    blocks.extend(_adverse_impact(r, stages))
    return Section("recruitment", title, tuple(blocks))


def _adverse_impact(r: Reader, stages: Sequence[str]) -> list[Block]:
    impact = r.section("recruitment", "adverse_impact")
    if not impact:
        return []
    blocks: list[Block] = [
        Heading("adverse-impact", "Adverse impact"),
        Paragraph(
            "At each stage, each group's selection rate (the share of its applicants at the "
            "stage before who reached this one) is divided by the highest group's rate: the "
            "impact ratio. A ratio below 0.8 fails the four-fifths rule of thumb for adverse "
            "impact. Fisher's exact test gives p, the chance of a difference at least this "
            "large if selection had nothing to do with ethnicity: below 0.05, the difference "
            "is unlikely to be chance."
        ),
    ]
    lines, rows = [], []
    for stage in [s for s in stages if s in impact]:
        for group in r.keys("recruitment", "adverse_impact", stage):
            base = ("recruitment", "adverse_impact", stage, group)
            best = str(r.get(*base, "compared_with") or "")
            cells = (
                r.cell("pct", *base, "selection_rate_pct"),
                r.cell("text", *base, "compared_with"),
                r.cell("ratio3", *base, "impact_ratio"),
                r.cell("p", *base, "fisher_p"),
                r.cell("bool", *base, "below_four_fifths"),
            )
            rows.append(Row((STAGE_LABELS.get(stage, stage), group), cells))
            if r.get(*base, "below_four_fifths") is True:
                p = r.number(*base, "fisher_p")
                chance = (
                    ""
                    if p is None
                    else f" (p = {fmt_p(p)}: "
                    + ("unlikely to be chance)" if p < 0.05 else "it could be chance)")
                )
                best_rate = r.cell(
                    "pct", "recruitment", "adverse_impact", stage, best, "selection_rate_pct"
                )
                lines.append(
                    f"At {STAGE_STEPS.get(stage, stage)}, the selection rate of "
                    f"{_who(group, 'applicants')} ({cells[0].text}) was {cells[2].text} times "
                    f"that of {_who(best, 'applicants')} ({best_rate.text}): below four-fifths"
                    f"{chance}."
                )
    if not lines:
        some_hidden = any(c.suppressed for row in rows for c in row.cells)
        lines.append(
            "No group's selection rate was below four-fifths of the highest group's at any "
            "stage" + (" where the figures are shown." if some_hidden else ".")
        )
    blocks.append(Bullets(tuple(lines)))
    blocks.append(
        Table(
            "adverse-impact-table",
            "Selection rates at each stage against the highest group's",
            (
                "Stage",
                "Ethnic group",
                "Selection rate",
                "Compared with",
                "Impact ratio",
                "Fisher p",
                "Below four-fifths",
            ),
            tuple(rows),
        )
    )
    return blocks


@dataclass(frozen=True, slots=True)
class _Likelihood:
    key: str
    indicator: str
    measure: str
    verb: str
    first: tuple[str, str, str]  # label, people, path key
    second: tuple[str, str, str]
    adverse: str
    missing: str


LIKELIHOODS = (
    _Likelihood(
        "appointment_from_shortlisting",
        "WRES indicator 2",
        "Appointment from shortlisting",
        "to be appointed from shortlisting",
        ("White", "White applicants", "white_pct"),
        (ETHNIC_MINORITY, "ethnic minority applicants", "ethnic_minority_pct"),
        "above 1.00 means White applicants are more likely to be appointed, which is adverse "
        "to ethnic minority applicants.",
        "No recruitment return was given, so WRES indicator 2 (appointment from "
        "shortlisting) cannot be worked out.",
    ),
    _Likelihood(
        "formal_disciplinary",
        "WRES indicator 3",
        "Entering the formal disciplinary process",
        "to enter the formal disciplinary process",
        (ETHNIC_MINORITY, "ethnic minority staff", "ethnic_minority"),
        ("White", "White staff", "white"),
        "above 1.00 means ethnic minority staff are more likely to be disciplined, which is "
        "adverse to them.",
        "This return has no formal_disciplinary column, so WRES indicator 3 cannot be worked out.",
    ),
    _Likelihood(
        "non_mandatory_training",
        "WRES indicator 4",
        "Accessing non-mandatory training",
        "to access non-mandatory training",
        ("White", "White staff", "white"),
        (ETHNIC_MINORITY, "ethnic minority staff", "ethnic_minority"),
        "above 1.00 means White staff are more likely to get training, which is adverse to "
        "ethnic minority staff.",
        "This return has no non_mandatory_training column, so WRES indicator 4 cannot be "
        "worked out.",
    ),
)


def _likelihood_rates(r: Reader, item: _Likelihood) -> tuple[Cell, Cell]:
    root = ("relative_likelihood", item.key)
    if item.key == "appointment_from_shortlisting":
        return r.cell("pct", *root, item.first[2]), r.cell("pct", *root, item.second[2])
    return (
        r.cell("pct", *root, item.first[2], "rate_pct"),
        r.cell("pct", *root, item.second[2], "rate_pct"),
    )


def _likelihoods(r: Reader) -> Section:
    title = "Relative likelihoods"
    rl = r.section("relative_likelihood")
    if rl is None:
        return Section(
            "likelihoods",
            title,
            (
                _empty(
                    "This return has no recruitment, disciplinary or training records, so "
                    "there are no relative likelihoods."
                ),
            ),
        )
    blocks: list[Block] = [
        Paragraph(
            "As the NHS Workforce Race Equality Standard (WRES) measures them: how many times as "
            "likely one group is as another to have something happen. 1.00 means equal "
            "likelihood."
        )
    ]
    lines, rows = [], []
    for item in LIKELIHOODS:
        root = ("relative_likelihood", item.key)
        if r.section(*root) is None:
            lines.append(item.missing)
            continue
        first, second = _likelihood_rates(r, item)
        ratio = r.cell("ratio", *root, "ratio")
        rows.append(
            Row(
                (item.indicator,),
                (
                    Cell(item.measure, numeric=False),
                    Cell(item.first[0], numeric=False),
                    first,
                    Cell(item.second[0], numeric=False),
                    second,
                    ratio,
                ),
            )
        )
        if ratio.value is not None:
            lines.append(
                f"{item.indicator}: {item.first[1]} are {ratio.text} times as likely as "
                f"{item.second[1]} {item.verb} ({first.text} against {second.text}). 1.00 would "
                f"mean equal likelihood; {item.adverse}"
            )
        else:
            lines.append(
                f"{item.indicator}: the relative likelihood {item.verb} is {ratio.text}"
                + (f": it rests on {r.fewer}." if ratio.suppressed else ".")
            )
    blocks.append(Bullets(tuple(lines)))
    if rows:
        blocks.append(
            Table(
                "likelihoods-table",
                "Relative likelihoods (WRES indicators 2, 3 and 4)",
                (
                    "Indicator",
                    "Measure",
                    "Group",
                    "Its rate",
                    "Compared with",
                    "Their rate",
                    "Relative likelihood",
                ),
                tuple(rows),
            )
        )
    return Section("likelihoods", title, tuple(blocks))


def _rates(r: Reader) -> Section:
    title = "Leavers and grievances"
    rates = r.section("rates")
    measures = [
        (key, label, noun)
        for key, label, noun in (
            ("leavers", "Leavers", "leaver rate"),
            ("formal_grievance", "Formal grievances", "formal grievance rate"),
        )
        if r.section("rates", key)
    ]
    if rates is None or not measures:
        what = (
            "This return has headcounts only, so there are no leaver or grievance rates."
            if r.kind == "aggregate"
            else "This return has no leaver or grievance records, so there are no rates."
        )
        return Section("rates", title, (_empty(what),))
    blocks: list[Block] = [
        Paragraph(
            "Rates are over everyone employed at any time in the year, leavers included: the "
            "percentage of each group who left, or who raised a formal grievance."
        )
    ]
    lines = []
    groups: list[str] = []
    for key, _, noun in measures:
        for group in r.keys("rates", key):
            if group not in groups:
                groups.append(group)
        shown = [
            (value, g)
            for g in r.keys("rates", key)
            if g in GROUPS and (value := r.number("rates", key, g, "rate_pct")) is not None
        ]
        if len(shown) >= 2:
            (lo, lo_g), (hi, hi_g) = min(shown), max(shown)
            lines.append(
                f"The {noun} ranges from {fmt_pct(lo)} ({_who(lo_g)}) to {fmt_pct(hi)} "
                f"({_who(hi_g)})."
            )
    if not r.section("rates", "formal_grievance"):
        lines.append("This return has no formal_grievance column, so there are no grievance rates.")
    blocks.append(Bullets(tuple(lines)))
    head = ["Ethnic group", "Staff in the year"]
    for _, label, _ in measures:
        head += [label, f"{label}: rate"]
    rows = []
    chart_rows = []
    for group in groups:
        cells = [r.cell("count", "rates", measures[0][0], group, "staff")]
        rates_cells = []
        for key, _, _ in measures:
            cells.append(r.cell("count", "rates", key, group, "count"))
            rate = r.cell("pct", "rates", key, group, "rate_pct")
            cells.append(rate)
            rates_cells.append(rate)
        rows.append(Row((group,), tuple(cells)))
        chart_rows.append((group, tuple(rates_cells)))
    table = Table(
        "rates-table", "Leavers and formal grievances by ethnic group", tuple(head), tuple(rows)
    )
    blocks.append(
        _figure(
            "rates-chart",
            "Leaver and grievance rates by ethnic group",
            "For each ethnic group, the percentage of its staff in the year who left"
            + (" and who raised a formal grievance" if len(measures) > 1 else "")
            + ". Suppressed figures have no bar. The table below gives the figures.",
            _chart(
                chart_rows,
                tuple(Series(_key(label), label) for _, label, _ in measures),
                stacked=False,
                axis_label="Percentage of the group's staff in the year",
            ),
            table,
        )
    )
    return Section("rates", title, tuple(blocks))


def _intersectional(r: Reader) -> Section:
    title = "Intersections: ethnicity with sex and directorate"
    inter = r.section("intersectional")
    if inter is None:
        what = (
            "This return has headcounts only, so there are no figures by sex or directorate."
            if r.kind == "aggregate"
            else "This return has no sex or directorate column, so there are no figures by them."
        )
        return Section("intersectional", title, (_empty(what),))
    reference = str(inter.get("reference") or WHITE)
    blocks: list[Block] = [
        Paragraph(
            "The ethnic profile and the hourly pay gaps within each sex and each directorate: "
            f"Black women against {reference} women, say. There are no confidence intervals "
            "here: the groups are small and many."
        )
    ]
    for key, noun, phrase in (
        ("sex", "sex", "Among staff recorded as {v}"),
        ("directorate", "directorate", "In {v}"),
    ):
        heading = f"By {noun}"
        blocks.append(Heading(f"intersectional-{key}", heading))
        values = r.keys("intersectional", key)
        if not values:
            blocks.append(
                _empty(f"This return has no {key} column, so there are no figures by {noun}.")
            )
            continue
        lines = []
        for value in values:
            gap = r.cell(
                "pct", "intersectional", key, value, "pay_gap", ETHNIC_MINORITY, "median_gap_pct"
            )
            if gap.value is None:
                continue
            size = abs(round(gap.value, 1))
            if size:
                how = f"are paid {size:.1f}% {'less' if gap.value > 0 else 'more'} per hour than"
            else:
                how = "are paid the same per hour as"
            lines.append(
                f"{phrase.format(v=value)}, ethnic minority staff {how} {_who(reference)} (median)."
            )
        if lines:
            blocks.append(Bullets(tuple(lines)))
        groups: list[str] = []
        for value in values:
            for group in r.keys("intersectional", key, value, "groups"):
                if group not in groups:
                    groups.append(group)
        rows = [
            Row(
                (value,),
                (
                    r.cell("count", "intersectional", key, value, "headcount"),
                    *(r.count_pct(("intersectional", key, value, "groups", g)) for g in groups),
                ),
            )
            for value in values
        ]
        blocks.append(
            Table(
                f"intersectional-{key}-profile",
                f"Staff by {noun} and ethnic group: count (% of the {noun})",
                (_cap(noun), "Headcount", *groups),
                tuple(rows),
            )
        )
        gap_rows = []
        for value in values:
            for group in r.keys("intersectional", key, value, "pay_gap"):
                base = ("intersectional", key, value, "pay_gap", group)
                gap_rows.append(
                    Row(
                        (value, group),
                        (
                            r.cell("count", *base, "n"),
                            r.cell("pct", *base, "mean_gap_pct"),
                            r.cell("pct", *base, "median_gap_pct"),
                        ),
                    )
                )
        if gap_rows:
            blocks.append(
                Table(
                    f"intersectional-{key}-pay-gap",
                    f"Hourly pay gaps with {_who(reference)} within each {noun}",
                    (_cap(noun), "Ethnic group", "Staff", "Mean gap", "Median gap"),
                    tuple(gap_rows),
                )
            )
    return Section("intersectional", title, tuple(blocks))


def _suppressed(r: Reader) -> Section:
    title = "Suppressed figures"
    if not r.suppression:
        return Section(
            "suppressed",
            title,
            (
                Paragraph(
                    "Disclosure control was off, so nothing was suppressed: these are full "
                    "internal figures, not for publication.",
                    "warning",
                ),
            ),
        )
    if not r.reasons:
        return Section("suppressed", title, (Paragraph("Nothing was suppressed."),))
    return Section(
        "suppressed",
        title,
        (
            Paragraph(
                f"{fmt_count(len(r.reasons))} figures are not shown. A count of {r.fewer} is "
                "never shown; nor is another figure that, with a published total, would reveal "
                "it; nor is any percentage, gap or ratio worked out from them."
            ),
            Table(
                "suppressed-table",
                "Every suppressed figure and why",
                ("Figure", "Reason"),
                tuple(
                    Row((path,), (Cell(reason, numeric=False),))
                    for path, reason in r.reasons.items()
                ),
            ),
        ),
    )


def page_title(r: Reader) -> str:
    source = r.settings.get("source")
    return f"Workforce ethnicity metrics: {source}" if source else "Workforce ethnicity metrics"


def page(data: Json, *, target_note: bool = True) -> Page:
    """The report as plain data: what `workforce_html` renders.

    `target_note=False` leaves out the note that a report has no target for the top 5% of
    earners: for pages that show the organisation's targets themselves (the service's)."""
    r = Reader(data)
    title = page_title(r)
    if r.suppression:
        notice = (
            f"Figures for {r.fewer} are not shown: they appear as “suppressed”, and so does "
            "any figure that would reveal one."
        )
        warning = ""
    else:
        notice = ""
        warning = (
            "Full internal figures — not for publication. Disclosure control is off, so this "
            "report includes figures about very few people, who could be identified from them. "
            "Keep it within the organisation."
        )
    sections = (
        _disclosure(r),
        _profile(r),
        _representation(r),
        _pay_bands(r),
        _senior(r, target_note=target_note),
        _pay_gap(r),
        _pay_quarters(r),
        _recruitment(r),
        _likelihoods(r),
        _rates(r),
        _intersectional(r),
        _suppressed(r),
    )
    return Page(title, _facts(r), notice, warning, sections)


# ---------------------------------------------------------------- HTML


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # slow to import; only needed here

    return jinja2.Environment(
        loader=jinja2.PackageLoader("tri.reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def workforce_html(data: Json) -> str:
    """The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts."""
    return _environment().get_template("workforce.html").render(page=page(data))


def workforce_xlsx(data: Json) -> bytes:
    """The report as a workbook: a Notes sheet (source, settings, what suppression means and
    every suppressed figure), then one tidy table per section with data. The same report gives
    the same bytes. See tri.reports.workforce_sheets."""
    from tri.reports.workforce_sheets import workbook  # imports openpyxl: only needed here

    return workbook(data)
