"""Grade boundaries, hand-computed: the progress ratio r against the documented bands.

Levels: r = p/τ. With baseline 0 and target 100 on the linear path, in 2022 τ = 0.4, so a value v
gives p = v/100 and r = v/40. Defaults: ahead r ≥ 1.2 (v ≥ 48), on track r ≥ 1 (v ≥ 40), roughly
on track r ≥ 0.9 (v ≥ 36), lagging r ≥ 0.6 (v ≥ 24), seriously lagging below, regressing r < 0.

Growth targets: r = ḡ/g*, ahead r ≥ 1.05, on track r ≥ 1, roughly r ≥ 0.9, lagging r ≥ 0.6.
"""

from __future__ import annotations

import pytest
from pytest import approx

from planwatch.assess.model import AssessOptions

from .handmade import indicator, judge, refused

SHARE = indicator(1, "覆盖率", "%", baseline=0, target=100, comparator=">=", text="100")
GDP = indicator(1, "地区生产总值增长速度", "%", growth=15)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (100, "achieved"),
        (99.99, "ahead"),
        (48, "ahead"),  # r = 1.2
        (47.99, "on_track"),
        (40, "on_track"),  # exactly on the path, r = 1
        (39.99, "roughly_on_track"),
        (36, "roughly_on_track"),  # r = 0.9
        (35.99, "lagging"),
        (24, "lagging"),  # r = 0.6
        (23.99, "seriously_lagging"),
        (0, "seriously_lagging"),  # no progress is not regress
    ],
)
def test_level_bands(value, status):
    assert judge(SHARE, {2022: value}).status == status


def test_moving_away_is_regressing_and_a_share_below_zero_is_refused():
    from_ten = indicator(1, "覆盖率", "%", baseline=10, target=100, comparator=">=", text="100")
    assert judge(from_ten, {2022: 9.99}).status == "regressing"
    with refused(r"the value -0.01 is outside 0–100 %", "超出比重的取值范围0—100%"):
        judge(SHARE, {2022: -0.01})


def test_level_bands_follow_the_options():
    strict = AssessOptions(ahead_ratio=1.5, roughly_ratio=0.95, lagging_ratio=0.8)
    assert judge(SHARE, {2022: 59.9}, options=strict).status == "on_track"  # r = 1.4975
    assert judge(SHARE, {2022: 60}, options=strict).status == "ahead"  # r = 1.5
    assert judge(SHARE, {2022: 37.9}, options=strict).status == "lagging"  # r = 0.9475
    assert judge(SHARE, {2022: 31.9}, options=strict).status == "seriously_lagging"  # 0.7975


def test_at_the_target_year_an_unmet_target_is_behind():
    assert judge(SHARE, {2025: 99}, 2025).status == "lagging"  # r = 0.99, but the time is up
    assert judge(SHARE, {2025: 50}, 2025).status == "seriously_lagging"  # r = 0.5 < 0.6


def test_twelve_per_cent_over_two_years_against_fifteen_is_lagging():
    result = judge(GDP, {2021: 12, 2022: 12})
    assert result.judged_value == approx(12.0)  # ḡ = 12 %
    assert result.progress_ratio == approx(0.8)  # 12 / 15 < 0.9
    assert result.status == "lagging"


def test_ten_and_twelve_per_cent_against_fifteen_is_lagging():
    result = judge(GDP, {2021: 10, 2022: 12})
    assert result.judged_value == approx(10.995, abs=1e-3)  # √(1.10 × 1.12) − 1
    assert result.progress_ratio == approx(0.7330, abs=1e-4)
    assert result.status == "lagging"
    # the remaining three years need ((1.15^5) / (1.10 × 1.12))^(1/3) − 1 = 17.75 %
    assert result.required_pace == approx(17.75, abs=0.01)


def test_sixteen_seventeen_fifteen_against_fifteen_is_ahead():
    result = judge(GDP, {2021: 16, 2022: 17, 2023: 15}, 2023)
    assert result.judged_value == approx(15.997, abs=1e-3)  # ∛(1.16 × 1.17 × 1.15) − 1
    assert result.progress_ratio == approx(1.0665, abs=1e-4)  # ≥ 1.05
    assert result.status == "ahead"


@pytest.mark.parametrize(
    ("rate", "status"),
    [
        (15.75, "ahead"),  # r = 1.05
        (15.7, "on_track"),
        (15, "on_track"),
        (13.5, "roughly_on_track"),  # r = 0.9
        (13.4, "lagging"),
        (9, "lagging"),  # r = 0.6
        (8.9, "seriously_lagging"),
        (-1, "regressing"),
    ],
)
def test_growth_bands(rate, status):
    assert judge(GDP, {2021: rate, 2022: rate}).status == status


def test_inverted_thresholds_are_refused():
    with refused("thresholds must satisfy", "评价阈值"):
        judge(SHARE, {2022: 40}, options=AssessOptions(roughly_ratio=0.5, lagging_ratio=0.7))
    with refused("thresholds must satisfy"):
        judge(SHARE, {2022: 40}, options=AssessOptions(ahead_ratio=0.9))
