from django.urls import path

from tri.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="list"),
    path("<slug:org>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<slug:org>/people/", views.PeopleView.as_view(), name="people"),
    path(
        "<slug:org>/people/invitations/<int:pk>/withdraw/",
        views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
    path(
        "<slug:org>/people/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
]
