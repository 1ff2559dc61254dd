from django.urls import path

from planwatch.web.supervision import views

app_name = "supervision"
urlpatterns = [
    path("plans/<int:plan_pk>/policies/", views.policies, name="policies"),
    path("plans/<int:plan_pk>/policies/new/", views.policy_edit, name="policy_new"),
    path("plans/<int:plan_pk>/policies/<int:pk>/", views.policy_edit, name="policy"),
    path("plans/<int:plan_pk>/policies/template.xlsx", views.policy_template, name="template"),
    path("plans/<int:plan_pk>/policies/import/", views.policy_import, name="import"),
    path("plans/<int:plan_pk>/policies/review/", views.policy_review, name="review"),
    path("rounds/<int:round_pk>/policies/<int:pk>/", views.policy_report, name="policy_report"),
    path("plans/<int:plan_pk>/scorecard/", views.scorecard, name="scorecard"),
    path(
        "plans/<int:plan_pk>/scorecard.<str:ext>", views.scorecard_export, name="scorecard_export"
    ),
    path("plans/<int:plan_pk>/scorecard/weights/", views.weights_edit, name="weights"),
    path("plans/<int:plan_pk>/scorecard/adjustments/new/", views.adjustment_edit, name="adjust"),
    path(
        "plans/<int:plan_pk>/scorecard/adjustments/<int:pk>/",
        views.adjustment_edit,
        name="adjustment",
    ),
]
