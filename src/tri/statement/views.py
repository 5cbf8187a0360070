"""The Statement's pages: the public Statement and register (with its JSON and CSV twins), an
organisation's adoption page, and the coordinator's list of adoptions to confirm.

Adoptions are always read through tri.statement.queries and changed through
tri.statement.services; the views bind forms, call one service and redirect."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.organisations.queries import access_organisation
from tri.statement import exports, queries, services
from tri.statement.enums import LONDON_LOCAL_AUTHORITIES, AdoptionStatus
from tri.statement.forms import AdoptionForm, ReturnForm
from tri.statement.models import Adoption
from tri.statement.text import load_statement


def _require(request: HttpRequest, perm: str, obj: object = None) -> None:
    if not can(request.user, perm, obj):
        raise PermissionDenied(perm)


def _add_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal at the fields it names (the rest above the form)."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _licence() -> dict[str, str]:
    return {"name": exports.LICENCE_NAME, "url": exports.LICENCE_URL}


# ---------------------------------------------------------------- public


class RegisterView(View):
    """The Statement and the register of confirmed adoptions: public, no sign-in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        adoptions = list(queries.confirmed_adoptions())
        return render(
            request,
            "statement/register.html",
            {
                "statement": load_statement(),
                "adoptions": adoptions,
                "count": len(adoptions),
                "total": LONDON_LOCAL_AUTHORITIES,
                "licence": _licence(),
            },
        )


class RegisterJsonView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        rows = exports.register_rows(queries.confirmed_adoptions())
        document = exports.register_document(load_statement(), rows)
        return HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )


class RegisterCsvView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        rows = exports.register_rows(queries.confirmed_adoptions())
        response = HttpResponse(exports.register_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            'attachment; filename="anti-racist-statement-register.csv"'
        )
        return response


# ---------------------------------------------------------------- an organisation's page


def _organisation(request: HttpRequest, org: str) -> Organisation:
    organisation = access_organisation(request.user, org)  # type: ignore[arg-type]
    _require(request, "statement.view_adoptions", organisation)
    return organisation


class OrganisationView(LoginRequiredMixin, View):
    """An organisation's adoption: where it is, its history, and the forms to record it (admins
    and approvers) and withdraw it (admins)."""

    template_name = "statement/organisation.html"

    def _render(
        self,
        request: HttpRequest,
        organisation: Organisation,
        form: AdoptionForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        adoptions = list(queries.visible_adoptions(request.user, organisation))  # type: ignore[arg-type]
        current = next((adoption for adoption in adoptions if adoption.is_current), None)
        returned = None
        if adoptions and adoptions[0].status == AdoptionStatus.RETURNED:
            returned = adoptions[0]
        can_record = (
            can(request.user, "statement.record_adoption", organisation)
            and not organisation.is_coordinating_body
            and current is None
        )
        if form is None and can_record:
            form = AdoptionForm.from_returned(returned)
        return render(
            request,
            self.template_name,
            {
                "organisation": organisation,
                "adoptions": adoptions,
                "current": current,
                "returned": returned,
                "form": form,
                "can_withdraw": current is not None
                and can(request.user, "statement.withdraw_adoption", organisation),
                "can_coordinate": can(request.user, "statement.coordinate_adoptions"),
            },
            status=status,
        )

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        return self._render(request, _organisation(request, org))

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = _organisation(request, org)
        _require(request, "statement.record_adoption", organisation)
        form = AdoptionForm(request.POST)
        if not form.is_valid():
            return self._render(request, organisation, form, status=400)
        try:
            services.record_adoption(
                organisation=organisation,
                adopted_on=form.cleaned_data["adopted_on"],
                decision=form.cleaned_data["decision"],
                link=form.cleaned_data["link"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self._render(request, organisation, form, status=400)
        messages.success(
            request,
            _(
                "Adoption recorded. London Councils will check it; once they confirm it, it "
                "appears on the public register."
            ),
        )
        return redirect("statement_org:detail", org=organisation.slug)


class WithdrawView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = _organisation(request, org)
        _require(request, "statement.withdraw_adoption", organisation)
        adoption = queries.access_adoption(request.user, organisation, pk)  # type: ignore[arg-type]
        try:
            services.withdraw_adoption(adoption=adoption, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Adoption withdrawn. It is no longer on the public register.")
            )
        return redirect("statement_org:detail", org=organisation.slug)


# ---------------------------------------------------------------- the coordinator


class QueueView(LoginRequiredMixin, View):
    """Every adoption: those waiting for confirmation (with confirm and return forms), then the
    rest."""

    template_name = "statement/queue.html"

    @classmethod
    def render_queue(
        cls,
        request: HttpRequest,
        *,
        failed: Adoption | None = None,
        form: ReturnForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        adoptions = list(queries.adoptions_to_coordinate(request.user))  # type: ignore[arg-type]
        waiting = sorted(
            (adoption for adoption in adoptions if adoption.is_waiting),
            key=lambda adoption: (adoption.recorded_at, adoption.pk),
        )
        items = [
            (
                adoption,
                form
                if failed is not None and adoption.pk == failed.pk
                else ReturnForm(adoption=adoption),
            )
            for adoption in waiting
        ]
        context: dict[str, Any] = {
            "waiting": items,
            "others": [adoption for adoption in adoptions if not adoption.is_waiting],
            "form": form,  # the form with errors, if any: the error summary and page title
        }
        return render(request, cls.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request, "statement.coordinate_adoptions")
        return self.render_queue(request)


def _adoption_to_coordinate(request: HttpRequest, pk: int) -> Adoption:
    _require(request, "statement.coordinate_adoptions")
    return queries.access_adoption_to_coordinate(request.user, pk)  # type: ignore[arg-type]


class ConfirmView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        adoption = _adoption_to_coordinate(request, pk)
        name = adoption.organisation.name
        was_confirmed = adoption.is_confirmed
        try:
            services.confirm_adoption(adoption=adoption, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
        else:
            if was_confirmed:
                messages.info(
                    request,
                    _("%(name)s's adoption was already confirmed. Nothing was changed.")
                    % {"name": name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s's adoption confirmed: it is on the public register.")
                    % {"name": name},
                )
        return redirect("statement:queue")


class ReturnView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        adoption = _adoption_to_coordinate(request, pk)
        form = ReturnForm(request.POST, adoption=adoption)
        if not form.is_valid():
            if adoption.is_waiting:
                return QueueView.render_queue(request, failed=adoption, form=form, status=400)
            messages.warning(
                request,
                _("%(name)s's adoption is no longer waiting for confirmation. Nothing was changed.")
                % {"name": adoption.organisation.name},
            )
            return redirect("statement:queue")
        try:
            services.return_adoption(
                adoption=adoption,
                reason=form.cleaned_data["reason"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" in error.error_dict:
                _add_errors(form, error)
                return QueueView.render_queue(request, failed=adoption, form=form, status=400)
            messages.warning(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s's adoption returned to them with your reason.")
                % {"name": adoption.organisation.name},
            )
        return redirect("statement:queue")
