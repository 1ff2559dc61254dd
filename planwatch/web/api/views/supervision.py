"""Policies (read, filtered like the pages) and the yearly scorecard of a plan (read).

The scorecard follows the pages' rule: leaders, evaluators and the coordinator get every
department ranked; a department reporter gets its own row only; the public gets nothing.
"""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response

from planwatch.web.api.serializers import supervision as serializers
from planwatch.web.api.views.base import ReadOnlyViewSet, RulesMixin
from planwatch.web.core.filters import IdFilter
from planwatch.web.plans.models import Plan
from planwatch.web.reporting import years
from planwatch.web.supervision.choices import PolicyStatus
from planwatch.web.supervision.models import Policy
from planwatch.web.supervision.rules import is_department, sees_every_department
from planwatch.web.supervision.services.scorecard import build_scorecard, weights_of


class PolicyFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    department = IdFilter(field_name="department_id", label=_("制定部门"))
    status = filters.ChoiceFilter(choices=PolicyStatus.choices, label=_("状态"))
    task = filters.CharFilter(field_name="tasks__code", label=_("关联任务编码"))
    item = filters.CharFilter(field_name="items__code", label=_("关联指标编码"))

    class Meta:
        model = Policy
        fields = ("plan", "department", "status", "task", "item")


class PolicyViewSet(ReadOnlyViewSet):
    queryset = Policy.objects.prefetch_related("tasks", "items")
    serializer_class = serializers.PolicySerializer
    filterset_class = PolicyFilter
    related = ("department",)


class ScorecardViewSet(RulesMixin, viewsets.ViewSet):
    """``/api/scorecards/{plan id}/?year=2023``: the plan's scorecard for a year."""

    queryset = Plan.objects.all()
    serializer_class = serializers.ScorecardSerializer

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="考核年份")],
        responses={200: serializers.ScorecardSerializer},
    )
    def retrieve(self, request, pk=None):
        user = request.user
        if not user.is_authenticated:
            raise NotAuthenticated()
        wanted = str(pk)
        plan = None
        if wanted.isascii() and wanted.isdigit() and int(wanted) < 2**63:
            plan = self.get_queryset().filter(pk=int(wanted)).first()
        if plan is None:
            raise NotFound()
        try:
            year = years.year_asked(request.query_params.get("year"), plan, user)
        except years.YearError as exc:
            raise ValidationError({"year": [exc.message]}) from None
        if year is None:
            raise ValidationError({"year": [_("规划没有基期年和目标年，无法考核。")]})
        card = build_scorecard(plan, year)
        if not sees_every_department(user):
            if not is_department(user):
                raise PermissionDenied(_("只有领导、规划牵头部门和被考核部门可以查看考核结果。"))
            card.rows = [r for r in card.rows if r.department == user.department.name]
        _weights, stored = weights_of(plan)
        body = {
            "plan": plan.pk,
            "year": year,
            "weights": card.weights,
            "weights_reason": stored.reason if stored else "",
            "rows": card.rows,
        }
        return Response(serializers.ScorecardSerializer(body).data)
