"""The coordinator's comparison groups: the organisations a round's benchmark compares besides
the built-in groups (all of the round, inner and outer London, the partnerships). Each view
checks `rounds.manage_groups` first (a 403 for anyone else), resolves the group through
`queries`, binds a form, calls one service and redirects."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from tri.common.permissions import can
from tri.organisations.models import ComparisonGroup
from tri.rounds import queries, services
from tri.rounds.forms import ComparisonGroupForm
from tri.scheme import MINIMUM


def _require(request: HttpRequest) -> None:
    if not can(request.user, "rounds.manage_groups", None):
        raise PermissionDenied("rounds.manage_groups")


def _group(request: HttpRequest, group_id: int) -> ComparisonGroup:
    _require(request)
    return queries.access_comparison_group(request.user, group_id)  # type: ignore[arg-type]


class GroupListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request)
        groups = queries.visible_comparison_groups(request.user)  # type: ignore[arg-type]
        return render(
            request, "rounds/comparison_group_list.html", {"groups": groups, "minimum": MINIMUM}
        )


class _GroupFormView(LoginRequiredMixin, View):
    """Create a group (no `group` in the address) or change one."""

    template_name = "rounds/comparison_group_form.html"

    def _form(self, group: ComparisonGroup | None, data: Any = None) -> ComparisonGroupForm:
        initial = {}
        if group is not None:
            initial = {
                "name": group.name,
                "description": group.description,
                "members": list(group.members.all()),
            }
        return ComparisonGroupForm(
            data, organisations=queries.local_authorities(), group=group, initial=initial
        )

    def _render(
        self, request: HttpRequest, form: ComparisonGroupForm, group: ComparisonGroup | None
    ) -> HttpResponse:
        return render(
            request,
            self.template_name,
            {"form": form, "group": group},
            status=400 if form.is_bound else 200,
        )

    def _show(self, request: HttpRequest, group: ComparisonGroup | None) -> HttpResponse:
        return self._render(request, self._form(group), group)

    def _save(self, request: HttpRequest, group: ComparisonGroup | None) -> HttpResponse:
        form = self._form(group, request.POST)
        if form.is_valid():
            try:
                saved = services.save_group(
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    members=form.cleaned_data["members"],
                    group=group,
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Comparison group “%s” saved.") % saved.name)
                return redirect("rounds:groups")
        return self._render(request, form, group)


class GroupNewView(_GroupFormView):
    def get(self, request: HttpRequest) -> HttpResponse:
        _require(request)
        return self._show(request, None)

    def post(self, request: HttpRequest) -> HttpResponse:
        _require(request)
        return self._save(request, None)


class GroupEditView(_GroupFormView):
    def get(self, request: HttpRequest, group: int) -> HttpResponse:
        return self._show(request, _group(request, group))

    def post(self, request: HttpRequest, group: int) -> HttpResponse:
        return self._save(request, _group(request, group))


class GroupDeleteView(LoginRequiredMixin, View):
    """A page that asks to be sure (GET), and the deletion (POST)."""

    def get(self, request: HttpRequest, group: int) -> HttpResponse:
        found = _group(request, group)
        return render(request, "rounds/comparison_group_delete.html", {"group": found})

    def post(self, request: HttpRequest, group: int) -> HttpResponse:
        found = _group(request, group)
        name = found.name
        services.delete_group(group=found, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Comparison group “%s” deleted.") % name)
        return redirect("rounds:groups")
