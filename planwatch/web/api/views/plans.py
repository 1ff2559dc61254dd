"""Plan content, read-only: plans (and their assessment), departments, items, tasks, duties."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from planwatch.web.api.assessment import assessment_for
from planwatch.web.api.serializers import plans as serializers
from planwatch.web.api.serializers.assessment import PlanAssessmentSerializer
from planwatch.web.api.views.base import ReadOnlyViewSet
from planwatch.web.core.fragments import cache_key
from planwatch.web.core.responses import cached_bytes
from planwatch.web.history import revision
from planwatch.web.plans import filtersets as filters
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan, Task
from planwatch.web.reporting.years import YearError, parse_year


class PlanViewSet(ReadOnlyViewSet):
    queryset = Plan.objects.defer("source_json")  # the raw parse result: large, not served
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                int,
                description="评估年份，缺省为有已审核数据的最近年份 (default: latest)",
            )
        ],
        responses=PlanAssessmentSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=())
    def assessment(self, request, pk=None):
        """The progress assessment of every item the caller may see, from approved figures.
        Stored serialised per (plan, caller's scope, judged revision, date, year asked, media
        type, language): an unchanged assessment is sent from the stored bytes. Readers of one
        scope get the same answers from the access rules (``cache_key``), so stored bytes were
        made for a reader allowed this plan at this revision, and with this year accepted."""
        if not str(pk).isdigit():
            self.get_object()  # not an id: the usual 404
        # The revision is read before any data (history.revision), the plan's row included.
        data = revision.current(int(pk))
        media_type = request.accepted_media_type
        asked = request.query_params.get("year")
        key = cache_key(int(pk), request.user, data.judged, timezone.localdate(), asked, media_type)

        def build() -> bytes:  # a 404 or a refused year raises: nothing is stored
            plan = self.get_object()
            payload = assessment_for(plan, request.user, assessment_year(plan, request))
            return request.accepted_renderer.render(
                payload, media_type, self.get_renderer_context()
            )

        body = cached_bytes("api-assessment", key, build)
        return HttpResponse(body, content_type=request.accepted_renderer.media_type)


def assessment_year(plan: Plan, request) -> int | None:
    try:
        return parse_year(request.query_params.get("year"), plan)
    except YearError as exc:
        raise ValidationError({"year": [exc.message]}) from None


class DepartmentViewSet(ReadOnlyViewSet):
    queryset = Department.objects.all()
    serializer_class = serializers.DepartmentSerializer
    filterset_class = filters.DepartmentFilter


class ItemViewSet(ReadOnlyViewSet):
    queryset = MeasurableItem.objects.all()
    serializer_class = serializers.ItemSerializer
    filterset_class = filters.ItemFilter


class TaskViewSet(ReadOnlyViewSet):
    queryset = Task.objects.all()
    serializer_class = serializers.TaskSerializer
    filterset_class = filters.TaskFilter
    related = ("chapter",)


class AssignmentViewSet(ReadOnlyViewSet):
    queryset = Assignment.objects.all()
    serializer_class = serializers.AssignmentSerializer
    filterset_class = filters.AssignmentFilter
    related = ("department", "item", "task")
