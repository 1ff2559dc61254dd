from django.urls import path

from planwatch.web.surveys import views

app_name = "surveys"
urlpatterns = [
    path("plans/<int:plan_pk>/", views.public_list, name="public_list"),
    path("plans/<int:plan_pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/", views.answer, name="answer"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/results/", views.results_page, name="results"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/summary.<str:ext>", views.summary, name="summary"),
    path("questions/<int:pk>/remove/", views.remove_question, name="remove_question"),
    path("answers/<int:pk>/moderate/", views.moderate, name="moderate"),
]
