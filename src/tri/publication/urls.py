"""The public site: no sign-in, only what organisations have published."""

from django.urls import path

from tri.publication import views

app_name = "public"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("london/", views.LondonView.as_view(), name="london"),
    path("london.json", views.LondonJsonView.as_view(), name="london_json"),
    path("london.csv", views.LondonCsvView.as_view(), name="london_csv"),
    path("o/<slug:slug>/", views.OrganisationView.as_view(), name="organisation"),
    path("o/<slug:slug>.json", views.OrganisationJsonView.as_view(), name="organisation_json"),
    path("o/<slug:slug>.csv", views.OrganisationCsvView.as_view(), name="organisation_csv"),
    path("o/<slug:slug>.xlsx", views.OrganisationXlsxView.as_view(), name="organisation_xlsx"),
    path("o/<slug:slug>.pdf", views.OrganisationPdfView.as_view(), name="organisation_pdf"),
    path("o/<slug:slug>/v<int:version>/", views.OrganisationView.as_view(), name="version"),
    path(
        "o/<slug:slug>/v<int:version>.json",
        views.OrganisationJsonView.as_view(),
        name="version_json",
    ),
    path(
        "o/<slug:slug>/v<int:version>.csv", views.OrganisationCsvView.as_view(), name="version_csv"
    ),
    path(
        "o/<slug:slug>/v<int:version>.xlsx",
        views.OrganisationXlsxView.as_view(),
        name="version_xlsx",
    ),
    path(
        "o/<slug:slug>/v<int:version>.pdf", views.OrganisationPdfView.as_view(), name="version_pdf"
    ),
    path(
        "o/<slug:slug>/v<int:version>/datapackage.json",
        views.DataPackageView.as_view(),
        name="datapackage",
    ),
    path(
        "o/<slug:slug>/v<int:version>/datapackage.zip",
        views.DataPackageZipView.as_view(),
        name="datapackage_zip",
    ),
    path(
        "o/<slug:slug>/v<int:version>/data/<slug:name>.csv",
        views.ResourceView.as_view(),
        name="resource",
    ),
]
