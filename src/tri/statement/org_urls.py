from django.urls import path  # noqa: F401

app_name = "statement_org"
urlpatterns: list = []
