"""Prose targets of the national outlines' 主要目标 chapters against gold written by hand from
the text (value, unit, kind, comparator), scored as recall and precision."""

from collections import Counter
from pathlib import Path

import pytest

from planwatch.outline import parse_outline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlines"

#: 第三章　经济社会发展的主要目标 of the 11th outline, sentence by sentence.
GOLD_11TH = [
    (7.5, "%", "growth", ">="),  # 国内生产总值年均增长7.5%
    (2, "倍", "multiple", ">="),  # 人均国内生产总值比2000年翻一番
    (4500, "万人", "increment", ">="),  # 城镇新增就业 … 各4500万人
    (4500, "万人", "increment", ">="),  # 转移农业劳动力 … 各4500万人
    (5, "%", "level", "<="),  # 城镇登记失业率控制在5%
    (3, "个百分点", "increment", ">="),  # 服务业增加值 … 比重 … 分别提高3个
    (4, "个百分点", "increment", ">="),  # 就业人员 … 比重 … 和4个百分点
    (2, "%", "level", ">="),  # 研究与试验发展经费支出 … 比重增加到2%
    (20, "%", "reduction", "~"),  # 单位国内生产总值能源消耗降低20%左右
    (30, "%", "reduction", ">="),  # 单位工业增加值用水量降低30%
    (0.5, None, "level", ">="),  # 农业灌溉用水有效利用系数提高到0.5
    (60, "%", "level", ">="),  # 工业固体废物综合利用率提高到60%
    (47, "%", "level", ">="),  # 城镇化率提高到47%
    (9, "年", "level", ">="),  # 国民平均受教育年限增加到9年
    (2.23, "亿人", "level", ">="),  # 城镇基本养老保险覆盖人数达到2.23亿人
    (80, "%", "level", ">="),  # 新型农村合作医疗覆盖率提高到80%以上
    (136000, "万人", "level", "<="),  # 全国总人口控制在136000万人
    (1.2, "亿公顷", "level", ">="),  # 耕地保有量保持1.2亿公顷
    (10, "%", "reduction", ">="),  # 主要污染物排放总量减少10%
    (20, "%", "level", ">="),  # 森林覆盖率达到20%
    (5, "%", "growth", ">="),  # 城镇居民人均可支配收入 … 分别年均增长5%
    (5, "%", "growth", ">="),  # 农村居民人均纯收入 … 分别年均增长5%
]

#: 第三章　主要目标 of the 12th outline (its indicator table, 专栏2, is an image).
GOLD_12TH = [
    (7, "%", "growth", ">="),  # 国内生产总值年均增长7%
    (4500, "万人", "increment", ">="),  # 城镇新增就业4500万人
    (5, "%", "level", "<="),  # 城镇登记失业率控制在5%以内
    (4, "个百分点", "increment", ">="),  # 服务业增加值 … 比重提高4个百分点
    (4, "个百分点", "increment", ">="),  # 城镇化率提高4个百分点
    (93, "%", "level", ">="),  # 九年义务教育巩固率达到93%
    (87, "%", "level", ">="),  # 高中阶段教育毛入学率提高到87%
    (2.2, "%", "level", ">="),  # 研究与试验发展经费支出 … 比重达到2.2%
    (3.3, "件", "level", ">="),  # 每万人口发明专利拥有量提高到3.3件
    (18.18, "亿亩", "level", ">="),  # 耕地保有量保持在18.18亿亩
    (30, "%", "reduction", ">="),  # 单位工业增加值用水量降低30%
    (0.53, None, "level", ">="),  # 农业灌溉用水有效利用系数提高到0.53
    (11.4, "%", "level", ">="),  # 非化石能源占一次能源消费比重达到11.4%
    (16, "%", "reduction", ">="),  # 单位国内生产总值能源消耗降低16%
    (17, "%", "reduction", ">="),  # 单位国内生产总值二氧化碳排放降低17%
    (8, "%", "reduction", ">="),  # 化学需氧量 … 分别减少8%
    (8, "%", "reduction", ">="),  # 二氧化硫排放 … 分别减少8%
    (10, "%", "reduction", ">="),  # 氨氮 … 分别减少10%
    (10, "%", "reduction", ">="),  # 氮氧化物排放 … 分别减少10%
    (21.66, "%", "level", ">="),  # 森林覆盖率提高到21.66%
    (6, "亿立方米", "increment", ">="),  # 森林蓄积量增加6亿立方米
    (13.9, "亿人", "level", "<="),  # 全国总人口控制在13.9亿人以内
    (1, "岁", "increment", ">="),  # 人均预期寿命提高1岁
    (74.5, "岁", "level", ">="),  # 达到74.5岁
    (7, "%", "growth", ">="),  # 城镇居民人均可支配收入 … 分别年均增长7%以上
    (7, "%", "growth", ">="),  # 农村居民人均纯收入 … 分别年均增长7%以上
    (100, "%", "coverage", ">="),  # 新型农村社会养老保险实现制度全覆盖
    (3.57, "亿人", "level", ">="),  # 城镇参加基本养老保险人数达到3.57亿人
    (3, "个百分点", "increment", ">="),  # 城乡三项基本医疗保险参保率提高3个百分点
    (3600, "万套", "count", ">="),  # 城镇保障性安居工程建设3600万套
]

CASES = {
    "national-11th-fyp-outline.md": (GOLD_11TH, 2010),
    "national-12th-fyp-outline.md": (GOLD_12TH, 2015),
}
#: Measured when the rules were written; a change that lowers them is a regression.
MIN_RECALL, MIN_PRECISION = 0.95, 0.95


def _chapter_targets(plan, chapter="第三章"):
    return [t for t in plan.targets if t.location[:1] == [chapter]]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return parse_outline(FIXTURES / request.param), *CASES[request.param]


def test_main_objectives_against_gold(case):
    plan, gold, _ = case
    found = Counter((t.value, t.unit, t.kind, t.comparator) for t in _chapter_targets(plan))
    wanted = Counter(gold)
    hits = sum((found & wanted).values())
    assert hits / len(gold) >= MIN_RECALL, sorted((wanted - found).elements(), key=str)
    assert hits / sum(found.values()) >= MIN_PRECISION, sorted((found - wanted).elements(), key=str)


def test_years_default_to_the_plans_target_year(case):
    plan, _, target_year = case
    targets = _chapter_targets(plan)
    assert targets and all(t.year == target_year and t.year_defaulted for t in targets)


def test_no_targets_from_the_review_chapter(case):
    plan, _, _ = case
    assert not [t for t in plan.targets if t.location[:1] == ["第一章"]]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("form", ["gov_html", "copied_text"])
def test_main_objectives_read_the_same_from_a_page_or_copied_text(name, form):
    from planwatch.outline import parse_outline_bytes

    from . import builders

    build = {"gov_html": builders.markdown_to_gov_html}.get(form, builders.markdown_to_copied_text)
    text = (FIXTURES / name).read_text("utf-8")
    plan = parse_outline_bytes(build(text).encode(), f"page.{'html' if 'html' in form else 'txt'}")
    found = Counter((t.value, t.unit, t.kind, t.comparator) for t in _chapter_targets(plan))
    assert found == Counter(CASES[name][0])
