from django.urls import path

from planwatch.web.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("plans/<int:plan_pk>/reports/", views.downloads, name="downloads"),
    path("plans/<int:plan_pk>/reports/<str:kind>.<str:ext>", views.download, name="download"),
]
