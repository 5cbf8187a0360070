from django.http import HttpRequest

from tri.organisations.queries import is_coordinator


def service(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "service_name": "Tackling Racial Inequality Standard",
        "is_coordinator": bool(user and user.is_authenticated and is_coordinator(user)),
    }
