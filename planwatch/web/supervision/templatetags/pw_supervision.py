"""Template tags of supervision: labels in the reader's language, and the policies of a task or
an item (the one include the task and item pages carry)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from planwatch.assess.status import BY_CODE
from planwatch.web.reporting.choices import Progress
from planwatch.web.supervision.linked import policies_html

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def component_label(component) -> str:
    return component.label_en if (get_language() or "").startswith("en") else component.label_zh


@register.simple_tag
def measure_detail(measure) -> str:
    return measure.detail_en if (get_language() or "").startswith("en") else measure.detail_zh


@register.simple_tag
def status_name(code: str) -> str:
    found = BY_CODE.get(code)
    return found.label(get_language() or "") if found else code


@register.simple_tag
def progress_name(code: str) -> str:
    if code in Progress.values:
        return str(Progress(code).label)
    from django.utils.translation import gettext

    return gettext("未报送")


@register.simple_tag(takes_context=True)
def policies_of(context, target):
    """The policies linked to ``target`` (a task or an item) the reader may see."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return policies_html(user, target)
