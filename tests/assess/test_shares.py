"""Decomposed targets, hand-computed: shares roll up by the item's rule; parts judged alone."""

from __future__ import annotations

import pytest

from planwatch.assess.items import measurable_items
from planwatch.assess.shares import Share, roll_up

from .handmade import indicator, plan_of, refused

FIRMS = indicator(4, "高新技术企业数量", "家", baseline=252, target=500)
ENERGY = indicator(6, "单位地区生产总值能源消耗降低", "%", target=14.5, binding=True)
SHARE = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
ITEMS = {i.code: i for i in measurable_items(plan_of(FIRMS, ENERGY, SHARE))}


def test_counts_add_up_and_each_part_is_judged_on_its_own_path():
    parts = [
        Share("东部街道", 100, 200, figures={2021: 115, 2022: 132}),
        Share("西部园区", 152, 300, figures={2021: 160, 2022: 165}),
    ]
    result = roll_up(ITEMS["I4"], parts, 2022)
    assert result.method == "sum"
    assert (result.baseline, result.target) == (252, 500)
    assert result.figures == {2021: 275, 2022: 297}
    east, west = result.shares
    # east: 100 → 200 geometric, 2022 path 100 × 2^0.4 = 131.95; 132 → 符合预期
    assert east.expected_value == pytest.approx(131.95, abs=0.01)
    assert east.status == "on_track"
    # west: ln(165/152)/ln(300/152) = 0.0821/0.680 = 0.121; r = 0.30 → 严重滞后
    assert west.status == "seriously_lagging"
    assert [s.holder for s in result.off_course] == ["西部园区"]


def test_rates_are_weighted_by_the_stated_weights():
    parts = [
        Share("东部街道", None, 15.0, weight=3, figures={2021: 4.0}),
        Share("西部园区", None, 14.0, weight=1, figures={2021: 2.0}),
    ]
    result = roll_up(ITEMS["I6"], parts, 2021)
    assert result.method == "weighted"
    assert result.figures == {2021: pytest.approx((3 * 4.0 + 1 * 2.0) / 4)}  # 3.5
    assert result.target == pytest.approx((3 * 15 + 14) / 4)  # 14.75


def test_a_year_some_part_did_not_report_is_not_added_up():
    parts = [
        Share("甲", 100, 200, figures={2021: 110, 2022: 120}),
        Share("乙", 152, 300, figures={2021: 160}),
    ]
    result = roll_up(ITEMS["I4"], parts, 2022)
    assert result.figures == {2021: 270}
    assert result.incomplete_years == (2022,)


def test_a_weighted_roll_up_without_weights_is_refused():
    parts = [Share("甲", 90, 92, weight=2), Share("乙", 92, 94)]
    with refused("these shares have no positive weight: 乙", "乙"):
        roll_up(ITEMS["I2"], parts, 2022)
