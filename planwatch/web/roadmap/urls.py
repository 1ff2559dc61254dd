from django.urls import path

from planwatch.web.roadmap import views

app_name = "roadmap"
urlpatterns = [
    path("plans/<int:plan_pk>/tasks/<str:code>/", views.task_roadmap, name="task"),
    path("plans/<int:plan_pk>/projects/", views.projects, name="projects"),
    path("plans/<int:plan_pk>/projects/<int:pk>/", views.project_roadmap, name="project"),
    path("plans/<int:plan_pk>/register.xlsx", views.register_download, name="register_download"),
    path("plans/<int:plan_pk>/register/", views.register_upload, name="register"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/remove/", views.milestone_remove, name="milestone_remove"),
    path("milestones/<int:pk>/move/", views.milestone_move, name="milestone_move"),
    path("rounds/<int:round_pk>/", views.round_roadmap, name="round"),
    path(
        "rounds/<int:round_pk>/milestones/<int:pk>/",
        views.milestone_report,
        name="milestone_report",
    ),
    path("rounds/<int:round_pk>/projects/<int:pk>/", views.project_report, name="project_report"),
]
