"""Supervision's links on a plan's page (plans.overview): the policy register and the
scorecard (a department's link shows its own result)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from planwatch.web.plans.overview import Part, contribute
from planwatch.web.supervision.rules import is_department, sees_every_department


def overview_part(request, plan, shared: dict) -> Part:
    links = [(_("政策措施"), reverse("supervision:policies", args=[plan.pk]))]
    if sees_every_department(request.user) or is_department(request.user):
        links.append((_("责任考核"), reverse("supervision:scorecard", args=[plan.pk])))
    return Part(links=tuple(links))


def register() -> None:
    contribute("supervision", 16, overview_part)
