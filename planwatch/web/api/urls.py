"""The API's addresses, mounted at ``api/`` by the project's urls when this app is installed."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from planwatch.web.api import routes
from planwatch.web.api.views.annual import AnnualTargetViewSet, TargetShareViewSet
from planwatch.web.api.views.auth import ObtainTokenView
from planwatch.web.api.views.opendata import OpenDataItemsView, OpenDataItemView, OpenDataPlanView
from planwatch.web.api.views.plans import (
    AssignmentViewSet,
    DepartmentViewSet,
    ItemViewSet,
    PlanViewSet,
    TaskViewSet,
)
from planwatch.web.api.views.reporting import ObservationViewSet, RoundViewSet
from planwatch.web.api.views.roadmap import KeyProjectViewSet, MilestoneViewSet
from planwatch.web.api.views.supervision import PolicyViewSet, ScorecardViewSet

app_name = "api"

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("departments", DepartmentViewSet, basename="department")
router.register("items", ItemViewSet, basename="item")
router.register("tasks", TaskViewSet, basename="task")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("rounds", RoundViewSet, basename="round")
router.register("observations", ObservationViewSet, basename="observation")
router.register("policies", PolicyViewSet, basename="policy")
router.register("scorecards", ScorecardViewSet, basename="scorecard")
router.register("annual-targets", AnnualTargetViewSet, basename="annual-target")
router.register("target-shares", TargetShareViewSet, basename="target-share")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("key-projects", KeyProjectViewSet, basename="key-project")
for prefix, viewset, basename in routes.CONTRIBUTED:  # the apps above (api.routes)
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI comes from drf-spectacular-sidecar's static files: no CDN. (Redoc is not
    # offered: drf-spectacular's page for it loads web fonts from outside.) The split view
    # serves its start-up script as a file, and our template has no inline style: the
    # Content-Security-Policy refuses both inline.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("open-data/plans/<int:pk>/", OpenDataPlanView.as_view(), name="open-plan"),
    path("open-data/items/", OpenDataItemsView.as_view(), name="open-items"),
    path("open-data/items/<int:pk>/", OpenDataItemView.as_view(), name="open-item"),
    path("", include(router.urls)),
]
