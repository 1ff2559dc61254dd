from django.urls import path

from planwatch.web.core import history_views as views

app_name = "history"
urlpatterns = [
    path("plans/<int:plan_pk>/", views.plan_history, name="plan"),
    path("<str:model>/<int:pk>/", views.object_history, name="object"),
]
