"""Template helpers of the reporting pages: a review state as colour *and* words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from planwatch.web.reporting.choices import REVIEW_COLOURS, ReviewStatus

register = template.Library()


@register.simple_tag
def review_label(code: str | None):
    """The same for the workflow state of an observation or a progress report."""
    if code not in ReviewStatus.values:
        return ""
    return format_html(
        '<span class="status review-{}" style="background:{}">{}</span>',
        code,
        REVIEW_COLOURS[code],
        ReviewStatus(code).label,
    )
