"""Annual targets (年度目标): each year's share of a five-year target, and a year judged by it.

``propose`` spreads an item's five-year target over the years by the item's own rule and path
(docs/methodology.md §18): a growth target asks for the rate itself every year; a level moves
on its geometric or linear path from the baseline; a cumulative change asks for its yearly
share; a reduction for the yearly rate that compounds to it; a bound (ceiling, floor, hold) is
kept every year; a rank moves by whole positions. ``judge_year`` compares the year's figure with
the year's target: 完成 / 基本完成 / 未完成 — a judgement separate from the five-year path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil, floor, log

from planwatch.assess.items import MeasurableItem, measurable_items, meets, plan_period
from planwatch.assess.methods import EPS, rate_chain
from planwatch.assess.model import AnnualJudgement, AnnualTarget, AssessOptions, blank
from planwatch.errors import Text, text
from planwatch.outline.model import Plan

#: Where an annual target came from, by the code stored with it (rendered in the reader's
#: language); a target entered by hand carries its own words instead.
SOURCES: dict[str, Text] = {
    "path": text("annual.source.path", "按规划路径测算", "Proposed from the plan's path"),
}
#: The source of a proposed annual target: its code, and its words in Chinese.
PROPOSED_CODE = "path"
PROPOSED_SOURCE = SOURCES[PROPOSED_CODE].zh

#: What an annual target measures, per rule (None: nothing to propose).
MEASURE_OF_RULE: dict[str, str] = {
    "growth": "rate",
    "reduction": "rate",
    "level": "level",
    "ceiling": "level",
    "floor": "level",
    "hold": "level",
    "rank": "level",
    "cumulative": "change",
}


@dataclass(frozen=True)
class AnnualStatus:
    code: str
    label_zh: str
    label_en: str

    def label(self, language: str = "zh-hans") -> str:
        return self.label_en if language.lower().startswith("en") else self.label_zh


ANNUAL_STATUSES: tuple[AnnualStatus, ...] = (
    AnnualStatus("completed", "完成", "Met"),
    AnnualStatus("mostly_completed", "基本完成", "Mostly met"),
    AnnualStatus("not_completed", "未完成", "Not met"),
    AnnualStatus("no_data", "数据暂缺", "No data"),
)
ANNUAL_BY_CODE = {s.code: s for s in ANNUAL_STATUSES}


def measure_of(item: MeasurableItem) -> str | None:
    """What the item's annual targets measure: "level", "rate", "change", or None."""
    return MEASURE_OF_RULE.get(item.rule)


# --- proposal -----------------------------------------------------------------------------


def propose(plan: Plan, years: Iterable[int] | None = None, **records) -> list[AnnualTarget]:
    """Every measurable item's proposed target for each year of the period (or ``years``).

    ``records`` are the later targets and overrides ``measurable_items`` takes: a 完成省市分解
    任务 with a recorded number is proposed like any reduction.
    """
    base, target = plan_period(plan)
    wanted = list(years) if years is not None else list(range(base + 1, target + 1))
    proposed = []
    for item in measurable_items(plan, **records):
        for year in wanted:
            found = propose_for_item(item, year)
            if found is not None:
                proposed.append(found)
    return proposed


def propose_for_item(item: MeasurableItem, year: int) -> AnnualTarget | None:
    """The item's target for ``year`` on its path, or None where the rule gives none."""
    value = _proposed_value(item, year)
    if value is None:
        return None
    return AnnualTarget(item.code, year, value, _comparator(item), PROPOSED_SOURCE)


def _proposed_value(item: MeasurableItem, year: int) -> float | None:
    rule, goal = item.rule, item.target
    if goal is None or not item.base_year < year or measure_of(item) is None:
        return None
    t0 = item.baseline_year or item.base_year
    span = item.target_year - t0
    if span <= 0 or year <= t0:
        return None
    tau = min(1.0, (year - t0) / span)
    if rule == "growth":
        return goal
    if rule == "reduction":
        if goal >= 100:
            return None
        yearly = (1 - (1 - goal / 100) ** (1 / span)) * 100
        return ceil(yearly * 100 - 1e-6) / 100  # rounded up: five such years still reach R*
    if rule == "cumulative":
        return round(goal / span, 4)
    x0 = item.baseline
    # a bound is kept every year; one the baseline does not keep yet is approached on its path
    if rule in ("ceiling", "floor", "hold") and (
        x0 is None or meets(x0, goal, item.comparator, item.direction)
    ):
        return goal
    if x0 is None:
        return None
    if item.multiple is not None:
        goal = item.multiple * x0
    if rule == "rank":
        return float(floor(x0 - tau * (x0 - goal) + EPS))
    if item.path == "geometric" and x0 > 0 and goal > 0:
        value = x0 * (goal / x0) ** tau
        if item.value_kind == "count":  # things counted (家, 个): whole enterprises, projects
            return float(floor(value + 0.5))
        return round(value, 2)
    value = x0 + tau * (goal - x0)  # ratios such as 每千人…个 stay fractional
    return round(value, 2)


def _comparator(item: MeasurableItem) -> str:
    if item.rule == "rank":
        return "<="
    if item.rule in ("ceiling", "floor") and item.comparator in ("<=", "<", ">=", ">"):
        return item.comparator
    if item.rule in ("growth", "reduction"):
        return ">="
    return "<=" if item.direction == "decrease" else ">="


# --- judging a year -----------------------------------------------------------------------


def judge_year(
    item: MeasurableItem,
    points: Sequence[tuple[int, float]],
    year: int,
    cumulative: frozenset[int],
    options: AssessOptions,
) -> AnnualJudgement | None:
    """``year`` against its annual target, or None where the item has no target for it.

    ``points`` are the item's (year, value) pairs in year order; ``cumulative`` the years whose
    figure is a total since the base year.
    """
    target = (item.annual_targets or {}).get(year)
    if target is None:
        return None
    measure = measure_of(item) or "level"
    comparator = target.comparator or _comparator(item)
    actual = _actual(item, points, year, cumulative, measure)
    language = options.language
    if actual is None:
        code, ratio = "no_data", None
    else:
        direction = "increase" if measure == "rate" else item.direction
        if item.rule == "rank":
            direction = "decrease"
        ratio = _ratio(item, actual, target.value, measure)
        if meets(actual, target.value, comparator, direction):
            code = "completed"
        elif ratio is not None and ratio >= options.roughly_ratio - EPS and not _is_bound(item):
            code = "mostly_completed"
        else:
            code = "not_completed"
    status = ANNUAL_BY_CODE[code]
    judged = blank(AnnualJudgement)
    AnnualJudgement.__init__(
        judged,
        year=year,
        target=target.value,
        comparator=comparator,
        source=target.source,
        measure=measure,
        actual=actual,
        status=code,
        label=status.label(language),
        ratio=ratio,
        explanation=_sentence(
            item, year, target.value, comparator, measure, actual, status, language
        ),
    )
    return judged


def _is_bound(item: MeasurableItem) -> bool:
    """A bound binds every year: a year outside it is not met, however close."""
    if item.rule not in ("ceiling", "floor", "hold"):
        return False
    x0 = item.baseline
    return x0 is None or meets(x0, item.target, item.comparator, item.direction)


def _actual(item, points, year, cumulative, measure) -> float | None:
    """The year's figure in the measure of its annual target (None: not reported)."""
    values = dict(points)
    if year not in values:
        return None
    if measure == "level":
        return values[year]
    if measure == "change":
        before = _previous_level(item, values, year)
        return None if before is None else values[year] - before
    # a rate: the year's own growth or reduction
    if item.rates:
        reduces = item.rule == "reduction"
        if year not in cumulative:
            return values[year]
        now = rate_chain(_upto(points, year), cumulative, item.base_year, reduces=reduces)
        if year - 1 <= item.base_year:
            before = 1.0
        else:
            prior = rate_chain(_upto(points, year - 1), cumulative, item.base_year, reduces=reduces)
            if prior is None or prior[0][0] != year - 1:
                return None
            before = prior[1]
        change = now[1] / before
        return (1 - change) * 100 if reduces else (change - 1) * 100
    before = _previous_level(item, values, year)
    if before is None or before <= 0:
        return None
    return (values[year] / before - 1) * 100


def _previous_level(item, values: dict[int, float], year: int) -> float | None:
    if year - 1 in values:
        return values[year - 1]
    if item.increment and year - 1 == item.base_year:
        return 0.0
    if item.baseline is not None and year - 1 == (item.baseline_year or item.base_year):
        return item.baseline
    return None


def _upto(points, year):
    return [(y, v) for y, v in points if y <= year]


def _ratio(item, actual: float, target: float, measure: str) -> float | None:
    """How much of the year's target the figure reached (1 = all of it)."""
    if measure in ("rate", "change"):
        return actual / target if target else None
    x0 = item.baseline
    if x0 is None or target == x0:
        return None
    if item.path == "geometric" and x0 > 0 and target > 0 and actual > 0:
        return log(actual / x0) / log(target / x0)
    return (actual - x0) / (target - x0)


_COMPARATOR_WORDS = {
    ">=": ("不低于", "at least "),
    ">": ("高于", "above "),
    "<=": ("不高于", "at most "),
    "<": ("低于", "below "),
}


def target_phrase(item, value: float, comparator: str | None, measure: str, language="zh-hans"):
    """The annual target in words: "增长15%以上" / "达到93%" / "新增0.1个百分点"."""
    unit = item.unit or ""
    shown = _figure(value)
    english = language.lower().startswith("en")
    if item.rule == "rank":
        return f"position {shown} or better" if english else f"进入前{shown}位"
    if measure == "rate":
        if item.rule == "reduction":
            return f"a reduction of {shown}%" if english else f"下降{shown}%"
        return f"growth of {shown}%" if english else f"增长{shown}%"
    if measure == "change":
        points = "个百分点" if unit in ("%", "％") else unit
        return f"a change of {shown} {unit}".strip() if english else f"新增{shown}{points}"
    zh, en = _COMPARATOR_WORDS.get(comparator or "", ("达到", ""))
    if item.rule in ("level",) and comparator in (">=", "<="):
        zh, en = "达到", ""
    return f"{en}{shown} {unit}".strip() if english else f"{zh}{shown}{unit}"


def _sentence(item, year, target, comparator, measure, actual, status, language) -> str:
    phrase = target_phrase(item, target, comparator, measure, language)
    english = language.lower().startswith("en")
    if actual is None:
        if english:
            return f"Annual target for {year}: {phrase}; no figure for {year} yet."
        return f"{year}年年度目标为{phrase}，{year}年数据暂缺。"
    unit = "%" if measure == "rate" else (item.unit or "")
    done = status.label(language)
    if english:
        return f"Annual target for {year}: {phrase}; actual {_figure(actual)}{unit}: {done}."
    word = {"rate": "实际", "change": "实际变化", "level": "实际为"}[measure]
    return f"{year}年年度目标为{phrase}，{word}{_figure(actual)}{unit}，{done}年度目标。"


def _figure(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
