"""FilterSets of annual targets and shares, for the API (plain ids and codes, as elsewhere)."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.filters import IdFilter
from planwatch.web.reporting.models import AnnualTarget, HolderKind, TargetShare, TargetState


class AnnualTargetFilter(filters.FilterSet):
    plan = IdFilter(field_name="item__plan_id", label=_("规划"))
    item = filters.CharFilter(field_name="item__code", label=_("指标编码"))
    year = filters.NumberFilter(field_name="year", label=_("年份"))
    state = filters.ChoiceFilter(choices=TargetState.choices, label=_("状态"))

    class Meta:
        model = AnnualTarget
        fields = ("plan", "item", "year", "state")


class TargetShareFilter(filters.FilterSet):
    plan = IdFilter(field_name="item__plan_id", label=_("规划"))
    item = filters.CharFilter(field_name="item__code", label=_("指标编码"))
    department = IdFilter(field_name="department_id", label=_("填报部门"))
    holder_kind = filters.ChoiceFilter(choices=HolderKind.choices, label=_("分解对象类型"))

    class Meta:
        model = TargetShare
        fields = ("plan", "item", "department", "holder_kind")
