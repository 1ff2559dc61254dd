"""Annual targets, hand-computed: the proposal per rule and a year judged by its target."""

from __future__ import annotations

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.annual import PROPOSED_SOURCE, propose
from planwatch.assess.model import AnnualTarget, Observation

from .handmade import indicator, plan_of, prose

GROWTH = indicator(1, "地区生产总值增长速度", "%", baseline=8.2, target=15)
SHARE = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
GDP = indicator(3, "地区生产总值", "亿元", baseline=285, target=570)
FIRMS = indicator(4, "高新技术企业数量", "家", baseline=252, target=500)
RD = indicator(5, "研发经费投入强度", "%", baseline=2.5, change=0.5)
ENERGY = indicator(6, "单位地区生产总值能源消耗降低", "%", target=14.5, binding=True)
JOBLESS = indicator(7, "城镇登记失业率", "%", baseline=1.87, target=4.5, text="4.5以内",
                    comparator="<=")  # fmt: skip
GRAIN = indicator(8, "粮食综合生产能力", "万吨", baseline=0.64, target=0.64)
RANK = prose("T1", "国家高新区排名", 30, "位", kind="rank", comparator="<=", baseline=40)
TREND = indicator(9, "空气质量优良天数比率", "%", baseline=64.3)

PLAN = plan_of(GROWTH, SHARE, GDP, FIRMS, RD, ENERGY, JOBLESS, GRAIN, TREND, targets=(RANK,))


def proposed(year: int) -> dict[str, AnnualTarget]:
    return {t.item: t for t in propose(PLAN, [year])}


def test_each_rule_spreads_its_target_by_hand():
    y2023 = proposed(2023)  # τ = 3/5
    assert y2023["I1"].value == 15  # a growth target asks for the rate itself every year
    assert y2023["I2"].value == 92.3  # 91.24 + 0.6 × 1.76 = 92.296
    assert y2023["I3"].value == 431.98  # 285 × 2^0.6 = 431.977 (money compounds)
    assert y2023["I4"].value == 380  # 252 × (500/252)^0.6 = 380.13 → whole enterprises
    assert y2023["I5"].value == 0.1  # 〔0.5〕 over five years: 0.1 point a year
    assert y2023["I6"].value == 3.09  # 1 − 0.855^(1/5) = 3.084 % a year, rounded up
    assert y2023["I7"].value == 4.5  # the ceiling, kept every year
    assert y2023["I8"].value == 0.64  # hold the baseline
    assert y2023["T1"].value == 34  # 40 − 0.6 × 10 = 34 → 第34位
    assert "I9" not in y2023  # no target, nothing proposed
    assert {t.source for t in y2023.values()} == {PROPOSED_SOURCE}
    assert y2023["I7"].comparator == "<=" and y2023["T1"].comparator == "<="
    assert y2023["I2"].comparator == ">="


def test_a_rank_moves_by_whole_positions_towards_the_target():
    assert [proposed(y)["T1"].value for y in range(2021, 2026)] == [38, 36, 34, 32, 30]


def test_the_path_ends_at_the_five_year_target():
    y2025 = proposed(2025)
    assert y2025["I2"].value == 93
    assert y2025["I3"].value == 570
    assert y2025["I4"].value == 500


def judged(item_code, values, year, target, comparator=None, basis="annual"):
    observations = [Observation(item_code, y, v, basis=basis) for y, v in values.items()]
    targets = [AnnualTarget(item_code, year, target, comparator, "年度实施计划")]
    result = assess_plan(PLAN, observations, year, annual_targets=targets)
    return next(i for i in result.items if i.code == item_code)


def test_a_level_year_is_met_mostly_met_or_missed():
    # 2023 target 92.3 from 91.24: 92.3 met; 92.2 is (92.2−91.24)/(92.3−91.24) = 0.906 → 基本完成
    assert judged("I2", {2023: 92.3}, 2023, 92.3).annual.status == "completed"
    almost = judged("I2", {2023: 92.2}, 2023, 92.3).annual
    assert almost.status == "mostly_completed"
    assert almost.ratio == pytest.approx(0.96 / 1.06)
    assert almost.label == "基本完成"
    missed = judged("I2", {2023: 92.0}, 2023, 92.3).annual  # 0.76/1.06 = 0.717
    assert missed.status == "not_completed"
    assert "2023年年度目标为达到92.3%" in missed.explanation
    assert "未完成年度目标" in missed.explanation


def test_the_annual_judgement_is_separate_from_the_path_judgement():
    item = judged("I2", {2023: 92.0}, 2023, 92.0)
    # the year met the (lowered) annual target, while the five-year path says lagging:
    # 0.76 / (0.6 × 1.76) = 0.72
    assert item.annual.status == "completed"
    assert item.status == "lagging"


def test_a_growth_year_compares_the_years_rate():
    item = judged("I1", {2021: 12.0, 2022: 14.0}, 2022, 15)
    assert item.annual.actual == 14.0
    assert item.annual.ratio == pytest.approx(14 / 15)  # 0.933 → 基本完成
    assert item.annual.status == "mostly_completed"


def test_a_reduction_reported_cumulatively_gives_the_years_own_rate():
    # 累计 3.2 % in 2021, 6.5 % in 2022: 2022's own reduction is 1 − 0.935/0.968 = 3.409 %
    item = judged("I6", {2021: 3.2, 2022: 6.5}, 2022, 3.09, basis="cumulative")
    assert item.annual.actual == pytest.approx((1 - 0.935 / 0.968) * 100)
    assert item.annual.status == "completed"


def test_a_cumulative_target_compares_the_years_change():
    # 研发强度 2.5 in 2020, 2.55 in 2021: a change of 0.05 against 0.1 → half: 未完成
    item = judged("I5", {2021: 2.55}, 2021, 0.1)
    assert item.annual.actual == pytest.approx(0.05)
    assert item.annual.status == "not_completed"
    assert "新增0.1个百分点" in item.annual.explanation


def test_a_bound_year_is_met_or_not_never_mostly():
    assert judged("I7", {2023: 4.4}, 2023, 4.5).annual.status == "completed"
    assert judged("I7", {2023: 4.6}, 2023, 4.5).annual.status == "not_completed"


def test_a_year_without_a_figure_has_no_data_and_items_without_targets_none():
    item = judged("I2", {2022: 92.0}, 2023, 92.3)
    assert item.annual.status == "no_data"
    assert "2023年数据暂缺" in item.annual.explanation
    result = assess_plan(PLAN, [], 2023)
    assert all(i.annual is None for i in result.items)


def test_a_ratio_counted_in_people_stays_fractional():
    doctors = indicator(11, "每千人拥有执业医师数", "人", baseline=1.93, target=2.04)
    (row,) = propose(plan_of(doctors), [2023])
    assert row.value == 2.0  # 1.93 + 0.6 × 0.11 = 1.996 → 2.0 (linear, two decimals)
    (row,) = propose(plan_of(doctors), [2021])
    assert row.value == 1.95  # 1.93 + 0.2 × 0.11 = 1.952
