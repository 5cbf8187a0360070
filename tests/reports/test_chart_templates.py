"""The chart templates: Django's includes (templates/includes/charts/) and the workforce report's
jinja macros draw each chart as one named image with no inline style, define the fill patterns
once a page, and the stylesheets colour every style token as tri.reports.charts.STYLES does."""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

import pytest
from django.template.loader import render_to_string

from tri.reports.charts import PATTERNS, STYLES, BarChart, LineChart, Series, bar_chart, line_chart
from tri.reports.workforce import Cell, Figure, Page, Row, Section, Table, _environment

pytestmark = pytest.mark.unit

SRC = Path(__file__).resolve().parents[2] / "src" / "tri"
CSS = (SRC / "static" / "tri" / "tri.css").read_text(encoding="utf-8")
PATTERNS_HTML = (SRC / "templates" / "includes" / "charts" / "patterns.html").read_text(
    encoding="utf-8"
)
WORKFORCE_HTML = (SRC / "reports" / "templates" / "workforce.html").read_text(encoding="utf-8")
INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)

GROUPS = tuple(
    Series(key, label)
    for key, label in (
        ("asian", "Asian"),
        ("black", "Black"),
        ("mixed", "Mixed"),
        ("white", "White"),
        ("other", "Other"),
        ("not-disclosed", "Not disclosed"),
    )
)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each element that has an id."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        self._open.append(attributes.get("id"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for id_ in self._open:
            if id_:
                self.text[id_] = self.text.get(id_, "") + data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def ids(self) -> Counter[str]:
        return Counter(attrs["id"] for _, attrs in self.tags if "id" in attrs)

    def classes(self, cls: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.tags if cls in attrs.get("class", "").split()]


def _stacked() -> BarChart:
    return bar_chart(
        [("Band 1", (40, 20, 10, 20, 5, 5)), ("Band 2", (10, 30, 10, 40, 5, 5))],
        series=GROUPS,
        width=720,
        label_width=80,
        extent=(0, 100),
    )


def _grouped() -> BarChart:
    return bar_chart(
        [("Category 1", (-3, 2)), ("Category 2", (4, -1))],
        series=(Series("peer", "Peer"), Series("final", "Final")),
        stacked=False,
    )


def _lines() -> LineChart:
    return line_chart(
        ["2023", "2024", "2025"],
        (Series("ethnic-minority", "Ethnic minority"), Series("target", "Target")),
        [[30, None, 34.5], [30, 32, 34]],
        axis_label="Percentage of staff",
        extent=(0, 100),
        dashed=["target"],
    )


def _django_page() -> str:
    """What a page with charts holds: the patterns once, then three charts."""
    return "".join(
        (
            render_to_string("includes/charts/patterns.html"),
            render_to_string(
                "includes/charts/bar_chart.html",
                {"chart": _stacked(), "id": "bands", "title": "Bands", "desc": "Stacked bars."},
            ),
            render_to_string(
                "includes/charts/bar_chart.html",
                {
                    "chart": _grouped(),
                    "id": "movement",
                    "title": "Movement",
                    "desc": "Grouped bars.",
                    "show_values": True,
                },
            ),
            render_to_string(
                "includes/charts/line_chart.html",
                {"chart": _lines(), "id": "trend", "title": "Trend", "desc": "Lines."},
            ),
        )
    )


def _pattern_elements(html: str) -> list[str]:
    return re.findall(r"<pattern\b.*?</pattern>", html, re.DOTALL)


# ---------------------------------------------------------------- Django includes


def test_each_django_chart_is_one_named_image() -> None:
    page = Elements(_django_page())

    charts = [svg for svg in page.all("svg") if svg.get("role") == "img"]
    assert [svg["aria-labelledby"] for svg in charts] == [
        "bands-title bands-desc",
        "movement-title movement-desc",
        "trend-title trend-desc",
    ]
    for svg in charts:
        assert svg["focusable"] == "false"
        title, desc = svg["aria-labelledby"].split()
        assert page.text[title].strip()
        assert page.text[desc].strip()
    # The one svg that is not a chart holds the patterns, hidden and empty.
    (patterns,) = [svg for svg in page.all("svg") if svg.get("role") != "img"]
    assert patterns == {
        "class": "tri-chart-patterns",
        "xmlns": "http://www.w3.org/2000/svg",
        "width": "0",
        "height": "0",
        "aria-hidden": "true",
        "focusable": "false",
    }


def test_django_charts_have_no_inline_style_and_unique_ids() -> None:
    html = _django_page()

    assert not INLINE_STYLE.search(html)
    ids = Elements(html).ids
    assert [id_ for id_, count in ids.items() if count > 1] == []
    assert {id_ for id_ in ids if id_.startswith("tri-pattern-")} == {
        f"tri-pattern-{name}" for name in PATTERNS if name != "solid"
    }


def test_bars_and_swatches_carry_their_colour_and_a_pattern_over_it() -> None:
    page = Elements(
        render_to_string(
            "includes/charts/bar_chart.html",
            {"chart": _stacked(), "id": "c", "title": "T", "desc": "D", "show_values": True},
        )
    )

    swatches = page.classes("tri-chart__swatch")
    # Six series, five of them patterned: a coloured square for each and a patterned one over.
    assert len(swatches) == 11
    assert [s["class"] for s in swatches[:3]] == [
        "tri-chart__swatch tri-chart__fill--asian",
        "tri-chart__swatch tri-chart__fill--black",
        "tri-chart__swatch tri-chart__pattern--hatch",
    ]
    bars = page.classes("tri-chart__bar")
    assert len(bars) == 2 * 11
    assert {cls for s in bars for cls in s["class"].split()} >= {
        "tri-chart__fill--white",
        "tri-chart__pattern--dots",
    }
    # Values are written inside the solid (Asian) segments only.
    html = _html_of("bar_chart", _stacked())
    assert re.findall(r'tri-chart__inside"[^>]*>([^<]*)<', html) == ["40", "10"]


def _html_of(template: str, chart: object) -> str:
    return render_to_string(
        f"includes/charts/{template}.html",
        {"chart": chart, "id": "c", "title": "T", "desc": "D", "show_values": True},
    )


def test_grouped_bars_write_values_beside_them() -> None:
    html = _html_of("bar_chart", _grouped())

    assert "tri-chart__inside" not in html
    assert re.findall(r'dominant-baseline="central">(-?\d+)</text>', html) == ["-3", "2", "4", "-1"]


def test_a_line_chart_draws_lines_markers_and_end_labels() -> None:
    chart = _lines()
    html = _html_of("line_chart", chart)
    page = Elements(html)

    paths = page.classes("tri-chart__line")
    # Two in the legend (lines), two drawn (paths); the target dashed in both.
    assert [p["class"] for p in paths] == [
        "tri-chart__line",
        "tri-chart__line tri-chart__line--dashed",
        "tri-chart__line",
        "tri-chart__line tri-chart__line--dashed",
    ]
    assert paths[2]["d"] == chart.lines[0].path
    assert len(page.classes("tri-chart__marker")) == 2 + 2 + 3
    groups = page.classes("tri-chart__series")
    assert [g["class"] for g in groups] == [
        "tri-chart__series tri-chart__fill--ethnic-minority",
        "tri-chart__series tri-chart__fill--target",
    ]
    assert "Ethnic minority, 2025: 34.5" in html
    assert ">Ethnic minority</text>" in html
    assert ">Percentage of staff</text>" in html
    assert not INLINE_STYLE.search(html)


def test_numbers_are_not_localised() -> None:
    from django.utils import translation

    with translation.override("de"):
        html = _html_of("line_chart", _lines())

    assert re.search(r'd="M\d+(\.\d)? \d+(\.\d)? L', html)
    assert not re.search(r'="\d+,\d"', html)


# ---------------------------------------------------------------- stylesheets


def _colours(css: str, prefix: str) -> dict[str, str]:
    """Style token → colour, from rules `.<prefix>a, .<prefix>b { color: #…; }`."""
    found: dict[str, str] = {}
    for selectors, colour in re.findall(r"([^{}]+)\{\s*color:\s*(#[0-9a-f]{6});\s*\}", css):
        for selector in selectors.split(","):
            match = re.fullmatch(rf"\s*\.{re.escape(prefix)}([a-z0-9-]+)\s*", selector)
            if match:
                assert match[1] not in found, match[1]
                found[match[1]] = colour
    return found


def test_tri_css_colours_every_style_token_as_styles_does() -> None:
    assert _colours(CSS, "tri-chart__fill--") == {k: s.colour for k, s in STYLES.items()}


def test_the_workforce_report_colours_every_style_token_as_styles_does() -> None:
    assert _colours(WORKFORCE_HTML, "wf-fill--") == {k: s.colour for k, s in STYLES.items()}


@pytest.mark.parametrize(("css", "prefix"), [(CSS, "tri-chart__"), (WORKFORCE_HTML, "wf-")])
def test_every_pattern_class_fills_from_its_pattern(css: str, prefix: str) -> None:
    rules = dict(re.findall(rf"\.{prefix}pattern--([a-z-]+) {{ fill: url\(#([a-z-]+)\)", css))
    assert rules == {name: f"tri-pattern-{name}" for name in PATTERNS if name != "solid"}


def test_both_renderers_define_the_same_patterns() -> None:
    django = _pattern_elements(PATTERNS_HTML)
    assert len(django) == len(PATTERNS) - 1
    assert _pattern_elements(WORKFORCE_HTML) == django


# ---------------------------------------------------------------- the workforce report


def _workforce_page() -> str:
    def table(id_: str) -> Table:
        return Table(id_, "Figures", ("Row", "Value"), (Row(("a",), (Cell("1"),)),))

    figures = (
        Figure("bands-chart", "Bands", "Stacked bars.", _stacked(), table("bands")),
        Figure("movement-chart", "Movement", "Grouped bars.", _grouped(), table("movement")),
        # Figures hold bar charts today; the report draws line charts too.
        Figure("trend-chart", "Trend", "Lines.", cast(Any, _lines()), table("trend")),
    )
    page = Page("Report", (), "", "", (Section("s", "Section", figures),))
    return _environment().get_template("workforce.html").render(page=page)


def test_the_workforce_report_defines_patterns_once_inside_its_first_chart() -> None:
    html = _workforce_page()
    page = Elements(html)

    assert not INLINE_STYLE.search(html)
    svgs = page.all("svg")
    assert [svg["role"] for svg in svgs] == ["img", "img", "img"]
    assert [id_ for id_, count in page.ids.items() if count > 1] == []
    assert len(_pattern_elements(html)) == len(PATTERNS) - 1
    first_chart = html[html.index("<svg") : html.index("</svg>")]
    assert len(_pattern_elements(first_chart)) == len(PATTERNS) - 1


def test_the_workforce_report_writes_values_inside_solid_segments_only() -> None:
    html = _workforce_page()

    assert re.findall(r'class="wf-chart__inside"[^>]*>([^<]*)<', html) == ["40", "10"]
    assert "wf-pattern--hatch" in html
    assert 'class="wf-chart__line wf-chart__line--dashed"' in html
    assert "Ethnic minority, 2025: 34.5" in html
