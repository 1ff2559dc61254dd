"""How an item's baseline, latest value and target read in a table cell, and its trend line."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from planwatch.assess.model import ItemAssessment
from planwatch.assess.wording import is_growth_rate
from planwatch.web.core.templatetags.planwatch import number
from planwatch.web.reporting.methods import METHOD_LABELS, PATH_LABELS  # noqa: F401 (shared)

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}

#: Size of the inline trend line in table rows (CSS pixels).
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 28, 3


def with_unit(value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    return f"{number(value)}{unit or ''}"


def target_text(result: ItemAssessment) -> str:
    """The target the item is judged against, in the words of its rule."""
    value, unit = result.target_value, result.unit or ""
    if result.method == "trend":
        return _("无量化目标")
    if result.method == "needs_target" or value is None:
        return result.target_text or _("待明确")
    if result.method == "growth":
        return _("年均增长 %(value)s%%") % {"value": number(value)}
    if result.method == "reduction":
        return _("累计降低 %(value)s%%") % {"value": number(value)}
    text = f"{number(value)}{unit}"
    if result.target_comparator == "~":
        return _("%(value)s左右") % {"value": text}
    sign = COMPARATOR_SIGNS.get(result.target_comparator or "")
    return f"{sign} {text}" if sign and sign != "=" else text


def sparkline(result: ItemAssessment, colour: str):
    """A small inline SVG of the series (baseline first, where it is a level) for table rows.

    The figures are in the row beside it; the line carries an accessible name saying them.
    """
    points = list(result.series)
    rates = result.method in ("growth", "reduction") and (
        result.method == "reduction" or is_growth_rate(result.name, result.unit)
    )
    baseline = (result.baseline_year, result.baseline_value)
    if not rates and None not in baseline and (not points or points[0][0] > baseline[0]):
        points.insert(0, baseline)
    if not points:
        return format_html('<span class="muted">{}</span>', _("暂无数据"))
    description = "，".join(f"{y}: {number(v)}" for y, v in points)
    coords = _scaled(points)
    if len(coords) == 1:
        coords.append((coords[0][0] + 1, coords[0][1]))
    last_x, last_y = coords[-1]
    return format_html(
        '<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}"><title>{label}</title>'
        '<polyline fill="none" stroke="{c}" stroke-width="2" points="{pts}"/>'
        '<circle cx="{x}" cy="{y}" r="3" fill="{c}"/></svg>',
        w=SPARK_WIDTH,
        h=SPARK_HEIGHT,
        label=_("趋势：%(points)s") % {"points": description},
        c=colour,
        pts=format_html_join(" ", "{},{}", coords),
        x=last_x,
        y=last_y,
    )


def _scaled(points: list[tuple[int, float]]) -> list[tuple[float, float]]:
    years = [y for y, _ in points]
    values = [v for _, v in points]
    y0, y1 = min(years), max(years)
    low, high = min(values), max(values)
    span_x = (y1 - y0) or 1
    span_y = (high - low) or 1
    inner_w, inner_h = SPARK_WIDTH - 2 * SPARK_PAD, SPARK_HEIGHT - 2 * SPARK_PAD
    return [
        (
            round(SPARK_PAD + (y - y0) / span_x * inner_w, 1),
            round(
                SPARK_PAD + inner_h - ((v - low) / span_y * inner_h if high > low else inner_h / 2),
                1,
            ),
        )
        for y, v in points
    ]
