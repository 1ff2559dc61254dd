"""Roadmap's part of a plan's page (plans.overview): overdue milestones and the link to the
projects' rates; registered at start-up (RoadmapConfig.ready)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.plans.overview import Part, contribute
from planwatch.web.roadmap.services import overdue_milestones


def overview_part(request, plan, shared: dict) -> Part:
    overdue = overdue_milestones(plan, today=timezone.localdate(), user=request.user)
    html = render_to_string(
        "roadmap/_overdue.html", {"overdue": overdue[:10], "count": len(overdue), "plan": plan}
    )
    links = ((_("重大项目推进"), reverse("roadmap:projects", args=[plan.pk])),)
    return Part(html=(html,) if overdue else (), links=links)


def register() -> None:
    contribute("roadmap", 14, overview_part)
