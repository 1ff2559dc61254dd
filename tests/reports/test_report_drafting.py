"""The drafted paragraphs of the hand-built plan, against text written out by hand.

The plan (report_samples.py) has 10 table indicators (5 binding: I12, I15, I19, I20, I21) and
2 prose targets, assessed in 2023 (time share 60 %; I5's figure is for 2022, so its own time
share is 40 %). Worked by hand:

- grades of the 12 items: 提前完成 I5; 达到目标要求 I9; 符合预期 I2, T1; 滞后于预期 I1;
  严重滞后 I12; 逆向变化 I20; 趋势向好 I7; 待明确目标 I15; 数据暂缺 I19, I21, T2.
- 时间过半 test: 7 items are judged against time (the grades above from 提前完成 to 逆向变化);
  at or past their own time share: I5, I9 (target met or held), I2 (65.9 % ≥ 60 %), T1
  (63.7 % ≥ 60 %) = 4; behind: I1 (lagging growth), I12 (23.1 % < 60 %), I20 = 3.
- outlook: likely I5, I9, T1 = 3; at risk I1, I2 = 2; unlikely I12 = 1; none for the other 6.
- problems, binding first then worst first: I20 (regressing), I12 (seriously lagging), then
  I1 (lagging), I2 (on track but at risk).
- I12 needs (96 − 92) / (2025 − 2023) = 2 points a year; I2 (93 − 92.4) / 2 = 0.3.
"""

from __future__ import annotations

import pytest
from report_samples import make_assessment, make_extras, make_plan

from planwatch.reports import drafting
from planwatch.reports.content import ReportContent


@pytest.fixture
def midterm() -> ReportContent:
    return ReportContent("midterm", make_plan(), make_assessment(), make_extras())


@pytest.fixture
def annual() -> ReportContent:
    return ReportContent("annual", make_plan(), make_assessment(), make_extras())


def test_the_overview_counts_grades_binding_first_and_tests_half_time_half_work(midterm):
    assert drafting.overall(midterm) == [
        "规划期为2021—2025年，截至2023年已实施三年，时间进度为60%。"
        "规划设置主要指标10项（约束性指标5项、预期性指标5项），正文提出量化目标2项。",
        "评估结果显示，5项约束性指标中，严重滞后1项、逆向变化1项、待明确目标1项、数据暂缺2项；"
        "全部12项指标和目标中，提前完成1项、达到目标要求1项、符合预期2项、滞后于预期1项、"
        "严重滞后1项、逆向变化1项、趋势向好1项、待明确目标1项、数据暂缺3项。",
        "对照“时间过半、任务过半”要求，在可与时间进度对照的7项中，4项完成进度达到或超过其"
        "时间进度（其中已完成或达到目标要求2项），3项低于时间进度（滞后于预期1项、严重滞后1项、"
        "逆向变化1项）。多数指标实现“时间过半、任务过半”，但仍有部分指标进度落后。",
        "按近年趋势测算，预计能够如期完成3项、存在不能如期完成风险2项、预计难以如期完成1项，"
        "其余6项暂无法预判。3项指标暂无监测数据，未纳入上述判断。",
    ]


def test_the_annual_overview_has_no_half_time_test(annual):
    paragraphs = drafting.overall(annual)
    assert paragraphs[0].startswith("2023年是规划实施的第三年。规划设置主要指标10项")
    assert not any("时间过半" in p for p in paragraphs)
    assert len(paragraphs) == 3


def test_each_item_is_judged_against_its_own_time_share(midterm):
    from dataclasses import replace

    item = next(i for i in midterm.items if i.code == "T1")
    # 63.7 % passes a 60 % time share but not a 70 % one: the item's own share decides
    assert drafting.passes_time_share(item) is True
    assert drafting.passes_time_share(replace(item, time_share=0.7)) is False
    rough = replace(item, status="roughly_on_track", completion_share=0.55)
    assert drafting.passes_time_share(rough) is False


def test_problems_list_binding_first_with_figure_gap_and_pace(midterm):
    assert [p.text for p in drafting.problems(midterm)] == [
        "粮食综合生产能力（约束性指标）：2023年为0.61万吨，未达到约束性目标（0.64万吨以上）"
        "的要求，距2025年目标尚差0.03万吨。",
        "基本养老保险参保率（约束性指标）：2023年为92%，完成进度23.1%，低于60%的时间进度，"
        "严重滞后，距2025年目标尚差4个百分点，2024—2025年需年均提高2个百分点，预计难以如期完成。"
        "经人工研判为“滞后于预期”，理由：2023年参保扩面集中在四季度，数据尚未入库。",
        "地区生产总值增长速度：2023年为9%，滞后于预期，2024—2025年需年均增长22.4%，"
        "存在不能如期完成的风险。",
        "常住人口城镇化率：2023年为92.4%，完成进度65.9%，时间进度60%，进度符合预期，"
        "距2025年目标尚差0.6个百分点，2024—2025年需年均提高0.3个百分点，"
        "但按近年趋势存在不能如期完成的风险。",
    ]


def test_data_gaps_are_one_line(midterm):
    assert drafting.gaps_line(midterm) == (
        "此外，森林覆盖率、能源综合生产能力、新增城市污水日处理能力暂无监测数据；"
        "单位地区生产总值能源消耗降低的目标值尚待上级下达或明确，需在下一轮报送中补齐。"
    )


def test_one_recommendation_per_problem_with_its_lead_and_pace(midterm):
    assert drafting.recommendations(midterm) == [
        (
            "确保粮食综合生产能力稳定在0.64万吨以上",
            "牵头单位待明确，确保完成2025年约束性目标（0.64万吨以上）。",
        ),
        (
            "加快提升基本养老保险参保率",
            "由社会事业局牵头，财政金融局配合，2024—2025年需年均提高2个百分点，"
            "确保完成2025年约束性目标（96%以上）。",
        ),
        (
            "推动地区生产总值加快增长",
            "牵头单位待明确，2024—2025年需年均增长22.4%，确保实现年均增长15%的预期目标。",
        ),
        (
            "加快提升常住人口城镇化率",
            "牵头单位待明确，2024—2025年需年均提高0.3个百分点，确保完成2025年预期目标（93%以上）。",
        ),
    ]


def test_adjustments_name_exceeded_unreachable_unnumbered_and_sourceless_targets(midterm):
    assert drafting.adjustments(midterm) == [
        "全社会研发经费投入占地区生产总值比重（2022年5.6%，目标5.5%以上）已提前完成规划目标，"
        "建议结合发展实际研究适当提高目标值。",
        "基本养老保险参保率按近年趋势预计难以如期完成，建议在加大推进力度的同时，"
        "研究论证目标值的合理性，必要时按程序调整。",
        "单位地区生产总值能源消耗降低尚无具体目标值，建议尽快对接上级下达的分解任务或明确量化目标。",
        "森林覆盖率、能源综合生产能力、新增城市污水日处理能力自规划实施以来一直没有监测数据，"
        "建议明确统计口径和数据来源，确无来源的研究调整或替换指标。",
    ]


def test_a_prose_target_restating_a_table_indicator_counts_once(midterm):
    from dataclasses import replace

    plan = make_plan()
    restating = replace(plan.targets[0], code="T3", subject="研发投入强度", value=5.5, unit="%")
    restating.restates = "I5"  # the outline's link (Target.restates)
    plan.targets.append(restating)
    content = ReportContent("midterm", plan, make_assessment(), make_extras())
    assert [t.code for t in content.targets] == ["T1", "T2"]
    assert content.restated["I5"].code == "T3"
    assert len(content.items) == 12
    assert "（另有1项与主要指标表重复，按主要指标表计，不重复计数）" in drafting.scope(content)
