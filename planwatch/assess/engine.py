"""assess_plan: a plan and its observations in, every item's verdict and the roll-up out.

Input is checked whole before anything is judged: an unknown item, a duplicate (item, year), a
year outside the plan period, a value that is not a finite number or a unit that cannot be
converted exactly raises InputError, and no partial result is returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from math import isfinite
from numbers import Real

from planwatch.assess.annual import judge_year
from planwatch.assess.explain import explain
from planwatch.assess.items import MeasurableItem, beside_items, measurable_items, plan_period
from planwatch.assess.methods import RULE_FUNCTIONS, Context
from planwatch.assess.model import (
    AnnualTarget,
    AssessOptions,
    ItemAssessment,
    ItemOverride,
    LaterTarget,
    ManualVerdict,
    Observation,
    PlanAssessment,
    RangeBound,
    ReferenceValue,
    WordCheck,
    blank,
)
from planwatch.assess.outlook import outlook_of
from planwatch.assess.plausibility import check_value
from planwatch.assess.rollup import summarise
from planwatch.assess.status import BY_CODE
from planwatch.assess.units import UnitError, convert
from planwatch.errors import InputError, text
from planwatch.outline.model import Plan

#: The quick test of the physical range per value kind (the full check with its messages is
#: plausibility.check_value); strict bounds are nudged inwards, ±inf and 1e15 are outside.
ANY = (-1e15 + 1, 1e15 - 1)
RANGE_OF: dict[str, tuple[float, float]] = {
    "share": (0.0, 100.0),
    "count": (0.0, ANY[1]),
    "amount": (0.0, ANY[1]),
    "rank": (1.0, ANY[1]),
    "growth_rate": (-99.999999, ANY[1]),
    "reduction_rate": (ANY[0], 99.999999),
}


def assess_plan(
    plan: Plan,
    observations: Iterable[Observation],
    year: int,
    *,
    later_targets: Iterable[LaterTarget] = (),
    annual_targets: Iterable[AnnualTarget] = (),
    reference_values: Iterable[ReferenceValue] = (),
    range_bounds: Iterable[RangeBound] = (),
    verdicts: Iterable[ManualVerdict] = (),
    overrides: Iterable[ItemOverride] = (),
    options: AssessOptions = AssessOptions(),  # noqa: B008 - frozen, shared safely
) -> PlanAssessment:
    """Judge every indicator and prose target of ``plan`` at assessment year ``year``."""
    base, target = plan_period(plan)
    if not base < year <= target:
        raise InputError(
            text(
                "assess.year_outside",
                "评估年份{year}年不在规划期{first}—{target}年内",
                "assessment year {year} is outside the plan period {first}–{target}",
                year=year,
                first=base + 1,
                target=target,
            )
        )
    check_options(options)
    items = measurable_items(
        plan,
        later_targets=later_targets,
        overrides=overrides,
        annual_targets=annual_targets,
        reference_values=reference_values,
        range_bounds=range_bounds,
    )
    by_code = {item.code: item for item in items}
    series = group_observations(observations, by_code, base, target)
    beside = {item.code: beside_items(item) for item in items if item.beside}
    link_relative([*items, *(b for found in beside.values() for b in found)], by_code, series)
    manual = manual_verdicts(verdicts, by_code)
    ctx = Context(year, options)
    indicators: list[ItemAssessment] = []
    targets: list[ItemAssessment] = []
    for item in items:
        points = series.get(item.code, {})
        judged = assess_item(item, points, ctx, manual.get(item.code))
        if item.code in beside:
            judged.word_checks = tuple(
                word_check(assess_item(b, points, ctx)) for b in beside[item.code]
            )
        (indicators if item.kind == "indicator" else targets).append(judged)
    summary = summarise([*indicators, *targets], options)
    return PlanAssessment(year, indicators, targets, summary, options)


def assess_item(
    item: MeasurableItem,
    points: Mapping[int, Observation],
    ctx: Context,
    manual: ManualVerdict | None = None,
) -> ItemAssessment:
    """One item's verdict from its checked observations (year → observation) to the year."""
    year = ctx.year
    pairs: list[tuple[int, float]] = []
    sources: list[str] = []  # each source once, in the order of the years
    cumulative: list[int] = []
    for y in sorted(points):
        if y > year:
            break  # in year order: the rest are later still
        obs = points[y]
        pairs.append((y, obs.value))
        source = obs.source
        if source and source not in sources:
            sources.append(source)
        if obs.basis == "cumulative":
            cumulative.append(y)
    if cumulative:
        ctx = Context(year, ctx.options, frozenset(cumulative))
    judgement = RULE_FUNCTIONS[item.rule](item, pairs, ctx)
    options = ctx.options
    language = options.language
    code = judgement.status
    outlook = outlook_of(item, judgement, code, options)
    latest = judgement.latest
    target_value = judgement.target_value
    if target_value is None and item.rule != "cumulative":
        target_value = item.target
    judged = blank(ItemAssessment)
    ItemAssessment.__init__(
        judged,
        code=item.code,
        number=item.number,
        name=item.name,
        unit=item.unit,
        category=item.category,
        kind=item.kind,
        binding=item.binding,
        status=code,
        label=BY_CODE[code].label(language),
        explanation=explain(item, judgement, code, outlook, year, language),
        method=item.rule,
        direction=item.direction,
        baseline_year=item.baseline_year,
        baseline_value=item.baseline,
        target_year=item.target_year,
        target_value=target_value,
        target_comparator=item.comparator,
        target_text=item.target_text,
        latest_year=latest[0] if latest else None,
        latest_value=latest[1] if latest else None,
        expected_value=_finite(judgement.expected_value),
        path=judgement.path,
        completion_share=_finite(judgement.completion_share),
        time_share=judgement.time_share,
        gap=_finite(judgement.gap),
        required_pace=_finite(judgement.required_pace),
        projection=judgement.projection,
        international=judgement.international,
        manual=manual,
        series=tuple(pairs),
        sources=tuple(sources),
        judged_value=_finite(judgement.judged_value),
        pace_unit=judgement.pace_unit,
        direction_source=item.direction_source,
        target_source=item.target_source,
        outlook=outlook,
        progress_ratio=_finite(judgement.progress_ratio),
        missing_years=tuple(judgement.missing_years) if judgement.missing_years else (),
        restates=item.restates,
        compared_with=compared_with(item, language),
        annual=judge_year(item, pairs, year, ctx.cumulative, options)
        if item.annual_targets
        else None,
    )
    return judged


def word_check(judged: ItemAssessment) -> WordCheck:
    """The verdict on a target in words judged beside the row's number."""
    return WordCheck(
        text=judged.target_text or "",
        kind=judged.method,
        status=judged.status,
        label=judged.label,
        explanation=judged.explanation,
        compared_with=judged.compared_with,
        judged_value=judged.judged_value,
        expected_value=judged.expected_value,
    )


def link_relative(items, by_code: Mapping[str, MeasurableItem], series) -> None:
    """A relative target's comparison figures: the referenced row's own, as yearly growth
    where the comparison is one of growth (words.compares_growth)."""
    from planwatch.assess.words import compares_growth, yearly_growth

    for item in items:
        if item.rule != "relative" or item.word is None:
            continue
        other = by_code.get(item.word.reference)
        if other is None or other is item:
            continue  # no such row (any more): nothing to compare, said as needs_target
        item.compared_name = other.name
        item.compared_rates = other.rates
        points = sorted((y, o.value) for y, o in series.get(other.code, {}).items())
        if compares_growth(item):
            figures = yearly_growth(points, other.rates, other.baseline, other.base_year)
        else:
            figures = dict(points)
        item.compared = dict(figures)


def compared_with(item: MeasurableItem, language: str = "zh-hans") -> str | None:
    """What a target in words is compared with, for the item's page and the reports."""
    word = item.word
    if word is None:
        return None
    if item.rule == "relative":
        return item.compared_name or word.reference_name
    if item.rule == "reference":
        return word.reference_name
    named = {"range": ("合理区间", "the range"), "year_set": ("年度目标", "annual targets")}
    pair = named.get(item.rule)
    return None if pair is None else pair[language.lower().startswith("en")]


def group_observations(
    observations: Iterable[Observation],
    items: Mapping[str, MeasurableItem],
    base_year: int,
    target_year: int,
) -> dict[str, dict[int, Observation]]:
    """Observations per item code and year, checked; a value that had to be converted into the
    item's unit is a copy of its observation with the converted value (the input is kept)."""
    series: dict[str, dict[int, Observation]] = {}
    #: per item seen: its years so far, the item, its unit and the quick range test
    seen: dict[str, tuple] = {}
    for obs in observations:
        code, year, value, unit = obs.item, obs.year, obs.value, obs.unit
        spec = seen.get(code)
        if spec is None:
            if code not in items:
                raise InputError(
                    text(
                        "assess.unknown_item",
                        "观测值对应的指标“{item}”不在规划中",
                        "observation for unknown item {item!r}",
                        item=code,
                    )
                )
            item = items[code]
            low, high = RANGE_OF.get(item.value_kind, ANY)
            series[code] = by_year = {}
            spec = seen[code] = (by_year, item, item.unit, low, high, item.value_kind == "rank")
        by_year, item, item_unit, low, high, rank = spec
        if year.__class__ is not int:
            raise InputError(
                text(
                    "assess.bad_year",
                    "{item}：“{year}”不是年份",
                    "{item}: {year!r} is not a year",
                    item=code,
                    year=year,
                )
            )
        if year in by_year:
            raise InputError(
                text(
                    "assess.duplicate",
                    "{item} {year}年有不止一个数值",
                    "{item} {year}: more than one value for the same item and year",
                    item=code,
                    year=year,
                )
            )
        if not base_year <= year <= target_year:
            raise InputError(
                text(
                    "assess.outside_period",
                    "{item} {year}年不在规划期{base}—{target}年内",
                    "{item} {year}: outside the plan period {base}–{target}",
                    item=code,
                    year=year,
                    base=base_year,
                    target=target_year,
                )
            )
        basis = obs.basis
        if basis != "annual" and basis != "cumulative":
            raise InputError(
                text(
                    "assess.bad_basis",
                    "{item} {year}年：口径应为当年或累计，而不是“{basis}”",
                    "{item} {year}: basis must be annual or cumulative, not {basis!r}",
                    item=code,
                    year=year,
                    basis=basis,
                )
            )
        # the common case (a finite float in the item's own unit, within its range) is quick
        if (
            value.__class__ is not float
            or (unit is not None and unit != item_unit)
            or not low <= value <= high  # also false for nan
            or (rank and not value.is_integer())
        ):
            obs = replace(obs, value=checked_value(item, value, unit, year), unit=item_unit)
        by_year[year] = obs
    return series


def checked_value(item: MeasurableItem, value: float, unit: str | None, year: int) -> float:
    """``value`` in the item's unit and possible for it, or InputError saying why not."""
    kind = value.__class__
    if kind is not float and kind is not int:
        if kind is bool or not isinstance(value, Real | Decimal):
            raise InputError(
                text(
                    "assess.not_a_number",
                    "{item} {year}年：“{value}”不是数字",
                    "{item} {year}: {value!r} is not a number",
                    item=item.code,
                    year=year,
                    value=value,
                ),
                column="value",
            )
        value = float(value)  # a database Decimal, a numpy float
    if isfinite(value) and unit is not None and item.unit is not None and unit != item.unit:
        try:
            value = convert(value, unit, item.unit, year=year, day_share=item.day_share)
        except UnitError as exc:
            raise InputError(exc.text, column="unit") from None
    problems = check_value(
        value, item=f"{item.code} {item.name}", year=year, kind=item.value_kind, unit=item.unit
    )
    if problems:
        raise InputError(problems[0].message, column="value")
    return float(value)


def manual_verdicts(
    verdicts: Iterable[ManualVerdict], items: Mapping[str, MeasurableItem]
) -> dict[str, ManualVerdict]:
    """The current manual verdict per item (the last one given, or the latest recorded)."""
    current: dict[str, ManualVerdict] = {}
    for verdict in verdicts:
        if verdict.item not in items:
            raise InputError(
                text(
                    "assess.verdict_unknown_item",
                    "人工评价对应的指标“{item}”不在规划中",
                    "manual verdict for unknown item {item!r}",
                    item=verdict.item,
                )
            )
        if verdict.status not in BY_CODE:
            raise InputError(
                text(
                    "assess.verdict_unknown_status",
                    "{item} 的人工评价：未知的评价结果“{status}”，可用：{known}",
                    "manual verdict for {item}: unknown status {status!r}; known: {known}",
                    item=verdict.item,
                    status=verdict.status,
                    known=", ".join(BY_CODE),
                )
            )
        if not (verdict.reason or "").strip():
            raise InputError(
                text(
                    "assess.verdict_reason",
                    "{item} 的人工评价须写明理由",
                    "manual verdict for {item}: a reason is required",
                    item=verdict.item,
                )
            )
        previous = current.get(verdict.item)
        if previous is None or (previous.recorded_at or "") <= (verdict.recorded_at or ""):
            current[verdict.item] = verdict
    return current


def check_options(options: AssessOptions) -> None:
    """Reject thresholds that would make the grade bands overlap or invert."""
    o = options
    level = 0 <= o.lagging_ratio <= o.roughly_ratio <= 1 <= o.ahead_ratio
    growth = 0 <= o.growth_lagging_ratio <= o.growth_roughly_ratio <= 1 <= o.growth_ahead_ratio
    if not (level and growth and o.unlikely_pace_ratio >= 1):
        raise InputError(
            text(
                "assess.bad_thresholds",
                "评价阈值应满足 0 ≤ 严重滞后界 ≤ 基本符合界 ≤ 1 ≤ 快于预期界，"
                "且难以完成的速度倍数 ≥ 1",
                "thresholds must satisfy 0 ≤ lagging ≤ roughly ≤ 1 ≤ ahead, and the "
                "unlikely pace ratio ≥ 1",
            )
        )
    if not 0 <= o.limited_threshold <= o.substantial_threshold:
        raise InputError(
            text(
                "assess.bad_international",
                "国际方法阈值应满足 0 ≤ 有限 ≤ 显著",
                "international thresholds must satisfy 0 ≤ limited ≤ substantial",
            )
        )
    if o.stable_band < 0:
        raise InputError(
            text(
                "assess.bad_stable_band",
                "“基本稳定”的幅度不能为负",
                "the stable band cannot be negative",
            )
        )


def _finite(value: float | None) -> float | None:
    """A figure that overflowed floating point (absurd inputs) is reported as undefined."""
    return value if value is None or isfinite(value) else None
