"""Indicator-table conventions of real outlines (issue 10, point 4), on a county table written
as a Markdown pipe table: a combined 年均增长〔累计〕 column read by its note, a cap in that column,
footnote marks, and two rows printed with the same number."""

import pytest

from planwatch.outline import parse_outline_bytes

OUTLINE = """# 某县国民经济和社会发展第十四个五年规划纲要

## 第一章　主要目标

到2025年，全县综合实力明显增强。

| 类别 | 指标 | 单位 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性 |
|---|---|---|---|---|---|---|
| 经济发展 | 1. 一般公共预算收入增长 | % | 5.1 | — | 6 | 预期性 |
| 经济发展 | 2. 常住人口城镇化率 | % | 12 | 14 | 2 | 预期性 |
| 经济发展 | 3. 每千人口拥有执业（助理）医师数 | 人 | 2.4 | 3 | 〔0.6〕 | 预期性 |
| 民生福祉 | 4. 城镇调查失业率 | % | 4.8 | — | <5.5 | 预期性 |
| 民生福祉 | 5. 居民人均可支配收入 | 元 | 30100* | — | 7 | 预期性 |
| 绿色生态 | 5. 森林覆盖率 | % | 35.2 | 36.5 | 〔1.3〕 | **约束性** |

注：〔〕内为五年累计数。

## 第二章　重点任务

加快产业发展。推进工业转型升级。
"""


@pytest.fixture(scope="module")
def table():
    plan = parse_outline_bytes(OUTLINE.encode(), "county.md")
    return {i.name: i for i in plan.indicators}


def test_bare_number_of_a_growth_indicator_is_its_annual_growth(table):
    revenue = table["一般公共预算收入增长"]
    assert revenue.annual_growth.value == 6 and revenue.cumulative_change is None


def test_bare_number_equal_to_target_minus_baseline_is_cumulative(table):
    urban = table["常住人口城镇化率"]
    assert urban.cumulative_change.value == 2 and urban.annual_growth is None


def test_brackets_are_cumulative_and_units_in_any_parentheses(table):
    doctors = table["每千人口拥有执业（助理）医师数"]
    assert doctors.cumulative_change.value == 0.6 and doctors.unit == "人"


def test_a_cap_on_a_rate_that_is_not_a_growth_is_a_level_target(table):
    jobless = table["城镇调查失业率"]
    assert (jobless.target.value, jobless.target.comparator) == (5.5, "<")
    assert jobless.annual_growth is None


def test_footnote_mark_stripped_and_duplicate_numbers_get_distinct_codes(table):
    income = table["居民人均可支配收入"]
    assert income.baseline.value == 30100
    codes = [table["居民人均可支配收入"].code, table["森林覆盖率"].code]
    assert codes == ["I5", "I5-2"]
    assert table["森林覆盖率"].attribute == "binding"
