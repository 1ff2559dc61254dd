from django.urls import path

from planwatch.web.history import views

app_name = "history"
urlpatterns = [
    path("<str:model>/<int:pk>/", views.object_history, name="object"),
]
