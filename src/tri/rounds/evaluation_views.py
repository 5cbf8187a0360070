"""The evaluation report for CELC: a page with charts and data tables, and an xlsx.

Only the coordinator may read it. Organisations are anonymous ("Organisation A", …) unless the
coordinator ticks "Name the organisations"; the download then carries `?named=1` too.
"""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from tri.common.pdf import pdf_response
from tri.common.permissions import can
from tri.reports import evaluation_xlsx
from tri.reports.evaluation import evaluation_charts, kind_label
from tri.rounds import queries
from tri.rounds.enums import FeedbackKind
from tri.rounds.forms import EvaluationForm
from tri.rounds.models import Round
from tri.rounds.outcomes import evaluation_of
from tri.scheme import Evaluation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in FeedbackKind.choices}


def _evaluation(request: HttpRequest, pk: int) -> tuple[Round, EvaluationForm, Evaluation]:
    """The round (404 unless visible), the coordinator's check (403 otherwise), the bound
    form and the evaluation, named only if the form asks for it."""
    round_ = queries.access_round(request.user, pk)  # type: ignore[arg-type]
    if not can(request.user, "rounds.manage_round", None):
        raise PermissionDenied("rounds.manage_round")
    form = EvaluationForm(request.GET)
    named = bool(form.is_valid() and form.cleaned_data["named"])
    return round_, form, evaluation_of(round_, named=named)


class EvaluationView(LoginRequiredMixin, View):
    template_name = "rounds/evaluation.html"

    def context(self, request: HttpRequest, pk: int) -> dict[str, Any]:
        round_, form, evaluation = _evaluation(request, pk)
        named = "?named=1" if evaluation.is_named else ""
        labels = _kind_labels()
        return {
            "round": round_,
            "form": form,
            "evaluation": evaluation,
            "charts": evaluation_charts(evaluation),
            "feedback_kinds": [kind_label(k, labels) for k in evaluation.feedback_kinds],
            "change_columns": list(zip(evaluation.category_ids, evaluation.levels, strict=True)),
            "xlsx_url": reverse("rounds:evaluation_xlsx", kwargs={"pk": round_.pk}) + named,
            "pdf_url": reverse("rounds:evaluation_pdf", kwargs={"pk": round_.pk}) + named,
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        response = render(request, self.template_name, self.context(request, pk))
        response["Cache-Control"] = "private, no-store"
        return response


class EvaluationPdfView(EvaluationView):
    """The report as a PDF, charts included; named only if `?named=1` asks, like the page."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        context = self.context(request, pk)
        round_: Round = context["round"]
        suffix = "-named" if context["evaluation"].is_named else ""
        response = pdf_response(
            request,
            self.template_name,
            context,
            filename=f"evaluation-{slugify(round_.name)}{suffix}-{timezone.localdate():%Y-%m-%d}.pdf",
            author=_("Tackling Racial Inequality programme"),
        )
        response["Cache-Control"] = "private, no-store"
        return response


class EvaluationXlsxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_, _form, evaluation = _evaluation(request, pk)
        data = evaluation_xlsx(evaluation, kind_labels=_kind_labels())
        suffix = "-named" if evaluation.is_named else ""
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="evaluation-round-{round_.pk}{suffix}.xlsx"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
