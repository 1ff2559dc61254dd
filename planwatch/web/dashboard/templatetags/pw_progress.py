"""Template helpers of the progress pages (dashboard and public portal)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from planwatch.web.dashboard import figures

register = template.Library()


@register.simple_tag
def figure(value, unit="", year=None):
    """``252家`` with its year in small print: ``252家（2020）``."""
    if value is None:
        return "—"
    text = figures.with_unit(value, unit)
    if year is None:
        return text
    return format_html(
        '{} <span class="year">{}</span>', text, _("（%(year)s年）") % {"year": year}
    )


@register.simple_tag
def target(row):
    text = figures.target_text(row.result)
    year = row.result.target_year
    if year is not None and row.result.method not in ("needs_target", "trend"):
        text = format_html(
            '{} <span class="year">{}</span>', text, _("（%(year)s年）") % {"year": year}
        )
    checks = row.result.word_checks
    if not checks:
        return text
    # targets in words beside the number (a table note): as printed, after it
    words = "".join(f"“{c.text}”" for c in checks)
    return format_html('{} <span class="words">{}</span>', text, words)


@register.simple_tag
def sparkline(row):
    return figures.sparkline(row.result, row.status.colour)


@register.filter
def percent(value, digits: int = 0):
    """0.42 → 42%; None → —."""
    if value is None:
        return "—"
    return f"{value * 100:.{int(digits)}f}%"


@register.filter
def method_label(code):
    return figures.METHOD_LABELS.get(code, code or "—")


@register.filter
def path_label(code):
    return figures.PATH_LABELS.get(code, "—")
