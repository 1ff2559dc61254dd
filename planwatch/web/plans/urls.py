"""The plan pages. The plan's own page at ``<pk>/`` (``plans:detail``) is plans.overview, with
the parts the apps above register."""

from django.urls import path

from planwatch.web.plans import overview, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("import/<int:pk>/", views.import_progress, name="import_progress"),
    path("<int:pk>/", overview.plan_detail, name="detail"),
    path("<int:pk>/review/", views.plan_review, name="review"),
    path("<int:pk>/review/crop/<str:code>/<str:field>.png", views.cell_crop, name="cell_crop"),
    path("<int:pk>/reimport/", views.plan_reimport, name="reimport"),
    path("<int:pk>/reimport/confirm/", views.plan_reimport_confirm, name="reimport_confirm"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/publish/", views.plan_publish, name="publish"),
    path("<int:pk>/items/<str:code>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/assignments/", views.assignments, name="assignments"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("<int:pk>/outline/", views.outline, name="outline"),
    path("<int:pk>/outline/<int:node_pk>/edit/", views.node_edit, name="node_edit"),
    path("<int:pk>/tasks/", views.tasks, name="tasks"),
    path("<int:pk>/tasks/<str:code>/edit/", views.task_edit, name="task_edit"),
    path("departments/", views.departments, name="departments"),
    path("departments/<int:department_pk>/", views.department_edit, name="department_edit"),
]
