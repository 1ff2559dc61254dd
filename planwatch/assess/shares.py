"""Decomposed targets (分解): shares of an item held by departments, 街道/园区 or enterprises.

Each share has its own baseline, target and yearly figures and is judged by the parent item's
own rule (``planwatch.assess.methods``), so the parent's page can say which parts are off course.
Shares roll up to the parent by the item's rule (docs/methodology.md §19): amounts and counts
add up (``sum``); shares, rates and intensities are averaged with stated weights (``weighted``,
e.g. each part's GDP for an energy-intensity reduction) — a weighted roll-up without a weight
for every share is refused, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from planwatch.assess.items import MeasurableItem
from planwatch.assess.methods import RULE_FUNCTIONS, Context
from planwatch.assess.model import AssessOptions
from planwatch.assess.status import BY_CODE, OFF_COURSE
from planwatch.errors import InputError, text

#: Value kinds whose parts add up to the whole.
ADDITIVE_KINDS = frozenset({"amount", "count"})


@dataclass(frozen=True)
class Share:
    """One holder's part of an item: its own baseline, target, weight and figures by year."""

    holder: str
    baseline: float | None
    target: float | None
    weight: float | None = None
    figures: Mapping[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ShareResult:
    holder: str
    status: str
    label: str
    latest_year: int | None
    latest_value: float | None
    expected_value: float | None

    @property
    def off_course(self) -> bool:
        return self.status in OFF_COURSE


@dataclass(frozen=True)
class RollUp:
    """The parts added up (or weighted) per year, and each part judged by the parent's rule."""

    method: str  # "sum" | "weighted"
    baseline: float | None
    target: float | None
    figures: dict[int, float]  # year → rolled-up value, only years every part reported
    incomplete_years: tuple[int, ...]  # years some part reported and another did not
    shares: tuple[ShareResult, ...]

    @property
    def off_course(self) -> tuple[ShareResult, ...]:
        return tuple(s for s in self.shares if s.off_course)


def rollup_method(item: MeasurableItem) -> str:
    """``sum`` for amounts and counts (levels and additions), ``weighted`` for the rest."""
    if item.rule == "rank":
        raise InputError(
            text(
                "shares.rank",
                "{item} 是排名，不能分解后汇总",
                "{item} is a rank; ranks cannot be split into shares and added up",
                item=item.code,
            )
        )
    if item.value_kind in ADDITIVE_KINDS or item.rule == "cumulative":
        return "sum"
    return "weighted"


def roll_up(
    item: MeasurableItem,
    shares: Sequence[Share],
    year: int,
    options: AssessOptions = AssessOptions(),  # noqa: B008 - frozen
) -> RollUp:
    """The parent from its shares, and each share judged at ``year`` by the parent's rule."""
    method = rollup_method(item)
    if method == "weighted":
        unweighted = [s.holder for s in shares if s.weight is None or s.weight <= 0]
        if unweighted:
            raise InputError(
                text(
                    "shares.weight_missing",
                    "{item} 按权重汇总，以下分解单位缺少权重（须为正数）：{holders}",
                    "{item} is rolled up by weights; these shares have no positive weight: "
                    "{holders}",
                    item=item.code,
                    holders="、".join(unweighted),
                )
            )
    years = sorted({y for s in shares for y in s.figures})
    figures: dict[int, float] = {}
    incomplete = []
    for y in years:
        values = [(s.figures.get(y), s.weight) for s in shares]
        if any(v is None for v, _w in values):
            incomplete.append(y)
            continue
        figures[y] = _combine(method, values)
    return RollUp(
        method=method,
        baseline=_combine_optional(method, [(s.baseline, s.weight) for s in shares]),
        target=_combine_optional(method, [(s.target, s.weight) for s in shares]),
        figures=figures,
        incomplete_years=tuple(incomplete),
        shares=tuple(_judge_share(item, s, year, options) for s in shares),
    )


def _combine(method: str, values) -> float:
    if method == "sum":
        return sum(v for v, _w in values)
    total = sum(w for _v, w in values)
    return sum(v * w for v, w in values) / total


def _combine_optional(method: str, values) -> float | None:
    if not values or any(v is None for v, _w in values):
        return None
    return _combine(method, values)


def _judge_share(item: MeasurableItem, share: Share, year: int, options) -> ShareResult:
    """The share as an item of its own: the parent's rule, path and direction, its figures."""
    part = replace(
        item,
        baseline=share.baseline,
        target=share.target if share.target is not None else item.target,
        annual_targets=None,
    )
    points = [(y, float(v)) for y, v in sorted(share.figures.items()) if y <= year]
    judgement = RULE_FUNCTIONS[item.rule](part, points, Context(year, options))
    latest = judgement.latest
    return ShareResult(
        holder=share.holder,
        status=judgement.status,
        label=BY_CODE[judgement.status].label(options.language),
        latest_year=latest[0] if latest else None,
        latest_value=latest[1] if latest else None,
        expected_value=judgement.expected_value,
    )
