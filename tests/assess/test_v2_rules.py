"""Assessment v2, hand-computed: figures reported cumulatively, missing years, ranks, bounds
broken, the outlook beside the grade, restated targets and the loaders' basis and confirmation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from pytest import approx

from planwatch.assess import assess_plan, load_observations
from planwatch.assess.model import ItemOverride, LaterTarget, Observation

from .handmade import indicator, judge, plan_of, prose, refused

ENERGY = indicator(15, "单位地区生产总值能源消耗降低", "%", target=14.5, binding=True)
GDP = indicator(1, "地区生产总值增长速度", "%", growth=15)
RANK = prose("T5", "国家高新区排名", 30, "位", kind="rank", comparator="<=")
JOBLESS = indicator(9, "城镇登记失业率", "%", baseline=1.87, target=4.5, comparator="<=",
                    text="4.5以内")  # fmt: skip


def cumulative(code, values):
    return [Observation(code, y, v, basis="cumulative") for y, v in values.items()]


def test_a_reduction_reported_cumulatively_is_not_compounded():
    # 累计下降 3.2 / 6.5 / 9.6 %: the 2023 figure is the cumulative reduction itself
    plan = plan_of(ENERGY)
    rows = cumulative("I15", {2021: 3.2, 2022: 6.5, 2023: 9.6})
    item = assess_plan(plan, rows, 2023).items[0]
    assert item.judged_value == approx(9.6)
    assert item.expected_value == approx(8.971, abs=1e-3)  # 1 − 0.855^0.6
    assert item.completion_share == approx(0.64426, abs=1e-4)  # ln 0.904 / ln 0.855
    assert item.progress_ratio == approx(1.0738, abs=1e-4)  # 0.64426 / 0.6
    assert item.status == "on_track"
    assert item.explanation.startswith("2021—2023年累计降低9.6%，按进度应降低9.0%")
    # read as yearly figures the same numbers would be 1 − 0.968 × 0.935 × 0.904 = 18.2 %
    yearly = assess_plan(plan, [replace(o, basis="annual") for o in rows], 2023).items[0]
    assert yearly.judged_value == approx(18.18, abs=0.01)


def test_yearly_figures_after_a_cumulative_one_chain_on_from_it():
    plan = plan_of(ENERGY)
    rows = [Observation("I15", 2022, 6.5, basis="cumulative"), Observation("I15", 2023, 3.0)]
    item = assess_plan(plan, rows, 2023).items[0]
    assert item.judged_value == approx((1 - 0.935 * 0.97) * 100)  # 9.305 %
    assert item.missing_years == ()


def test_a_growth_rate_reported_cumulatively():
    plan = plan_of(GDP)
    rows = cumulative("I1", {2022: 25.44})  # 1.12² = 1.2544: two years of 12 %
    item = assess_plan(plan, rows, 2022).items[0]
    assert item.judged_value == approx(12.0)
    assert item.status == "lagging"  # 12 / 15 = 0.8


def test_a_missing_year_is_treated_alike_in_status_pace_and_projection_and_named():
    item = judge(GDP, {2022: 12.1})  # 2021 not reported
    assert item.missing_years == (2021,)
    assert item.judged_value == approx(12.1)  # 2021 taken at the average of the years reported
    assert item.progress_ratio == approx(12.1 / 15)
    assert item.status == "lagging"
    # pace: ((1.15^5) / 1.121²)^(1/3) − 1 = 17.0 %; projection: ḡ carried on = 12.1 %
    assert item.required_pace == approx(16.98, abs=0.01)
    assert item.projection.value == approx(12.1)
    assert item.projection.method == "average_rate"
    assert item.outlook == "at_risk"  # 16.98 / 12.1 = 1.40: above 1, not above 1.5
    assert "2021年未报数据，按已报年份的平均增速计" in item.explanation
    assert "5.9%" not in item.explanation


def test_ranks_move_by_whole_positions():
    item = judge(RANK, {2021: 40, 2022: 38})
    assert item.method == "rank"
    # from 40 in 2021 to ≤ 30 in 2025: τ = 1/4, p = 2/10, r = 0.8 → lagging
    assert item.completion_share == approx(0.2)
    assert item.status == "lagging"
    assert item.expected_value == 37  # 40 − 0.25 × 10 = 37.5: position 37 or better
    assert item.required_pace == 3  # 8 positions in 3 years: 3 a year, whole
    assert item.projection.value == 32  # 40, 38 → 32 in 2025, a whole position
    assert item.explanation.startswith(
        "2022年排名第38位，较2021年的第40位前移2位，距进入前30位还差8位"
    )
    assert "37.5" not in item.explanation and "增长" not in item.explanation
    assert judge(RANK, {2021: 40, 2022: 42}).status == "regressing"
    assert "后退2位" in judge(RANK, {2021: 40, 2022: 42}).explanation


def test_a_broken_ceiling_says_by_how_much_and_now():
    item = judge(JOBLESS, {2022: 4.8})
    assert item.status == "regressing"
    assert item.gap == approx(-0.3)
    assert "超出4.5%的上限0.3个百分点，须当年回到4.5%以内" in item.explanation
    assert "年均" not in item.explanation  # not a yearly pace: it must be back now


def test_progress_and_outlook_that_disagree_are_joined_with_but():
    firms = prose("T2", "高新技术企业数量", 500, "家", baseline=252)
    item = judge(firms, {2021: 300, 2022: 330})
    assert item.status == "roughly_on_track"
    assert item.outlook == "at_risk"  # needs 14.9 % a year against 14.4 % realised
    assert (
        "基本符合预期，余下3年需年均增长14.9%（此前年均增长14.4%），但按2021—2022年2个观测值"
        in (item.explanation)
    )


def test_a_figure_without_a_baseline_is_never_called_no_data():
    patents = indicator(6, "每万人口高价值发明专利拥有量", "件", target=8, comparator=">=",
                        text="8")  # fmt: skip
    item = judge(patents, {2022: 6})
    assert item.status == "needs_target"
    assert item.label != "数据暂缺"
    assert item.explanation == "2022年为6件，缺少基期值，待补充基期值后评估进度。"
    assert judge(patents, {}).label == "数据暂缺"


def test_projections_stay_within_the_physical_range():
    falling = indicator(3, "某地区生产总值", "亿元", baseline=100, target=200)
    item = judge(falling, {2021: 60, 2022: 10, 2023: 5}, 2023)
    assert item.projection.value >= 0
    share = indicator(2, "常住人口城镇化率", "%", baseline=91, target=99)
    assert judge(share, {2021: 95, 2022: 99.5}).projection.value <= 100


def test_the_restated_indicator_is_copied_from_the_outline():
    target = prose("T7", "研究与试验发展经费支出占地区生产总值比重", 5.5, "%")
    object.__setattr__(target, "restates", "I5") if hasattr(
        target, "__dataclass_fields__"
    ) else None
    try:
        target.restates = "I5"
    except AttributeError:  # a frozen dataclass
        object.__setattr__(target, "restates", "I5")
    assert judge(target, {2022: 6.0}).restates == "I5"
    assert judge(prose("T1"), {2022: 10}).restates is None


def test_the_loader_reads_basis_and_the_item_default(tmp_path, zibo_plan):
    path = tmp_path / "obs.csv"
    path.write_text(
        "指标,年份,数值,口径\n15,2021,3.2,累计\n15,2022,6.5,\n1,2022,12.1,当年\n", encoding="utf-8"
    )
    rows = load_observations(path, zibo_plan, overrides=[ItemOverride("I15", basis="cumulative")])
    assert [(o.item, o.year, o.basis) for o in rows] == [
        ("I15", 2021, "cumulative"),
        ("I15", 2022, "cumulative"),  # empty cell: the item's default
        ("I1", 2022, "annual"),
    ]
    result = assess_plan(zibo_plan, rows, 2022, later_targets=[LaterTarget("I15", 14.5)])
    assert {i.code: i for i in result.items}["I15"].judged_value == approx(6.5)
    path.write_text("indicator,year,value,basis\n15,2022,6.5,总计\n", encoding="utf-8")
    with refused("unknown basis", "口径“总计”无法识别"):
        load_observations(path, zibo_plan)


def test_a_jump_in_a_file_needs_confirmation(tmp_path, zibo_plan):
    path = tmp_path / "obs.csv"
    path.write_text("indicator,year,value\nT2,2021,300\nT2,2022,1000\n", encoding="utf-8")
    with refused(r"unusual change", "较2021年的300家变化异常") as caught:
        load_observations(path, zibo_plan)
    assert (caught.value.row, caught.value.column) == (3, "value")
    path.write_text("indicator,year,value,确认\nT2,2021,300,\nT2,2022,1000,是\n", encoding="utf-8")
    assert [o.value for o in load_observations(path, zibo_plan)] == [300, 1000]


@pytest.mark.parametrize(
    ("row", "chinese"),
    [
        ("2,2022,130", "超出比重的取值范围0—100%"),
        ("T1,2022,-10", "不能为负数"),
        ("T5,2022,0", "名次应为不小于1的整数"),
        ("5,2022,1e308", "不是数字"),
        ("5,2022,４５．６%", None),
    ],
)
def test_the_cli_files_refuse_impossible_values(tmp_path, zibo_plan, row, chinese):
    path = tmp_path / "obs.csv"
    path.write_text(f"indicator,year,value\n{row}\n", encoding="utf-8")
    if chinese is None:
        assert load_observations(path, zibo_plan)[0].value == 45.6
        return
    with refused(".", chinese):
        load_observations(path, zibo_plan)


def test_the_engine_refuses_impossible_values_from_any_caller(zibo_plan):
    with refused("outside 0–100 %", "I2 常住人口城镇化率 2022年的数值130"):
        assess_plan(zibo_plan, [Observation("I2", 2022, 130.0)], 2022)
    with refused("not a finite number"):
        assess_plan(zibo_plan, [Observation("I5", 2022, float("inf"))], 2022)
    with refused("at least|1 or more", "名次"):
        assess_plan(zibo_plan, [Observation("T5", 2022, 0.0)], 2022)


def test_results_serialise_with_the_new_fields(zibo_plan):
    result = assess_plan(zibo_plan, [Observation("I1", 2022, 12.1)], 2022)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    item = data["indicators"][0]
    assert item["outlook"] == "at_risk" and item["missing_years"] == [2021]
    assert data["summary"]["outlook"]["at_risk"] >= 1
