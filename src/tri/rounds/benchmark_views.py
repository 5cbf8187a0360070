"""A round's benchmark: per category the spread of final points and levels in each comparison
group, the heat map of organisations by category, change since the last round, and workforce
figures. The coordinator sees names; people of a taking-part organisation see their own
organisation by name and the others as "Organisation N"."""

import csv
import io

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from tri.common.permissions import can
from tri.rounds import queries
from tri.rounds.benchmarks import benchmark_context, benchmark_page
from tri.rounds.models import Round


def _round(request: HttpRequest, pk: int) -> Round:
    round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
    if not can(request.user, "rounds.view_benchmark", round_):
        raise PermissionDenied("rounds.view_benchmark")
    return round_


class BenchmarkView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = _round(request, pk)
        context = benchmark_page(request.user, round_)  # type: ignore[arg-type]
        response = render(request, "rounds/benchmark.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


class BenchmarkCsvView(LoginRequiredMixin, View):
    """Every table of the page in one long CSV, named or anonymous as the page is."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = _round(request, pk)
        context = benchmark_context(request.user, round_)  # type: ignore[arg-type]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "group_or_organisation", "category", "measure", "value"])
        for group in context["shown_groups"]:
            for c in group.categories:
                for measure, value in (
                    ("organisations", c.n),
                    ("minimum", c.points.minimum),
                    ("lower_quartile", c.points.lower),
                    ("median", c.points.median),
                    ("upper_quartile", c.points.upper),
                    ("maximum", c.points.maximum),
                    ("leading", c.levels.leading),
                    ("established", c.levels.established),
                    ("developing", c.levels.developing),
                    ("none", c.levels.none),
                    ("not_assessed", c.levels.not_assessed),
                ):
                    writer.writerow(["groups", group.name, c.category_id, measure, f"{value:g}"])
        if context["show_heat_map"]:
            for row in context["benchmark"].members:
                for cell in row.cells:
                    writer.writerow(["heat_map", row.name, cell.category_id, "points", cell.points])
                    level = cell.level.label if cell.level else "Not assessed"
                    writer.writerow(["heat_map", row.name, cell.category_id, "level", level])
                    if cell.change is not None:
                        writer.writerow(
                            ["heat_map", row.name, cell.category_id, "change", cell.change]
                        )
        for wrow in context["workforce_rows"]:
            for label, value in wrow.values:
                writer.writerow(["workforce", wrow.label, "", label, value])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        suffix = "-named" if context["named"] else ""
        response["Content-Disposition"] = (
            f'attachment; filename="benchmark-round-{round_.pk}{suffix}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
