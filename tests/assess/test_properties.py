"""Properties every verdict must have, whatever the figures.

- A better value (in the normative direction) never gives a worse status.
- A level target is achieved exactly when the value meets it in the normative direction.
- The order of the observation rows never changes a result.
- No explanation asserts two contradictory judgements: progress and outlook that point different
  ways are joined with "但", and an outlook is stated at most once.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planwatch.assess import assess_plan
from planwatch.assess.model import ItemOverride, Observation
from planwatch.assess.status import STATUSES
from planwatch.errors import InputError
from planwatch.outline.model import Plan

from .handmade import FIXTURES, indicator, judge, prose

#: worse is larger; statuses of different families are never compared with each other
RANK = {
    "achieved": 0,
    "bound_kept": 0,
    "ahead": 1,
    "on_track": 2,
    "roughly_on_track": 3,
    "lagging": 4,
    "seriously_lagging": 5,
    "regressing": 6,
    "improving": 0,
    "stable": 1,
    "worsening": 2,
}

values = st.floats(min_value=0.5, max_value=2000, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2021, max_value=2025)
paths = st.sampled_from(["linear", "geometric"])
common = settings(max_examples=150, deadline=None)


@st.composite
def level_items(draw):
    """A level, ceiling or floor indicator with a baseline, its path and its normative test."""
    baseline, target = draw(values), draw(values)
    assume(abs(baseline - target) > 1e-3 * max(baseline, target))
    shape = draw(st.sampled_from(["plain", "about", "ceiling", "floor"]))
    if shape == "ceiling":
        item = indicator(1, "控制指标", "万吨", baseline=baseline, target=target, comparator="<=",
                         text=f"{target}以内")  # fmt: skip
        met = lambda v: v <= target  # noqa: E731
    elif shape == "floor":
        item = indicator(1, "保障指标", "万吨", baseline=baseline, target=target, comparator=">=",
                         text=f"{target}以上")  # fmt: skip
        met = lambda v: v >= target  # noqa: E731
    else:
        comparator = ">=" if shape == "plain" else "~"
        item = indicator(1, "发展指标", "家", baseline=baseline, target=target,
                         comparator=comparator, text=str(target))  # fmt: skip
        met = (lambda v: v >= target) if target > baseline else (lambda v: v <= target)
    better = (lambda a, b: a <= b) if shape == "ceiling" else None
    if better is None and shape != "floor":
        better = (lambda a, b: a >= b) if target > baseline else (lambda a, b: a <= b)
    better = better or (lambda a, b: a >= b)
    return item, met, better, draw(paths)


@common
@given(level_items(), values, values, years)
def test_a_better_level_never_gives_a_worse_status(case, a, b, year):
    item, _, better, path = case
    assume(a != b)
    good, bad = (a, b) if better(a, b) else (b, a)
    override = [ItemOverride("I1", path=path)]
    first = judge(item, {year: good}, year, overrides=override).status
    second = judge(item, {year: bad}, year, overrides=override).status
    assert RANK[first] <= RANK[second], (good, first, bad, second)


@common
@given(level_items(), values, years)
def test_achieved_exactly_when_the_target_is_met(case, value, year):
    item, met, _, path = case
    target = item.target.value
    assume(abs(value - target) > 1e-6 * target)  # outside the rounding slack of the comparison
    result = judge(item, {year: value}, year, overrides=[ItemOverride("I1", path=path)])
    assert (result.status in ("achieved", "bound_kept")) == met(value)


@common
@given(values, years)
def test_reaching_the_target_exactly_is_achieved(target, year):
    item = indicator(1, "发展指标", "家", baseline=target / 2, target=target)
    assert judge(item, {year: target}, year).status == "achieved"


rates = st.floats(min_value=-20, max_value=40, allow_nan=False, allow_infinity=False)


def _last_year_low_and_high(item, history, other):
    """The item judged with the last year at the lower and at the higher of two rates."""
    year = 2020 + len(history)
    judged = []
    for last in sorted((history[-1], other)):
        values = dict(zip(range(2021, year + 1), [*history[:-1], last], strict=True))
        judged.append(judge(item, values, year).status)
    return judged


@common
@given(st.lists(rates, min_size=1, max_size=5), rates, st.floats(0.5, 20))
def test_faster_growth_never_gives_a_worse_status(history, other, goal):
    item = indicator(1, "地区生产总值增长速度", "%", growth=goal)
    slow, fast = _last_year_low_and_high(item, history, other)
    assert RANK[fast] <= RANK[slow]


@common
@given(st.lists(st.floats(-5, 30), min_size=1, max_size=5), st.floats(-5, 30), st.floats(1, 40))
def test_larger_reductions_never_give_a_worse_status(history, other, goal):
    item = indicator(15, "单位地区生产总值能源消耗降低", "%", target=goal)
    small, large = _last_year_low_and_high(item, history, other)
    assert RANK[large] <= RANK[small]


@common
@given(st.randoms(use_true_random=False), st.integers(2021, 2025))
def test_row_order_never_changes_a_result(rng, year):
    plan, rows = ZIBO, ZIBO_ROWS
    shuffled = list(rows)
    rng.shuffle(shuffled)
    first = assess_plan(plan, rows, year).to_dict()
    assert assess_plan(plan, shuffled, year).to_dict() == first
    assert assess_plan(plan, list(reversed(rows)), year).to_dict() == first


def test_prose_targets_obey_the_same_order_of_statuses():
    firms = prose("T1", "高新技术企业数量", 500, "家", baseline=252)
    statuses = [judge(firms, {2022: v}).status for v in (240, 260, 300, 330, 360, 500)]
    ranks = [RANK[s] for s in statuses]
    assert ranks == sorted(ranks, reverse=True)
    assert statuses[0] == "regressing" and statuses[-1] == "achieved"


# --- a realistic plan with random figures -----------------------------------------------------


def _zibo_rows(plan: Plan) -> list[Observation]:
    rng = random.Random(2021)
    rows = []
    for ind in plan.indicators:
        base = ind.baseline.value if ind.baseline else rng.uniform(1, 50)
        for year in range(2021, 2026):
            unit = ind.unit
            value = base * (1 + rng.uniform(-0.1, 0.2))
            if unit == "%":
                value = min(value, 100.0)  # a share stays a share
            if "降低" in ind.name or "增长" in ind.name:
                value = rng.uniform(-2, 12)
            rows.append(Observation(ind.code, year, round(value, 2), unit))
    for target in plan.targets:
        if target.kind == "multiple":
            continue
        for year in (2021, 2023):
            value = rng.uniform(1, 100) if target.unit == "%" else rng.uniform(1, 400)
            if target.kind == "rank":
                value = float(round(value))  # a position is a whole number
            rows.append(Observation(target.code, year, value, target.unit))
    return rows


ZIBO = Plan.from_dict(json.loads((FIXTURES / "zibo-plan.json").read_text(encoding="utf-8")))
ZIBO_ROWS = _zibo_rows(ZIBO)


any_number = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), st.sampled_from([0.0, -0.0, 1e-12])
)


@st.composite
def any_items(draw):
    """Any shape of table row or prose target, including degenerate figures."""
    maybe = st.one_of(st.none(), any_number)
    if draw(st.booleans()):
        name = draw(
            st.sampled_from(["地区生产总值增长速度", "能耗降低", "城镇化率", "失业率", "企业数"])
        )
        unit = draw(st.sampled_from(["%", "家", "亿元", None]))
        text = draw(st.sampled_from([None, "以内", "以上", "完成省市分解任务", "5"]))
        comparator = draw(st.sampled_from([None, ">=", "<=", ">", "<", "=", "~"]))
        return indicator(1, name, unit, baseline=draw(maybe), target=draw(maybe), text=text,
                         comparator=comparator, growth=draw(maybe), change=draw(maybe))  # fmt: skip
    kind = draw(st.sampled_from(["level", "increment", "coverage", "rank", "count", "multiple"]))
    unit = draw(st.sampled_from(["家", "%", None]))
    comparator = draw(st.sampled_from([None, ">=", "<="]))
    return prose(
        "T1", "目标", draw(maybe), unit, kind=kind, baseline=draw(maybe), comparator=comparator
    )


@settings(max_examples=300, deadline=None)
@given(any_items(), st.dictionaries(st.integers(2020, 2025), any_number, max_size=6), years)
def test_any_figures_give_a_verdict_or_an_input_error(item, values, year):
    try:
        result = judge(item, values, year)
    except InputError:
        return  # e.g. a growth rate of −100 % or less
    assert result.status in RANK or result.status in ("needs_target", "no_data")
    assert result.explanation.endswith("。")
    json.dumps(result.to_dict() if hasattr(result, "to_dict") else asdict(result), allow_nan=False)


GOOD = {"achieved", "bound_kept", "ahead", "on_track", "roughly_on_track"}
BAD = {"lagging", "seriously_lagging", "regressing"}
#: every outlook phrase the engine writes, by outlook
SAID = {
    "likely": ("预计能够如期完成",),
    "at_risk": ("存在不能如期完成的风险", "存在不能保持在目标要求内的风险", "存在风险"),
    "unlikely": ("预计难以如期完成", "预计难以回到目标要求内"),
}


@settings(max_examples=300, deadline=None)
@given(any_items(), st.dictionaries(st.integers(2020, 2025), any_number, max_size=6), years)
def test_no_explanation_asserts_contradictory_judgements(item, values, year):
    try:
        result = judge(item, values, year)
    except InputError:
        return
    sentence = result.explanation
    stated = [o for o, phrases in SAID.items() if any(p in sentence for p in phrases)]
    assert len(stated) <= 1, sentence  # never "能够如期完成" beside "难以" or "风险"
    if stated:
        assert stated == [result.outlook], sentence
    label = result.label
    others = [s.label_zh for s in STATUSES if s.label_zh != label and s.label_zh in sentence]
    assert not [o for o in others if o not in label], sentence  # one grade per sentence
    contrary = (result.status in GOOD and result.outlook in ("at_risk", "unlikely")) or (
        result.status in BAD and result.outlook == "likely"
    )
    if contrary and stated:
        assert "，但" in sentence, sentence
        assert sentence.index("，但") < min(
            sentence.index(p) for p in SAID[result.outlook] if p in sentence
        )
    if result.status in GOOD and result.outlook == "likely":
        assert "，但" not in sentence, sentence
