"""The drafted sentences and number formats, against wording written out by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_samples import make_assessment

from planwatch.reports.wording import (
    change,
    chinese_ordinal,
    converted,
    internal_terms_in,
    item_sentence,
    item_sentences,
    names,
    number,
    status_counts,
    target_origin,
    target_phrase,
)


def item(code: str):
    return next(i for i in make_assessment().items if i.code == code)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (91.24, "91.24"),
        (500.0, "500"),
        (0.64, "0.64"),
        (-0.0, "0"),
        (1e-7, "0"),
        (1234567.5, "1234567.5"),
    ],
)
def test_numbers_keep_their_precision_without_noise(value, shown):
    assert number(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(50.0, "50"), (100.0, "100"), (49.6, "50")])
def test_whole_numbers_keep_their_zeros(value, shown):
    # a count rounded to no decimals: 150 − 100 = 50 firms, never "5"
    assert number(value, 0) == shown


@pytest.mark.parametrize(
    ("n", "word"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一")]
)
def test_chinese_ordinals(n, word):
    assert chinese_ordinal(n) == word


def test_targets_are_cited_with_their_bound():
    assert target_phrase(item("I9")) == "4.5%以内"
    assert target_phrase(item("I2")) == "93%以上"
    assert target_phrase(item("I2"), unit=False) == "93以上"
    assert target_phrase(item("I15")) == "完成省市分解任务"
    about = replace(item("I2"), target_comparator="~")
    assert target_phrase(about) == "93%左右"


def test_an_item_without_a_target_is_judged_on_its_trend_since_the_first_year():
    assert item_sentence(item("I7")) == (
        "2023年数字经济核心产业增加值占地区生产总值比重达到10.2%，较2021年提高2.2个百分点，趋势向好。"
    )


def test_a_regressing_binding_item_names_its_binding_target():
    assert item_sentence(item("I20")) == (
        "2023年粮食综合生产能力达到0.61万吨，较2020年减少0.03万吨，"
        "与2025年约束性目标（0.64万吨以上）方向相反，呈逆向变化。"
    )


def test_a_growth_rate_is_not_compared_with_the_baseline_rate():
    sentence = item_sentence(item("I1"))
    assert sentence == "2023年地区生产总值增长速度达到9%，滞后于预期，存在不能如期完成的风险。"


def test_a_target_set_later_waits_for_its_number():
    assert item_sentence(item("I15")) == (
        "2022年单位地区生产总值能源消耗降低达到3.1%，"
        "2025年目标为“完成省市分解任务”，具体目标值待明确后再作评估。"
    )


def test_reached_exactly_says_reached_not_exceeded():
    exact = replace(item("I5"), latest_value=5.5)
    assert "已达到2025年预期目标（5.5%以上）" in item_sentence(exact)


def test_items_without_figures_are_named_together():
    items = [item("I19"), item("I2"), item("T2")]
    text = item_sentences(items)
    assert text.endswith("森林覆盖率、新增城市污水日处理能力暂无监测数据，需尽快补报。")
    assert text.startswith("2023年常住人口城镇化率")


def test_status_counts_follow_the_vocabulary_order():
    assert status_counts(make_assessment().targets) == "符合预期1项、数据暂缺1项"


@pytest.mark.parametrize(
    ("delta", "unit", "kw", "said"),
    [
        (1.16, "%", {}, "提高1.2个百分点"),
        (0.23, "%", {"lower": True}, "上升0.2个百分点"),
        (-0.4, "%", {"lower": True}, "下降0.4个百分点"),
        (-2, "位", {"rank": True}, "前移2位"),  # 30th → 28th is a move up
        (3, "名", {"rank": True}, "后退3名"),
        (158, "家", {}, "增加158家"),
        (-0.03, "万吨", {}, "减少0.03万吨"),
        (179.546, "亿元", {}, "增加179.55亿元"),
        (0.04, "人", {}, "增加0.04人"),  # a count that would round to nothing keeps two places
    ],
)
def test_movements_take_the_verb_of_their_kind_and_are_rounded_by_unit(delta, unit, kw, said):
    assert change(delta, unit, **kw) == said


def test_a_converted_figure_is_shown_beside_the_reported_one():
    assert converted("260天", 71.2329, "%", "优良天数比率") == "260天，折合优良天数比率71.2%"


def test_a_targets_origin_is_stated_truthfully():
    from dataclasses import replace

    assert target_origin(item("I5")) == "纲要主要指标表"
    assert target_origin(item("T1")) == "纲要正文"
    assert target_origin(item("I15")) == "后续确定"
    assert (
        target_origin(replace(item("I15"), target_value=13.5, target_source="later")) == "上级下达"
    )


def test_internal_terms_and_codes_are_found():
    assert internal_terms_in("按几何路径测算，I5 为 on_track") == ["几何路径", "on_track", "I5"]
    assert internal_terms_in("2023年研发投入强度达到5.6%") == []


def test_long_lists_of_names_are_cut_with_a_count():
    items = make_assessment().indicators
    assert names(items[:2]) == "地区生产总值增长速度、常住人口城镇化率"
    assert names(items, limit=2) == "地区生产总值增长速度、常住人口城镇化率等9项"


def test_a_converted_latest_figure_is_said_beside_the_figure_as_reported():
    from dataclasses import replace

    air = replace(item("I2"), name="空气质量优良天数比率", latest_value=71.2329)
    sentence = item_sentence(air, "260天")
    assert sentence.startswith("2023年报送260天，折合空气质量优良天数比率71.2%，")
