from django.urls import path

from planwatch.web.reporting import views

app_name = "reporting"
urlpatterns = [
    path("todo/", views.todo, name="todo"),
]
