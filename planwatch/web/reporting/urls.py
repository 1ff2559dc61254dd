from django.urls import path

from planwatch.web.reporting import bulk, views

app_name = "reporting"
urlpatterns = [
    path("todo/", views.todo, name="todo"),
    path("plans/<int:plan_pk>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:round_pk>/items/<str:code>/", views.observation_edit, name="observation"),
    path("rounds/<int:round_pk>/tasks/<str:code>/", views.progress_edit, name="progress"),
    path("rounds/<int:round_pk>/submit/", bulk.submit, name="submit"),
    path("rounds/<int:round_pk>/review/", bulk.review, name="review"),
    path("rounds/<int:round_pk>/progress/", bulk.progress_bulk, name="progress_bulk"),
    path("rounds/<int:round_pk>/template.xlsx", views.template_download, name="template"),
    path("rounds/<int:round_pk>/upload/", views.upload, name="upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("plans/<int:plan_pk>/items/<str:code>/verdict/", views.verdict_edit, name="verdict"),
    path(
        "plans/<int:plan_pk>/items/<str:code>/references/", views.reference_edit, name="reference"
    ),
    path("plans/<int:plan_pk>/projects/", views.key_projects, name="key_projects"),
    path("plans/<int:plan_pk>/projects/new/", views.key_project_edit, name="key_project_new"),
    path("plans/<int:plan_pk>/projects/<int:pk>/", views.key_project_edit, name="key_project"),
]
