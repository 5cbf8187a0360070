from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tri.accounts.forms import CreateAccountForm, SignInForm
from tri.accounts.models import User
from tri.organisations import services


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class InvitationView(View):
    """The link in an invitation email: create an account, or accept with the signed-in one."""

    template_name = "accounts/invitation.html"

    def _context(self, request: HttpRequest, token: str) -> dict[str, object]:
        invitation = services.find_invitation(token)
        has_account = (
            invitation is not None and User.objects.filter(email=invitation.email).exists()
        )
        return {"invitation": invitation, "has_account": has_account, "token": token}

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        context = self._context(request, token)
        invitation = context["invitation"]
        if invitation is not None and not context["has_account"]:
            context["form"] = CreateAccountForm(email=invitation.email)  # type: ignore[attr-defined]
        return render(request, self.template_name, context, status=200 if invitation else 404)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        context = self._context(request, token)
        invitation = context["invitation"]
        if invitation is None:
            return render(request, self.template_name, context, status=404)
        if context["has_account"]:
            if not request.user.is_authenticated:
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            try:
                services.accept_invitation(invitation=invitation, user=request.user)  # type: ignore[arg-type]
            except (PermissionDenied, ValidationError):
                context["wrong_person"] = True
                return render(request, self.template_name, context, status=403)
        else:
            form = CreateAccountForm(request.POST, email=invitation.email)  # type: ignore[attr-defined]
            if not form.is_valid():
                context["form"] = form
                return render(request, self.template_name, context, status=400)
            user = services.create_account_from_invitation(
                invitation=invitation,  # type: ignore[arg-type]
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("You have joined %(organisation)s.") % {"organisation": invitation.organisation},  # type: ignore[attr-defined]
        )
        return redirect(invitation.organisation.get_absolute_url())  # type: ignore[attr-defined]
