"""The dashboard's filters: plan, chapter, department, status, attribute and year.

The choices come from what the user may see; a reporter's department filter is fixed to their
own department. ``keep`` applies the cleaned filters to the rows of a plan's progress through
the plans app's ``ItemFilter`` (the API's too): one definition of what each filter means.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.assess.status import OFF_COURSE, STATUSES
from planwatch.web.core.roles import Role
from planwatch.web.core.rules import role_of
from planwatch.web.dashboard.progress import ItemRow
from planwatch.web.plans.choices import Attribute, NodeLevel
from planwatch.web.plans.filtersets import ItemFilter
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Node, Plan

OFF_COURSE_CHOICE = "off_course"


class DashboardFilter(forms.Form):
    plan = forms.ModelChoiceField(Plan.objects.none(), label=_("规划"), required=False)
    chapter = forms.ModelChoiceField(
        Node.objects.none(), label=_("章"), required=False, empty_label=_("全部章节")
    )
    department = forms.ModelChoiceField(
        Department.objects.none(), label=_("部门"), required=False, empty_label=_("全部部门")
    )
    status = forms.ChoiceField(label=_("状态"), required=False)
    attribute = forms.ChoiceField(label=_("属性"), required=False)
    year = forms.TypedChoiceField(label=_("评估年度"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user, plan: Plan | None, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "zh-hans"
        fields = self.fields
        fields["plan"].queryset = Plan.objects.restrict(user, "view").defer("source_json")
        fields["plan"].empty_label = None
        fields["status"].choices = [
            ("", _("全部状态")),
            (OFF_COURSE_CHOICE, _("偏离进度（滞后、严重滞后、逆向、变差）")),
            *((s.code, s.label(language)) for s in STATUSES),
        ]
        fields["attribute"].choices = [("", _("全部属性")), *Attribute.choices]
        if plan is None:
            return
        fields["chapter"].queryset = (
            Node.objects.restrict(user, "view")
            .filter(plan=plan, level=NodeLevel.CHAPTER)
            .only("pk", "number", "title")
        )
        assigned = Assignment.objects.filter(plan=plan).values("department_id")
        departments = Department.objects.filter(pk__in=assigned)
        if role_of(user) == Role.REPORTER:
            departments = departments.filter(pk=user.department_id)
        fields["department"].queryset = departments
        if plan.base_year and plan.target_year:
            years = range(plan.target_year, plan.base_year, -1)
            fields["year"].choices = [("", _("当前轮次")), *((y, str(y)) for y in years)]


def keep(rows: list[ItemRow], filters: dict, user) -> list[ItemRow]:
    """The rows that pass every filter set in ``filters`` (a cleaned DashboardFilter).

    Stored fields are filtered by the API's own ``ItemFilter``; only the status, which the
    assessment gives and no table holds, is filtered here.
    """
    chapter, department = filters.get("chapter"), filters.get("department")
    status, attribute = filters.get("status"), filters.get("attribute")
    wanted = {
        "chapter": chapter.pk if chapter else None,
        "department": department.pk if department else None,
        "attribute": attribute or None,
    }
    wanted = {k: v for k, v in wanted.items() if v is not None}
    if wanted and rows:
        items = MeasurableItem.objects.restrict(user, "view").filter(plan_id=rows[0].item.plan_id)
        kept_ids = set(ItemFilter(wanted, queryset=items).qs.values_list("pk", flat=True))
        rows = [r for r in rows if r.item.pk in kept_ids]
    if status == OFF_COURSE_CHOICE:
        return [r for r in rows if r.result.status in OFF_COURSE]
    if status:
        return [r for r in rows if r.result.status == status]
    return rows
