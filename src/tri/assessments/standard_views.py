"""Pages about the Standard itself: its versions, the one-page level grid, and guidance."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tri.assessments import engine, queries, services
from tri.assessments.forms import GuidanceForm
from tri.common.permissions import can
from tri.standard import CELC_TRI, PRACTICE_LEVELS, Standard, StandardError, check_consistency


def _standard(version: str) -> Standard:
    try:
        return engine.catalogue().get(CELC_TRI, version)
    except StandardError:
        raise Http404("No such version") from None


class IndexView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "assessments/standard_index.html",
            {"standards": engine.catalogue().versions(CELC_TRI)},
        )


class GridView(View):
    """What every level of every criterion requires, on one page (public: it is the Standard)."""

    def get(self, request: HttpRequest, version: str) -> HttpResponse:
        standard = _standard(version)
        return render(
            request,
            "assessments/standard_grid.html",
            {
                "standard": standard,
                "levels": PRACTICE_LEVELS,
                "findings": check_consistency(standard),
                "guidance": queries.guidance_for(standard.id, standard.version),
                "can_write_guidance": can(request.user, "assessments.write_guidance", None),
            },
        )


class GuidanceView(LoginRequiredMixin, View):
    template_name = "assessments/guidance_form.html"

    def _check(self, request: HttpRequest, version: str, row: str):  # type: ignore[no-untyped-def]
        standard = _standard(version)
        try:
            criterion = standard.criterion(row)
        except KeyError:
            raise Http404("No such criterion") from None
        if not can(request.user, "assessments.write_guidance", None):
            raise PermissionDenied
        return standard, criterion

    def get(self, request: HttpRequest, version: str, row: str) -> HttpResponse:
        standard, criterion = self._check(request, version, row)
        existing = queries.guidance_for(standard.id, standard.version).get(row)
        form = GuidanceForm(initial={"text": existing.text if existing else ""})
        return render(
            request,
            self.template_name,
            {"standard": standard, "criterion": criterion, "form": form},
        )

    def post(self, request: HttpRequest, version: str, row: str) -> HttpResponse:
        standard, criterion = self._check(request, version, row)
        form = GuidanceForm(request.POST)
        if not form.is_valid():  # pragma: no cover - the only field is optional text
            return render(
                request,
                self.template_name,
                {"standard": standard, "criterion": criterion, "form": form},
                status=400,
            )
        services.set_guidance(
            standard_id=standard.id,
            standard_version=standard.version,
            criterion_id=criterion.id,
            text=form.cleaned_data["text"],
            actor=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Guidance for %(row)s saved.") % {"row": row})
        url = reverse("standard:grid", kwargs={"version": version})
        return redirect(f"{url}#row-{row.replace('.', '-')}")
