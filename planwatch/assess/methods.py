"""The assessment rules: one function per rule, each with its section in docs/methodology.md.

A rule takes a :class:`~planwatch.assess.items.MeasurableItem`, its observed points — (year,
value) pairs within the plan period, at or before the assessment year, in the item's unit, in
chronological order — and a :class:`Context`; it returns a :class:`Judgement`: the status and
every figure behind it. Sentences are written from the judgement in explain.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil, floor, inf, isfinite, log

from planwatch.assess.international import cagr, second_opinion
from planwatch.assess.items import MeasurableItem, meets
from planwatch.assess.model import AssessOptions, International, Projection, blank
from planwatch.assess.projection import project

Points = Sequence[tuple[int, float]]

#: Rounding slack for the comparisons of ratios with the thresholds.
EPS = 1e-9
#: ``pace_unit`` of a yearly change of a percentage: percentage points.
POINTS = "pp"


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule needs besides the item: the assessment year and the options."""

    year: int
    options: AssessOptions
    #: Years of the item at hand whose figure is cumulative since the base year (累计).
    cumulative: frozenset[int] = frozenset()


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
    #: r = p/τ, or ḡ/g* for growth targets: what the grade is read from
    progress_ratio: float | None = None
    #: the yearly pace realised so far, in the unit of ``required_pace``
    observed_pace: float | None = None
    missing_years: list[int] | None = None
    #: Targets in words (words.py): (year, own figure, figure compared with) per year judged,
    #: the years with a figure but nothing to compare it with, whether each year met its target
    #: (year-set) and (year, value, low, high, inside) per year for a range.
    pairs: tuple[tuple[int, float, float], ...] | None = None
    unmatched: list[int] | None = None
    met: tuple[bool, ...] | None = None
    ranges: tuple[tuple[int, float, float | None, float | None, bool], ...] | None = None
    #: the 同步 band the comparison was read with (AssessOptions.step_band)
    band: float | None = None


# --- the rules ----------------------------------------------------------------------------


def assess_growth(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Average annual growth g* over the period: realised ḡ against g* (r = ḡ/g*)."""
    g_star = item.target / 100
    if item.rates:
        chain = rate_chain(points, ctx.cumulative, item.base_year, reduces=False)
        if chain is None:
            return Judgement("no_data")
        latest, index, reported, missing = chain
        start_year, shown_start, source = item.base_year, None, None
    else:
        shown_start, source, latest = located(item, points, earliest=True)
        if latest is None or shown_start is None or shown_start[1] <= 0:
            return _without_start(item, shown_start, source, latest)
        start_year = shown_start[0]
        index = latest[1] / shown_start[1]
        reported = sum(1 for y, _ in points if start_year < y <= latest[0])
        missing = _missing(points, start_year, latest[0])
    elapsed = latest[0] - start_year
    mean = index ** (1 / elapsed) - 1 if index > 0 else -1.0
    years = item.target_year - start_year
    goal = (1 + g_star) ** years
    tau = time_share(start_year, latest[0], item.target_year)
    met = meets(index, goal, item.comparator, item.direction)
    ratio = mean / g_star if g_star else None
    if met:
        status = "achieved"
    elif ratio is None:
        status = "regressing" if _sign(item.direction) * mean < 0 else "on_track"
    else:
        o = ctx.options
        bands = (o.growth_ahead_ratio, o.growth_roughly_ratio, o.growth_lagging_ratio)
        status = grade(ratio, tau, bands)
    remaining = item.target_year - latest[0]
    required = None
    if not met and remaining > 0 and index > 0:
        required = ((goal / index) ** (1 / remaining) - 1) * 100
    projection = None
    carried = _power(1 + mean, years)
    if remaining > 0 and isfinite(carried):
        # the realised average rate carried on to the target year: the period's average is ḡ
        level = None if item.rates else shown_start[1] * carried
        projection = Projection(
            item.target_year,
            mean * 100 if item.rates else _clamped(item, level),
            None,
            None,
            meets(carried, goal, item.comparator, item.direction),
            "average_rate",
            reported,
        )
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
        status,
        path="geometric",
        start=shown_start,
        start_source=source,
        latest=latest,
        target_value=item.target,
        judged_value=mean * 100,
        expected_value=item.target,
        completion_share=log(index) / log(goal) if index > 0 and goal != 1 else None,
        time_share=tau,
        gap=_sign(item.direction) * (mean - g_star) * 100,
        required_pace=required,
        pace_unit="%" if required is not None else None,
        projection=projection,
        international=second_opinion(
            mean, g_star, met=met, direction=item.direction, options=ctx.options
        ),
        first_year=start_year + 1,
        years_reported=reported,
        progress_ratio=ratio,
        observed_pace=mean * 100,
        missing_years=missing,
    )
    return judged


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
    """Reductions (…降低): cumulative 1 − ∏(1 − rᵢ) against 1 − (1 − R*)^τ, r = p/τ."""
    goal = item.target / 100
    chain = rate_chain(points, ctx.cumulative, item.base_year, reduces=True)
    if chain is None:
        return Judgement("no_data")
    latest, intensity, reported, missing = chain
    elapsed = latest[0] - item.base_year
    mean = 1 - intensity ** (1 / elapsed) if intensity > 0 else 1.0
    years = item.target_year - item.base_year
    achieved = 1 - intensity
    tau = time_share(item.base_year, latest[0], item.target_year)
    met = meets(achieved, goal, item.comparator, "increase")
    status, share, expected, _ = judge_on_path(
        1.0, 1 - goal, intensity, tau, "geometric", "decrease", met, ctx
    )
    remaining = item.target_year - latest[0]
    required = None
    if not met and remaining > 0 and goal < 1 and intensity > 0:
        required = (1 - ((1 - goal) / intensity) ** (1 / remaining)) * 100
    projection = None
    if remaining > 0:
        carried = 1 - (1 - mean) ** years  # the realised average yearly reduction carried on
        projection = Projection(
            item.target_year,
            carried * 100,
            None,
            None,
            meets(carried, goal, item.comparator, "increase"),
            "average_rate",
            reported,
        )
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
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
        first_year=item.base_year + 1,
        years_reported=reported,
        progress_ratio=None if share is None else share / tau,
        observed_pace=mean * 100,
        missing_years=missing,
    )
    return judged


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
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
        status,
        path=item.path,
        start=start,
        start_source=source,
        latest=latest,
        judged_value=latest[1],
        gap=_sign(item.direction) * change,
        projection=level_projection(item, points, None),
        international=second_opinion(
            cagr(start[1], latest[1], latest[0] - start[0]),
            None,
            met=False,
            direction=item.direction,
            options=ctx.options,
        ),
    )
    return judged


def _reduction_trend(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Reductions without a target: the trend of the intensity they reduce (falling = better)."""
    chain = rate_chain(points, ctx.cumulative, item.base_year, reduces=True)
    if chain is None:
        return Judgement("no_data")
    latest, intensity, reported, missing = chain
    achieved = 1 - intensity
    if abs(achieved) < ctx.options.stable_band:
        status = "stable"
    else:
        status = "improving" if achieved > 0 else "worsening"
    years = latest[0] - item.base_year
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
        status,
        path="geometric",
        latest=latest,
        judged_value=achieved * 100,
        gap=achieved * 100,
        international=second_opinion(
            cagr(1.0, intensity, years), None, met=False, direction="decrease", options=ctx.options
        ),
        first_year=item.base_year + 1,
        years_reported=reported,
        missing_years=missing,
    )
    return judged


def assess_needs_target(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """The target is words (完成省市分解任务, qualitative): report the data, judge nothing."""
    return Judgement("needs_target", latest=points[-1] if points else None)


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
    """时间过半、任务过半: the progress ratio r = p/τ read against the bands of the options."""
    if met:
        return "achieved"
    bands = (options.ahead_ratio, options.roughly_ratio, options.lagging_ratio)
    return grade(share / tau if tau > 0 else 0.0, tau, bands)


def grade(ratio: float, tau: float, bands: tuple[float, float, float]) -> str:
    """The grade of a target not yet met from its progress ratio (1 = exactly on the path).

    ``bands`` are (ahead, roughly, lagging) thresholds; 1 is the on-track threshold. A ratio
    below zero is movement away from the target; at the deadline an unmet target is behind.
    """
    ahead, roughly, lagging = bands
    if ratio < -EPS:
        return "regressing"
    if tau >= 1 - EPS:
        return "lagging" if ratio >= lagging - EPS else "seriously_lagging"
    if ratio >= ahead - EPS:
        return "ahead"
    if ratio >= 1 - EPS:
        return "on_track"
    if ratio >= roughly - EPS:
        return "roughly_on_track"
    if ratio >= lagging - EPS:
        return "lagging"
    return "seriously_lagging"


def rate_chain(points: Points, cumulative: frozenset[int], base_year: int, *, reduces: bool):
    """A series of rates as one index since the base year (1 at the base year).

    Yearly figures (当年) multiply; a cumulative figure (累计) sets the index itself. Years with
    no figure between two known points are taken at the average of the yearly figures reported
    since the last cumulative one — the same imputation for the status, the pace still needed
    and the projection. Returns (latest point, index, years reported, missing years) or None.
    """
    anchor_year, anchor = base_year, 1.0
    product, yearly = 1.0, 0
    latest = None
    for year, value in points:
        if year <= base_year:
            continue
        factor = 1 - value / 100 if reduces else 1 + value / 100
        latest = (year, value)
        if year in cumulative:
            anchor_year, anchor, product, yearly = year, factor, 1.0, 0
        else:
            product *= factor
            yearly += 1
    if latest is None:
        return None
    reported = sum(1 for y, _ in points if y > base_year)
    span = latest[0] - anchor_year
    if yearly == 0 or product <= 0:
        index = anchor * product
    else:
        index = anchor * (product ** (1 / yearly)) ** span
    return latest, index, reported, _missing(points, anchor_year, latest[0])


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
    projection = level_projection(item, points, target)
    if start is None:
        judged = blank(Judgement)
        Judgement.__init__(
            judged,
            "achieved" if met else "needs_target",
            latest=latest,
            target_value=target,
            judged_value=xt,
            projection=projection,
            international=second_opinion(
                None, None, met=met, direction=item.direction, options=ctx.options
            ),
        )
        return judged
    start_year, x0 = start
    tau = time_share(start_year, year, item.target_year)
    status, share, expected, path = judge_on_path(
        x0, target, xt, tau, item.path, item.direction, met, ctx
    )
    pace, pace_unit = (None, None)
    if not met:
        pace, pace_unit = required_pace(xt, target, item.target_year - year, path, item.unit)
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
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
        progress_ratio=None if share is None else share / tau,
        observed_pace=observed_pace(x0, xt, year - start_year, path),
        missing_years=_missing(points, start_year, year),
    )
    return judged


def _assess_bound(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """Ceilings, floors and holds: a bound that must hold now and every year to the target."""
    start, source, latest = located(item, points, earliest=True)
    if latest is None:
        return Judgement("no_data", start=start, start_source=source)
    target = item.target
    year, xt = latest
    met = meets(xt, target, item.comparator, item.direction)
    if (
        not met
        and start is not None
        and not meets(start[1], target, item.comparator, item.direction)
    ):
        return _on_path(item, start, source, latest, target, points, ctx)  # not yet kept
    # kept now: bound_kept; kept at the start and broken now: regressing; else lagging
    status = "bound_kept" if met else "regressing" if start is not None else "lagging"
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
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
        projection=level_projection(item, points, target),
        international=second_opinion(
            None if start is None else cagr(start[1], xt, year - start[0]),
            None,
            met=met,
            direction=item.direction,
            options=ctx.options,
        ),
        missing_years=None if start is None else _missing(points, start[0], year),
    )
    return judged


def assess_rank(item: MeasurableItem, points: Points, ctx: Context) -> Judgement:
    """A position in a ranking (进入前三十 = position ≤ 30): whole positions on a linear path."""
    start, source, latest = located(item, points, earliest=True)
    if latest is None:
        return Judgement("no_data", start=start, start_source=source)
    target = item.target
    year, xt = latest
    met = meets(xt, target, item.comparator, "decrease")
    projection = level_projection(item, points, target)
    if start is None or met:
        judged = blank(Judgement)
        Judgement.__init__(
            judged,
            "achieved" if met else "needs_target",
            start=start,
            start_source=source,
            latest=latest,
            target_value=target,
            judged_value=xt,
            projection=projection,
        )
        return judged
    x0 = start[1]
    tau = time_share(start[0], year, item.target_year)
    if x0 <= target:  # inside the target group at the start and out of it now
        share, status = -1.0, "regressing"
    else:
        share = (x0 - xt) / (x0 - target)
        status = progress_status(share, tau, False, ctx.options)
    remaining = item.target_year - year
    judged = blank(Judgement)
    Judgement.__init__(
        judged,
        status,
        path="linear",
        start=start,
        start_source=source,
        latest=latest,
        target_value=target,
        judged_value=xt,
        # the whole position the path expects: on the path or better
        expected_value=float(floor(x0 - tau * (x0 - target) + EPS)),
        completion_share=share,
        time_share=tau,
        gap=x0 - tau * (x0 - target) - xt,
        required_pace=float(ceil((xt - target) / remaining - EPS)) if remaining > 0 else None,
        pace_unit="位" if remaining > 0 else None,
        projection=projection,
        progress_ratio=share / tau if tau > 0 else None,
        observed_pace=(x0 - xt) / (year - start[0]),
        missing_years=_missing(points, start[0], year),
    )
    return judged


def observed_pace(x0: float, xt: float, years: int, path: str) -> float | None:
    """The yearly pace realised so far: growth in % (geometric) or change in units (linear)."""
    if years <= 0:
        return None
    if path == "geometric" and x0 > 0 and xt > 0:
        return ((xt / x0) ** (1 / years) - 1) * 100
    return (xt - x0) / years


def level_projection(item, points: Points, target: float | None) -> Projection | None:
    """The fitted path on the observed points only (never the baseline), at least two of them,
    kept inside the physical range of the unit."""
    if len(points) < 2 or points[-1][0] >= item.target_year:
        return None
    fit = project(points, item.target_year, log_linear=item.path == "geometric")
    if fit is None:
        return None
    value, low, high, method = fit
    value = _clamped(item, value)
    low = None if low is None else _clamped(item, low)
    high = None if high is None else _clamped(item, high)
    if item.rule == "rank":
        value = float(round(value))
    will_meet = None if target is None else meets(value, target, item.comparator, item.direction)
    return Projection(
        item.target_year, value, low, high, will_meet, method, len(points), points[0][0]
    )


#: The physically possible range of each value kind (planwatch.assess.plausibility.KINDS).
RANGES: dict[str, tuple[float | None, float | None]] = {
    "share": (0.0, 100.0),
    "count": (0.0, None),
    "amount": (0.0, None),
    "rank": (1.0, None),
    "growth_rate": (-100.0, None),
    "reduction_rate": (None, 100.0),
}


def _clamped(item, value: float) -> float:
    low, high = RANGES.get(item.value_kind, (None, None))
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _missing(points: Points, start_year: int, latest_year: int) -> list[int]:
    """Years after the start and before the latest with no figure."""
    first = points[0][0] if points else latest_year
    if first <= start_year + 1 and points[-1][0] - first + 1 == len(points):
        return []  # the common case: every year reported, from the start on
    inside = [y for y, _ in points if start_year < y < latest_year]
    if len(inside) == latest_year - start_year - 1:
        return []  # the common case: every year reported
    have = set(inside)
    return [y for y in range(start_year + 1, latest_year) if y not in have]


def _without_start(item, start, source, latest) -> Judgement:
    """A figure but no usable start: say so with the figure (never 数据暂缺 next to a value)."""
    if latest is None:
        return Judgement("no_data", start=start, start_source=source)
    return Judgement("needs_target", start=start, start_source=source, latest=latest)


def _sign(direction: str) -> float:
    return -1.0 if direction == "decrease" else 1.0


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
    "rank": assess_rank,
}


def _word_rules() -> None:
    """The rules for targets in words live in words.py, which needs this module's pieces."""
    from planwatch.assess import words

    RULE_FUNCTIONS.update(
        relative=words.assess_relative,
        reference=words.assess_reference,
        range=words.assess_range,
        year_set=words.assess_year_set,
    )


_word_rules()


def _power(base: float, exponent: float) -> float:
    """``base ** exponent``, infinite where a figure typed by mistake makes it overflow: the
    projection then simply misses or meets its target instead of crashing the assessment."""
    try:
        return base**exponent
    except OverflowError:
        return inf
