"""Prose targets: restatements, scope words, per-unit requirements and baseline linking.

Each rule is checked on the sentence of the bundled outline that motivated it and on short
sentences written for the purpose, including ones the rule must leave alone.
"""

import json

import pytest

from planwatch.outline import load_plan
from planwatch.outline.structure import Passage
from planwatch.outline.subjects import clean_subject, likeness
from planwatch.outline.targets import find_targets

from . import gold

GOALS = ["第二章", "第四节"]
REVIEW = ["第一章", "第一节"]


def targets_of(*forward: str, review: str = "", base_year: int = 2020):
    passages = [Passage(REVIEW, review, True)] if review else []
    passages += [Passage(["第三章", f"第{k}节"], text, False) for k, text in enumerate(forward)]
    return find_targets(passages, base_year)


# 1. A commitment stated twice is one target with both places.


@pytest.mark.parametrize("word, value, first, others", gold.RESTATED)
def test_restated_commitment_is_one_target(sample_plan, word, value, first, others):
    same = [t for t in sample_plan.targets if word in t.subject and t.value == value]
    assert len(same) == 1
    (target,) = same
    assert (target.location, target.also_at) == (first, others)
    assert target.text == "聚力打造智能微系统、“双碳”绿能、生物医药3个千亿级产业集群"
    assert target.year == 2025  # only the restatement (力争到2025年) dates it


def test_codes_follow_first_occurrence_without_gaps(sample_plan):
    codes = {t.code: t for t in sample_plan.targets}
    assert codes["T3"].value == 570 and codes["T4"].subject == "千亿级产业集群"
    assert codes["T5"].value == 73  # the next target keeps counting from the merged one
    assert [t.code for t in sample_plan.targets] == [
        f"T{k}" for k in range(1, len(sample_plan.targets) + 1)
    ]


def test_doubling_of_two_kinds_of_firm_is_not_doubling_of_one(sample_plan):
    doublings = [t.subject for t in sample_plan.targets if t.kind == "multiple"]
    assert doublings == ["高新技术企业和高成长企业数量", "高新技术企业"]


def test_restatement_in_the_same_passage_adds_no_place():
    (target,) = targets_of("到2025年，新增天然气管网100公里；确保新增天然气管网100公里。")
    assert target.also_at == []


@pytest.mark.parametrize(
    "first, again",
    [
        ("到2025年，新增天然气管网100公里。", "到2025年，新增供水管网100公里。"),
        ("到2025年，高新技术企业达到500家。", "到2023年，高新技术企业达到500家。"),
        ("到2025年，高新技术企业达到500家。", "到2025年，高新技术企业达到500家以内。"),
        ("到2025年，高新技术企业达到500家。", "到2025年，新增高新技术企业500家。"),
    ],
    ids=["other-subject", "other-year", "other-bound", "other-kind"],
)
def test_different_commitments_are_not_merged(first, again):
    assert [t.code for t in targets_of(first, again)] == ["T1", "T2"]


def test_plan_json_without_also_at_still_loads(sample_plan, tmp_path):
    data = sample_plan.to_dict()
    for target in data["targets"]:
        del target["also_at"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert all(t.also_at == [] for t in load_plan(path).targets)


# 2. Scope and hedge words are not part of what is measured.


@pytest.mark.parametrize(
    "words, subject",
    [
        ("争取高新区内高新技术企业数量", "高新技术企业数量"),
        ("到2025年力争全区累计规模以上工业企业", "规模以上工业企业"),
        ("全面园区范围内入驻企业", "入驻企业"),
        ("进一步全市森林覆盖率", "森林覆盖率"),
        ("基本养老保险参保率", "基本养老保险参保率"),
        ("国内生产总值", "国内生产总值"),
        ("城区内涝点", "城区内涝点"),
        ("全区", "全区"),
    ],
)
def test_scope_words_are_stripped_from_subjects(words, subject):
    assert clean_subject(words) == subject


def test_sample_subjects_without_scope(sample_plan):
    by_value = {t.value: t.subject for t in sample_plan.targets if t.unit == "家"}
    assert by_value[500] == "高新技术企业数量"  # 争取高新区内高新技术企业数量达到500家
    assert by_value[600] == "入库科技型中小企业"  # 争取高新区内入库科技型中小企业达到600家


# 3. Per-unit and full-coverage requirements.


def test_every_unit_and_all_units_are_coverage(sample_plan):
    found = {t.text: t for t in sample_plan.targets if t.kind == "coverage"}
    sports = found["实现所有村居社区建有便捷实用的体育健身设施"]
    assert (sports.value, sports.unit, sports.year) == (100, "%", 2025)
    assert sports.year_defaulted  # the text names no year: the plan's target year
    assert sports.subject == "村居社区建有便捷实用的体育健身设施"
    care = found["每一个街道至少建有一个具备综合功能的社区养老服务机构"]
    assert (care.value, care.unit, care.year, care.location) == (
        100,
        "%",
        2025,
        ["第七章", "第四节", "二、"],
    )


def test_more_than_one_per_unit_is_a_count_per_unit():
    (target,) = targets_of("到2025年，每个社区配备2名专职网格员。")
    assert (target.kind, target.value, target.unit, target.comparator, target.year) == (
        "count",
        2,
        "名/社区",
        ">=",
        2025,
    )
    assert target.subject == "专职网格员"


def test_each_unit_needs_a_word_that_makes_it_all():
    (target,) = targets_of("各镇均建有一处综合文化服务中心。")
    assert (target.kind, target.value) == ("coverage", 100)


@pytest.mark.parametrize(
    "sentence",
    [
        "让每个人都拥有人生出彩的机会。",
        "深化混合所有制改革，所有企业建立现代企业制度。",
        "各社区建有的活动中心要向居民免费开放。",
        "各部门建立工作台账。",
        "推动每个社区有序开展志愿服务。",
    ],
)
def test_per_unit_words_that_are_not_requirements(sentence):
    assert targets_of(sentence) == []


# 4. Baselines link only to the same quantity at the start of the plan.


def test_baseline_from_a_change_is_its_end_point():
    (target,) = targets_of(
        "到2025年，税收收入达到80亿元。",
        review="完成税收收入由“十二五”末的43.06亿元增至2020年的51.37亿元。",
    )
    assert (target.baseline.year, target.baseline.value) == (2020, 51.37)


def test_baseline_in_a_multiple_of_the_unit_is_converted():
    (target,) = targets_of(
        "到2025年，市场主体达到50000家。", review="截至2020年底，拥有市场主体3.9万家。"
    )
    assert target.baseline.value == 39000
    assert target.baseline.text == "截至2020年底，拥有市场主体3.9万家"


def test_latest_figure_up_to_the_base_year_wins():
    (target,) = targets_of(
        "到2025年，高新技术企业达到500家。",
        review="2018年高新技术企业达到180家。截至2020年底，高新技术企业达到252家。"
        "2021年上半年，高新技术企业达到270家。",
    )
    assert (target.baseline.year, target.baseline.value) == (2020, 252)


@pytest.mark.parametrize(
    "target, review",
    [
        # shared wording (规模以上工业) but another quantity: 营业收入 is not 总产值
        (
            "到2025年，规模以上工业企业营业收入达到1000亿元。",
            "截至2020年底，规模以上工业总产值达到500亿元。",
        ),
        # a figure from after the base year is progress, not a baseline
        ("到2025年，高新技术企业达到500家。", "2021年，高新技术企业达到270家。"),
        # two kinds of firm together are not one of them
        ("到2025年，高新技术企业和高成长企业达到800家。", "截至2020年底，高新技术企业达到252家。"),
        # a total over the past five years is not where things stood
        ("到2025年，科技成果登记达到300项。", "“十三五”期间组织完成科技成果登记140项。"),
        # same words, units of different things
        ("到2025年，供水管网达到100公里。", "截至2020年底，供水管网覆盖率达到90%。"),
        # a figure that was only passed, never stated
        ("到2025年，外贸进出口总额达到513亿元。", "2020年外贸进出口总额突破300亿元。"),
    ],
    ids=["other-head-noun", "after-base-year", "list", "period-total", "other-unit", "passed"],
)
def test_baseline_is_not_linked(target, review):
    (found,) = targets_of(target, review=review)
    assert found.baseline is None


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("高新技术企业数量", "高新技术企业", True),
        ("入库科技型中小企业", "纳入国家科技型中小企业信息库企业数量", True),
        ("高新技术产业产值占规模以上工业总产值比重", "高新技术产业产值占规模以上工业总产值", True),
        ("规模以上工业企业营业收入", "规模以上工业总产值", False),
        ("省级以上创新创业孵化载体", "国家级科技企业孵化器数量", False),
        ("高新技术企业和高成长企业数量", "高新技术企业", False),
    ],
)
def test_same_thing(a, b, same):
    assert (likeness(a, b) > 0) is same


def test_a_prose_target_restating_a_table_indicator_names_it(sample_plan):
    """到2025年，研究与试验发展经费支出占地区生产总值比重达5.5% restates the table's
    全社会研发经费投入占地区生产总值比重 (5.5)."""
    rd = next(i for i in sample_plan.indicators if "研发经费投入" in i.name)
    prose = next(t for t in sample_plan.targets if "研究与试验发展经费支出" in t.subject)
    assert prose.value == 5.5 and prose.restates == rd.code
    multiple = next(t for t in sample_plan.targets if t.kind == "multiple")
    assert multiple.restates is None  # no table row says 倍增


# 4. Reductions, caps, growth rates, ranges and programme names (issue 10, point 5).

PROSE = """第一章 主要目标
到2025年，孕产妇死亡率下降到12/10万，人口自然增长率控制在3.5‰以内，单位国内生产总值二氧化碳排放降低18%，PM2.5浓度下降10%，细颗粒物浓度降至27微克/立方米以下，城镇调查失业率下降到5.5%以下。研发经费投入年均增长7%以上。数字经济核心产业增加值占GDP比重超过10%。新增建设用地规模控制在2950万亩以内。培育50－100家专精特新企业。实施中小企业倍增行动。落实安全生产责任全覆盖工程。人均预期寿命提高1岁。
第二章 任务
加快发展。推进工作。
"""

PROSE_GOLD = [  # kind, value, unit, comparator, high — written from the text above
    ("level", 12, "/10万", "<=", None),
    ("level", 3.5, "‰", "<=", None),
    ("reduction", 18, "%", ">=", None),
    ("reduction", 10, "%", ">=", None),
    ("level", 27, "微克/立方米", "<=", None),
    ("level", 5.5, "%", "<=", None),
    ("growth", 7, "%", ">=", None),
    ("level", 10, "%", ">", None),  # 超过10%: strictly above
    ("level", 2950, "万亩", "<=", None),
    ("count", 50, "家", ">=", 100),
    ("increment", 1, "岁", ">=", None),
]


def test_reductions_caps_growth_ranges_and_no_programme_names():
    from planwatch.outline import parse_outline_bytes

    plan = parse_outline_bytes(PROSE.encode(), "a.txt")
    found = [(t.kind, t.value, t.unit, t.comparator, t.high) for t in plan.targets]
    assert found == PROSE_GOLD
    assert not any("行动" in t.text or "工程" in t.text for t in plan.targets)
    assert "增加值" in plan.targets[7].subject  # 增加值 is a noun, not the verb 增加
