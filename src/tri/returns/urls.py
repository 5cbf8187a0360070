from django.urls import path

from tri.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("returns/", views.ReturnListView.as_view(), name="list"),
    path("returns/<int:pk>/", views.ReturnStatusView.as_view(), name="status"),
    path("snapshots/<int:pk>/", views.SnapshotView.as_view(), name="snapshot"),
    path("snapshots/<int:pk>/figures.xlsx", views.SnapshotXlsxView.as_view(), name="xlsx"),
    path("snapshots/<int:pk>/figures.csv", views.SnapshotCsvView.as_view(), name="csv"),
    path("<int:pk>/report.pdf", views.SnapshotPdfView.as_view(), name="report_pdf"),
    path("trends.csv", views.TrendsCsvView.as_view(), name="trends_csv"),
    path("targets/", views.TargetListView.as_view(), name="targets"),
    path("targets/<int:pk>/", views.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/remove/", views.TargetRemoveView.as_view(), name="target_remove"),
]
