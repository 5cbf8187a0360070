from django.urls import path

from tri.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
