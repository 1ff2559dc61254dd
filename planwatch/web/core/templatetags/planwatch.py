"""Template helpers: a status is always shown as colour *and* words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.assess.status import BY_CODE, OUTLOOKS

register = template.Library()


@register.simple_tag
def status_label(code: str | None, manual: bool = False):
    """``<span class="status status-on_track">符合预期</span>``; site.css has the colours."""
    status = BY_CODE.get(code or "")
    if status is None:
        return ""
    text = status.label(get_language() or "zh-hans")
    if manual:
        return format_html(
            '<span class="status status-{}" title="{}">{}</span>', status.code, _("人工判断"), text
        )
    # No tooltip: the code (on_track…) is for machines, the label already says it.
    return format_html('<span class="status status-{}">{}</span>', status.code, text)


@register.simple_tag
def outlook_label(code: str | None):
    """``<span class="outlook outlook-at_risk" …>存在不能完成的风险</span>`` (预计能否如期完成)."""
    outlook = OUTLOOKS.get(code or "")
    if outlook is None:
        return ""
    return format_html(
        '<span class="outlook outlook-{}">{}</span>',
        outlook.code,
        outlook.label(get_language() or "zh-hans"),
    )


@register.simple_tag
def demo_badge(obj):
    """A visible 示例数据 mark for synthetic records."""
    if getattr(obj, "is_demo", False):
        return format_html('<span class="demo">{}</span>', _("示例数据"))
    return ""


@register.filter
def number(value, digits: int = 2):
    """A figure without trailing zeros (91.24, 500, 6.5); blank for None."""
    if value is None or value == "":
        return "—"
    try:
        value = float(value)
    except (TypeError, ValueError):
        return value
    text = f"{value:.{int(digits)}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template, or None: problems per item code and the like."""
    return mapping.get(key) if mapping else None


@register.filter
def field_labels(record) -> str:
    """A change record's changed fields by their names on the forms ("数值、数据来源")."""
    model = record.content_type.model_class()
    labels = []
    for name in record.changed_fields or ():
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except Exception:  # a field since removed: its stored name is all there is
            labels.append(name)
    return _("、").join(labels)


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str):
    """A column header that sorts the list by ``key`` (again: the other way round), keeping
    the filters and going back to the first page (core/listing.py)."""
    params = context["request"].GET.copy()
    current = context.get("sort") or ""
    prefix = context.get("list_prefix") or ""
    params.pop(f"{prefix}page", None)
    params[f"{prefix}sort"] = f"-{key}" if current == key else key
    mark = ""
    if current.lstrip("-") == key:
        mark = " ▼" if current.startswith("-") else " ▲"
    return format_html(
        '<a href="?{}" class="sort"{}>{}{}</a>',
        params.urlencode(),
        format_html(' aria-sort="{}"', "descending" if current.startswith("-") else "ascending")
        if mark
        else "",
        label,
        mark,
    )


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """``?…&page=3``: the list's page ``number`` (``queue-page`` for a list with a prefix),
    the other parameters kept (core/listing.py)."""
    params = context["request"].GET.copy()
    params[f"{context.get('list_prefix') or ''}page"] = number
    return f"?{params.urlencode()}"


@register.filter
def history_url(obj) -> str:
    """The change log page of a tracked record (``includes/history_link.html``)."""
    from django.urls import reverse

    meta = obj._meta
    return reverse("history:object", args=[f"{meta.app_label}.{meta.model_name}", obj.pk])
