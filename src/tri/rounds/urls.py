from django.urls import path

from tri.rounds import benchmark_views, evaluation_views, group_views, review_views, views

app_name = "rounds"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("new/", views.RoundOpenView.as_view(), name="new"),
    path("feedback/", views.FeedbackListView.as_view(), name="feedback"),
    path("feedback/new/", views.FeedbackNewView.as_view(), name="feedback_new"),
    path("feedback.csv", views.FeedbackExportView.as_view(), name="feedback_export"),
    path("groups/", group_views.GroupListView.as_view(), name="groups"),
    path("groups/new/", group_views.GroupNewView.as_view(), name="group_new"),
    path("groups/<int:group>/edit/", group_views.GroupEditView.as_view(), name="group_edit"),
    path("groups/<int:group>/delete/", group_views.GroupDeleteView.as_view(), name="group_delete"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RoundEditView.as_view(), name="edit"),
    path("<int:pk>/participants/", views.ParticipantsView.as_view(), name="participants"),
    path("<int:pk>/close/", views.RoundCloseView.as_view(), name="close"),
    path("<int:pk>/pairing/", views.PairingView.as_view(), name="pairing"),
    path(
        "<int:pk>/pairing/<int:pairing>/reviewers/",
        views.ReviewerAddView.as_view(),
        name="reviewer_add",
    ),
    path(
        "<int:pk>/pairing/<int:pairing>/reviewers/<int:reviewer>/remove/",
        views.ReviewerRemoveView.as_view(),
        name="reviewer_remove",
    ),
    path("<int:pk>/calibration/", review_views.CalibrationView.as_view(), name="calibration"),
    path("<int:pk>/evaluation/", evaluation_views.EvaluationView.as_view(), name="evaluation"),
    path("<int:pk>/benchmark/", benchmark_views.BenchmarkView.as_view(), name="benchmark"),
    path(
        "<int:pk>/benchmark.csv", benchmark_views.BenchmarkCsvView.as_view(), name="benchmark_csv"
    ),
    path(
        "<int:pk>/evaluation.xlsx",
        evaluation_views.EvaluationXlsxView.as_view(),
        name="evaluation_xlsx",
    ),
    path(
        "<int:pk>/evaluation.pdf",
        evaluation_views.EvaluationPdfView.as_view(),
        name="evaluation_pdf",
    ),
    path("<int:pk>/reviews/<slug:org>/", review_views.ReviewView.as_view(), name="review"),
    path(
        "<int:pk>/reviews/<slug:org>/sections/<str:section>/",
        review_views.ReviewSectionView.as_view(),
        name="review_section",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/criteria/<str:row>/judge/",
        review_views.JudgeView.as_view(),
        name="judge",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/criteria/<str:row>/reply/",
        review_views.ReplyView.as_view(),
        name="reply",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/criteria/<str:row>/moderate/",
        review_views.ModerateView.as_view(),
        name="moderate",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/complete/",
        review_views.CompleteReviewView.as_view(),
        name="complete_review",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/moderated/",
        review_views.CompleteModerationView.as_view(),
        name="complete_moderation",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/final/",
        review_views.FinaliseView.as_view(),
        name="finalise",
    ),
    path(
        "<int:pk>/reviews/<slug:org>/cycles/<int:number>/",
        review_views.CycleView.as_view(),
        name="cycle",
    ),
]
