"""THE one number parser and the plausibility checks every entry point calls."""

from __future__ import annotations

import pytest

from planwatch.assess.numbers import number_problem, parse_number
from planwatch.assess.plausibility import check_value, value_kind
from planwatch.errors import InputError


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("４５．６", None, 45.6),  # full-width digits and point
        ("1,234.5", "亿元", 1234.5),
        ("１，２３４．５", "亿元", 1234.5),  # full-width comma too
        ("12%", "%", 12.0),
        ("12％", "%", 12.0),
        ("12%", None, 12.0),  # unit unknown: the % is taken as the unit
        (" -3.5 ", "%", -3.5),
        ("−3.5", "%", -3.5),  # a typographic minus
        (".5", None, 0.5),
        (7, "家", 7.0),
        (2.54, "%", 2.54),
        ("123456789012345", "元", 123456789012345.0),  # 15 digits: still a number
    ],
)
def test_numbers_people_type(text, unit, value):
    assert parse_number(text, unit=unit) == value


@pytest.mark.parametrize(
    ("text", "unit", "chinese", "english"),
    [
        ("abc", None, "“abc”不是数字", '"abc" is not a number'),
        ("1,23", None, "不是数字", "is not a number"),  # not a thousands group
        ("1_000", None, "不是数字", "is not a number"),
        ("1e5", None, "不是数字", "is not a number"),
        ("", None, "数值为空", "the value is empty"),
        ("nan", None, "不是有限的数值", "is not a finite number"),
        ("inf", None, "不是有限的数值", "is not a finite number"),
        (float("inf"), None, "不是有限的数值", "is not a finite number"),
        (True, None, "不是数字", "is not a number"),
        ("12%", "亿元", "带有%，但该指标的单位是亿元", "has a % sign but the unit is 亿元"),
        ("1234567890123456", None, "超过15位有效数字", "more than 15 significant digits"),
        ("0.1234567890123456", None, "超过15位有效数字", "more than 15 significant digits"),
    ],
)
def test_what_is_not_a_number_is_said_in_both_languages(text, unit, chinese, english):
    with pytest.raises(InputError) as caught:
        parse_number(text, unit=unit)
    assert chinese in str(caught.value)
    assert english in caught.value.render("en")
    assert number_problem(text, unit=unit) is not None


@pytest.mark.parametrize(
    ("name", "unit", "kind"),
    [
        ("常住人口城镇化率", "%", "share"),
        ("地区生产总值增长速度", "%", "growth_rate"),
        ("单位地区生产总值能源消耗降低", "%", "reduction_rate"),
        ("居民消费价格涨幅", "%", "other"),  # may be negative: no 0–100 range
        ("地区生产总值", "亿元", "amount"),
        ("高新技术企业数量", "家", "count"),
        ("国家高新区排名", "位", "rank"),
        ("粮食综合生产能力", "万吨", "other"),
    ],
)
def test_value_kinds(name, unit, kind):
    assert value_kind(name, unit) == kind


@pytest.mark.parametrize(
    ("value", "kind", "chinese"),
    [
        (130.0, "share", "I2 常住人口城镇化率 2022年的数值130超出比重的取值范围0—100%"),
        (-1.0, "share", "超出比重的取值范围0—100%"),
        (-10.0, "amount", "不能为负数，应不小于0"),
        (-1.0, "count", "不能为负数"),
        (0.0, "rank", "名次应为不小于1的整数"),
        (37.5, "rank", "名次应为不小于1的整数"),
        (-100.0, "growth_rate", "增速应大于-100%"),
        (100.0, "reduction_rate", "降低率应小于100%"),
        (float("inf"), "other", "不是有限的数值"),
        (1e308, "other", "超过15位有效数字"),
    ],
)
def test_impossible_values_are_refused_naming_item_year_and_range(value, kind, chinese):
    problems = check_value(value, item="I2 常住人口城镇化率", year=2022, kind=kind)
    assert len(problems) == 1 and problems[0].refused
    assert chinese in problems[0].message.render()
    assert "I2 常住人口城镇化率 2022" in problems[0].message.render("en")


@pytest.mark.parametrize("value", [0.0, 100.0, 54.3])
def test_shares_at_the_ends_of_their_range_are_possible(value):
    assert check_value(value, item="I2", year=2022, kind="share") == []


@pytest.mark.parametrize(
    ("value", "previous", "jump"),
    [
        (300.0, 100.0, False),  # exactly ×3: still believable
        (300.1, 100.0, True),
        (33.4, 100.0, False),
        (33.3, 100.0, True),  # under a third
        (-5.0, 5.0, True),  # a change of sign
        (5.0, 0.0, False),  # from zero there is no ratio to judge
        (0.0, 0.0, False),
    ],
)
def test_jumps_need_confirmation(value, previous, jump):
    problems = check_value(value, item="T2 高新技术企业数量", year=2022, kind="other",
                           previous=previous)  # fmt: skip
    assert bool(problems) == jump
    if jump:
        assert problems[0].needs_confirmation and not problems[0].refused
        assert "较2021年的" in problems[0].message.render()
        confirmed = check_value(value, item="T2", year=2022, previous=previous, confirmed=True)
        assert confirmed == []


def test_rates_swing_without_a_jump_check():
    assert check_value(-2.0, item="I1", year=2021, kind="growth_rate", previous=8.0) == []
