"""A plan's measurable items: what is judged, by which rule, in which direction, on which path.

Table indicators and prose targets become :class:`MeasurableItem` records. Targets recorded later
replace the outline's wording (完成省市分解任务), overrides correct what is inferred here. The rules
themselves live in :mod:`planwatch.assess.methods`; this module only decides which one applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from math import isfinite
from numbers import Real

from planwatch.assess.model import (
    AnnualTarget,
    ItemOverride,
    LaterTarget,
    RangeBound,
    ReferenceValue,
    blank,
)
from planwatch.assess.plausibility import value_kind
from planwatch.assess.units import is_day_share, normalise_unit
from planwatch.assess.wording import is_growth_rate, is_reduction
from planwatch.errors import InputError, Text
from planwatch.errors import text as message
from planwatch.outline.indicators import LOWER_IS_BETTER
from planwatch.outline.model import COMPARATORS, Indicator, Plan, ProseTarget, WordTarget

#: The rules, each with one function in methods.py and one section in docs/methodology.md.
RULES: tuple[str, ...] = (
    "growth",
    "level",
    "cumulative",
    "ceiling",
    "floor",
    "hold",
    "reduction",
    "trend",
    "needs_target",
    "rank",
    "relative",
    "reference",
    "range",
    "year_set",
)
#: The rules of targets in words (words.py), in the order a cell with several is judged by
#: the first whose figures are there: yearly targets, another row, an outside figure, a range.
WORD_RULES: tuple[str, ...] = ("year_set", "relative", "reference", "range")

#: Words in a target's text that make its comparator a real bound (以内 → ceiling, 以上 → floor).
BOUND_WORDS: tuple[str, ...] = (
    "以上",
    "以内",
    "以下",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "低于",
    "高于",
    "超过",
    "控制在",
    "≥",
    "≤",
    ">",
    "<",
)

#: Names that make a count a ratio (每万人口…件): ratios move on a linear path.
RATIO_WORDS: tuple[str, ...] = ("每", "率", "比重", "比例", "占比", "密度", "占")
#: Last character of a unit that counts things (家, 个, 万人 …): such quantities compound.
COUNT_UNIT_ENDINGS: frozenset[str] = frozenset("家个件项户人名座所台套艘辆")


@dataclass(slots=True)  # not frozen: a frozen __init__ costs several µs per item at scale
class MeasurableItem:
    """Everything the rules need to know about one indicator or prose target."""

    code: str
    number: int | None
    name: str
    unit: str | None
    category: str | None
    kind: str  # "indicator" | "target"
    binding: bool
    rule: str  # one of RULES
    direction: str  # "increase" | "decrease"
    direction_source: str  # override | target | comparator | plan | meaning | assumed
    path: str  # "linear" | "geometric"
    base_year: int
    target_year: int
    baseline: float | None
    baseline_year: int | None
    #: level target; g* (%) for growth; R* (%) for reduction; Δ for cumulative
    target: float | None
    comparator: str | None
    target_text: str | None
    target_source: str | None  # "plan" | "later" | None
    rates: bool = False  # observations are yearly rates (growth/reduction rate series)
    reduces: bool = False  # the rates are reductions (…降低): a larger one is better
    day_share: bool = False
    multiple: float | None = None  # 倍增: target = multiple × start
    increment: bool = False  # observations are additions since the base year (start = 0)
    #: What the figures are, for the physical range (planwatch.assess.plausibility.KINDS).
    value_kind: str = "other"
    #: For a prose target restating a table indicator, that indicator's code.
    restates: str | None = None
    #: Year → that year's own target (年度目标), where one was recorded.
    annual_targets: dict[int, AnnualTarget] | None = None
    #: The outline's targets in words for the row, and the one judged (rule in WORD_RULES).
    words: tuple[WordTarget, ...] = ()
    word: WordTarget | None = None
    #: What a relative or reference target is compared with: year (None: the whole period)
    #: → figure; the referenced row's name and whether its figures are yearly rates.
    compared: dict[int | None, float] | None = None
    compared_name: str | None = None
    compared_rates: bool = False
    #: A range target's bounds as recorded: year (None: every year) → RangeBound.
    bounds: dict[int | None, RangeBound] | None = None
    #: Targets in words the row has beside its number (a table note, the text), each judged
    #: on its own (beside_items) after the number.
    beside: tuple[WordTarget, ...] = ()


def plan_period(plan: Plan) -> tuple[int, int]:
    """The plan's base year and target year; both are needed to judge any pace."""
    base, target = plan.base_year, plan.target_year
    if base is None:
        base = next(
            (i.baseline.year for i in plan.indicators if i.baseline and i.baseline.year), None
        )
    if target is None:
        target = next((i.target.year for i in plan.indicators if i.target and i.target.year), None)
    if base is None or target is None or target <= base:
        raise InputError(
            message(
                "assess.no_period",
                "规划缺少基期年和目标年（如2020年和2025年）",
                "the plan has no base year and target year (e.g. 2020 and 2025)",
            )
        )
    return base, target


def measurable_items(
    plan: Plan,
    *,
    later_targets: Iterable[LaterTarget] = (),
    overrides: Iterable[ItemOverride] = (),
    annual_targets: Iterable[AnnualTarget] = (),
    reference_values: Iterable[ReferenceValue] = (),
    range_bounds: Iterable[RangeBound] = (),
) -> list[MeasurableItem]:
    """Every indicator row and prose target of ``plan``, ready to be judged."""
    base, target = plan_period(plan)
    later = _by_item(later_targets, plan, {"what": "后续下达的目标", "what_en": "later target"})
    fixes = _by_item(overrides, plan, {"what": "人工设定", "what_en": "override"})
    chapters = {c.number: f"{c.number} {c.title}".strip() for c in plan.chapters}
    items = [
        _indicator_item(i, base, target, later.get(i.code), fixes.get(i.code))
        for i in plan.indicators
    ]
    items += [
        _prose_item(t, base, target, chapters, later.get(t.code), fixes.get(t.code))
        for t in plan.targets
    ]
    if annual_targets:
        _attach_annual_targets(items, annual_targets, base, target)
    if reference_values or range_bounds:
        from planwatch.assess.records import attach_word_records

        attach_word_records(items, reference_values, range_bounds, base, target)
    for item in items:
        if item.words:
            _choose_word_rule(item)
    return items


def _choose_word_rule(item: MeasurableItem) -> None:
    """The first kind of the row's word targets (in WORD_RULES order) whose figures are there;
    else the first kind, which then says what is missing (needs_target)."""
    ready = {
        "year_set": bool(item.annual_targets),
        "relative": any(w.reference for w in item.words if w.kind == "relative"),
        "reference": bool(item.compared),
        "range": bool(item.bounds),
    }
    ordered = sorted(item.words, key=lambda w: WORD_RULES.index(w.kind))
    chosen = next((w for w in ordered if ready[w.kind]), ordered[0])
    item.word, item.rule = chosen, chosen.kind


def beside_items(item: MeasurableItem) -> list[MeasurableItem]:
    """One item per target in words the row has beside its number, judged by that target's
    rule on the row's own figures (and the records kept for the row)."""
    return [
        replace(
            item,
            rule=w.kind,
            words=(w,),
            word=w,
            beside=(),
            target=None,
            comparator=None,
            target_text=w.text,
            target_source="plan",
        )
        for w in item.beside
    ]


def _attach_annual_targets(items, records: Iterable[AnnualTarget], base: int, target: int) -> None:
    """Each item's yearly targets by year; unknown items, years outside the period refused."""
    by_code = {item.code: item for item in items}
    for record in records:
        item = by_code.get(record.item)
        if item is None:
            raise InputError(
                message(
                    "assess.record_unknown_item",
                    "{what}对应的指标“{item}”不在规划中",
                    "{what_en} for unknown item {item!r}",
                    item=record.item,
                    what="年度目标",
                    what_en="annual target",
                )
            )
        if not base < record.year <= target:
            raise InputError(
                message(
                    "assess.annual_target_year",
                    "指标“{item}”的年度目标年份{year}年不在规划期{first}—{last}年内",
                    "annual target of {item} for {year} is outside the plan period {first}–{last}",
                    item=record.item,
                    year=record.year,
                    first=base + 1,
                    last=target,
                )
            )
        if not isfinite(record.value):
            raise InputError(
                message(
                    "assess.annual_target_value",
                    "指标“{item}”{year}年的年度目标不是有效数值",
                    "annual target of {item} for {year} is not a finite number",
                    item=record.item,
                    year=record.year,
                )
            )
        years = item.annual_targets if item.annual_targets is not None else {}
        if record.year in years:
            raise InputError(
                message(
                    "assess.annual_target_twice",
                    "指标“{item}”{year}年的年度目标重复",
                    "two annual targets for {item} in {year}",
                    item=record.item,
                    year=record.year,
                )
            )
        years[record.year] = record
        item.annual_targets = years


def meets(value: float, target: float, comparator: str | None, direction: str) -> bool:
    """Is ``value`` at or beyond ``target`` in the sense of its comparator (or direction)?"""
    slack = 1e-9 * max(1.0, abs(target))
    if comparator == "<":
        return value < target - slack
    if comparator == ">":
        return value > target + slack
    if comparator == "<=":
        return value <= target + slack
    if comparator == ">=":
        return value >= target - slack
    # "=", "~" (about) and no comparator: reaching the target in the normative direction
    return value <= target + slack if direction == "decrease" else value >= target - slack


@cache
def choose_path(name: str, unit: str | None, override: str | None = None) -> str:
    """Geometric for money and counts (they compound), linear for everything else."""
    if override:
        return override
    unit = normalise_unit(unit) or ""
    if unit.endswith("元"):
        return "geometric"
    if unit and unit[-1] in COUNT_UNIT_ENDINGS and not any(w in name for w in RATIO_WORDS):
        return "geometric"
    return "linear"


@cache
def meaning_direction(name: str) -> str | None:
    """Direction from the indicator's meaning alone, where its name settles it."""
    if is_reduction(name):
        return "increase"
    if any(word in name for word in LOWER_IS_BETTER):  # the outline reader's list: one home
        return "decrease"
    return None


# --- helpers ------------------------------------------------------------------------------


def _by_item(records, plan: Plan, what: dict[str, str]) -> dict:
    """Records by item code, each checked: one per item, known codes and values."""
    found = {}
    codes = None  # gathered at the first record: most plans have none
    for record in records:
        if codes is None:
            codes = {i.code for i in plan.indicators} | {t.code for t in plan.targets}
        if record.item not in codes:
            raise InputError(
                message(
                    "assess.record_unknown_item",
                    "{what}对应的指标“{item}”不在规划中",
                    "{what_en} for unknown item {item!r}",
                    item=record.item,
                    **what,
                )
            )
        if record.item in found:
            raise InputError(
                message(
                    "assess.record_twice",
                    "指标{item}有不止一条{what}",
                    "more than one {what_en} for item {item}",
                    item=record.item,
                    **what,
                )
            )
        problem = _problem(record)
        if problem:
            raise InputError(
                message(
                    "assess.record_invalid",
                    "{item}的{what}：{problem}",
                    "{what_en} for {item}: {problem_en}",
                    item=record.item,
                    problem=problem.render(),
                    problem_en=problem.render("en"),
                    **what,
                )
            )
        found[record.item] = record
    return found


def _problem(record) -> Text | None:
    if isinstance(record, LaterTarget):
        value = record.value
        if isinstance(value, bool) or not isinstance(value, Real | Decimal) or not isfinite(value):
            return message(
                "assess.target_not_number",
                "目标值“{value}”不是有限的数值",
                "{value!r} is not a finite number",
                value=value,
            )
        if record.comparator not in (None, *COMPARATORS):
            return message(
                "assess.bad_comparator",
                "未知的比较符“{value}”",
                "unknown comparator {value!r}",
                value=record.comparator,
            )
        if record.year is not None and (
            isinstance(record.year, bool) or not isinstance(record.year, int)
        ):
            return message(
                "assess.target_bad_year",
                "“{value}”不是年份",
                "{value!r} is not a year",
                value=record.year,
            )
    else:
        if record.direction not in (None, "increase", "decrease"):
            return message(
                "assess.bad_direction",
                "方向应为 increase 或 decrease，而不是“{value}”",
                "direction must be increase or decrease, not {value!r}",
                value=record.direction,
            )
        if record.path not in (None, "linear", "geometric"):
            return message(
                "assess.bad_path",
                "路径应为 linear 或 geometric，而不是“{value}”",
                "path must be linear or geometric, not {value!r}",
                value=record.path,
            )
        if record.basis not in (None, "annual", "cumulative"):
            return message(
                "assess.bad_basis_default",
                "口径应为annual（当年）或cumulative（累计），而不是“{value}”",
                "basis must be annual or cumulative, not {value!r}",
                value=record.basis,
            )
    return None


def _indicator_item(
    ind: Indicator, base: int, target_year: int, later: LaterTarget | None, fix: ItemOverride | None
) -> MeasurableItem:
    name, unit = ind.name, ind.unit
    baseline = ind.baseline.value if ind.baseline else None
    baseline_year = (ind.baseline.year or base) if baseline is not None else None
    tv = ind.target
    value, comparator, text = (tv.value, tv.comparator, tv.text) if tv else (None, None, None)
    year = (tv.year if tv and tv.year else None) or target_year
    source = "plan" if value is not None else None
    if later is not None:
        value, comparator, text, source = float(later.value), later.comparator, None, "later"
        year = later.year or target_year
    growth = ind.annual_growth.value if ind.annual_growth else None
    change = ind.cumulative_change.value if ind.cumulative_change else None
    words = text if value is None and text and text.strip("—- ") else None
    plan_direction = ind.direction
    rates = reduces = False
    reduction, growth_rate, day_share, kind = _name_facts(name, unit)
    if reduction:
        goal = value if value is not None else change
        rule = "reduction" if goal is not None else ("needs_target" if words else "trend")
        baseline = baseline_year = None
        source = source or _src(goal)
        text = text or words
        direction, why, rates, reduces = "increase", "meaning", True, True
    elif growth_rate:
        goal = value if value is not None else growth
        rule = "growth" if goal is not None else ("needs_target" if words else "trend")
        source = source or _src(goal)
        signed = _sign_direction(goal) if rule == "growth" else None
        direction, why = signed or _direction(name, None, None, None, plan_direction)
        rates = True
    elif value is None and growth is not None:
        goal, rule, source = growth, "growth", "plan"
        direction, why = _sign_direction(growth) or _direction(name, None, None, None, None)
    elif value is not None:
        goal, rule = value, _level_rule(baseline, value, comparator, text)
        direction, why = _direction(name, baseline, value, comparator, plan_direction, text)
    elif change is not None:
        goal, rule, text, source = change, "cumulative", ind.cumulative_change.text, "plan"
        comparator = ind.cumulative_change.comparator
        direction, why = _sign_direction(change) or _direction(name, None, None, None, None)
    else:
        goal, rule, text = None, "needs_target" if words else "trend", words
        direction, why = _direction(name, None, None, None, plan_direction)
    words: tuple[WordTarget, ...] = ()
    beside: tuple[WordTarget, ...] = ()
    own = tuple(w for w in ind.word_targets if w.subject is None)  # about the row itself
    if goal is None and own and later is None:
        words = own
        rule, source = words[0].kind, "plan"
        text = _word_cell(ind, words[0]) or text
    elif own:
        beside = own
    _check_possible(ind.code, rule, goal)
    direction, why, comparator, path = _settled(name, unit, rule, comparator, direction, why, fix)
    made = blank(MeasurableItem)
    MeasurableItem.__init__(
        made,
        words=words,
        beside=beside,
        code=ind.code,
        number=ind.number,
        name=name,
        unit=unit,
        category=ind.category,
        kind="indicator",
        binding=ind.attribute == "binding",
        rule=rule,
        direction=direction,
        direction_source=why,
        path=path,
        base_year=base,
        target_year=year,
        baseline=baseline,
        baseline_year=baseline_year,
        target=goal,
        comparator=comparator,
        target_text=text,
        target_source=source,
        rates=rates,
        reduces=reduces,
        day_share=day_share,
        value_kind=kind,
    )
    return made


def _prose_item(
    t: ProseTarget,
    base: int,
    target_year: int,
    chapters: dict[str, str],
    later: LaterTarget | None,
    fix: ItemOverride | None,
) -> MeasurableItem:
    value, comparator, year, source = t.value, t.comparator, t.year or target_year, "plan"
    if later is not None:
        value, comparator, source = float(later.value), later.comparator or comparator, "later"
        year = later.year or year
    name, unit = t.subject, t.unit
    day_share = is_day_share(name, unit)
    baseline = t.baseline.value if t.baseline else None
    baseline_year = (t.baseline.year or base) if baseline is not None else None
    goal, multiple, rates, reduces, increment = value, None, False, False, False
    if value is None:
        source, rule = None, "needs_target"
        direction, why = _direction(name, None, None, None, None)
    elif t.kind == "increment":
        baseline, baseline_year = 0.0, base
        rule, direction, why, increment = "cumulative", "increase", "target", True
    elif t.kind == "multiple" and later is None:
        unit = None  # 倍 is the target's unit, not the counted quantity's
        goal, multiple, rule, direction, why = None, value, "level", "increase", "target"
    elif t.kind == "rank":
        comparator = comparator or "<="
        rule, direction, why = "rank", "decrease", "meaning"
    elif t.kind == "reduction" and normalise_unit(unit) == "%" and later is None:
        # 单位GDP二氧化碳排放降低18%: judged as the table's 降低 rows, from yearly reductions
        baseline = baseline_year = None
        rule, direction, why, rates, reduces = "reduction", "increase", "meaning", True, True
    elif t.kind == "growth" and normalise_unit(unit) == "%" and later is None:
        # 研发经费投入年均增长7%以上: judged as the table's growth rows, from yearly rates
        baseline = baseline_year = None
        direction, why = _sign_direction(value) or ("increase", "target")
        rule, rates = "growth", True
    else:
        rule = _level_rule(baseline, value, comparator, t.text)
        direction, why = _direction(name, baseline, value, comparator, None, t.text)
    _check_possible(t.code, rule, goal)
    direction, why, comparator, path = _settled(
        name, unit, rule, comparator, direction, why, fix, increment=increment
    )
    chapter = chapters.get(t.location[0], t.location[0]) if t.location else None
    made = blank(MeasurableItem)
    MeasurableItem.__init__(
        made,
        code=t.code,
        number=None,
        name=name,
        unit=unit,
        category=chapter,
        kind="target",
        binding=False,
        rule=rule,
        direction=direction,
        direction_source=why,
        path=path,
        base_year=base,
        target_year=year,
        baseline=baseline,
        baseline_year=baseline_year,
        target=goal,
        comparator=comparator,
        target_text=t.text,
        target_source=source,
        rates=rates,
        reduces=reduces,
        day_share=day_share,
        multiple=multiple,
        increment=increment,
        value_kind=value_kind(name, unit, rank=rule == "rank"),
        restates=getattr(t, "restates", None),
    )
    return made


def _word_cell(ind: Indicator, word: WordTarget) -> str | None:
    """The cell the word target is printed in, as printed (``保持在合理区间、各年度视情提出``)."""
    for cell in (ind.target, ind.annual_growth, ind.cumulative_change):
        if cell is not None and cell.text and word.text in cell.text:
            return cell.text
    return None


@cache
def _name_facts(name: str, unit: str | None) -> tuple[bool, bool, bool, str]:
    """What an indicator's name and unit alone settle, looked up once per distinct pair:
    a reduction rate, a growth rate, a share of days, its value kind. The cache is keyed by the
    two strings themselves, never by a Plan: an edited indicator asks again and cannot get a
    stale answer; nothing derived from a plan's figures is cached."""
    return (
        is_reduction(name),
        is_growth_rate(name, unit),
        is_day_share(name, unit),
        value_kind(name, unit, rank=False),
    )


def _check_possible(code: str, rule: str, target: float | None) -> None:
    """A growth of −100 % or less, or a reduction of 100 % or more, cannot be a target."""
    if (rule == "growth" and target <= -100) or (rule == "reduction" and target >= 100):
        zh, en = ("增长", "growth") if rule == "growth" else ("降低", "reduction")
        raise InputError(
            message(
                "assess.impossible_target",
                "{item}：{what}{value}%的目标不可能实现",
                "{item}: a {what_en} target of {value}% is not possible",
                item=code,
                what=zh,
                what_en=en,
                value=f"{target:g}",
            )
        )


def _settled(
    name: str,
    unit: str | None,
    rule: str,
    comparator: str | None,
    direction: str,
    why: str,
    fix: ItemOverride | None,
    *,
    increment: bool = False,
) -> tuple[str, str, str | None, str]:
    """Direction (an override wins), comparator (a reader's default against it dropped) and
    path of an item whose rule is settled."""
    if fix is not None and fix.direction:
        direction, why = fix.direction, "override"
    if _against(comparator, direction):
        comparator = None  # a reader's default ">=" on a planned decrease
    if rule in ("growth", "reduction"):
        path = "geometric"  # both compound by definition
    elif increment or rule == "rank":
        path = "linear"  # additions from zero cannot compound; positions move by steps
    else:
        path = choose_path(name, unit, fix.path if fix else None)
    return direction, why, comparator, path


def _level_rule(baseline: float | None, target: float, comparator: str | None, text) -> str:
    """hold when baseline = target; a bound already kept is a ceiling/floor; else a level."""
    if baseline is not None and baseline == target:
        return "hold"
    if not _explicit_bound(comparator, text):
        return "level"
    bound = "ceiling" if comparator in ("<=", "<") else "floor"
    direction = "decrease" if bound == "ceiling" else "increase"
    if baseline is None or meets(baseline, target, comparator, direction):
        return bound
    return "level"


@cache
def _explicit_bound(comparator: str | None, text: str | None) -> bool:
    """A comparator the outline spells out (以内, 以上, ≤ …), not a reader's default."""
    return comparator in ("<=", "<", ">=", ">") and (
        not text or any(word in text for word in BOUND_WORDS)
    )


def _direction(name, baseline, target, comparator, stated, text=None) -> tuple[str, str]:
    """Bound spelled out, baseline vs target, the plan's word, meaning, comparator, assumed."""
    if _explicit_bound(comparator, text):
        return ("decrease" if comparator in ("<=", "<") else "increase"), "comparator"
    if baseline is not None and target is not None and baseline != target:
        return ("increase" if target > baseline else "decrease"), "target"
    if stated in ("increase", "decrease"):
        return stated, "plan"
    meant = meaning_direction(name)
    if meant:
        return meant, "meaning"
    if comparator in ("<=", "<"):
        return "decrease", "comparator"
    if comparator in (">=", ">"):
        return "increase", "comparator"
    return "increase", "assumed"


def _against(comparator: str | None, direction: str) -> bool:
    if comparator in ("<=", "<"):
        return direction == "increase"
    return comparator in (">=", ">") and direction == "decrease"


def _sign_direction(value: float | None) -> tuple[str, str] | None:
    if not value:
        return None
    return ("increase" if value > 0 else "decrease"), "target"


def _src(goal) -> str | None:
    return "plan" if goal is not None else None
