"""Footnotes of an indicator table kept with the rows they explain, and cells the reader
cannot read named in the reading report (issue 10, points 4 and 6)."""

import pytest

from planwatch.outline import parse_outline_bytes
from planwatch.outline.footnotes import note_items, strip_mark

OUTLINE = """# 某市国民经济和社会发展第十四个五年规划纲要

## 第一章　发展目标

到2025年，全市综合实力明显增强。

专栏1　“十四五”主要指标

| 类别 | 指标 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性 |
|---|---|---|---|---|---|
| 经济发展 | 1. 地区生产总值(亿元) | 600* | 1000 | 6 | 预期性 |
| | 2. 常住人口城镇化率(%) | 60.6[1] | 65 | 〔4.4〕 | 预期性 |
| | 3. 研发经费投入强度(%)① | 2.1 | 2.5 | 〔0.4〕 | **预期性** |
| 民生福祉 | 4. 城镇调查失业率(%) | 5.2 | 六 | — | 约束性 |
| | 5. 空气质量优良天数比率(%) | 85 | 完成省下达任务 | n/a | 约束性 |

注：1.〔〕内为五年累计数；2.*为2019年数据。
[1] 按第七次全国人口普查口径。
①全社会研发经费支出占地区生产总值比重。

## 第二章　重点任务

加快发展。推进工作。
"""

NOTES = [  # as printed under the table, one item each
    "1.〔〕内为五年累计数",
    "2.*为2019年数据。",
    "[1] 按第七次全国人口普查口径。",
    "①全社会研发经费支出占地区生产总值比重。",
]


@pytest.fixture(scope="module")
def plan():
    return parse_outline_bytes(OUTLINE.encode(), "city.md")


def test_marks_are_stripped_from_figures_and_names(plan):
    gdp, urban, rd = plan.indicators[:3]
    assert (gdp.baseline.value, urban.baseline.value) == (600, 60.6)
    assert (rd.name, rd.unit) == ("研发经费投入强度", "%")


def test_each_row_keeps_the_note_its_mark_points_to(plan):
    gdp, urban, rd, jobless, air = plan.indicators
    assert gdp.notes == ["2.*为2019年数据。"]  # * named inside a numbered note
    assert urban.notes == ["[1] 按第七次全国人口普查口径。"]  # [1], not the note numbered 1.
    assert rd.notes == ["①全社会研发经费支出占地区生产总值比重。"]
    assert jobless.notes == air.notes == []


def test_the_tables_notes_as_printed_in_the_plan_and_its_json(plan):
    assert plan.indicator_notes == NOTES
    data = plan.to_dict()
    assert data["indicator_notes"] == NOTES and data["indicators"][1]["notes"] == [NOTES[2]]
    again = type(plan).from_dict(data)
    assert again.indicators[0].notes == plan.indicators[0].notes
    old = type(plan).from_dict({"title": "x", "indicators": [dict(data["indicators"][0])]})
    assert old.indicator_notes == []


def test_the_summary_shows_the_notes(plan):
    from planwatch.outline.cli import summary

    shown = summary(plan)
    assert "I2 注: [1] 按第七次全国人口普查口径。" in shown
    assert "表注: 1.〔〕内为五年累计数" in shown


def test_unreadable_cells_are_reported_with_table_row_and_column(plan):
    cells = [w for w in plan.warnings if w.code == "outline.unreadable_cell"]
    assert [w.location for w in cells] == [["I4"], ["I5"]]
    first = cells[0]
    assert "“专栏1 “十四五”主要指标”第5行（I4 城镇调查失业率）“2025年”一栏的“六”" in first.zh
    assert "row 5" in first.en and "'2025年'" in first.en and "'六'" in first.en
    assert "“年均增长〔累计〕”一栏的“n/a”" in cells[1].zh
    # a target in words (完成省下达任务) and a dash are not unreadable
    assert not any("完成省下达任务" in w.zh for w in cells)


def test_a_note_row_inside_the_table_is_a_note_not_a_category(tmp_path):
    page = """<html><body><p>第一章　发展目标</p><p>到2025年，综合实力增强。</p>
<table border="1">
<tr><th rowspan="2">类别</th><th rowspan="2">指标名称</th><th rowspan="2">2020年</th>
<th colspan="2">规划目标</th><th rowspan="2">属性</th></tr>
<tr><th>2025年</th><th>年均增长</th></tr>
<tr><td rowspan="2"><strong>经济发展</strong></td><td>1.地区生产总值（亿元）</td>
<td>60.<span>6</span>※</td><td>90</td><td>8</td><td>预期性</td></tr>
<tr><td>2.常住人口城镇化率（%）</td><td>70</td><td>75</td><td>〔5〕</td><td><b>约束性</b></td></tr>
<tr><td colspan="6">注：※为2019年数据。</td></tr>
</table>
<p>第二章　重点任务</p><p>加快发展。推进工作。</p></body></html>"""
    plan = parse_outline_bytes(page.encode(), "page.html")
    gdp, urban = plan.indicators
    assert (gdp.category, gdp.baseline.value, gdp.target.value) == ("经济发展", 60.6, 90)
    assert (gdp.annual_growth.value, gdp.notes) == (8, ["※为2019年数据。"])
    assert (urban.category, urban.cumulative_change.value, urban.attribute) == (
        "经济发展",
        5,
        "binding",
    )
    assert plan.target_year == 2025 and plan.indicator_notes == ["※为2019年数据。"]


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("60.6*", ("60.6", "*")),
        ("8.2①", ("8.2", "c1")),
        ("67.9[1]", ("67.9", "b1")),
        ("城镇化率※(%)", ("城镇化率(%)", "※")),
        ("〔1.76〕", ("〔1.76〕", None)),  # a bracketed figure, not a mark
        ("[1.5]", ("[1.5]", None)),
        ("万m²", ("万m²", None)),  # a superscript is part of the unit
    ],
)
def test_marks(cell, expected):
    assert strip_mark(cell) == expected


def test_a_note_line_with_several_numbered_notes_is_split():
    assert note_items(["注：1.GDP按可比价格计算；2.〔〕内为五年累计数。"]) == [
        "1.GDP按可比价格计算",
        "2.〔〕内为五年累计数。",
    ]
