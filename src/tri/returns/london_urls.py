from django.urls import path

from tri.returns import views

app_name = "london"
urlpatterns = [
    path("", views.LondonView.as_view(), name="workforce"),
]
