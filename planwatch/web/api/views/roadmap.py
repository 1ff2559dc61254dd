"""Milestones (read, create, edit) and key projects (read; the coordinator creates and edits)."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from planwatch.web.api.serializers import roadmap as serializers
from planwatch.web.api.views.base import RulesMixin, write_schemas
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Department, Plan, Task
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap import filtersets as filters
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone


def _visible(model, user, **lookup):
    return get_object_or_404(model.objects.restrict(user, "view"), **lookup)


@extend_schema_view(
    **write_schemas(
        serializers.MilestoneCreateSerializer,
        serializers.MilestoneEditSerializer,
        serializers.MilestoneSerializer,
    )
)
class MilestoneViewSet(
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Milestone.objects.all()
    filterset_class = filters.MilestoneFilter
    related = ("task", "department")
    rule_actions: ClassVar[dict[str, str]] = {"update": "change", "partial_update": "change"}

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.MilestoneCreateSerializer
        if self.action in ("update", "partial_update"):
            return serializers.MilestoneEditSerializer
        return serializers.MilestoneSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = _visible(Plan, request.user, pk=data["plan"])
        if "task" in data:
            owner = _visible(Task, request.user, plan=plan, code=data["task"])
        else:
            owner = _visible(KeyProject, request.user, plan=plan, pk=data["project"])
        milestone = services.add_milestone(
            request.user,
            owner,
            what=data["what"],
            due=data["due"],
            evidence=data["evidence"],
            department=get_object_or_404(Department, pk=data["department"])
            if "department" in data
            else None,
            reason=data["reason"],
        )
        shown = serializers.MilestoneSerializer(milestone, context=self.get_serializer_context())
        return Response(shown.data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        milestone = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("必须提供您读到的版本号。")]})
        version, reason = data.pop("version"), data.pop("reason", "")
        saved = services.change_milestone(
            request.user, milestone, expected_version=version, reason=reason, **data
        )
        return Response(
            serializers.MilestoneSerializer(saved, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    **write_schemas(
        serializers.KeyProjectWriteSerializer,
        serializers.KeyProjectWriteSerializer,
        serializers.KeyProjectSerializer,
    )
)
class KeyProjectViewSet(
    RulesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = KeyProject.objects.all()
    filterset_class = filters.KeyProjectFilter
    related = ("task", "department")
    rule_actions: ClassVar[dict[str, str]] = {"update": "change", "partial_update": "change"}

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return serializers.KeyProjectWriteSerializer
        return serializers.KeyProjectSerializer

    def create(self, request, *args, **kwargs):
        if role_of(request.user) not in MANAGE:
            raise PermissionDenied(_("只有规划牵头部门可以新增重大项目。"))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "plan" not in data or not data.get("name"):
            raise ValidationError({"plan": [_("新建重大项目须提供 plan 和 name。")]})
        plan = _visible(Plan, request.user, pk=data.pop("plan"))
        project = self._apply(KeyProject(plan=plan), data)
        save_tracked(project, user=request.user, reason=data.get("reason", ""))
        return Response(self._shown(project), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        project = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("必须提供您读到的版本号。")]})
        data.pop("plan", None)
        version = data.pop("version")
        project = self._apply(project, data)
        save_tracked(
            project, user=request.user, reason=data.get("reason", ""), expected_version=version
        )
        return Response(self._shown(project))

    def _apply(self, project: KeyProject, data: dict) -> KeyProject:
        data.pop("reason", None)
        if "task" in data:
            code = data.pop("task")
            project.task = (
                get_object_or_404(Task, plan_id=project.plan_id, code=code) if code else None
            )
        if "department" in data:
            pk = data.pop("department")
            project.department = get_object_or_404(Department, pk=pk) if pk else None
        for name, value in data.items():
            setattr(project, name, value)
        start, finish = project.planned_start, project.planned_finish
        if start and finish and finish < start:
            raise ValidationError({"planned_finish": [_("计划竣工日期不能早于计划开工日期。")]})
        return project

    def _shown(self, project):
        context = self.get_serializer_context()
        return serializers.KeyProjectSerializer(project, context=context).data
