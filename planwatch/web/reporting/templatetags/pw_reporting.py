"""Template helpers of the reporting pages: a review state as colour *and* words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.task_parts import render_parts

register = template.Library()


@register.simple_tag
def review_label(code: str | None):
    """The same for the workflow state of an observation or a progress report (site.css)."""
    if code not in ReviewStatus.values:
        return ""
    return format_html(
        '<span class="status review-{}">{}</span>',
        code,
        ReviewStatus(code).label,
    )


@register.simple_tag(takes_context=True)
def task_parts(context, task):
    """What the apps above reporting registered for a task's page (reporting.task_parts)."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return render_parts(user, task)
