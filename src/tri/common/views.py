from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from tri.organisations.queries import is_coordinator, roles_by_organisation, visible_organisations


class HomeView(View):
    """Signed out: what the service is. Signed in: the person's organisations and roles."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return render(request, "common/start.html")
        roles = roles_by_organisation(request.user)
        organisations = visible_organisations(request.user).filter(pk__in=list(roles))
        return render(
            request,
            "common/home.html",
            {
                "memberships": [(org, sorted(roles[org.pk])) for org in organisations],
                "coordinator": is_coordinator(request.user),
            },
        )


def health(request: HttpRequest) -> HttpResponse:
    """The process is up and answering: for a load balancer's health check, and the floor the
    load benchmark measures every other page against (the full middleware stack, no database,
    no template)."""
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
