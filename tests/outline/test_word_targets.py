"""Targets stated in words (高于GDP增长, 保持在合理区间, 各年度视情提出 …): their kind, what they
compare with and the row a reference resolves to, against gold written by hand from the texts."""

import json
from pathlib import Path

import pytest

from planwatch.outline import parse_outline
from planwatch.outline.model import Plan, WordTarget
from planwatch.outline.words import read_word_targets, referenced_row, subject_rows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlines"


def _kinds(targets):
    return [(w.kind, w.relation, w.reference, w.reference_name, w.subject) for w in targets]


def _chapter(plan, chapter):
    return [w for w in plan.word_targets if w.location[:1] == [chapter]]


#: 第三章 of the 11th and 12th outlines: the only targets in words of the four kinds are the
#: two stability aims (价格总水平基本稳定, 国际收支〔趋向〕基本平衡) — ranges to stay within.
#: 居民消费率上升, 文化产业…比重明显提高 give a direction only and are not word targets.
NATIONAL_GOLD = {
    "national-11th-fyp-outline.md": [
        ("range", None, None, None, "价格总水平"),
        ("range", None, None, None, "国际收支"),
    ],
    "national-12th-fyp-outline.md": [
        ("range", None, None, None, "价格总水平"),
        ("range", None, None, None, "国际收支"),
    ],
}


@pytest.mark.parametrize("name", sorted(NATIONAL_GOLD))
def test_national_main_target_chapters(name):
    plan = parse_outline(FIXTURES / name)
    assert _kinds(_chapter(plan, "第三章")) == NATIONAL_GOLD[name]


def test_the_12th_table_note_compares_income_with_gdp():
    """Note ④ under 专栏2: 城乡居民收入增长按照不低于国内生产总值增长预期目标确定，在实施中要努力
    实现和经济发展同步 — two relative targets, both resolved to the GDP row I1."""
    plan = parse_outline(FIXTURES / "national-12th-main-objectives.md")
    income = [w for w in _chapter(plan, "第三章") if w.kind == "relative"]
    income += [w for w in plan.word_targets if w.location == ["注"]]
    assert _kinds(income) == [
        ("relative", "not_below", "I1", "国内生产总值增长预期目标", "城乡居民收入增长"),
        ("relative", "in_step", "I1", "经济发展", "城乡居民收入增长"),
    ]
    rows = {i.code: i for i in plan.indicators}
    # both join the two income rows (城乡 = 城镇 and 农村), as targets of the rows themselves
    note = [
        ("relative", "not_below", "I1", "国内生产总值增长预期目标", None),
        ("relative", "in_step", "I1", "经济发展", None),
    ]
    assert rows["I20"].name == "城镇居民人均可支配收入"
    assert rows["I21"].name == "农村居民人均纯收入"
    assert {c: _kinds(i.word_targets) for c, i in rows.items() if i.word_targets} == {
        "I20": note,
        "I21": note,
    }
    assert [w.text for w in rows["I20"].word_targets] == [
        "城乡居民收入增长按照不低于国内生产总值增长预期目标确定",
        "在实施中要努力实现和经济发展同步",
    ]


def test_text_targets_join_only_the_rows_they_name():
    """The 14th sample's 第二章 restates its table's cells (I1, I2, I6 keep their own, nothing is
    added twice); 居民消费价格涨幅 has no row. The 11th and 12th full outlines have no table."""
    plan = parse_outline(FIXTURES / "word-targets-main-indicators.md")
    assert [len(i.word_targets) for i in plan.indicators] == [2, 1, 0, 1, 1, 1, 0, 0]
    assert all(not w.location for i in plan.indicators for w in i.word_targets)
    for name in ("national-11th-fyp-outline.md", "national-12th-fyp-outline.md"):
        assert parse_outline(FIXTURES / name).indicators == []


def test_subject_rows_by_name_and_by_place():
    plan = parse_outline(FIXTURES / "national-12th-main-objectives.md")
    rows = plan.indicators
    assert [i.code for i in subject_rows("城乡居民收入增长", rows)] == ["I20", "I21"]
    assert [i.code for i in subject_rows("城镇居民收入增长", rows)] == ["I20"]
    assert [i.code for i in subject_rows("森林覆盖率", rows)] == []  # its row is 森林增长：…
    assert [i.code for i in subject_rows("城镇化率", rows)] == ["I3"]
    assert subject_rows("价格总水平", rows) == []


def test_every_word_cell_of_a_main_indicator_table():
    """The cells the issue quotes from the national 14th table and the provincial forms."""
    plan = parse_outline(FIXTURES / "word-targets-main-indicators.md")
    cells = {i.code: _kinds(i.word_targets) for i in plan.indicators if i.word_targets}
    assert cells == {
        "I1": [("range", None, None, None, None), ("year_set", None, None, None, None)],
        "I2": [("relative", "above", "I1", "GDP增长", None)],
        "I4": [("reference", "above", None, "“十三五”时期实际", "投入强度")],
        "I5": [("reference", "above", None, "全省平均水平", None)],
        "I6": [("relative", "in_step", "I1", "GDP增长", None)],
    }
    by_code = {i.code: i for i in plan.indicators}
    assert by_code["I4"].annual_growth.value == 7  # the mixed cell keeps its number
    assert by_code["I4"].annual_growth.comparator == ">"
    assert [w.text for w in by_code["I1"].word_targets] == ["保持在合理区间", "各年度视情提出"]


def test_prose_of_the_main_target_chapter():
    plan = parse_outline(FIXTURES / "word-targets-main-indicators.md")
    assert _kinds(_chapter(plan, "第二章")) == [
        ("range", None, None, None, "地区生产总值增长"),
        ("year_set", None, None, None, "地区生产总值增长"),
        ("relative", "above", "I1", "地区生产总值增长", "全员劳动生产率增长"),
        ("relative", "in_step", "I1", "经济增长", "居民收入增长"),
        ("range", None, None, None, "居民消费价格涨幅"),
    ]
    assert _chapter(plan, "第一章") == []  # the review: 年均增长6.8% is a fact, not a target


def test_the_sample_plan():
    """The zone's outline: its table has only 完成省市分解任务 in words (a later target, not a word
    target); the text has one: 低收入群体收入增长高于居民收入平均增长水平 (outside: no such row)."""
    plan = parse_outline(
        Path(__file__).resolve().parents[2]
        / "planwatch/data/sample/zibo-hitech-14th-fyp-outline.txt"
    )
    assert all(not i.word_targets for i in plan.indicators)
    assert _kinds(plan.word_targets) == [
        ("reference", "above", None, "居民收入平均增长水平", "低收入群体收入增长"),
    ]


@pytest.mark.parametrize(
    "cell",
    ["15%", "4.5以内", "〔1.76〕", "完成省市分解任务", "高于5", "<5.5", "持续改善", "——"],
)
def test_numbers_and_plain_aims_are_no_word_targets(cell):
    assert read_word_targets(cell) == []


def test_gdp_under_any_of_its_names():
    plan = parse_outline(FIXTURES / "word-targets-main-indicators.md")
    rows = plan.indicators
    for name in ("GDP增长", "国内生产总值增长", "地区生产总值", "经济增长", "经济发展"):
        assert referenced_row(name, rows) == "I1", name
    assert referenced_row("常住人口城镇化率", rows) == "I3"
    assert referenced_row("全省平均水平", rows) is None
    assert referenced_row("GDP增长", rows, own="I1") is None  # never itself


def test_word_targets_round_trip_through_json():
    plan = parse_outline(FIXTURES / "word-targets-main-indicators.md")
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict(), ensure_ascii=False)))
    assert again == plan
    assert isinstance(again.indicators[0].word_targets[0], WordTarget)
    old = plan.to_dict()
    old.pop("word_targets")
    for row in old["indicators"]:
        row.pop("word_targets")
    assert Plan.from_dict(old).indicators[0].word_targets == []  # JSON from before still loads
