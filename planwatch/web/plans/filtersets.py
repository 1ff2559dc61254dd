"""The plans app's FilterSets (django-filter): one definition for its pages and the API.

The dashboard narrows its item rows with :class:`ItemFilter` too (its form only offers the
choices a user may see), so a filter means the same on a page and in the API.

Filters take plain ids and codes, never a model choice, so that asking about a plan one may not
see answers an empty list rather than revealing that the plan exists. A malformed value (a year
that is not a number, an unknown status) is a 400 naming the parameter.
"""

from __future__ import annotations

import django_filters as filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.filters import IdFilter, YesNoFilter
from planwatch.web.core.listing import Sort, Sorting
from planwatch.web.plans.choices import AssignmentRole, Attribute, ItemKind, NodeLevel
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Node, Plan, Task


def _assigned_to(kind: str):
    """A filter method: rows (items or tasks) with an assignment to the given department."""

    def method(queryset, name, value):
        assignments = Assignment.objects.filter(department_id=value, **{kind: OuterRef("pk")})
        return queryset.filter(Exists(assignments))

    return method


class PlanFilter(filters.FilterSet):
    published = YesNoFilter(field_name="is_published", label=_("已公开"))
    year = filters.NumberFilter(method="covering_year", label=_("规划期内的年份"))

    class Meta:
        model = Plan
        fields = ("published", "year")

    def covering_year(self, queryset, name, value):
        return queryset.filter(base_year__lt=value, target_year__gte=value)


class DepartmentFilter(filters.FilterSet):
    plan = IdFilter(method="in_plan", label=_("规划（有分工的部门）"))

    class Meta:
        model = Department
        fields = ("plan", "is_coordinator")

    def in_plan(self, queryset, name, value):
        assignments = Assignment.objects.filter(plan_id=value, department_id=OuterRef("pk"))
        return queryset.filter(Exists(assignments))


class ItemFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    code = filters.CharFilter(field_name="code", label=_("指标编码"))
    kind = filters.ChoiceFilter(choices=ItemKind.choices, label=_("类型"))
    attribute = filters.ChoiceFilter(choices=Attribute.choices, label=_("属性"))
    category = filters.CharFilter(field_name="category", label=_("类别"))
    department = IdFilter(method=_assigned_to("item"), label=_("分工部门"))
    chapter = IdFilter(method="in_chapter", label=_("所在章"))

    class Meta:
        model = MeasurableItem
        fields = ("plan", "code", "kind", "attribute", "category", "department", "chapter")

    def in_chapter(self, queryset, name, value):
        """A prose target sits in the chapter its sentence is in; the indicator table in none."""
        chapter = Node.objects.filter(pk=value, level=NodeLevel.CHAPTER).first()
        if chapter is None:
            return queryset.none()
        return queryset.filter(plan_id=chapter.plan_id, location__0=chapter.number)


class TaskFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    code = filters.CharFilter(field_name="code", label=_("任务编码"))
    chapter = IdFilter(field_name="chapter_id", label=_("所在章"))
    department = IdFilter(method=_assigned_to("task"), label=_("分工部门"))

    class Meta:
        model = Task
        fields = ("plan", "code", "chapter", "department")


class AssignmentFilter(filters.FilterSet):
    """任务分工 on its page and in the API: ``q`` searches the department and the item or task
    (code, name); ``chapter`` is a chapter's id (a task's chapter, where a prose target
    stands)."""

    q = filters.CharFilter(method="search", label=_("搜索"))
    plan = IdFilter(field_name="plan_id", label=_("规划"))
    department = IdFilter(field_name="department_id", label=_("部门"))
    role = filters.ChoiceFilter(choices=AssignmentRole.choices, label=_("分工"))
    kind = filters.ChoiceFilter(
        method="of_kind", choices=[("item", _("指标")), ("task", _("任务"))], label=_("类型")
    )
    chapter = IdFilter(method="in_chapter", label=_("所在章"))
    item = filters.CharFilter(field_name="item__code", label=_("指标编码"))
    task = filters.CharFilter(field_name="task__code", label=_("任务编码"))

    class Meta:
        model = Assignment
        fields = ("q", "plan", "department", "role", "kind", "chapter", "item", "task")

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(department__name__icontains=word)
                | Q(item__code__icontains=word)
                | Q(item__name__icontains=word)
                | Q(task__code__icontains=word)
                | Q(task__title__icontains=word)
            )
        return queryset

    def of_kind(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})

    def in_chapter(self, queryset, name, value):
        chapter = Node.objects.filter(pk=value, level=NodeLevel.CHAPTER).first()
        if chapter is None:
            return queryset.none()
        return queryset.filter(
            Q(task__chapter_id=chapter.pk)
            | Q(item__plan_id=chapter.plan_id, item__location__0=chapter.number)
        )


#: 任务分工's sorts, the default first (core/listing.py): items before tasks, in plan order.
ASSIGNMENT_SORTING = Sorting(
    Sort("target", ("item__kind", "item__order", "task__order", "role"), _("事项")),
    Sort(
        "department",
        ("department__name", "item__kind", "item__order", "task__order"),
        _("部门"),
    ),
    Sort("role", ("role", "item__kind", "item__order", "task__order"), _("分工")),
)
