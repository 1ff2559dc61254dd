"""assess_plan: a plan and its observations in, every item's verdict and the roll-up out.

Input is checked whole before anything is judged: an unknown item, a duplicate (item, year), a
year outside the plan period, a value that is not a finite number or a unit that cannot be
converted exactly raises InputError, and no partial result is returned.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from math import isfinite
from numbers import Real

from planwatch.assess.explain import explain
from planwatch.assess.items import MeasurableItem, measurable_items, plan_period
from planwatch.assess.methods import RULE_FUNCTIONS, Context
from planwatch.assess.model import (
    AssessOptions,
    Deferred,
    ItemAssessment,
    ItemOverride,
    LaterTarget,
    ManualVerdict,
    Observation,
    PlanAssessment,
)
from planwatch.assess.rollup import summarise
from planwatch.assess.status import BY_CODE
from planwatch.assess.units import UnitError, convert
from planwatch.errors import InputError
from planwatch.outline.model import Plan

#: A full-pass threshold no batch reaches (counted in passes over the middle generation).
FULL_PASS_HELD_OFF = 1 << 30
#: Batches running in this process (threads may overlap) and the threshold they put back.
_batches_running = 0
_full_pass_threshold = 10
_batches_lock = threading.Lock()


def assess_plan(
    plan: Plan,
    observations: Iterable[Observation],
    year: int,
    *,
    later_targets: Iterable[LaterTarget] = (),
    verdicts: Iterable[ManualVerdict] = (),
    overrides: Iterable[ItemOverride] = (),
    options: AssessOptions = AssessOptions(),  # noqa: B008 - frozen, shared safely
) -> PlanAssessment:
    """Judge every indicator and prose target of ``plan`` at assessment year ``year``."""
    base, target = plan_period(plan)
    if not base < year <= target:
        raise InputError(f"assessment year {year} is outside the plan period {base + 1}–{target}")
    check_options(options)
    items = measurable_items(plan, later_targets=later_targets, overrides=overrides)
    by_code = {item.code: item for item in items}
    series = group_observations(observations, by_code, base, target)
    manual = manual_verdicts(verdicts, by_code)
    ctx = Context(year, options)
    indicators: list[ItemAssessment] = []
    targets: list[ItemAssessment] = []
    for item in items:
        judged = assess_item(item, series.get(item.code, {}), ctx, manual.get(item.code))
        (indicators if item.kind == "indicator" else targets).append(judged)
    summary = summarise([*indicators, *targets], options)
    return PlanAssessment(year, indicators, targets, summary, options)


def assess_many(
    batch: Iterable[tuple[Plan, Iterable[Observation]]],
    year: int,
    *,
    options: AssessOptions = AssessOptions(),  # noqa: B008 - frozen, shared safely
) -> list[PlanAssessment]:
    """``assess_plan`` for each (plan, observations) of a batch, e.g. every plan of a province.

    The garbage collector's full passes are held off meanwhile: the results hold no reference
    cycles, yet as they pile up each full pass would rescan all of them again (a quarter of the
    time at province scale). The quick passes over new objects go on; the old thresholds are
    back once the last batch running (in any thread) is done or fails, and the next full pass
    runs when it is next due.
    """
    with _full_passes_held_off():
        return [assess_plan(plan, obs, year, options=options) for plan, obs in batch]


@contextmanager
def _full_passes_held_off() -> Iterator[None]:
    """Raise the full-pass threshold while any batch runs; the last one out puts it back."""
    global _batches_running, _full_pass_threshold
    with _batches_lock:
        if _batches_running == 0:
            young, middle, _full_pass_threshold = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_PASS_HELD_OFF)
        _batches_running += 1
    try:
        yield
    finally:
        with _batches_lock:
            _batches_running -= 1
            if _batches_running == 0:
                young, middle, _ = gc.get_threshold()  # keep what others set meanwhile
                gc.set_threshold(young, middle, _full_pass_threshold)


def assess_item(
    item: MeasurableItem,
    points: Mapping[int, tuple[float, str | None]],
    ctx: Context,
    manual: ManualVerdict | None = None,
) -> ItemAssessment:
    """One item's verdict from its observations (year → (value, source)) up to the year."""
    year = ctx.year
    pairs: list[tuple[int, float]] = []
    sources: list[str] = []  # each source once, in the order of the years
    for y in sorted(points):
        if y <= year:
            value, source = points[y]
            pairs.append((y, value))
            if source and source not in sources:
                sources.append(source)
    judgement = RULE_FUNCTIONS[item.rule](item, pairs, ctx)
    language = ctx.options.language
    status = BY_CODE[judgement.status]
    latest = judgement.latest
    target_value = judgement.target_value
    if target_value is None and item.rule != "cumulative":
        target_value = item.target
    # positional, in field order: keywords cost a µs and a half per item at province scale
    return ItemAssessment(
        item.code,  # code
        item.number,  # number
        item.name,  # name
        item.unit,  # unit
        item.category,  # category
        item.kind,  # kind
        item.binding,  # binding
        status.code,  # status
        status.label_zh if language == "zh-hans" else status.label(language),  # label
        Deferred((explain, item, judgement, status.code, year, language)),  # explanation
        item.rule,  # method
        item.direction,  # direction
        item.baseline_year,  # baseline_year
        item.baseline,  # baseline_value
        item.target_year,  # target_year
        target_value,  # target_value
        item.comparator,  # target_comparator
        item.target_text,  # target_text
        latest[0] if latest else None,  # latest_year
        latest[1] if latest else None,  # latest_value
        _finite(judgement.expected_value),  # expected_value
        judgement.path,  # path
        _finite(judgement.completion_share),  # completion_share
        judgement.time_share,  # time_share
        _finite(judgement.gap),  # gap
        _finite(judgement.required_pace),  # required_pace
        judgement.projection,  # projection
        judgement.international,  # international
        manual,  # manual
        pairs,  # series
        sources,  # sources
        _finite(judgement.judged_value),  # judged_value
        judgement.pace_unit,  # pace_unit
        item.direction_source,  # direction_source
        item.target_source,  # target_source
    )


def group_observations(
    observations: Iterable[Observation],
    items: Mapping[str, MeasurableItem],
    base_year: int,
    target_year: int,
) -> dict[str, dict[int, tuple[float, str | None]]]:
    """Observations per item code and year, converted into the item's unit and checked."""
    series: dict[str, dict[int, tuple[float, str | None]]] = {}
    for obs in observations:
        code, year, value, unit = obs.item, obs.year, obs.value, obs.unit
        by_year = series.get(code)
        if by_year is None:
            if code not in items:
                raise InputError(f"observation for unknown item {code!r}")
            series[code] = by_year = {}
        if year.__class__ is not int:
            raise InputError(f"{code}: {year!r} is not a year")
        if year in by_year:
            raise InputError(f"{code} {year}: more than one value for the same item and year")
        if not base_year <= year <= target_year:
            raise InputError(f"{code} {year}: outside the plan period {base_year}–{target_year}")
        item = items[code]
        # the common case (a finite float in the item's own unit) needs no further checks
        if (
            value.__class__ is not float
            or (unit is not None and unit != item.unit)
            or item.rates
            or value - value  # nan or ±inf
        ):
            value = checked_value(item, value, unit, year)
        by_year[year] = (value, obs.source)
    return series


def checked_value(item: MeasurableItem, value: float, unit: str | None, year: int) -> float:
    """``value`` in the item's unit, or InputError saying why it cannot be used."""
    kind = value.__class__
    if kind is not float and kind is not int:
        if kind is bool or not isinstance(value, Real | Decimal):
            raise InputError(f"{item.code} {year}: {value!r} is not a number", column="value")
        value = float(value)  # a database Decimal, a numpy float
    if not isfinite(value):
        raise InputError(f"{item.code} {year}: {value!r} is not a finite number", column="value")
    if unit is not None and item.unit is not None and unit != item.unit:
        try:
            value = convert(value, unit, item.unit, year=year, day_share=item.day_share)
        except UnitError as exc:
            raise InputError(f"{item.code} {year}: {exc}", column="unit") from None
    if item.rates and (value >= 100 if item.reduces else value <= -100):
        what = "reduction" if item.reduces else "growth rate"
        raise InputError(
            f"{item.code} {year}: a {what} of {value:g}% is not possible", column="value"
        )
    return float(value)


def manual_verdicts(
    verdicts: Iterable[ManualVerdict], items: Mapping[str, MeasurableItem]
) -> dict[str, ManualVerdict]:
    """The current manual verdict per item (the last one given, or the latest recorded)."""
    current: dict[str, ManualVerdict] = {}
    for verdict in verdicts:
        if verdict.item not in items:
            raise InputError(f"manual verdict for unknown item {verdict.item!r}")
        if verdict.status not in BY_CODE:
            raise InputError(
                f"manual verdict for {verdict.item}: unknown status {verdict.status!r}; "
                f"known: {', '.join(BY_CODE)}"
            )
        if not (verdict.reason or "").strip():
            raise InputError(f"manual verdict for {verdict.item}: a reason is required")
        previous = current.get(verdict.item)
        if previous is None or (previous.recorded_at or "") <= (verdict.recorded_at or ""):
            current[verdict.item] = verdict
    return current


def check_options(options: AssessOptions) -> None:
    """Reject options that would make the status bands overlap or invert."""
    if not 0 <= options.tolerance <= options.serious_tolerance < 1:
        raise InputError(
            "tolerance must satisfy 0 ≤ tolerance ≤ serious tolerance < 1 "
            f"(got {options.tolerance:g} and {options.serious_tolerance:g})"
        )
    if not 0 <= options.limited_threshold <= options.substantial_threshold:
        raise InputError("international thresholds must satisfy 0 ≤ limited ≤ substantial")
    if options.stable_band < 0:
        raise InputError("the stable band cannot be negative")


def _finite(value: float | None) -> float | None:
    """A figure that overflowed floating point (absurd inputs) is reported as undefined."""
    return value if value is None or isfinite(value) else None
