"""Milestones and key projects: what is read, and what a create or an edit must carry.

Tasks are named by plan + code, as everywhere in the API; an edit carries the version read
(a stale one is 409).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from planwatch.assess import milestones as milestone_rule
from planwatch.assess import projects as project_rule
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone

VERSION_HELP = _("您读到的版本号；已被他人修改则返回 409。")


class MilestoneSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.code", read_only=True, default=None)
    department_name = serializers.CharField(source="department.name", read_only=True)
    state = serializers.SerializerMethodField(help_text=_("最新报送的节点状态；未报送为 null"))
    overdue = serializers.SerializerMethodField(help_text=_("已过完成时限且未完成"))

    class Meta:
        model = Milestone
        fields = (
            "id", "plan", "task", "project", "what", "due", "evidence", "department",
            "department_name", "order", "state", "overdue", "is_demo", "version",
            "created_at", "updated_at",
        )  # fmt: skip

    def _report(self, obj):
        latest = self.context.setdefault("_latest", {})
        if obj.pk not in latest:
            latest.update(services.latest_reports([obj]))
            latest.setdefault(obj.pk, None)
        return latest[obj.pk]

    def get_state(self, obj) -> str | None:
        report = self._report(obj)
        return report.state if report else None

    def get_overdue(self, obj) -> bool:
        return milestone_rule.is_overdue(
            services.facts(obj, self._report(obj)), timezone.localdate()
        )


class MilestoneCreateSerializer(serializers.Serializer):
    """``POST /api/milestones/``: a step of a task's (``plan`` + ``task``) or project's roadmap."""

    plan = serializers.IntegerField(help_text=_("规划编号"))
    task = serializers.CharField(max_length=20, required=False, help_text=_("任务编码，如 M3"))
    project = serializers.IntegerField(
        required=False, help_text=_("重大项目编号（与 task 二选一）")
    )
    what = serializers.CharField(max_length=300)
    due = serializers.DateField()
    evidence = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    department = serializers.IntegerField(
        required=False, help_text=_("责任部门编号；缺省为任务的牵头部门（仅规划牵头部门可另指定）")
    )
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("task" in attrs) == ("project" in attrs):
            raise serializers.ValidationError(
                {"task": [_("请指定 task（任务编码）或 project（重大项目编号）之一。")]}
            )
        return attrs


class MilestoneEditSerializer(serializers.Serializer):
    what = serializers.CharField(max_length=300, required=False)
    due = serializers.DateField(required=False)
    evidence = serializers.CharField(max_length=300, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class KeyProjectSerializer(serializers.ModelSerializer):
    task = serializers.CharField(source="task.code", read_only=True, default=None)
    department_name = serializers.CharField(source="department.name", read_only=True, default=None)
    invested_by_year = serializers.SerializerMethodField(help_text=_("各年完成投资（亿元）"))
    off_schedule = serializers.SerializerMethodField(help_text=_("偏离计划的原因；未偏离为空"))

    class Meta:
        model = KeyProject
        fields = (
            "id", "plan", "code", "name", "task", "department", "department_name",
            "investment", "planned_by_year", "invested", "invested_by_year",
            "planned_start", "planned_finish", "actual_start", "actual_finish",
            "percent", "progress", "off_schedule", "note", "is_demo", "version",
        )  # fmt: skip

    def _facts(self, obj):
        cache = self.context.setdefault("_facts", {})
        if obj.pk not in cache:
            cache[obj.pk] = services.project_facts(obj)
        return cache[obj.pk]

    def get_invested_by_year(self, obj) -> dict[str, float]:
        return {str(y): v for y, v in sorted(self._facts(obj).invested_by_year.items())}

    def get_off_schedule(self, obj) -> list[str]:
        return project_rule.off_schedule(self._facts(obj), timezone.localdate())


class KeyProjectWriteSerializer(serializers.Serializer):
    """Create (coordinator) or edit a project of the register; an edit carries ``version``."""

    plan = serializers.IntegerField(required=False, help_text=_("规划编号（新建时必填）"))
    code = serializers.CharField(max_length=30, required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False)
    task = serializers.CharField(max_length=20, required=False, allow_blank=True)
    department = serializers.IntegerField(required=False, allow_null=True)
    investment = serializers.FloatField(required=False, allow_null=True, min_value=0)
    planned_by_year = serializers.DictField(
        child=serializers.FloatField(min_value=0), required=False, help_text=_('如 {"2023": 3.5}')
    )
    planned_start = serializers.DateField(required=False, allow_null=True)
    planned_finish = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    def validate_planned_by_year(self, value):
        for year in value:
            if not str(year).isdigit() or not 1900 <= int(year) <= 2200:
                raise serializers.ValidationError(_("键应为四位年份。"))
        return {str(int(y)): v for y, v in value.items()}
