"""What the workforce pages show, built from stored figures: the upload rows, the report page
of a snapshot, trend charts across snapshots, target progress, CSV downloads and the
London-wide picture. Figures always come through `queries` (full for the organisation's own
people, disclosure-controlled for anyone else)."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.reports.charts import LineChart, Series, bar_chart, line_chart
from tri.reports.workforce import Page, Table
from tri.reports.workforce import page as workforce_page
from tri.returns import queries, services
from tri.returns.enums import STAGE_PROGRESS, FileRole, ReturnStatus, Stage
from tri.returns.models import Target, WorkforceReturn
from tri.workforce import population
from tri.workforce.criteria import suggest
from tri.workforce.london import pool
from tri.workforce.measures import (
    Progress,
    available_measures,
    measure,
    measure_label,
    measure_value,
    progress,
    year_texts,
)

# ---------------------------------------------------------------- uploads

_TAGS = {
    ReturnStatus.QUEUED: "govuk-tag--grey",
    ReturnStatus.PROCESSING: "govuk-tag--blue",
    ReturnStatus.FAILED: "govuk-tag--red",
    ReturnStatus.COMPLETE: "govuk-tag--green",
    ReturnStatus.SUPERSEDED: "govuk-tag--grey",
}
_ROLES = dict(FileRole.choices)
#: A queued return that has waited this long suggests no worker is running.
_WAITING_LONG_SECONDS = 60


@dataclass(frozen=True)
class StageRow:
    label: str
    state: str  # "done", "current", "to do"


@dataclass(frozen=True)
class UploadRow:
    """One upload as the pages show it."""

    obj: WorkforceReturn
    is_stalled: bool
    problems: list[dict[str, Any]] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.obj, name)

    @property
    def number(self) -> int:
        return self.obj.pk

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()

    @property
    def is_pending(self) -> bool:
        return self.obj.is_pending and not self.is_stalled

    @property
    def is_failed(self) -> bool:
        return self.obj.is_failed or self.is_stalled

    @property
    def is_superseded(self) -> bool:
        return self.obj.status == ReturnStatus.SUPERSEDED

    @property
    def status_label(self) -> str:
        if self.is_stalled:
            return _("Stopped")
        return str(self.obj.get_status_display())

    @property
    def tag_class(self) -> str:
        return "govuk-tag--red" if self.is_stalled else _TAGS[ReturnStatus(self.obj.status)]

    @property
    def stopped_message(self) -> str:
        return str(services.STOPPED)

    @property
    def progress(self) -> int:
        return services.progress_of(self.obj)

    @property
    def stages(self) -> list[StageRow]:
        current = Stage(self.obj.stage)
        rows = []
        for stage in Stage:
            if stage in (Stage.WAITING, Stage.DONE):
                continue
            if STAGE_PROGRESS[stage] < STAGE_PROGRESS[current]:
                state = "done"
            elif stage == current:
                state = "current"
            else:
                state = "to do"
            rows.append(StageRow(str(stage.label), state))
        return rows

    @property
    def is_waiting_long(self) -> bool:
        if self.obj.status != ReturnStatus.QUEUED:
            return False
        return (timezone.now() - self.obj.created_at).total_seconds() > _WAITING_LONG_SECONDS

    @property
    def files(self) -> list[dict[str, Any]]:
        return [
            {**item, "role_label": _ROLES.get(item.get("role", ""), "")}
            for item in self.obj.files or []
        ]


def upload_row(return_: WorkforceReturn) -> UploadRow:
    problems = []
    if "problems" not in return_.get_deferred_fields():
        for item in return_.problems or []:
            rows = list(item.get("rows") or [])
            problems.append({**item, "more": max(0, int(item.get("count") or 0) - len(rows))})
    return UploadRow(return_, queries.is_stalled(return_), problems)


# ---------------------------------------------------------------- a snapshot's report

#: The report sections the dashboard shows for the latest snapshot; the snapshot page has all.
DASHBOARD_SECTIONS = (
    "disclosure",
    "representation",
    "pay-bands",
    "senior",
    "pay-gap",
    "recruitment",
    "likelihoods",
)


def report_page(
    figures: dict[str, Any], organisation: Organisation, snapshot: WorkforceReturn
) -> Page:
    built = workforce_page(figures, target_note=False)
    title = _("%(org)s: workforce figures at %(date)s") % {
        "org": organisation.name,
        "date": f"{snapshot.snapshot_on:%-d %B %Y}",
    }
    return replace(built, title=title)


def _tables(page: Page) -> list[tuple[str, Table]]:
    found = []
    for section in page.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                found.append((section.title, block))
            elif block.kind == "figure":
                found.append((section.title, block.table))  # type: ignore[union-attr]
    return found


def figures_csv(figures: dict[str, Any]) -> str:
    """Every table of the report in one long CSV: section, table, row, column, value as
    shown (suppressed figures say so) and the number behind it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "table", "row", "column", "shown", "value"])
    for section, table in _tables(workforce_page(figures)):
        width = table.header_columns
        for row in table.rows:
            label = " / ".join(row.headers)
            for column, cell in zip(table.head[width:], row.cells, strict=False):
                value = "" if cell.value is None else f"{cell.value:g}"
                writer.writerow([section, table.caption, label, column, cell.text, value])
    return out.getvalue()


# ---------------------------------------------------------------- trends


@dataclass(frozen=True)
class Trend:
    id: str
    title: str
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    percent: bool = True


_GROUPS = ("Asian", "Black", "Mixed", "White", "Other")

TRENDS = (
    Trend(
        "trend-not-disclosed",
        _("Staff who have not disclosed their ethnicity"),
        ("disclosure.not_disclosed_pct",),
        (_("Not disclosed"),),
    ),
    Trend(
        "trend-profile",
        _("Share of the workforce by ethnic group"),
        tuple(f"profile.share:{group}" for group in _GROUPS),
        _GROUPS,
    ),
    Trend(
        "trend-senior",
        _("Ethnic minority share of the top 5% of earners"),
        ("senior.top_5pct_ethnic_minority_pct",),
        (_("Top 5% of earners"),),
    ),
    Trend(
        "trend-pay-gap",
        _("Median hourly pay gap of ethnic minority staff"),
        ("pay_gap.median:ethnic_minority",),
        (_("Median pay gap"),),
    ),
)


@dataclass(frozen=True)
class TrendView:
    id: str
    title: str
    desc: str
    sentence: str
    chart: LineChart | None
    head: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _when(day: date) -> str:
    return f"{day:%-d %b %Y}"


def _trend(trend: Trend, snapshots: Sequence[tuple[date, dict[str, Any]]]) -> TrendView | None:
    values = [[measure_value(figures, key) for _day, figures in snapshots] for key in trend.keys]
    if not any(v is not None for series in values for v in series):
        return None
    labels = [_when(day) for day, _figures in snapshots]
    series = [Series(slugify(label), label) for label in trend.labels]
    chart = line_chart(labels, series, values, axis_label=_("Per cent"))
    first = values[0]
    known = [(labels[i], v) for i, v in enumerate(first) if v is not None]
    if len(known) >= 2:
        sentence = _("%(what)s went from %(a)s on %(d1)s to %(b)s on %(d2)s.") % {
            "what": trend.labels[0],
            "a": _pct(known[0][1]),
            "d1": known[0][0],
            "b": _pct(known[-1][1]),
            "d2": known[-1][0],
        }
    elif known:
        sentence = _("%(what)s was %(a)s on %(d1)s; a trend needs a second snapshot.") % {
            "what": trend.labels[0],
            "a": _pct(known[0][1]),
            "d1": known[0][0],
        }
    else:
        sentence = _("%(what)s is not available for these snapshots.") % {"what": trend.labels[0]}
    rows = tuple(
        (label, tuple(_pct(series_values[i]) for series_values in values))
        for i, label in enumerate(labels)
    )
    desc = _("Line chart by snapshot date. The table below gives the same figures.")
    return TrendView(
        trend.id,
        trend.title,
        desc,
        sentence,
        chart,
        (_("Snapshot"), *trend.labels),
        rows,
    )


def _snapshot_figures(
    user: User, organisation: Organisation
) -> list[tuple[WorkforceReturn, dict[str, Any]]]:
    """Accepted snapshots, oldest first, with the figures this person may see."""
    snapshots = list(queries.visible_snapshots(user, organisation))
    snapshots.reverse()
    return [(s, queries.figures_for(user, s)) for s in snapshots]


def trends_csv(user: User, organisation: Organisation) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["snapshot_on", "measure", "label", "value"])
    snapshots = _snapshot_figures(user, organisation)
    for snapshot, figures in snapshots:
        for each in available_measures(figures):
            value = measure_value(figures, each.key)
            writer.writerow(
                [
                    snapshot.snapshot_on.isoformat(),
                    each.key,
                    each.label,
                    "" if value is None else f"{value:g}",
                ]
            )
    return out.getvalue()


# ---------------------------------------------------------------- targets


def label_of(key: str) -> str:
    try:
        return measure_label(key)
    except ValueError:
        return key


_TARGET_STATUS = {
    "on_track": _("On track"),
    "achieved": _("Achieved"),
    "behind": _("Behind"),
    "no_data": _("No figures yet"),
    "not_started": _("Not started"),
}


@dataclass(frozen=True)
class TargetView:
    """A target's progress as the pages show it. `target` is None for a published target (a
    frozen copy in a publication: no note, nothing to change)."""

    target: Target | None
    label: str
    progress: Any
    chart: LineChart | None
    id: str

    @property
    def status_label(self) -> str:
        return str(_TARGET_STATUS.get(self.progress.status, self.progress.status))

    @property
    def desc(self) -> str:
        return _(
            "Line chart by year: the planned trajectory (dashed) and the actual figures. The table below gives the same figures."
        )

    @property
    def caption(self) -> str:
        return _("%(what)s: planned and actual, by year") % {"what": self.label}

    @property
    def head(self) -> tuple[str, ...]:
        return (_("Year"), _("Planned"), _("Actual"), _("Met"))

    @property
    def rows(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        def met(value: bool | None) -> str:
            return "–" if value is None else (_("Yes") if value else _("No"))

        return tuple(
            (str(row.year), (*year_texts(row, self.progress.unit), met(row.met)))
            for row in self.progress.years
        )


def _actuals(
    target: Target, snapshots: Sequence[tuple[WorkforceReturn, dict[str, Any]]]
) -> dict[int, float | None]:
    actuals: dict[int, float | None] = {}
    for snapshot, figures in snapshots:  # oldest first: a later snapshot in a year wins
        actuals[snapshot.snapshot_on.year] = measure_value(figures, target.measure)
    return actuals


def target_chart(label: str, result: Progress) -> LineChart | None:
    """The planned trajectory (dashed) and the actual figures of a target, by year."""
    if not result.years:
        return None
    return line_chart(
        [str(row.year) for row in result.years],
        [Series("planned", _("Planned")), Series("actual", _("Actual"))],
        [[row.planned for row in result.years], [row.actual for row in result.years]],
        axis_label=label,
        dashed=("planned",),
    )


def _target_view(
    target: Target, snapshots: Sequence[tuple[WorkforceReturn, dict[str, Any]]]
) -> TargetView:
    milestones = {int(year): float(value) for year, value in target.milestones.items()}
    found = measure(target.measure)
    result = progress(milestones, target.direction, _actuals(target, snapshots), unit=found.unit)
    label = found.label
    return TargetView(target, label, result, target_chart(label, result), f"target-{target.pk}")


def targets_context(user: User, organisation: Organisation) -> dict[str, Any]:
    """The targets page: each target's progress, and the measures a new target may be set on
    (those the latest snapshot gives). The snapshots' figures are read once for both."""
    snapshots = _snapshot_figures(user, organisation)
    targets = [_target_view(t, snapshots) for t in queries.visible_targets(user, organisation)]
    latest = snapshots[-1][1] if snapshots else {}
    return {
        "organisation": organisation,
        "targets": targets,
        "measures": [(m.key, m.label) for m in available_measures(latest)],
        "can_manage": can(user, "returns.manage_targets", organisation),
    }


# ---------------------------------------------------------------- the dashboard


def dashboard_context(user: User, organisation: Organisation) -> dict[str, Any]:
    snapshots = _snapshot_figures(user, organisation)
    latest = snapshots[-1] if snapshots else None
    context: dict[str, Any] = {
        "organisation": organisation,
        "snapshots": [s for s, _f in reversed(snapshots)],
        "latest": latest[0] if latest else None,
        "is_full": queries.sees_full_figures(user, organisation),
        "can_upload": can(user, "returns.upload_return", organisation),
        "can_manage_targets": can(user, "returns.manage_targets", organisation),
        "can_view_uploads": can(user, "returns.view_uploads", organisation),
    }
    if latest is not None:
        page = report_page(latest[1], organisation, latest[0])
        context["page"] = page
        context["sections"] = [s for s in page.sections if s.id in DASHBOARD_SECTIONS]
        context["headlines"] = _headlines(latest[1])
        dated = [(s.snapshot_on, f) for s, f in snapshots]
        context["trends"] = [t for t in (_trend(trend, dated) for trend in TRENDS) if t]
        context["targets"] = [
            _target_view(t, snapshots) for t in queries.visible_targets(user, organisation)
        ]
        published = queries.published_figures(latest[0])
        context["suggestions"] = suggest(
            published,
            previous=queries.published_figures(snapshots[-2][0]) if len(snapshots) > 1 else None,
        )
    if context["can_view_uploads"]:
        recent = queries.visible_returns(user, organisation).defer("full", "published")
        context["recent_uploads"] = [upload_row(r) for r in recent.order_by("-created_at")[:3]]
    return context


@dataclass(frozen=True)
class Headline:
    label: str
    value: str


def _headlines(figures: dict[str, Any]) -> list[Headline]:
    """The figures at the top of the dashboard. A figure this kind of return cannot give (an
    aggregate return has no top 5% of earners and no median pay) is left out, and the mean pay
    gap stands in for the median; a figure hidden by disclosure control shows as "–"."""
    available = {m.key for m in available_measures(figures)}

    def headline(label: str, key: str) -> Headline:
        return Headline(label, _pct(measure_value(figures, key)))

    headcount = figures.get("headcount")
    rows = [Headline(_("Staff in post"), f"{headcount:,}" if isinstance(headcount, int) else "–")]
    rows.append(headline(_("Not disclosed"), "disclosure.not_disclosed_pct"))
    if "senior.top_5pct_ethnic_minority_pct" in available:
        rows.append(
            headline(_("Ethnic minority, top 5% of earners"), "senior.top_5pct_ethnic_minority_pct")
        )
    if "pay_gap.median:ethnic_minority" in available:
        rows.append(
            headline(_("Median pay gap, ethnic minority"), "pay_gap.median:ethnic_minority")
        )
    elif "pay_gap.mean:ethnic_minority" in available:
        rows.append(headline(_("Mean pay gap, ethnic minority"), "pay_gap.mean:ethnic_minority"))
    return rows


# ---------------------------------------------------------------- London


@dataclass(frozen=True)
class LondonChart:
    id: str
    title: str
    desc: str
    chart: Any


def _number(value: Any) -> float:
    """A pooled percentage as a bar shows it: to one place, as the tables write it."""
    return round(float(value), 1) if isinstance(value, int | float) else 0.0


def _bars(
    rows: list[tuple[str, list[float]]],
    series: list[Series],
    *,
    label_width: float,
    whole: bool = True,
) -> Any:
    """Grouped bars of percentages: 0 to 100 for shares of a whole, else as the data need."""
    return bar_chart(
        rows,
        series=series,
        stacked=False,
        width=720,
        label_width=label_width,
        value_width=70,
        bar_height=18,
        axis_label=_("Per cent"),
        integer=whole,
        extent=(0.0, 100.0) if whole else None,
    )


def _london_charts(picture: dict[str, Any]) -> list[LondonChart]:
    charts = []
    groups = picture.get("representation", {}).get("groups", {})
    if groups:
        rows = [
            (name, [_number(g.get("workforce_pct")), _number(g.get("population_pct"))])
            for name, g in groups.items()
        ]
        charts.append(
            LondonChart(
                "london-representation",
                _("Workforce against London's population, by ethnic group"),
                _(
                    "Bar chart: each group's share of the pooled workforce who gave their ethnicity and of London's residents. The table below gives the figures."
                ),
                _bars(
                    rows,
                    [
                        Series("workforce", _("Workforce")),
                        Series("population", _("London residents")),
                    ],
                    label_width=90,
                ),
            )
        )
    ranges = picture.get("salary_ranges", {}).get("ranges", {})
    if ranges:
        rows = [
            (name, [_number(r.get("ethnic_minority", {}).get("pct_known"))])
            for name, r in ranges.items()
        ]
        charts.append(
            LondonChart(
                "london-salary",
                _("Ethnic minority share of each salary range"),
                _(
                    "Bar chart: the ethnic minority share of staff who gave their ethnicity in each full-time-equivalent salary range, lowest first. The table below gives the figures."
                ),
                _bars(
                    rows, [Series("ethnic-minority", _("Ethnic minority staff"))], label_width=130
                ),
            )
        )
    gaps = picture.get("pay_gaps", {}).get("median", {}).get("by_organisation", {})
    known = sorted(
        ((name, value) for name, value in gaps.items() if isinstance(value, int | float)),
        key=lambda item: item[1],
    )
    if known:
        charts.append(
            LondonChart(
                "london-pay-gaps",
                _("Median hourly pay gap of ethnic minority staff, by organisation"),
                _(
                    "Bar chart: each organisation's median ethnic minority pay gap, smallest first; a negative gap means ethnic minority staff are paid more. The table below gives the figures."
                ),
                _bars(
                    [(name, [_number(value)]) for name, value in known],
                    [Series("gap", _("Median pay gap"))],
                    label_width=200,
                    whole=False,
                ),
            )
        )
    return charts


def london_context(user: User) -> dict[str, Any]:
    """The London-wide picture, pooled from each local authority's latest published figures.
    Organisations are named only for the coordinator; anyone else sees their own named and
    the rest as "Organisation N", numbered in an order that says nothing about them."""
    named = can(user, "returns.see_names", None)
    snapshots = queries.latest_snapshots()
    own = set(queries.member_organisation_ids(user))
    ordered = snapshots if named else sorted(snapshots, key=lambda s: s.token.hex)
    names: dict[int, str] = {}
    for index, snapshot in enumerate(ordered, start=1):
        org = snapshot.organisation
        shown = org.name if named or org.pk in own else _("Organisation %(n)s") % {"n": index}
        names[org.pk] = str(shown)
    reports = {names[s.organisation_id]: queries.published_figures(s) for s in snapshots}
    picture = pool(reports, population=population("london")) if reports else None
    submitted = {s.organisation_id for s in snapshots}
    missing = [o for o in queries.local_authorities() if o.pk not in submitted]
    return {
        "picture": picture,
        "charts": _london_charts(picture) if picture else [],
        "named": named,
        "snapshots": sorted((names[s.organisation_id], s.snapshot_on) for s in snapshots),
        "missing": missing if named else [],
        "missing_count": len(missing),
        "authorities": len(missing) + len(submitted),
    }
