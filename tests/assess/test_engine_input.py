"""assess_plan checks records built by callers (the web system, scripts) as strictly as files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.items import measurable_items
from planwatch.assess.model import (
    AnnualTarget,
    ItemOverride,
    LaterTarget,
    ManualVerdict,
    Observation,
)

from .handmade import indicator, plan_of, refused

PLAN = plan_of(
    indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93),
    indicator(17, "空气质量优良天数比率", "%", baseline=64.3),
)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([Observation("I9", 2022, 1.0)], "observation for unknown item 'I9'"),
        ([Observation("I2", 2022, 92.0), Observation("I2", 2022, 92.1)], "I2 2022: more than one"),
        ([Observation("I2", 2019, 92.0)], "I2 2019: outside the plan period 2020–2025"),
        ([Observation("I2", "2022", 92.0)], "I2: '2022' is not a year"),
        (
            [Observation("I2", 2022, float("nan"))],
            "I2 常住人口城镇化率 2022: the value nan is not a finite number",
        ),
        ([Observation("I2", 2022, "92")], "I2 2022: '92' is not a number"),
        ([Observation("I2", 2022, 92.0, "万元")], "cannot convert 万元 into %"),
    ],
)
def test_bad_observations(rows, message):
    with refused(message):
        assess_plan(PLAN, rows, 2022)


def test_a_bad_row_anywhere_means_no_result_at_all():
    rows = [Observation("I2", 2021, 91.5), Observation("I17", 2022, 400.0, "天")]
    with refused("400 days is not within the 365 days of 2022"):
        assess_plan(PLAN, rows, 2022)


def test_database_numbers_are_accepted():
    result = assess_plan(PLAN, [Observation("I2", 2022, Decimal("92.3"))], 2022)
    assert result.items[0].latest_value == pytest.approx(92.3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"later_targets": [LaterTarget("I7", 1.0)]}, "later target for unknown item 'I7'"),
        ({"later_targets": [LaterTarget("I2", 1.0), LaterTarget("I2", 2.0)]}, "more than one"),
        ({"later_targets": [LaterTarget("I2", float("inf"))]}, "inf is not a finite number"),
        ({"later_targets": [LaterTarget("I2", 95.0, "about")]}, "unknown comparator 'about'"),
        ({"overrides": [ItemOverride("I2", direction="up")]}, "direction must be increase"),
        ({"overrides": [ItemOverride("I2", path="exponential")]}, "path must be linear"),
        ({"verdicts": [ManualVerdict("I2", "good", "理由")]}, "unknown status 'good'"),
        ({"verdicts": [ManualVerdict("I2", "on_track", " ")]}, "a reason is required"),
        ({"verdicts": [ManualVerdict("I8", "on_track", "理由")]}, "unknown item 'I8'"),
    ],
)
def test_bad_records_beside_the_observations(kwargs, message):
    with refused(message):
        assess_plan(PLAN, [Observation("I2", 2022, 92.0)], 2022, **kwargs)


def test_the_latest_manual_verdict_is_current():
    verdicts = [
        ManualVerdict("I2", "lagging", "初判", recorded_at="2023-02-01T09:00:00"),
        ManualVerdict("I2", "on_track", "复核后", recorded_at="2023-03-01T09:00:00"),
        ManualVerdict("I2", "seriously_lagging", "更早的意见", recorded_at="2023-01-01T09:00:00"),
    ]
    result = assess_plan(PLAN, [Observation("I2", 2022, 92.0)], 2022, verdicts=verdicts)
    assert result.items[0].manual.reason == "复核后"


def test_a_plan_without_period_cannot_be_assessed():
    plan = plan_of(indicator(2, "常住人口城镇化率", "%"))
    plan.base_year = plan.target_year = None
    with refused("no base year and target year"):
        assess_plan(plan, [], 2022)


def test_impossible_targets_in_the_plan_are_refused():
    falling = plan_of(indicator(1, "地区生产总值增长速度", "%", growth=-100))
    with refused("I1: a growth target of -100% is not possible"):
        assess_plan(falling, [], 2022)
    total = plan_of(indicator(15, "单位地区生产总值能源消耗降低", "%", target=100))
    with refused("I15: a reduction target of 100% is not possible"):
        assess_plan(total, [], 2022)


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([AnnualTarget("I7", 2022, 92.0)], "annual target for unknown item 'I7'"),
        ([AnnualTarget("I2", 2020, 92.0)], "annual target of I2 for 2020 is outside"),
        ([AnnualTarget("I2", 2022, float("nan"))], "not a finite number"),
        ([AnnualTarget("I2", 2022, 92.0), AnnualTarget("I2", 2022, 92.5)], "two annual targets"),
    ],
)
def test_bad_annual_targets(records, message):
    with refused(message):
        assess_plan(PLAN, [], 2022, annual_targets=records)


def test_annual_targets_reach_their_item_by_year():
    records = [AnnualTarget("I2", 2022, 92.0, ">=", "年度实施计划"), AnnualTarget("I2", 2021, 91.6)]
    items = measurable_items(PLAN, annual_targets=records)
    by_code = {item.code: item for item in items}
    assert sorted(by_code["I2"].annual_targets) == [2021, 2022]
    assert by_code["I2"].annual_targets[2022].source == "年度实施计划"
    assert by_code["I17"].annual_targets is None
