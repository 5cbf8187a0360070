from django.urls import path

from tri.publication import views

app_name = "publish"
urlpatterns = [path("", views.PublishView.as_view(), name="index")]
