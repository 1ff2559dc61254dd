"""Hand-computed cases, one or more per kind of target and per path (docs/methodology.md).

The expected figures are worked out by hand from the formulas in the methodology, e.g.
g* = 15 %, 2021 = 10 %, 2022 = 12 % → ḡ = √(1.10 × 1.12) − 1 = 11.0 %,
required = (1.15⁵ / 1.232)^(1/3) − 1 = 17.7 %.
"""

from __future__ import annotations

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.model import AssessOptions, ItemOverride, LaterTarget, ManualVerdict

from .handmade import indicator, judge, observations, plan_of, prose

approx = pytest.approx

URBAN = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93, comparator=">=", text="93")
PATENTS = indicator(6, "每万人口高价值发明专利拥有量", "件", target=8, comparator=">=", text="8")
JOBLESS = indicator(
    9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=", text="4.5以内"
)


# --- average annual growth ----------------------------------------------------------------


def test_growth_rate_target_worked_example_from_the_primer():
    gdp = indicator(1, "地区生产总值增长速度", "%", baseline=8.2, growth=15)
    result = judge(gdp, {2021: 10, 2022: 12})
    assert result.method == "growth"
    assert result.judged_value == approx(10.995, abs=1e-3)  # ḡ = √1.232 − 1
    assert result.required_pace == approx(17.750, abs=1e-3)  # (2.0113571875 / 1.232)^(1/3) − 1
    assert result.pace_unit == "%"
    assert result.expected_value == 15
    assert result.gap == approx(10.995 - 15, abs=1e-3)
    # completion on the log scale: τ · ln(1.10995) / ln(1.15) = 0.4 × 0.7464 = 0.2986 < 0.4 − 0.1
    assert result.completion_share == approx(0.2986, abs=1e-4)
    assert result.time_share == approx(0.4)
    assert result.status == "lagging"
    assert result.path == "geometric"


def test_growth_rate_on_pace_is_on_track_and_a_met_index_is_achieved():
    gdp = indicator(1, "地区生产总值增长速度", "%", growth=6)
    assert judge(gdp, {2021: 6, 2022: 6}).status == "on_track"
    # 1.4 × 1.4 × 1.4 = 2.744 > 1.06⁵ = 1.338: the five-year growth is already banked
    assert judge(gdp, {2021: 40, 2022: 40, 2023: 40}, 2023).status == "achieved"


def test_growth_target_on_a_level_series_uses_the_levels():
    gdp = indicator(1, "地区生产总值", "亿元", baseline=285, growth=15)
    result = judge(gdp, {2021: 320, 2022: 350})
    assert result.method == "growth"
    assert result.judged_value == approx(10.818, abs=1e-3)  # √(350 / 285) − 1
    assert result.required_pace == approx(17.875, abs=1e-3)  # (285 × 1.15⁵ / 350)^(1/3) − 1
    assert result.latest_value == 350


# --- levels with baseline and target -------------------------------------------------------


def test_level_on_the_linear_path():
    urban = indicator(
        2, "常住人口城镇化率", "%", baseline=91.24, target=93, comparator=">=", text="93"
    )
    result = judge(urban, {2021: 91.8, 2022: 92.3})
    assert result.method == "level"
    assert result.path == "linear"
    assert result.expected_value == approx(91.944)  # 91.24 + 0.4 × 1.76
    assert result.completion_share == approx(1.06 / 1.76)  # 0.602
    assert result.progress_ratio == approx(1.06 / 1.76 / 0.4)  # 1.506 ≥ 1.2
    assert result.status == "ahead"
    assert result.required_pace == approx(0.7 / 3)  # (93 − 92.3) / 3 percentage points a year
    assert result.pace_unit == "pp"
    assert result.gap == approx(92.3 - 91.944)


def test_level_on_the_geometric_path_for_counts_of_firms():
    firms = prose("T2", "高新技术企业数量", 500, "家", baseline=252)
    result = judge(firms, {2021: 300, 2022: 330})
    assert result.path == "geometric"
    assert result.expected_value == approx(331.458, abs=1e-3)  # 252 × (500/252)^0.4
    assert result.completion_share == approx(0.39357, abs=1e-5)  # ln(330/252) / ln(500/252)
    assert result.required_pace == approx(14.856, abs=1e-3)  # (500/330)^(1/3) − 1
    assert result.status == "roughly_on_track"  # p/τ = 0.39357 / 0.4 = 0.984: 0.9 ≤ r < 1


def test_the_two_paths_judge_the_same_value_differently_and_the_path_can_be_overridden():
    firms = prose("T2", "高新技术企业数量", 500, "家", baseline=252)
    # 330 firms in 2022: geometric p = ln(330/252)/ln(500/252) = 0.394, r = 0.984 (roughly
    # on track); linear p = 78/248 = 0.315, r = 0.786 (lagging)
    geometric = judge(firms, {2022: 330})
    assert (geometric.path, geometric.status) == ("geometric", "roughly_on_track")
    linear = judge(firms, {2022: 330}, overrides=[ItemOverride("T2", path="linear")])
    assert (linear.path, linear.status) == ("linear", "lagging")
    assert linear.completion_share == approx(78 / 248)


def test_money_is_geometric_and_shares_are_linear():
    money = indicator(1, "居民人均可支配收入", "元", baseline=40000, target=60000)
    share = indicator(1, "研发经费投入强度", "%", baseline=2.0, target=3.0)
    assert judge(money, {2022: 45000}).path == "geometric"
    assert judge(share, {2022: 2.5}).path == "linear"


def test_level_already_beyond_its_target_is_achieved_with_the_primer_sentence():
    rd = indicator(5, "全社会研发经费投入占地区生产总值比重", "%", baseline=5.1, target=5.5)
    result = judge(rd, {2021: 5.6, 2022: 6.24})
    assert result.status == "achieved"
    assert result.explanation == "2022年为6.24%，已超过2025年目标5.5%，提前完成。"


def test_planned_decrease_with_a_plain_target_is_judged_downwards():
    # the reader's default ">=" on a plain 3.0 below a 4.0 baseline must not make it "met"
    debt = indicator(1, "政府债务率", "%", baseline=4.0, target=3.0, comparator=">=", text="3")
    assert judge(debt, {2022: 3.95}).status == "seriously_lagging"  # p/τ = 0.05/0.4 < 0.6
    assert judge(debt, {2022: 3.6}).status == "on_track"  # p = 0.4
    assert judge(debt, {2022: 4.2}).status == "regressing"
    assert judge(debt, {2022: 2.9}).status == "achieved"


def test_level_without_baseline_starts_from_the_earliest_observation():
    patents = indicator(
        6, "每万人口高价值发明专利拥有量", "件", target=8, comparator=">=", text="8"
    )
    one = judge(patents, {2022: 6})
    assert one.status == "needs_target"  # a figure is there: never 数据暂缺 next to it
    assert one.explanation == "2022年为6件，缺少基期值，待补充基期值后评估进度。"
    two = judge(patents, {2021: 5, 2023: 6.5}, 2023)  # from 2021: τ = 2/4, p = 1.5/3 (linear)
    assert two.time_share == approx(0.5)
    assert two.status == "on_track"
    assert two.explanation.startswith(
        "2023年为6.5件，以2021年的5件为起点，按线性路径2023年应为6.5件"
    )
    assert judge(patents, {2022: 8.5}).status == "achieved"


def test_a_base_year_observation_stands_in_for_a_missing_baseline():
    patents = indicator(
        6, "每万人口高价值发明专利拥有量", "件", target=8, comparator=">=", text="8"
    )
    result = judge(patents, {2020: 6, 2022: 6.2})
    assert result.time_share == approx(0.4)
    assert result.completion_share == approx(0.1)  # ratio per 10,000 people: linear
    assert result.status == "seriously_lagging"  # p/τ = 0.25 < 0.6


# --- cumulative change ---------------------------------------------------------------------


def test_cumulative_change_without_a_target_level():
    rd = indicator(1, "研发经费投入强度", "%", baseline=2.5, change=0.5)
    result = judge(rd, {2022: 2.6})
    assert result.method == "cumulative"
    assert result.target_value == approx(3.0)
    assert result.judged_value == approx(0.1)
    assert result.expected_value == approx(0.2)  # 0.4 × 0.5
    assert result.completion_share == approx(0.2)
    assert result.status == "seriously_lagging"  # p/τ = 0.5 < 0.6
    assert "较2020年提高0.1个百分点" in result.explanation


def test_increment_counts_additions_from_zero():
    sewage = prose("T16", "城市污水日处理能力", 15, "万吨", kind="increment")
    result = judge(sewage, {2022: 5})
    assert result.method == "cumulative"
    assert result.expected_value == approx(6)  # 0.4 × 15
    assert result.completion_share == approx(1 / 3)
    assert result.status == "lagging"  # p/τ = 0.833: 0.6 ≤ r < 0.9
    assert result.required_pace == approx(10 / 3)
    assert result.explanation.startswith("截至2022年累计新增5万吨")
    assert judge(sewage, {2023: 15}, 2023).status == "achieved"


def test_cumulative_change_needs_the_base_year_value():
    rd = indicator(1, "研发经费投入强度", "%", change=0.5)
    assert judge(rd, {2021: 2.6, 2022: 2.7}).status == "no_data"
    assert judge(rd, {2020: 2.5, 2022: 2.9}).status == "ahead"  # p = 0.8, p/τ = 2


# --- ceilings, floors, hold ----------------------------------------------------------------


def test_ceiling_that_holds_is_achieved_and_must_keep_holding():
    jobless = indicator(
        9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=", text="4.5以内"
    )
    result = judge(jobless, {2021: 2.1, 2022: 2.4})
    assert (result.method, result.status, result.direction) == (
        "ceiling",
        "bound_kept",
        "decrease",
    )
    assert result.explanation == "2022年为2.4%，控制在4.5%以内，达到目标要求，须保持至2025年。"
    assert result.outlook == "likely"  # 2.1, 2.4 → 3.3 in 2025, still within


def test_ceiling_kept_at_the_baseline_and_broken_now_is_regressing():
    jobless = indicator(
        9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=", text="4.5以内"
    )
    result = judge(jobless, {2022: 4.6})
    assert result.status == "regressing"
    assert result.gap == approx(-0.1)
    assert "超出4.5%的上限0.1个百分点，须当年回到4.5%以内" in result.explanation


def test_ceiling_above_the_baseline_is_a_path_down_to_it():
    jobless = indicator(
        9, "城镇登记失业率", "%", baseline=5.0, target=4.5, comparator="<=", text="4.5以内"
    )
    result = judge(jobless, {2022: 4.9})  # p = 0.1 / 0.5 = 0.2 against τ = 0.4
    assert result.path == "linear"
    assert result.completion_share == approx(0.2)
    assert result.status == "seriously_lagging"  # p/τ = 0.5


def test_a_ceiling_at_risk_says_so():
    jobless = indicator(
        9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=", text="4.5以内"
    )
    result = judge(jobless, {2021: 3.0, 2022: 4.0})
    assert result.status == "bound_kept"
    # fitted on the observed points only: 3.0, 4.0 → 7.0 in 2025, beyond 4.5
    assert result.projection.value == approx(7.0)
    assert result.projection.points == 2
    assert result.projection.will_meet is False
    assert result.outlook == "at_risk"
    assert result.explanation == (
        "2022年为4%，控制在4.5%以内，达到目标要求，须保持至2025年，"
        "但按2021—2022年2个观测值的趋势，2025年预计为7%，存在不能保持在目标要求内的风险。"
    )


def test_floor_kept_by_the_baseline():
    land = indicator(
        1, "粮食播种面积", "万亩", baseline=60, target=55, comparator=">=", text="55以上"
    )
    kept = judge(land, {2022: 58})
    assert (kept.method, kept.status) == ("floor", "bound_kept")
    assert kept.explanation == "2022年为58万亩，不低于55万亩，达到目标要求，须保持至2025年。"
    assert judge(land, {2022: 54}).status == "regressing"


def test_hold_at_baseline():
    grain = indicator(20, "粮食综合生产能力", "万吨", baseline=0.64, target=0.64, comparator=">=")
    kept = judge(grain, {2022: 0.65})
    assert (kept.method, kept.status) == ("hold", "bound_kept")
    assert "须保持至2025年" in kept.explanation
    assert judge(grain, {2022: 0.64}).status == "bound_kept"
    assert judge(grain, {2022: 0.62}).status == "regressing"


def test_rank_target_is_a_position_to_reach():
    rank = prose("T2", "国家高新区排名", 30, "名", kind="rank", comparator="<=")
    assert judge(rank, {2022: 28}).status == "achieved"  # 前三十 = position ≤ 30
    assert judge(rank, {2022: 30}).status == "achieved"
    assert judge(rank, {2022: 35}).status == "needs_target"  # one position, no start


# --- reductions ----------------------------------------------------------------------------


def test_reduction_cumulative_against_the_geometric_path():
    energy = indicator(15, "单位地区生产总值能源消耗降低", "%", target=13.5, binding=True)
    result = judge(energy, {2021: 3.2, 2022: 3.5})
    assert result.method == "reduction"
    assert result.judged_value == approx(6.588)  # 1 − 0.968 × 0.965
    assert result.expected_value == approx(5.636, abs=1e-3)  # 1 − 0.865^0.4
    assert result.completion_share == approx(0.46992, abs=1e-5)  # ln 0.93412 / ln 0.865
    assert result.required_pace == approx(2.530, abs=1e-3)  # 1 − (0.865 / 0.93412)^(1/3)
    assert result.status == "on_track"
    assert result.binding


def test_slow_reductions_lag():
    energy = indicator(15, "单位地区生产总值能源消耗降低", "%", target=13.5, binding=True)
    result = judge(energy, {2021: 1.0, 2022: 1.0})
    assert result.judged_value == approx(1.99)  # 1 − 0.99²
    assert result.completion_share == approx(0.1386, abs=1e-4)
    assert result.status == "seriously_lagging"  # p/τ = 0.35 < 0.6
    assert judge(energy, {2021: -1.0, 2022: 0.5}).status == "regressing"  # intensity rose


def test_reduction_assigned_later_by_the_higher_government():
    energy = indicator(
        15,
        "单位地区生产总值能源消耗降低",
        "%",
        baseline=34.74,
        text="完成省市分解任务",
        binding=True,
    )
    waiting = judge(energy, {2021: 3.2, 2022: 3.5})
    assert waiting.status == "needs_target"
    assert "完成省市分解任务" in waiting.explanation
    assigned = judge(energy, {2021: 3.2, 2022: 3.5}, later_targets=[LaterTarget("I15", 13.5)])
    assert assigned.status == "on_track"
    assert assigned.target_source == "later"
    assert assigned.judged_value == approx(6.588)


def test_reduction_without_target_follows_the_intensity():
    carbon = indicator(16, "单位地区生产总值二氧化碳排放量降低", "%", binding=True)
    assert judge(carbon, {2021: 4, 2022: 3}).status == "improving"  # intensity down 6.9 %
    assert judge(carbon, {2021: -2, 2022: -1}).status == "worsening"


# --- trend only and other cases ------------------------------------------------------------


def test_trend_only_items():
    share = indicator(7, "数字经济核心产业增加值占地区生产总值比重", "%", baseline=8.0)
    assert judge(share, {2022: 8.5}).status == "improving"
    assert judge(share, {2022: 8.05}).status == "stable"  # 0.6 % change < 1 % band
    assert judge(share, {2022: 7.5}).status == "worsening"
    jobless = indicator(9, "城镇登记失业率", "%", baseline=3.0)
    result = judge(jobless, {2022: 3.5})
    assert (result.direction, result.direction_source, result.status) == (
        "decrease",
        "meaning",
        "worsening",
    )


def test_trend_without_baseline_needs_two_years():
    share = indicator(7, "数字经济核心产业增加值占地区生产总值比重", "%")
    assert judge(share, {2022: 8.5}).status == "no_data"
    assert judge(share, {2021: 8.0, 2022: 8.5}).status == "improving"


def test_no_observations_is_no_data():
    result = judge(indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93), {})
    assert result.status == "no_data"
    assert result.explanation == "尚无2021年以来的数据。"


def test_multiple_of_the_baseline():
    doubling = prose("T13", "高新技术企业", 2, "倍", kind="multiple", baseline=252)
    result = judge(doubling, {2022: 330}, unit="家")
    assert result.target_value == approx(504)
    assert result.path == "linear"  # the unit of a multiple is unknown: no compounding assumed
    no_base = prose("T13", "高新技术企业", 2, "倍", kind="multiple")
    assert judge(no_base, {2022: 330}).status == "needs_target"
    # twice the base-year value, never twice a later one
    assert judge(no_base, {2021: 300, 2022: 330}).status == "needs_target"
    from_base_year = judge(no_base, {2020: 250, 2022: 330})
    assert (from_base_year.target_value, from_base_year.status) == (500, "lagging")  # p/τ = 0.8


def test_qualitative_prose_target_needs_a_number():
    words = prose("T9", "城市品质", None, None, comparator=None, text="城市品质显著提升")
    assert judge(words, {}).status == "needs_target"


def test_target_year_reached_without_the_target_is_not_on_track():
    urban = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
    result = judge(urban, {2025: 92.9}, 2025)  # p = 0.94: within the tolerance, but too late
    assert result.status == "lagging"


def test_observations_after_the_assessment_year_are_ignored():
    urban = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
    result = judge(urban, {2021: 91.6, 2023: 93.5}, 2022)
    assert (result.latest_year, result.status) == (2021, "on_track")
    assert result.series == [(2021, 91.6)]
    assert result.explanation.endswith("（最新数据为2021年）。")


def test_manual_verdict_sits_beside_the_computed_status():
    urban = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
    verdict = ManualVerdict("I2", "achieved", "人口普查口径调整", "张三", "2023-03-01T10:00:00")
    result = judge(urban, {2022: 91.3}, verdicts=[verdict])
    assert result.status == "seriously_lagging"
    assert result.manual == verdict
    plan = plan_of(urban)
    summary = assess_plan(plan, observations("I2", {2022: 91.3}), 2022, verdicts=[verdict]).summary
    assert summary["manual"] == [
        {
            "code": "I2",
            "status": "achieved",
            "computed": "seriously_lagging",
            "agrees": False,
            "reason": "人口普查口径调整",
            "author": "张三",
            "recorded_at": "2023-03-01T10:00:00",
        }
    ]


def test_direction_override():
    share = indicator(7, "外来务工人员占比", "%", baseline=30.0)
    assert judge(share, {2022: 35}).status == "improving"  # assumed: higher is better
    turned = judge(share, {2022: 35}, overrides=[ItemOverride("I7", direction="decrease")])
    assert (turned.status, turned.direction_source) == ("worsening", "override")


def test_international_second_opinion():
    urban = indicator(2, "常住人口城镇化率", "%", baseline=91.24, target=93)
    opinion = judge(urban, {2022: 92.3}).international
    # CAGR_obs = (92.3/91.24)^(1/2) − 1 = 0.5792 %, CAGR_req = (93/91.24)^(1/5) − 1 = 0.3829 %
    assert opinion.observed_growth == approx(0.005792, abs=1e-6)
    assert opinion.required_growth == approx(0.003829, abs=1e-6)
    assert opinion.ratio == approx(1.5129, abs=1e-4)
    assert opinion.category == "substantial"
    growth = judge(indicator(1, "地区生产总值增长速度", "%", growth=15), {2021: 10, 2022: 12})
    assert growth.international.ratio == approx(0.10995 / 0.15, abs=1e-4)  # 0.733
    assert growth.international.category == "moderate"


def test_thresholds_are_configurable():
    urban = indicator(2, "常住人口城镇化率", "%", baseline=0, target=100)
    assert judge(urban, {2022: 25}).status == "lagging"  # p/τ = 0.25 / 0.4 = 0.625
    loose = AssessOptions(roughly_ratio=0.6)
    assert judge(urban, {2022: 25}, options=loose).status == "roughly_on_track"
