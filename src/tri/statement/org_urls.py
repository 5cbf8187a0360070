from django.urls import path

from tri.statement import views

app_name = "statement_org"
urlpatterns = [
    path("", views.OrganisationView.as_view(), name="detail"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
]
