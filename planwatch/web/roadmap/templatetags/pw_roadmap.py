"""The roadmap's state labels and its dashboard panel (one include for the dashboard)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html

from planwatch.web.roadmap.choices import MilestoneState, TaskState
from planwatch.web.roadmap.services import overdue_milestones
from planwatch.web.roadmap.summary import project_summary

register = template.Library()

#: The site's existing colour classes (site.css), always beside the words.
CLASSES = {
    "not_started": "review-draft",
    "in_progress": "review-submitted",
    "on_schedule": "review-submitted",
    "done": "review-approved",
    "late": "review-returned",
}


@register.simple_tag
def milestone_label(code: str | None):
    if code not in MilestoneState.values:
        return ""
    return format_html(
        '<span class="status {}">{}</span>', CLASSES[code], MilestoneState(code).label
    )


@register.simple_tag
def task_state_label(code: str | None):
    if code not in TaskState.values:
        return ""
    return format_html('<span class="status {}">{}</span>', CLASSES[code], TaskState(code).label)


@register.inclusion_tag("roadmap/_dashboard_panel.html", takes_context=True)
def roadmap_panel(context, plan):
    """Overdue milestones and the projects' rates for the dashboard (what the viewer may see)."""
    user = context["request"].user
    today = timezone.localdate()
    overdue = overdue_milestones(plan, today=today, user=user)
    summary = project_summary(plan, user, today)
    return {"plan": plan, "overdue": overdue[:8], "count": len(overdue), "summary": summary}
