"""What the charts draw, as plain data: the browser turns it into an ECharts option.

Keeping the figures here (and the drawing in static/dashboard/charts.js) lets the tests check
what a chart says without a browser. Every line is in the item's own terms:

* levels (level, cumulative, ceiling, floor, hold rules): the values, the baseline, the target
  as a horizontal line, the expected path from the start to the target (linear or geometric, as
  the engine judged it) and the projection with its interval;
* yearly growth rates: the rates and the target average rate as a line;
* yearly reductions (…降低): the cumulative reduction 1 − ∏(1 − rᵢ) against the target, on the
  path 1 − (1 − R*)^τ the engine judges it on (docs/methodology.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from math import isfinite

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import BY_CODE, STATUSES
from planwatch.assess.wording import is_growth_rate
from planwatch.web.core.templatetags.planwatch import number

LEVEL_RULES = frozenset({"level", "cumulative", "ceiling", "floor", "hold", "trend"})


@dataclass
class ItemChart:
    title: str
    unit: str
    colour: str
    observed_label: str
    observed: list[tuple[int, float]]
    baseline: tuple[int, float] | None = None
    target: float | None = None
    target_label: str | None = None
    target_year: int | None = None
    expected: list[tuple[int, float]] = field(default_factory=list)
    #: (year, value) pairs from the latest value to the projected one, and the band around it.
    projection: list[tuple[int, float]] = field(default_factory=list)
    band: list[tuple[int, float, float]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


def item_chart(result: ItemAssessment, base_year: int) -> ItemChart:
    """The chart of one item's series against its target, path and projection."""
    unit = result.unit or ""
    chart = ItemChart(
        title=f"{result.code} {result.name}",
        unit=unit,
        colour=BY_CODE[result.status].colour,
        observed_label=_("实际值"),
        observed=[(y, v) for y, v in result.series],
        labels={
            "baseline": _("基期值"),
            "target": _("目标"),
            "expected": _("预期进度"),
            "projection": _("趋势预测"),
            "band": _("预测区间"),
        },
    )
    if result.method == "reduction":
        _reduction(chart, result, base_year)
    elif result.method == "growth" and is_growth_rate(result.name, result.unit):
        chart.observed_label = _("年度增速")
        if result.baseline_value is not None and result.baseline_year is not None:
            chart.baseline = (result.baseline_year, result.baseline_value)
        if result.target_value is not None:
            chart.target = result.target_value
            chart.target_label = _("目标年均增速 %(value)s%%") % {
                "value": number(result.target_value)
            }
    else:
        _levels(chart, result)
    chart.years = list(range(base_year, (result.target_year or base_year) + 1))
    return chart


def _levels(chart: ItemChart, result: ItemAssessment) -> None:
    if result.baseline_value is not None and result.baseline_year is not None:
        chart.baseline = (result.baseline_year, result.baseline_value)
    start = chart.baseline or (result.series[0] if result.series else None)
    target_year = result.target_year
    if result.method == "growth":  # a level series judged on its average growth
        if start and result.target_value is not None and target_year:
            g = result.target_value / 100
            chart.expected = [
                (y, start[1] * (1 + g) ** (y - start[0])) for y in range(start[0], target_year + 1)
            ]
            chart.target_label = _("按年均增长 %(value)s%% 的路径") % {
                "value": number(result.target_value)
            }
    elif result.target_value is not None:
        chart.target = result.target_value
        chart.target_year = target_year
        chart.target_label = _("目标 %(value)s") % {
            "value": _comparator(result.target_comparator) + number(result.target_value)
        }
        if start and result.path in ("linear", "geometric") and target_year:
            chart.expected = expected_path(start, (target_year, result.target_value), result.path)
    _projection(chart, result)


def _reduction(chart: ItemChart, result: ItemAssessment, base_year: int) -> None:
    chart.observed_label = _("累计降低")
    remaining, cumulative = 1.0, [(base_year, 0.0)]
    for year, rate in result.series:
        remaining *= 1 - rate / 100
        cumulative.append((year, (1 - remaining) * 100))
    chart.observed = cumulative if result.series else []
    target_year = result.target_year
    if result.target_value is None or not target_year:
        return
    goal = result.target_value / 100
    chart.target = result.target_value
    chart.target_year = target_year
    chart.target_label = _("目标累计降低 %(value)s%%") % {"value": number(result.target_value)}
    span = target_year - base_year
    chart.expected = [
        (y, (1 - (1 - goal) ** ((y - base_year) / span)) * 100)
        for y in range(base_year, target_year + 1)
    ]
    _projection(chart, result)


def _projection(chart: ItemChart, result: ItemAssessment) -> None:
    """A dashed line from the latest point to the projected value, with its interval."""
    p = result.projection
    if p is None or not chart.observed or not isfinite(p.value):
        return
    last = chart.observed[-1]
    if p.year <= last[0]:
        return
    chart.projection = [last, (p.year, p.value)]
    if p.low is not None and p.high is not None:
        chart.band = [(last[0], last[1], last[1]), (p.year, p.low, p.high)]


def expected_path(
    start: tuple[int, float], end: tuple[int, float], path: str
) -> list[tuple[int, float]]:
    """Yearly values on the path from ``start`` to ``end``: linear, or geometric (compounding)."""
    (y0, x0), (yT, xT) = start, end
    if yT <= y0:
        return []
    points = []
    for year in range(y0, yT + 1):
        tau = (year - y0) / (yT - y0)
        if path == "geometric" and x0 > 0 and xT > 0:
            points.append((year, x0 * (xT / x0) ** tau))
        else:
            points.append((year, x0 + tau * (xT - x0)))
    return points


def status_overview(rows: Iterable) -> dict:
    """Counts per category and status for the stacked bar chart of a plan page (``rows`` as
    progress.counted gives them: a restatement is not counted twice)."""
    categories: list[str] = []
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.category not in categories:
            categories.append(row.category)
        key = (row.category, row.result.status)
        counts[key] = counts.get(key, 0) + 1
    used = [s for s in STATUSES if any(k[1] == s.code for k in counts)]
    language = get_language() or "zh-hans"
    return {
        "categories": categories,
        "series": [
            {
                "code": s.code,
                "name": s.label(language),
                "colour": s.colour,
                "data": [counts.get((c, s.code), 0) for c in categories],
            }
            for s in used
        ],
    }


def _comparator(comparator: str | None) -> str:
    return {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< "}.get(comparator or "", "")
