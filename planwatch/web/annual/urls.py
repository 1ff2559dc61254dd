from django.urls import path

from planwatch.web.annual import views

app_name = "annual"
urlpatterns = [
    path("plans/<int:plan_pk>/targets/", views.targets, name="targets"),
    path("plans/<int:plan_pk>/targets/propose/", views.propose, name="propose"),
    path("plans/<int:plan_pk>/targets/approve/", views.approve_all, name="approve_all"),
    path("targets/<int:pk>/", views.target_edit, name="target"),
    path("targets/<int:pk>/<str:step>/", views.target_step, name="target_step"),
    path(
        "plans/<int:plan_pk>/departments/<int:department_pk>/",
        views.department,
        name="department",
    ),
    path("plans/<int:plan_pk>/<int:year>.<str:fmt>", views.download, name="download"),
    path("items/<int:item_pk>/shares/", views.shares, name="shares"),
    path("items/<int:item_pk>/shares/new/", views.share_edit, name="share_new"),
    path("items/<int:item_pk>/shares/<int:pk>/", views.share_edit, name="share"),
    path("shares/<int:share_pk>/figure/", views.share_figure, name="share_figure"),
]
