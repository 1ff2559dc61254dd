from django.urls import path

from planwatch.web.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_notice, name="open"),
    path("read-all/", views.read_all, name="read_all"),
    path("settings/", views.preferences, name="preferences"),
]
