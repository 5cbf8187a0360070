from django.urls import path

from tri.assessments import standard_views as views

app_name = "standard"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<str:version>/", views.GridView.as_view(), name="grid"),
    path(
        "<str:version>/criteria/<str:row>/guidance/",
        views.GuidanceView.as_view(),
        name="guidance",
    ),
]
