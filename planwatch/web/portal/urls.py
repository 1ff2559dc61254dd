from django.urls import path

from planwatch.web.portal import coordinator, pages, views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/indicators/", pages.indicators, name="indicators"),
    path("plans/<int:pk>/search/", pages.search_page, name="search"),
    path("plans/<int:pk>/tasks/", pages.tasks, name="tasks"),
    path("plans/<int:pk>/projects/", pages.projects, name="projects"),
    path("plans/<int:pk>/data.xlsx", pages.plan_data, name="plan-data"),
    path("plans/<int:pk>/logo", coordinator.logo, name="logo"),
    path("plans/<int:pk>/branding/", coordinator.edit_branding, name="branding"),
    path("plans/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/values.csv", pages.item_values, {"kind": "csv"}, name="item-csv"),
    path("items/<int:pk>/values.xlsx", pages.item_values, {"kind": "xlsx"}, name="item-xlsx"),
    path("items/<int:pk>/metadata/", coordinator.edit_metadata, name="metadata"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
]
