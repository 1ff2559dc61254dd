"""The rules for targets stated in words: relative, reference, range and year-set.

``高于GDP增长`` is judged year by year against the referenced row's own figures,
``快于全省平均水平`` against the outside figures the coordinator records, ``保持在合理区间``
against the bounds the coordinator records and ``各年度视情提出`` against each year's own target
(the annual plan, the year's 政府工作报告). Where nothing can be compared the item is
``needs_target`` and the judgement names what is missing. Formulas: docs/methodology.md §8.11–8.14.
"""

from __future__ import annotations

from math import prod

from planwatch.assess.items import MeasurableItem, meets
from planwatch.assess.methods import EPS, Context, Judgement, Points
from planwatch.assess.model import blank

#: (year, own figure, figure compared with)
Pairs = tuple[tuple[int, float, float], ...]


def yearly_growth(
    points: Points, rates: bool, baseline: float | None, base_year: int
) -> dict[int, float]:
    """Each year's growth in %: the figures themselves for a rate series, else the change of
    the level from the year before (the baseline standing for the base year)."""
    if rates:
        return {y: v for y, v in points if y > base_year}
    levels = dict(points)
    if baseline is not None:
        levels.setdefault(base_year, baseline)
    return {
        y: (levels[y] / levels[y - 1] - 1) * 100
        for y in sorted(levels)
        if y > base_year and y - 1 in levels and levels[y - 1] > 0
    }


def mean_growth(rates: list[float]) -> float:
    """The average yearly growth of a run of yearly rates (compounded, in %)."""
    return (prod(1 + r / 100 for r in rates) ** (1 / len(rates)) - 1) * 100


def compares_growth(item: MeasurableItem) -> bool:
    """A relative target compares growth (高于GDP增长, 同步); an outside reference compares the
    item's own figures (快于全省平均水平 of a growth row is a growth already)."""
    word = item.word
    if word is None or word.kind != "relative":
        return False
    return (
        item.rates
        or item.compared_rates
        or word.relation == "in_step"
        or "增" in (word.reference_name or "")
    )


def assess_relative(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Against another row of the plan: year by year, and on average over the years both have."""
    return _against_figures(item, points, ctx)


def assess_reference(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Against an outside figure the coordinator records (by year, or one for the period)."""
    return _against_figures(item, points, ctx)


def _against_figures(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    if not points:
        return Judgement("no_data")
    latest = points[-1]
    compared = item.compared or {}
    growth = compares_growth(item)
    own = (
        yearly_growth(points, item.rates, item.baseline, item.base_year) if growth else dict(points)
    )
    period = compared.get(None)
    other = {y: compared.get(y, period) for y in own}
    pairs = tuple((y, own[y], other[y]) for y in sorted(own) if other[y] is not None)
    unmatched = [y for y in sorted(own) if other[y] is None]
    if not pairs:
        return Judgement("needs_target", latest=latest, unmatched=unmatched or sorted(own))
    mine = [p[1] for p in pairs]
    theirs = [p[2] for p in pairs]
    rates = growth or item.rates
    own_mean = mean_growth(mine) if rates else sum(mine) / len(mine)
    if period is not None and len(compared) == 1:
        their_mean = period  # one figure for the period: compared with the period's average
    else:
        their_mean = mean_growth(theirs) if rates else sum(theirs) / len(theirs)
    relation = item.word.relation or "not_below"
    band = ctx.options.step_band
    status = relation_status(relation, own_mean - their_mean, pairs, band)
    verdict = blank(Judgement)
    Judgement.__init__(
        verdict,
        status,
        latest=latest,
        judged_value=own_mean,
        expected_value=their_mean,
        gap=own_mean - their_mean,
        first_year=pairs[0][0],
        years_reported=len(pairs),
        pairs=pairs,
        unmatched=unmatched,
        band=band,
    )
    return verdict


def relation_status(relation: str, difference: float, pairs: Pairs, band: float) -> str:
    """高于/不低于: on track when above on average and every year, roughly on track when above on
    average only or no more than ``band`` below; 同步: on track within ±``band`` (or faster) on
    average and every year, roughly within twice the band; lagging beyond. 低于/不高于 mirror."""
    sign = -1.0 if relation in ("below", "not_above") else 1.0
    d = sign * difference
    years = [sign * (a - b) for _, a, b in pairs]
    if relation == "in_step":
        if d >= -band - EPS:
            return "on_track" if all(x >= -band - EPS for x in years) else "roughly_on_track"
        return "roughly_on_track" if d >= -2 * band - EPS else "lagging"
    strict = relation in ("above", "below")
    if (d > EPS) if strict else (d >= -EPS):
        each = all((x > EPS) if strict else (x >= -EPS) for x in years)
        return "on_track" if each else "roughly_on_track"
    return "roughly_on_track" if d >= -band - EPS else "lagging"


def assess_year_set(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Each year against its own target (年度目标); the grade from the average realised over the
    average targeted (compounded for rates) read against the growth bands."""
    if not points:
        return Judgement("no_data")
    latest = points[-1]
    targets = item.annual_targets or {}
    pairs = tuple((y, v, targets[y].value) for y, v in points if y in targets)
    unmatched = [y for y, _ in points if y not in targets]
    if not pairs:
        return Judgement("needs_target", latest=latest, unmatched=unmatched)
    met = [_year_met(item, y, v, t, ctx) for y, v, t in pairs]
    mine, goals = [p[1] for p in pairs], [p[2] for p in pairs]
    if item.rates:
        own_mean, goal_mean = mean_growth(mine), mean_growth(goals)
    else:
        own_mean, goal_mean = sum(mine) / len(mine), sum(goals) / len(goals)
    if item.direction == "decrease":
        ratio = goal_mean / own_mean if own_mean else None
    else:
        ratio = own_mean / goal_mean if goal_mean else None
    o = ctx.options
    if all(met):
        status = (
            "ahead" if ratio is not None and ratio >= o.growth_ahead_ratio - EPS else "on_track"
        )
    elif ratio is None or ratio < 0:
        status = "regressing"
    elif ratio >= o.growth_roughly_ratio - EPS:
        status = "roughly_on_track"
    elif ratio >= o.growth_lagging_ratio - EPS:
        status = "lagging"
    else:
        status = "seriously_lagging"
    verdict = blank(Judgement)
    Judgement.__init__(
        verdict,
        status,
        latest=latest,
        judged_value=own_mean,
        expected_value=goal_mean,
        gap=own_mean - goal_mean,
        progress_ratio=ratio,
        first_year=pairs[0][0],
        years_reported=len(pairs),
        pairs=pairs,
        unmatched=unmatched,
        met=tuple(met),
    )
    return verdict


def _year_met(item: MeasurableItem, year: int, value: float, goal: float, ctx: Context) -> bool:
    comparator = item.annual_targets[year].comparator
    if comparator == "~":  # …左右: met within the about band short of it
        slack = ctx.options.about_band
        if item.direction == "decrease":
            return value <= goal + slack + EPS
        return value >= goal - slack - EPS
    return meets(value, goal, comparator, item.direction)


def assess_range(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Within the range recorded for each year (or for every year): kept while every judged
    year is inside; the latest year outside is lagging."""
    if not points:
        return Judgement("no_data")
    latest = points[-1]
    bounds = item.bounds or {}
    judged = []
    unmatched = []
    for y, v in points:
        bound = bounds.get(y, bounds.get(None))
        if bound is None:
            unmatched.append(y)
            continue
        low, high = bound.low, bound.high
        inside = (low is None or v >= low - EPS) and (high is None or v <= high + EPS)
        judged.append((y, v, low, high, inside))
    if not judged:
        return Judgement("needs_target", latest=latest, unmatched=unmatched)
    last = judged[-1]
    status = "bound_kept" if last[4] else "lagging"
    verdict = blank(Judgement)
    Judgement.__init__(
        verdict,
        status,
        latest=latest,
        first_year=judged[0][0],
        years_reported=len(judged),
        ranges=tuple(judged),
        unmatched=unmatched,
    )
    return verdict
