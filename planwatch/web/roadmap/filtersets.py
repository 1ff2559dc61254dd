"""FilterSets of milestones and key projects (the API's ``?plan=&department=&task=``)."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.filters import IdFilter
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap.models import Milestone


class MilestoneFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    task = filters.CharFilter(field_name="task__code", label=_("任务编码"))
    project = IdFilter(field_name="project_id", label=_("重大项目"))
    department = IdFilter(field_name="department_id", label=_("责任部门"))
    due_before = filters.DateFilter(field_name="due", lookup_expr="lte", label=_("完成时限不晚于"))
    due_after = filters.DateFilter(field_name="due", lookup_expr="gte", label=_("完成时限不早于"))

    class Meta:
        model = Milestone
        fields = ("plan", "task", "project", "department", "due_before", "due_after")


class KeyProjectFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    department = IdFilter(field_name="department_id", label=_("责任部门"))
    task = filters.CharFilter(field_name="task__code", label=_("任务编码"))

    class Meta:
        model = KeyProject
        fields = ("plan", "department", "task")
