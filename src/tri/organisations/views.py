from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from tri.assessments.queries import visible_assessments_of
from tri.common.permissions import can
from tri.organisations import queries, services
from tri.organisations.enums import ROLE_DESCRIPTIONS
from tri.organisations.forms import InviteForm


class OrganisationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        organisations = queries.visible_organisations(request.user)  # type: ignore[arg-type]
        return render(
            request, "organisations/organisation_list.html", {"organisations": organisations}
        )


class OrganisationDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = queries.access_organisation(request.user, org)  # type: ignore[arg-type]
        return render(
            request,
            "organisations/organisation_detail.html",
            {
                "organisation": organisation,
                "roles": sorted(queries.roles_in(request.user, organisation)),  # type: ignore[arg-type]
                "assessments": visible_assessments_of(request.user, organisation),  # type: ignore[arg-type]
                "can_start": can(request.user, "assessments.start_assessment", organisation),
                "can_manage_people": can(request.user, "organisations.manage_people", organisation),
            },
        )


class PeopleView(LoginRequiredMixin, View):
    template_name = "organisations/people.html"

    def _render(self, request: HttpRequest, organisation, form, status=200):  # type: ignore[no-untyped-def]
        return render(
            request,
            self.template_name,
            {
                "organisation": organisation,
                "memberships": queries.visible_memberships(request.user, organisation),  # type: ignore[arg-type]
                "invitations": queries.visible_invitations(request.user, organisation),  # type: ignore[arg-type]
                "can_manage_people": can(request.user, "organisations.manage_people", organisation),
                "form": form,
                "role_descriptions": ROLE_DESCRIPTIONS.items(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = queries.access_organisation(request.user, org)  # type: ignore[arg-type]
        form = InviteForm(coordinating_body=organisation.is_coordinating_body)
        return self._render(request, organisation, form)

    def post(self, request: HttpRequest, org: str) -> HttpResponse:
        organisation = queries.access_organisation(request.user, org)  # type: ignore[arg-type]
        if not can(request.user, "organisations.manage_people", organisation):
            raise PermissionDenied
        form = InviteForm(request.POST, coordinating_body=organisation.is_coordinating_body)
        if form.is_valid():
            try:
                services.invite_person(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("organisations:people", org=organisation.slug)
        return self._render(request, organisation, form, status=400)


class InvitationWithdrawView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = queries.access_organisation(request.user, org)  # type: ignore[arg-type]
        invitation = queries.access_invitation(request.user, organisation, pk)  # type: ignore[arg-type]
        services.revoke_invitation(invitation=invitation, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email}
        )
        return redirect("organisations:people", org=organisation.slug)


class MembershipRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, org: str, pk: int) -> HttpResponse:
        organisation = queries.access_organisation(request.user, org)  # type: ignore[arg-type]
        membership = queries.access_membership(request.user, organisation, pk)  # type: ignore[arg-type]
        try:
            services.revoke_role(membership=membership, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s is no longer %(role)s.")
                % {"person": membership.user, "role": membership.get_role_display().lower()},
            )
        return redirect("organisations:people", org=organisation.slug)
