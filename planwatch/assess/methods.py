"""The assessment rules: one function per rule, each with its section in docs/methodology.md.

A rule takes a :class:`~planwatch.assess.items.MeasurableItem`, its observed points — (year,
value) pairs within the plan period, at or before the assessment year, in the item's unit, in
chronological order — and a :class:`Context`; it returns a :class:`Judgement`: the status and
every figure behind it. Sentences are written from the judgement in explain.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import log, prod

from planwatch.assess.international import cagr, second_opinion
from planwatch.assess.items import MeasurableItem, meets
from planwatch.assess.model import AssessOptions, International, Projection
from planwatch.assess.projection import project

Points = Sequence[tuple[int, float]]

#: Rounding slack for the comparisons of shares with the tolerance.
EPS = 1e-9
#: ``pace_unit`` of a yearly change of a percentage: percentage points.
POINTS = "pp"


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule needs besides the item: the assessment year and the options."""

    year: int
    options: AssessOptions


@dataclass(slots=True)
class Judgement:
    """A rule's verdict and the figures behind it (see ItemAssessment for their meaning)."""

    status: str
    path: str | None = None
    start: tuple[int, float] | None = None
    #: where the start came from: baseline, base_year (an observation), earliest, zero
    start_source: str | None = None
    latest: tuple[int, float] | None = None
    target_value: float | None = None
    judged_value: float | None = None
    expected_value: float | None = None
    completion_share: float | None = None
    time_share: float | None = None
    gap: float | None = None
    required_pace: float | None = None
    pace_unit: str | None = None
    projection: Projection | None = None
    international: International | None = None
    #: first year of a rate series (growth, reduction) and how many years were reported
    first_year: int | None = None
    years_reported: int | None = None


# --- the rules ----------------------------------------------------------------------------


def assess_growth(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Average annual growth g* over the period: realised ḡ against the compounding path."""
    g_star = item.target / 100
    if item.rates:
        observed = [p for p in points if p[0] > item.base_year]
        if not observed:
            return Judgement("no_data")
        start = (item.base_year, 1.0)
        index_points = [start]
        running = 1.0
        for year, rate in observed:
            running *= 1 + rate / 100
            index_points.append((year, running))
        latest = observed[-1]
        mean = running ** (1 / len(observed)) - 1
        shown_start, source = None, None
    else:
        shown_start, source, latest = located(item, points, earliest=True)
        if latest is None or shown_start is None or shown_start[1] <= 0:
            return Judgement("no_data", start=shown_start, latest=latest)
        x0 = shown_start[1]
        observed = [p for p in points if p[0] > shown_start[0]]
        start = (shown_start[0], 1.0)
        index_points = [start, *((y, v / x0) for y, v in observed)]
        span = latest[0] - start[0]
        ratio = latest[1] / x0
        mean = ratio ** (1 / span) - 1 if ratio > 0 else -1.0
    years = item.target_year - start[0]
    elapsed = latest[0] - start[0]
    index = (1 + mean) ** elapsed
    goal = (1 + g_star) ** years
    tau = time_share(start[0], latest[0], item.target_year)
    met = meets(index, goal, item.comparator, item.direction)
    status, share, _, _ = judge_on_path(
        1.0, goal, index, tau, "geometric", item.direction, met, ctx
    )
    remaining = item.target_year - latest[0]
    required = None
    if not met and remaining > 0 and index > 0:
        required = ((goal / index) ** (1 / remaining) - 1) * 100
    projection = None
    fit = _fit(index_points, item.target_year, log_linear=True)
    if fit is not None:
        # shown as the average growth over the period (rates) or as the level (levels)
        scale = None if item.rates else shown_start[1]
        value, low, high = (_index_shown(v, years, scale) for v in fit[:3])
        projection = Projection(
            item.target_year,
            value,
            low,
            high,
            meets(fit[0], goal, item.comparator, item.direction),
            fit[3],
        )
    return Judgement(
        status,
        path="geometric",
        start=shown_start,
        start_source=source,
        latest=latest,
        target_value=item.target,
        judged_value=mean * 100,
        expected_value=item.target,
        completion_share=share,
        time_share=tau,
        gap=_sign(item.direction) * (mean - g_star) * 100,
        required_pace=required,
        pace_unit="%" if required is not None else None,
        projection=projection,
        international=second_opinion(
            mean, g_star, met=met, direction=item.direction, options=ctx.options
        ),
        first_year=observed[0][0],
        years_reported=len(observed),
    )


def assess_level(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """A level target from a baseline: completion share against time share on the item's path."""
    # a multiple is of the base-year value: no other year may stand in for it
    start, source, latest = located(item, points, earliest=item.multiple is None)
    if latest is None:
        return Judgement("no_data", start=start, start_source=source)
    target = item.target
    if item.multiple is not None:
        if start is None:
            return Judgement("needs_target", latest=latest)
        target = item.multiple * start[1]
    return _on_path(item, start, source, latest, target, points, ctx)


def assess_cumulative(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """A cumulative change 〔Δ〕 from the base-year value (or additions from zero)."""
    start, source, latest = located(item, points, earliest=False)
    if latest is None or start is None:
        goal = None if start is None else start[1] + item.target
        return Judgement("no_data", start=start, start_source=source, latest=latest,
                         target_value=goal)  # fmt: skip
    judgement = _on_path(item, start, source, latest, start[1] + item.target, points, ctx)
    judgement.judged_value = latest[1] - start[1]
    if judgement.expected_value is not None:
        judgement.expected_value -= start[1]
    return judgement


def assess_ceiling(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """A ceiling (…以内, ≤): holding now is achieved, but it must keep holding."""
    return _assess_bound(item, points, ctx)


def assess_floor(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """A floor (…以上, ≥) the baseline already keeps: holding now is achieved, and must last."""
    return _assess_bound(item, points, ctx)


def assess_hold(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Target equal to the baseline: hold at least the baseline in the normative direction."""
    return _assess_bound(item, points, ctx)


def assess_reduction(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Yearly reductions rᵢ (…降低): cumulative 1 − ∏(1 − rᵢ) against 1 − (1 − R*)^τ."""
    goal = item.target / 100
    observed = [p for p in points if p[0] > item.base_year]
    if not observed:
        return Judgement("no_data")
    index_points = [(item.base_year, 1.0)]
    remaining_share = 1.0
    for year, rate in observed:
        remaining_share *= 1 - rate / 100
        index_points.append((year, remaining_share))
    latest = observed[-1]
    mean = 1 - remaining_share ** (1 / len(observed))
    years = item.target_year - item.base_year
    elapsed = latest[0] - item.base_year
    intensity = (1 - mean) ** elapsed
    achieved = 1 - intensity
    tau = time_share(item.base_year, latest[0], item.target_year)
    met = meets(achieved, goal, item.comparator, "increase")
    status, share, expected, _ = judge_on_path(
        1.0, 1 - goal, intensity, tau, "geometric", "decrease", met, ctx
    )
    remaining = item.target_year - latest[0]
    required = None
    if not met and remaining > 0 and goal < 1:
        required = (1 - ((1 - goal) / intensity) ** (1 / remaining)) * 100
    projection = None
    fit = _fit(index_points, item.target_year, log_linear=True)
    if fit is not None:
        value, low, high, method = fit
        projection = Projection(
            year=item.target_year,
            value=(1 - value) * 100,
            low=None if high is None else (1 - high) * 100,
            high=None if low is None else (1 - low) * 100,
            will_meet=meets(1 - value, goal, item.comparator, "increase"),
            method=method,
        )
    return Judgement(
        status,
        path="geometric",
        latest=latest,
        target_value=item.target,
        judged_value=achieved * 100,
        expected_value=(1 - expected) * 100,
        completion_share=share,
        time_share=tau,
        gap=(achieved - (1 - expected)) * 100,
        required_pace=required,
        pace_unit="%" if required is not None else None,
        projection=projection,
        international=second_opinion(
            -mean,
            (1 - goal) ** (1 / years) - 1 if goal < 1 else None,
            met=met,
            direction="decrease",
            options=ctx.options,
        ),
        first_year=observed[0][0],
        years_reported=len(observed),
    )


def assess_trend(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """No target: improving, stable or worsening from the start to the latest value."""
    if item.reduces:
        return _reduction_trend(item, points, ctx)
    start, source, latest = located(item, points, earliest=True)
    if latest is None or start is None:
        return Judgement("no_data", start=start, start_source=source, latest=latest)
    change = latest[1] - start[1]
    scale = abs(start[1])
    relative = change / scale if scale else (0.0 if change == 0 else float("inf"))
    if abs(relative) < ctx.options.stable_band:
        status = "stable"
    else:
        status = "improving" if _sign(item.direction) * change > 0 else "worsening"
    return Judgement(
        status,
        path=item.path,
        start=start,
        start_source=source,
        latest=latest,
        judged_value=latest[1],
        gap=_sign(item.direction) * change,
        projection=_level_projection(item, start, points, None),
        international=second_opinion(
            cagr(start[1], latest[1], latest[0] - start[0]),
            None,
            met=False,
            direction=item.direction,
            options=ctx.options,
        ),
    )


def _reduction_trend(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Reductions without a target: the trend of the intensity they reduce (falling = better)."""
    observed = [p for p in points if p[0] > item.base_year]
    if not observed:
        return Judgement("no_data")
    intensity = prod(1 - rate / 100 for _, rate in observed)
    achieved = 1 - intensity
    if abs(achieved) < ctx.options.stable_band:
        status = "stable"
    else:
        status = "improving" if achieved > 0 else "worsening"
    years = observed[-1][0] - item.base_year
    return Judgement(
        status,
        path="geometric",
        latest=observed[-1],
        judged_value=achieved * 100,
        gap=achieved * 100,
        international=second_opinion(
            cagr(1.0, intensity, years), None, met=False, direction="decrease", options=ctx.options
        ),
        first_year=observed[0][0],
        years_reported=len(observed),
    )


def assess_needs_target(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """The target is words (完成省市分解任务, qualitative): report the data, judge nothing."""
    return Judgement("needs_target", latest=points[-1] if points else None)


#: rule name → its function; the engine dispatches through this table only.
RULE_FUNCTIONS: dict[str, Callable[[MeasurableItem, Points, Context], Judgement]] = {
    "growth": assess_growth,
    "level": assess_level,
    "cumulative": assess_cumulative,
    "ceiling": assess_ceiling,
    "floor": assess_floor,
    "hold": assess_hold,
    "reduction": assess_reduction,
    "trend": assess_trend,
    "needs_target": assess_needs_target,
}


# --- shared steps -------------------------------------------------------------------------


def judge_on_path(
    x0: float,
    target: float,
    xt: float,
    tau: float,
    path: str,
    direction: str,
    met: bool,
    ctx: Context,
) -> tuple[str, float | None, float, str]:
    """Status, completion share, expected value at τ and the path actually used.

    On the geometric path the completion share is measured on the log scale,
    p = ln(xt/x0) / ln(xT/x0), so that a value exactly on the path has p = τ.
    """
    if target == x0:
        return ("achieved" if met else "regressing"), None, x0, path
    if path == "geometric" and x0 > 0 and target > 0:
        expected = x0 * (target / x0) ** tau
        share = log(xt / x0) / log(target / x0) if xt > 0 else (xt - x0) / (target - x0)
        return progress_status(share, tau, met, ctx.options), share, expected, "geometric"
    expected = x0 + tau * (target - x0)
    share = (xt - x0) / (target - x0)
    return progress_status(share, tau, met, ctx.options), share, expected, "linear"


def progress_status(share: float, tau: float, met: bool, options: AssessOptions) -> str:
    """时间过半、任务过半: completion share p against time share τ, with the tolerance."""
    if met:
        return "achieved"
    if share < -EPS:
        return "regressing"
    if share >= tau - options.tolerance - EPS:
        return "on_track" if tau < 1 - EPS else "lagging"  # the deadline has come: not on track
    if share >= tau - options.serious_tolerance - EPS:
        return "lagging"
    return "seriously_lagging"


def start_point(
    item: MeasurableItem, points: Points, *, earliest: bool
) -> tuple[tuple[int, float] | None, str | None]:
    """Where progress is measured from: baseline, a base-year observation, or the earliest one."""
    if item.increment:
        return (item.base_year, 0.0), "zero"
    if item.baseline is not None:
        return (item.baseline_year or item.base_year, item.baseline), "baseline"
    if points and points[0][0] == item.base_year:
        return points[0], "base_year"
    if earliest and len(points) >= 2:
        return points[0], "earliest"
    return None, None


def located(item: MeasurableItem, points: Points, *, earliest: bool):
    """The start (with where it came from) and the newest observation after it."""
    start, source = start_point(item, points, earliest=earliest)
    return start, source, latest_point(start, points)


def latest_point(start: tuple[int, float] | None, points: Points) -> tuple[int, float] | None:
    """The newest observation after the start (any observation where there is no start)."""
    if not points:
        return None
    if start is not None and points[-1][0] <= start[0]:
        return None
    return points[-1]


def time_share(start_year: int, year: int, target_year: int) -> float:
    """τ = (t − t0) / (T − t0), at most 1."""
    if target_year <= start_year:
        return 1.0
    return min(1.0, (year - start_year) / (target_year - start_year))


def required_pace(
    xt: float, target: float, remaining: int, path: str, unit: str | None
) -> tuple[float | None, str | None]:
    """The yearly growth (geometric, in %) or change (linear, in units) still needed."""
    if remaining <= 0:
        return None, None
    if path == "geometric" and xt > 0 and target > 0:
        return ((target / xt) ** (1 / remaining) - 1) * 100, "%"
    return (target - xt) / remaining, POINTS if unit == "%" else unit


def _on_path(item, start, source, latest, target, points, ctx: Context) -> Judgement:
    """Judge the latest level against the path from the start to the target."""
    year, xt = latest
    met = meets(xt, target, item.comparator, item.direction)
    projection = _level_projection(item, start, points, target)
    if start is None:
        return Judgement(
            "achieved" if met else "no_data",
            latest=latest,
            target_value=target,
            judged_value=xt,
            projection=projection,
            international=second_opinion(
                None, None, met=met, direction=item.direction, options=ctx.options
            ),
        )
    start_year, x0 = start
    tau = time_share(start_year, year, item.target_year)
    status, share, expected, path = judge_on_path(
        x0, target, xt, tau, item.path, item.direction, met, ctx
    )
    pace, pace_unit = (None, None)
    if not met:
        pace, pace_unit = required_pace(xt, target, item.target_year - year, path, item.unit)
    return Judgement(
        status,
        path=path,
        start=start,
        start_source=source,
        latest=latest,
        target_value=target,
        judged_value=xt,
        expected_value=expected,
        completion_share=share,
        time_share=tau,
        gap=_sign(item.direction) * (xt - expected),
        required_pace=pace,
        pace_unit=pace_unit,
        projection=projection,
        international=second_opinion(
            cagr(x0, xt, year - start_year),
            cagr(x0, target, item.target_year - start_year),
            met=met,
            direction=item.direction,
            options=ctx.options,
        ),
    )


def _assess_bound(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Ceilings, floors and holds: a bound that must hold now and until the target year."""
    start, source, latest = located(item, points, earliest=True)
    if latest is None:
        return Judgement("no_data", start=start, start_source=source)
    target = item.target
    if start is not None and not meets(start[1], target, item.comparator, item.direction):
        return _on_path(item, start, source, latest, target, points, ctx)  # not yet kept
    year, xt = latest
    met = meets(xt, target, item.comparator, item.direction)
    # kept at the start and broken now: regressing; with no start, at least not kept: lagging
    status = "achieved" if met else "regressing" if start is not None else "lagging"
    pace, pace_unit = (None, None)
    if not met:
        pace, pace_unit = required_pace(xt, target, item.target_year - year, "linear", item.unit)
    return Judgement(
        status,
        path=None,
        start=start,
        start_source=source,
        latest=latest,
        target_value=target,
        judged_value=xt,
        expected_value=target,
        time_share=None if start is None else time_share(start[0], year, item.target_year),
        gap=_sign(item.direction) * (xt - target),
        required_pace=pace,
        pace_unit=pace_unit,
        projection=_level_projection(item, start, points, target),
        international=second_opinion(
            None if start is None else cagr(start[1], xt, year - start[0]),
            None,
            met=met,
            direction=item.direction,
            options=ctx.options,
        ),
    )


def _level_projection(item, start, points: Points, target: float | None) -> Projection | None:
    """Project the level series (start included) to the target year."""
    if start is None:
        series = points
    elif points and points[0][0] > start[0]:
        series = [start, *points]
    else:
        series = [start, *[p for p in points if p[0] > start[0]]]
    fit = _fit(series, item.target_year, log_linear=item.path == "geometric")
    if fit is None:
        return None
    value, low, high, method = fit
    will_meet = None if target is None else meets(value, target, item.comparator, item.direction)
    return Projection(item.target_year, value, low, high, will_meet, method)


def _fit(series: Points, target_year: int, *, log_linear: bool):
    if not series or series[-1][0] >= target_year:
        return None  # nothing left to project
    return project(series, target_year, log_linear=log_linear)


def _index_shown(index: float | None, years: int, scale: float | None) -> float | None:
    """A projected growth index as the average yearly growth in % (or as a level)."""
    if index is None:
        return None
    if scale is not None:
        return index * scale
    return (index ** (1 / years) - 1) * 100 if index > 0 else -100.0


def _sign(direction: str) -> float:
    return -1.0 if direction == "decrease" else 1.0
