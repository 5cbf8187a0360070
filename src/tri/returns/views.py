"""Workforce data pages: upload a return, follow its processing, the dashboard, every figure of
a snapshot, downloads, targets and the London-wide picture. Figures are always read through
`queries.figures_for`, which gives the full figures only to the organisation's own people."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from tri.common.pdf import pdf_response
from tri.common.permissions import can
from tri.common.uploads import upload_too_large
from tri.organisations.models import Organisation
from tri.organisations.queries import access_organisation
from tri.reports import workforce_xlsx
from tri.returns import dashboard, queries, services, tasks
from tri.returns.forms import TargetForm, UploadForm
from tri.returns.models import WorkforceReturn


def _require(request: HttpRequest, perm: str, obj: object) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(perm)


def _organisation(request: HttpRequest, org: str, perm: str) -> Organisation:
    organisation = access_organisation(request.user, org)  # type: ignore[arg-type]
    _require(request, perm, organisation)
    return organisation


def _download(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _too_large_message() -> str:
    limit = settings.TRI_RETURN_MAX_BYTES / (1024 * 1024)
    return _(
        "The files are larger than the %(limit)s MB limit, so nothing was uploaded. Save the "
        "return as Parquet or XLSX, or leave out columns the data standard does not use."
    ) % {"limit": f"{limit:,.0f}"}


class DashboardView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_figures")
        context = dashboard.dashboard_context(request.user, organisation)  # type: ignore[arg-type]
        return render(request, "returns/dashboard.html", context)


class UploadView(LoginRequiredMixin, View):
    def _render(
        self, request: HttpRequest, organisation: Organisation, form: UploadForm, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            "returns/upload.html",
            {"organisation": organisation, "form": form},
            status=status,
        )

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.upload_return")
        return self._render(request, organisation, UploadForm())

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.upload_return")
        form = UploadForm(request.POST, request.FILES)
        if upload_too_large(request):
            form = UploadForm(request.POST)
            form.is_valid()
            form.errors.clear()
            form.add_error("upload", _too_large_message())
            return self._render(request, organisation, form, status=400)
        if not form.is_valid():
            return self._render(request, organisation, form, status=400)
        data = form.cleaned_data
        try:
            return_ = services.receive_return(
                organisation=organisation,
                snapshot_on=data["snapshot_on"],
                upload=data["upload"],
                recruitment=data.get("recruitment"),
                mapping=data.get("mapping"),
                band_order=data["band_order"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("upload", error.messages)
            return self._render(request, organisation, form, status=400)
        tasks.process_return.enqueue(return_.pk)
        return redirect(return_.get_absolute_url())


class ReturnListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_uploads")
        returns = queries.visible_returns(request.user, organisation).defer(  # type: ignore[arg-type]
            "full", "published", "problems"
        )
        return render(
            request,
            "returns/return_list.html",
            {
                "organisation": organisation,
                "returns": [dashboard.upload_row(r) for r in returns],
                "can_upload": can(request.user, "returns.upload_return", organisation),
            },
        )


class ReturnStatusView(LoginRequiredMixin, View):
    """A return's progress. With htmx the progress panel asks again every second; the answer
    286 tells htmx to stop asking once the return is finished."""

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_uploads")
        return_ = queries.access_return(request.user, organisation, pk)  # type: ignore[arg-type]
        row = dashboard.upload_row(return_)
        context = {"organisation": organisation, "return": row}
        if getattr(request, "htmx", False):
            response = render(request, "returns/includes/progress.html", context)
            if not row.is_pending:
                response.status_code = 286
            return response
        return render(request, "returns/return_status.html", context)


class SnapshotView(LoginRequiredMixin, View):
    template_name = "returns/snapshot.html"

    def context(self, request: HttpRequest, org: str, pk: int) -> dict[str, Any]:
        organisation = _organisation(request, org, "returns.view_figures")
        snapshot = queries.access_snapshot(request.user, organisation, pk)  # type: ignore[arg-type]
        figures = queries.figures_for(request.user, snapshot)  # type: ignore[arg-type]
        return {
            "organisation": organisation,
            "snapshot": snapshot,
            "page": dashboard.report_page(figures, organisation, snapshot),
            "is_full": queries.sees_full_figures(request.user, organisation),  # type: ignore[arg-type]
        }

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        return render(request, self.template_name, self.context(request, org, pk))


def _filename(organisation: Organisation, snapshot: WorkforceReturn, suffix: str) -> str:
    return f"{slugify(organisation.slug)}-workforce-{snapshot.snapshot_on:%Y-%m-%d}.{suffix}"


class SnapshotPdfView(SnapshotView):
    """Every figure of a snapshot as a PDF, charts included: the same figures as the page,
    full for the organisation's own people and disclosure-controlled for everyone else."""

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        context = self.context(request, org, pk)
        organisation: Organisation = context["organisation"]
        return pdf_response(
            request,
            self.template_name,
            context,
            filename=_filename(organisation, context["snapshot"], "pdf"),
            author=organisation.name,
        )


class SnapshotXlsxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_figures")
        snapshot = queries.access_snapshot(request.user, organisation, pk)  # type: ignore[arg-type]
        figures = queries.figures_for(request.user, snapshot)  # type: ignore[arg-type]
        return _download(
            workforce_xlsx(figures),
            _filename(organisation, snapshot, "xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class SnapshotCsvView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_figures")
        snapshot = queries.access_snapshot(request.user, organisation, pk)  # type: ignore[arg-type]
        figures = queries.figures_for(request.user, snapshot)  # type: ignore[arg-type]
        return _download(
            dashboard.figures_csv(figures),
            _filename(organisation, snapshot, "csv"),
            "text/csv; charset=utf-8",
        )


class TrendsCsvView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_figures")
        content = dashboard.trends_csv(request.user, organisation)  # type: ignore[arg-type]
        return _download(
            content, f"{slugify(organisation.slug)}-workforce-trends.csv", "text/csv; charset=utf-8"
        )


# ---------------------------------------------------------------- targets


class TargetListView(LoginRequiredMixin, View):
    def _context(
        self, request: HttpRequest, organisation: Organisation, data: Any = None
    ) -> dict[str, Any]:
        context = dashboard.targets_context(request.user, organisation)  # type: ignore[arg-type]
        editable = can(request.user, "returns.manage_targets", organisation)
        context["form"] = TargetForm(data, measures=context["measures"]) if editable else None
        return context

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.view_figures")
        return render(request, "returns/targets.html", self._context(request, organisation))

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org, "returns.manage_targets")
        context = self._context(request, organisation, request.POST)
        form = context["form"]
        if not form.is_valid():
            return render(request, "returns/targets.html", context, status=400)
        try:
            services.set_target(
                organisation=organisation,
                measure=form.cleaned_data["measure"],
                direction=form.cleaned_data["direction"],
                milestones=form.cleaned_data["milestones"],
                note=form.cleaned_data["note"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
            return render(request, "returns/targets.html", context, status=400)
        messages.success(request, _("Target added."))
        return redirect("returns:targets", org=organisation.slug)


class TargetEditView(LoginRequiredMixin, View):
    def _render(
        self,
        request: HttpRequest,
        organisation: Organisation,
        target: Any,
        form: TargetForm,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "returns/target_edit.html",
            {
                "organisation": organisation,
                "target": target,
                "form": form,
                "measure_label": dashboard.label_of(target.measure),
            },
            status=status,
        )

    def _form(
        self, request: HttpRequest, organisation: Organisation, target: Any, data: Any = None
    ) -> TargetForm:
        choices = [(target.measure, dashboard.label_of(target.measure))]
        initial = {
            "measure": target.measure,
            "direction": target.direction,
            "milestones": ", ".join(
                f"{year}={value:g}" for year, value in target.milestones.items()
            ),
            "note": target.note,
        }
        form = TargetForm(data, initial=initial, measures=choices)
        form.fields["measure"].disabled = True
        return form

    def get(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.manage_targets")
        target = queries.access_target(request.user, organisation, pk)  # type: ignore[arg-type]
        return self._render(
            request, organisation, target, self._form(request, organisation, target)
        )

    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.manage_targets")
        target = queries.access_target(request.user, organisation, pk)  # type: ignore[arg-type]
        form = self._form(request, organisation, target, request.POST)
        if not form.is_valid():
            return self._render(request, organisation, target, form, status=400)
        services.change_target(
            target=target,
            direction=form.cleaned_data["direction"],
            milestones=form.cleaned_data["milestones"],
            note=form.cleaned_data["note"],
            actor=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Target changed."))
        return redirect("returns:targets", org=organisation.slug)


class TargetRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org, "returns.manage_targets")
        target = queries.access_target(request.user, organisation, pk)  # type: ignore[arg-type]
        services.remove_target(target=target, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Target removed."))
        return redirect("returns:targets", org=organisation.slug)


# ---------------------------------------------------------------- London


class LondonView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, "returns.view_london", None)
        context = dashboard.london_context(request.user)  # type: ignore[arg-type]
        return render(request, "returns/london.html", context)
