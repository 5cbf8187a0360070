from django.urls import path

from tri.assessments import views

app_name = "assessments"
urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    path("<int:pk>/", views.OverviewView.as_view(), name="overview"),
    path("<int:pk>/categories/<str:section>/", views.CategoryView.as_view(), name="category"),
    path("<int:pk>/criteria/<str:row>/", views.CriterionView.as_view(), name="criterion"),
    path(
        "<int:pk>/criteria/<str:row>/links/",
        views.EvidenceLinkAddView.as_view(),
        name="link_add",
    ),
    path(
        "<int:pk>/links/<int:link>/remove/",
        views.EvidenceLinkRemoveView.as_view(),
        name="link_remove",
    ),
    path(
        "<int:pk>/criteria/<str:row>/files/",
        views.EvidenceFileAddView.as_view(),
        name="file_add",
    ),
    path(
        "<int:pk>/criteria/<str:row>/suggestion/",
        views.SuggestionAcceptView.as_view(),
        name="suggestion_accept",
    ),
    path("<int:pk>/files/<int:file>/", views.EvidenceFileDownloadView.as_view(), name="file"),
    path(
        "<int:pk>/files/<int:file>/remove/",
        views.EvidenceFileRemoveView.as_view(),
        name="file_remove",
    ),
    path("<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<int:pk>/return/", views.ReturnView.as_view(), name="return"),
    path("<int:pk>/copy/", views.CopyView.as_view(), name="copy"),
    path("<int:pk>/export.xlsx", views.ExportXlsxView.as_view(), name="export_xlsx"),
    path("<int:pk>/print/", views.PrintView.as_view(), name="print"),
    path("<int:pk>/report.pdf", views.ReportPdfView.as_view(), name="report_pdf"),
    path("<int:pk>/template.yaml", views.TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/import/", views.ImportView.as_view(), name="import"),
    path("<int:pk>/import/apply/", views.ImportApplyView.as_view(), name="import_apply"),
]
