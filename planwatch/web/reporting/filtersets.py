"""The reporting app's FilterSets: rounds, observations and duties, for its pages and the API.

As in plans.filtersets, filters take plain ids and codes; a malformed value is a 400 naming
the parameter.
"""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.filters import IdFilter, YesNoFilter
from planwatch.web.core.listing import Sort, Sorting
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Assignment, Node
from planwatch.web.reporting.choices import Period, ReviewStatus, RoundStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services.duties import MISSING


class RoundFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    year = filters.NumberFilter(field_name="year", label=_("年份"))
    period = filters.ChoiceFilter(choices=Period.choices, label=_("周期"))
    status = filters.ChoiceFilter(choices=RoundStatus.choices, label=_("状态"))

    class Meta:
        model = ReportingRound
        fields = ("plan", "year", "period", "status")


class ObservationFilter(filters.FilterSet):
    plan = IdFilter(field_name="item__plan_id", label=_("规划"))
    item = filters.CharFilter(field_name="item__code", label=_("指标编码"))
    year = filters.NumberFilter(field_name="year", label=_("年份"))
    period = filters.ChoiceFilter(choices=Period.choices, label=_("周期"))
    status = filters.ChoiceFilter(choices=ReviewStatus.choices, label=_("审核状态"))
    department = IdFilter(field_name="department_id", label=_("填报部门"))
    round = IdFilter(field_name="round_id", label=_("报送轮次"))

    class Meta:
        model = Observation
        fields = ("plan", "item", "year", "period", "status", "department", "round")


#: A duty's state: its record's review status, or not yet entered.
DUTY_STATUS_CHOICES = [(MISSING, _("未填报")), *ReviewStatus.choices]
DUTY_KIND_CHOICES = [("item", _("指标")), ("task", _("任务"))]


class DutyFilter(filters.FilterSet):
    """A round's duties (reporting.services.duties.duty_rows): the round page, the to-do list
    and 逾期未报 filter with it. ``q`` searches the department and the item or task (code,
    name); ``chapter`` is a chapter's id (a task's chapter, or where a prose target stands)."""

    q = filters.CharFilter(method="search", label=_("搜索"))
    department = IdFilter(field_name="department_id", label=_("部门"))
    status = filters.ChoiceFilter(
        field_name="record_status", choices=DUTY_STATUS_CHOICES, label=_("状态")
    )
    kind = filters.ChoiceFilter(field_name="kind", choices=DUTY_KIND_CHOICES, label=_("类型"))
    chapter = IdFilter(method="in_chapter", label=_("所在章"))
    overdue = YesNoFilter(field_name="overdue", label=_("逾期"))
    #: Lists of several rounds chain one queryset per round; this keeps the one asked for.
    round = IdFilter(field_name="round_id", label=_("报送轮次"))

    class Meta:
        model = Assignment
        fields = ("q", "department", "status", "kind", "chapter", "overdue", "round")

    def search(self, queryset, name, value):
        words = value.split()
        for word in words[:5]:
            queryset = queryset.filter(
                Q(department__name__icontains=word)
                | Q(target_code__icontains=word)
                | Q(target_title__icontains=word)
            )
        return queryset

    def in_chapter(self, queryset, name, value):
        chapter = Node.objects.filter(pk=value, level=NodeLevel.CHAPTER).first()
        if chapter is None:
            return queryset.none()
        return queryset.filter(
            Q(task__chapter_id=chapter.pk)
            | Q(item__plan_id=chapter.plan_id, item__location__0=chapter.number)
        )


#: The duty lists' sorts, the default first (core/listing.py).
DUTY_SORTING = Sorting(
    Sort("department", ("department__name", "kind", "item__kind", "target_order"), _("部门")),
    Sort("target", ("kind", "item__kind", "target_order", "department__name"), _("事项")),
    Sort(
        "status",
        ("record_status", "department__name", "kind", "item__kind", "target_order"),
        _("状态"),
    ),
)

#: A to-do list: what is still owed first, then as the round page.
TODO_SORTING = Sorting(
    Sort("todo", ("done", "kind", "item__kind", "target_order"), _("未完成的在前")),
    *DUTY_SORTING.sorts.values(),
)


class QueueFilter(filters.FilterSet):
    """The round page's review queue: the submitted figures and task reports, one queryset of
    each (chained, figures first; bulk.review_queue annotates both with their target's code,
    title and order). ``q`` searches the department and the item or task (code, name)."""

    q = filters.CharFilter(method="search", label=_("搜索"))
    department = IdFilter(field_name="department_id", label=_("部门"))
    kind = filters.ChoiceFilter(choices=DUTY_KIND_CHOICES, method="of_kind", label=_("类型"))
    flagged = YesNoFilter(method="with_flag", label=_("有复核提示"))

    class Meta:
        model = Observation
        fields = ("q", "department", "kind", "flagged")

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(department__name__icontains=word)
                | Q(target_code__icontains=word)
                | Q(target_title__icontains=word)
            )
        return queryset

    def of_kind(self, queryset, name, value):
        wanted = Observation if value == "item" else TaskProgress
        return queryset if queryset.model is wanted else queryset.none()

    def with_flag(self, queryset, name, value):
        # Only figures carry a plausibility flag: a task report never has one.
        if queryset.model is not Observation:
            return queryset.none() if value else queryset
        flagged = ~Q(plausibility_code="")
        return queryset.filter(flagged if value else ~flagged)


#: The review queue's sorts, the default first; each applies to figures and reports alike.
QUEUE_SORTING = Sorting(
    Sort("target", ("target_order", "department__name"), _("事项")),
    Sort("department", ("department__name", "target_order"), _("部门")),
    Sort("submitted", ("submitted_at", "target_order"), _("报送时间")),
)
