from django.urls import path

from planwatch.web.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("items/<int:pk>/", views.item, name="item"),
]
