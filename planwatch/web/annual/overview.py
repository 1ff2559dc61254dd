"""The annual app's part of a plan's page: links to its annual targets and the year's plan."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from planwatch.web.plans.models import Plan
from planwatch.web.plans.overview import Part, contribute


def overview_part(request, plan: Plan, shared: dict) -> Part:
    if not request.user.is_authenticated:
        return Part()
    year = shared.get("year")
    suffix = f"?year={year}" if year else ""
    return Part(
        links=((_("年度目标与年度计划"), reverse("annual:targets", args=[plan.pk]) + suffix),)
    )


def register() -> None:
    contribute("annual", 12, overview_part)
