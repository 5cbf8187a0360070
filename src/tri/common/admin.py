"""Django admin for coordinators: organisations and people, and (read-only) adoptions of the
Anti-Racist Statement, behind the coordinator role. Nothing can be deleted here; deactivate a
person instead."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tri.accounts.models import User
from tri.organisations.models import Membership, Organisation
from tri.organisations.queries import is_coordinator
from tri.statement.models import Adoption


class CoordinatorAdminSite(admin.AdminSite):
    site_header = "tri: organisations and people"
    site_title = "tri admin"
    index_title = "Organisations and people"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and is_coordinator(request.user))


admin_site = CoordinatorAdminSite(name="admin")


class CoordinatorModelAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(admin.StackedInline):  # Tabular leaves its inputs unlabelled
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_site.has_permission(request)


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(CoordinatorModelAdmin):
    list_display = ["name", "ons_code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "ons_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(User, site=admin_site)
class UserAdmin(CoordinatorModelAdmin):
    list_display = ["full_name", "email", "is_active", "last_login"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "email"]
    fields = ["full_name", "email", "is_active", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Adoption, site=admin_site)
class AdoptionAdmin(CoordinatorModelAdmin):
    """Read-only: adoptions are recorded, confirmed, returned and withdrawn through the
    services (tri.statement), each with its audit record."""

    list_display = ["organisation", "adopted_on", "status", "recorded_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "decision"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
