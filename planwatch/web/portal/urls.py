from django.urls import path

from planwatch.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("items/<int:pk>/", views.item, name="item"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
]
