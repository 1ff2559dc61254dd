"""The reporting app's FilterSets: rounds and observations, for its pages and the API.

As in plans.filtersets, filters take plain ids and codes; a malformed value is a 400 naming
the parameter.
"""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.filters import IdFilter
from planwatch.web.reporting.choices import Period, ReviewStatus, RoundStatus
from planwatch.web.reporting.models import Observation, ReportingRound


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
