from django.urls import path

from tri.statement import views

app_name = "statement"
urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("register.json", views.RegisterJsonView.as_view(), name="register_json"),
    path("register.csv", views.RegisterCsvView.as_view(), name="register_csv"),
    path("adoptions/", views.QueueView.as_view(), name="queue"),
    path("adoptions/<int:pk>/confirm/", views.ConfirmView.as_view(), name="confirm"),
    path("adoptions/<int:pk>/return/", views.ReturnView.as_view(), name="return"),
]
