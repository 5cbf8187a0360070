from django.urls import include, path

from tri.common import views as common_views
from tri.common.admin import admin_site
from tri.publication import views as publication_views
from tri.publication.api import api

urlpatterns = [
    path("", common_views.HomeView.as_view(), name="home"),
    path("healthz", common_views.health, name="health"),
    path("accounts/", include("tri.accounts.urls")),
    path("o/", include("tri.organisations.urls")),
    path("o/<slug:org>/assessments/", include("tri.assessments.urls")),
    path("o/<slug:org>/workforce/", include("tri.returns.urls")),
    path("london/workforce/", include("tri.returns.london_urls")),
    path("workforce/data-standard/", include("tri.returns.data_standard_urls")),
    path("o/<slug:org>/statement/", include("tri.statement.org_urls")),
    path("o/<slug:org>/publish/", include("tri.publication.org_urls")),
    path("statement/", include("tri.statement.urls")),
    path("public/", include("tri.publication.urls")),
    path("api/", publication_views.ApiIndexView.as_view(), name="api-root"),
    path("api/v1/", api.urls),
    path("standard/", include("tri.assessments.standard_urls")),
    path("rounds/", include("tri.rounds.urls")),
    path("admin/", admin_site.urls),
]

handler404 = "tri.common.views.page_not_found"
handler403 = "tri.common.views.permission_denied"
handler500 = "tri.common.views.server_error"
