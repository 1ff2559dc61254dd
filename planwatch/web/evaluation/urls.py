from django.urls import path

from planwatch.web.evaluation import notes, views

app_name = "evaluation"
urlpatterns = [
    path("plans/<int:plan_pk>/notes/", notes.notes, name="notes"),
    path("plans/<int:plan_pk>/reports/", views.downloads, name="downloads"),
    path("plans/<int:plan_pk>/reports/<str:kind>.<str:ext>", views.download, name="download"),
]
