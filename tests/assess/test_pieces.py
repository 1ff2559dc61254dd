"""Projection, units, the international second opinion and the roll-up, each by hand."""

from __future__ import annotations

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.international import second_opinion
from planwatch.assess.model import AssessOptions
from planwatch.assess.projection import project
from planwatch.assess.units import UnitError, convert

from .handmade import indicator, observations, plan_of

approx = pytest.approx


# --- projection -------------------------------------------------------------------------------


def test_two_points_give_the_line_through_them_without_interval():
    assert project([(2020, 10.0), (2022, 14.0)], 2025, log_linear=False) == (
        approx(20.0),
        None,
        None,
        "linear",
    )


def test_three_points_are_weighted_to_the_recent_years_with_an_interval():
    # weights 1, 2, 3: slope 1.4 (unweighted: 1.5), value 17.3 in 2025;
    # weighted residual sum 0.30, s = √0.30, se = s·√(1/3 + 1/6 + 3.6667²/3.3333) = 1.1662,
    # 80 % interval with t(1 dof) = 3.078: ± 3.590
    value, low, high, method = project([(2020, 10.0), (2021, 12.0), (2022, 13.0)], 2025,
                                       log_linear=False)  # fmt: skip
    assert method == "linear"
    assert value == approx(17.3)
    assert (low, high) == (approx(17.3 - 3.590, abs=1e-3), approx(17.3 + 3.590, abs=1e-3))


def test_log_linear_for_compounding_quantities():
    value, low, high, method = project([(2020, 100.0), (2022, 121.0)], 2025, log_linear=True)
    assert (value, low, high, method) == (approx(161.051), None, None, "log-linear")  # 100 × 1.1⁵
    # a value at or below zero cannot be logged: the line is fitted on the values instead
    assert project([(2020, 0.0), (2022, 2.0)], 2025, log_linear=True)[3] == "linear"


def test_too_little_to_project():
    assert project([(2022, 5.0)], 2025, log_linear=False) is None
    assert project([], 2025, log_linear=False) is None


def test_projection_says_whether_the_target_will_be_met():
    plan = plan_of(indicator(2, "城镇化率", "%", baseline=90, target=95))
    steady = assess_plan(plan, observations("I2", {2021: 91, 2022: 92}), 2022).items[0]
    assert steady.projection.value == approx(95.0)  # weights 1, 2, 3 on an exact line
    assert steady.projection.will_meet is True
    slow = assess_plan(plan, observations("I2", {2021: 90.5, 2022: 91}), 2022).items[0]
    assert slow.projection.will_meet is False
    assert "难以如期完成" in slow.explanation


# --- units ------------------------------------------------------------------------------------


def test_money_scales_convert_exactly():
    assert convert(33000, "万元", "亿元", year=2022, day_share=False) == approx(3.3)
    assert convert(3.3, "亿元", "万元", year=2022, day_share=False) == approx(33000)
    assert convert(5, "％", "%", year=2022, day_share=False) == 5  # full-width is the same unit


def test_days_become_a_share_of_that_year():
    assert convert(300, "天", "%", year=2023, day_share=True) == approx(300 / 365 * 100)
    assert convert(300, "天", "%", year=2024, day_share=True) == approx(300 / 366 * 100)
    with pytest.raises(UnitError, match="2024年的366天"):
        convert(400, "天", "%", year=2024, day_share=True)


@pytest.mark.parametrize(
    ("unit", "item_unit", "day_share"),
    [("天", "%", False), ("元", "亿元", False), ("万吨", "吨", False), ("%", "亿元", False)],
)
def test_anything_else_is_refused(unit, item_unit, day_share):
    with pytest.raises(UnitError, match="无法把"):
        convert(1, unit, item_unit, year=2022, day_share=day_share)


# --- the international second opinion -----------------------------------------------------------

OPTIONS = AssessOptions()


@pytest.mark.parametrize(
    ("observed", "category"),
    [
        (0.095, "substantial"),  # R = 0.95
        (0.0949, "moderate"),
        (0.06, "moderate"),  # R = 0.6
        (0.0599, "limited"),
        (0.0, "limited"),
        (-0.001, "deterioration"),
    ],
)
def test_ratio_thresholds(observed, category):
    opinion = second_opinion(observed, 0.1, met=False, direction="increase", options=OPTIONS)
    assert opinion.category == category
    assert opinion.ratio == approx(observed / 0.1)


def test_unsd_threshold_is_configurable():
    older = AssessOptions(limited_threshold=0.5)
    assert second_opinion(0.055, 0.1, met=False, direction="increase", options=older).category == (
        "moderate"
    )


def test_decreasing_indicators_and_targets_already_met():
    falling = second_opinion(-0.03, -0.04, met=False, direction="decrease", options=OPTIONS)
    assert (falling.ratio, falling.category) == (approx(0.75), "moderate")
    met = second_opinion(0.01, 0.2, met=True, direction="increase", options=OPTIONS)
    assert (met.category, met.label) == ("target_achieved", "已达目标")


@pytest.mark.parametrize(
    ("observed", "direction", "category"),
    [
        (0.015, "increase", "substantial"),
        (0.0149, "increase", "moderate"),
        (0.005, "increase", "moderate"),
        (0.0049, "increase", "limited"),
        (-0.01, "increase", "deterioration"),
        (-0.02, "decrease", "substantial"),
    ],
)
def test_without_target_fixed_growth_thresholds(observed, direction, category):
    opinion = second_opinion(observed, None, met=False, direction=direction, options=OPTIONS)
    assert (opinion.category, opinion.ratio) == (category, None)


# --- roll-up ----------------------------------------------------------------------------------


def test_counts_per_category_and_binding_warnings_first():
    plan = plan_of(
        indicator(1, "甲", "%", baseline=0, target=100, category="经济发展"),
        indicator(2, "乙", "%", baseline=0, target=100, category="经济发展", binding=True),
        indicator(3, "丙", "%", baseline=0, target=100, category="绿色生态"),
        indicator(4, "丁", "%", baseline=0, target=100, category="绿色生态", binding=True),
        indicator(5, "戊", "%", baseline=0, target=100, category="绿色生态"),
    )
    rows = [
        *observations("I1", {2022: -5}),  # regressing
        *observations("I2", {2022: 30}),  # p/τ = 0.3/0.4 = 0.75: lagging, binding
        *observations("I3", {2022: 45}),  # 0.45/0.4 = 1.125: on track
        *observations("I4", {2022: 5}),  # 0.05/0.4 = 0.125: seriously lagging, binding
    ]
    summary = assess_plan(plan, rows, 2022).summary
    assert summary["total"] == 5
    assert {k: v for k, v in summary["by_status"].items() if v} == {
        "on_track": 1,
        "lagging": 1,
        "seriously_lagging": 1,
        "regressing": 1,
        "no_data": 1,
    }
    assert summary["by_category"]["绿色生态"]["by_status"]["on_track"] == 1
    assert summary["by_category"]["绿色生态"]["total"] == 3
    assert summary["by_category"]["经济发展"]["shares"]["regressing"] == 0.5
    assert [w["code"] for w in summary["warnings"]] == ["I4", "I2", "I1"]
    assert summary["binding"]["off_course"] == ["I2", "I4"]
    assert summary["thresholds"]["roughly_ratio"] == 0.9
