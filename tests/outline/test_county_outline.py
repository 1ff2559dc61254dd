"""A second outline in another layout: parts, a tab-separated table with a unit column, bounds."""

from pathlib import Path

import pytest

from planwatch.outline import parse_outline

COUNTY = Path(__file__).parents[1] / "fixtures" / "outlines" / "qinghe-county-14th-fyp-outline.txt"


@pytest.fixture(scope="module")
def county():
    return parse_outline(COUNTY)


def test_metadata(county):
    assert county.title == "青河县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert county.issuer == "青河县人民政府"
    assert county.document_number == "青政发〔2021〕5号"
    assert county.issued_on == "2021-03-15"
    assert county.published_on is None
    assert (county.base_year, county.target_year) == (2020, 2025)


def test_parts_chapters_and_deeper_items(county):
    assert [(c.number, c.part) for c in county.chapters] == [
        ("第一章", "第一篇 开启全面建设社会主义现代化新征程"),
        ("第二章", "第一篇 开启全面建设社会主义现代化新征程"),
        ("第三章", "第二篇 坚持创新驱动，建设现代产业体系"),
        ("第四章", "第二篇 坚持创新驱动，建设现代产业体系"),
        ("第五章", "第三篇 增进民生福祉"),
    ]
    review = county.chapters[0]
    assert [(s.number, s.title) for s in review.subsections] == [
        ("一、", "综合实力明显增强"),
        ("二、", "生态环境持续改善"),
    ]
    park = county.chapters[2].sections[0].subsections[0]
    assert [(i.number, i.title) for i in park.items] == [
        ("（一）", "提升粮食产能"),
        ("（二）", "发展特色种养"),
    ]
    assert [(p.number, p.title) for p in park.items[0].items] == [
        ("1.", "建设高标准农田"),
        ("2.", "推广良种良法"),
    ]
    assert [t.title for t in park.items[1].tasks] == ["培育特色品牌"]


def test_tasks_in_a_paragraph(county):
    industry = county.chapters[2].sections[1].subsections[0]
    assert [t.title for t in industry.tasks] == ["做强绿色食品产业", "发展新型建材产业"]
    assert (
        industry.tasks[1].text
        == "发展新型建材产业。推动建材企业绿色化改造，建设装配式建筑生产基地。"
    )
    located = [(where, t.title) for where, t in county.iter_tasks()]
    assert (("第三章", "第一节", "一、", "（二）"), "培育特色品牌") in located


def test_points_written_as_plain_sentences_are_tasks(county):
    located = [(where, t.code, t.title, t.text) for where, t in county.iter_tasks()]
    farmland = ("第三章", "第一节", "一、", "（一）")
    assert located[:3] == [
        ((*farmland, "1."), "M1", "到2025年新增高标准农田5万亩", "到2025年新增高标准农田5万亩。"),
        (
            (*farmland, "2."),
            "M2",
            "加快推广优质品种",
            "加快推广优质品种，建设良种繁育基地，提高粮食单产水平。",
        ),
        (
            (*farmland[:3], "（二）"),
            "M3",
            "培育特色品牌",
            "培育特色品牌。围绕茶叶、中药材等特色产业，建成3个省级现代农业产业园。",
        ),
    ]
    assert len(located) == 10 and located[-1][1:3] == ("M10", "稳定扩大就业")
    assert not county.chapters[0].tasks and not county.chapters[1].tasks  # review and goals


def test_tab_separated_table_with_unit_and_category_columns(county):
    rows = [
        (i.number, i.name, i.unit, i.category, i.attribute, i.direction) for i in county.indicators
    ]
    assert rows == [
        (1, "地区生产总值增长", "%", "经济发展", "anticipatory", "increase"),
        (2, "规模以上工业增加值增长", "%", "经济发展", "anticipatory", "increase"),
        (3, "常住人口城镇化率", "%", "经济发展", "anticipatory", "increase"),
        (4, "研发经费投入强度", "%", "创新驱动", "anticipatory", "increase"),
        (5, "城镇调查失业率", "%", "民生福祉", "anticipatory", "decrease"),
        (6, "每千人口拥有执业（助理）医师数", "人", "民生福祉", "anticipatory", "increase"),
        (7, "森林覆盖率", "%", "绿色生态", "binding", "increase"),
        (8, "单位地区生产总值能源消耗降低", "%", "绿色生态", "binding", "increase"),
        (9, "细颗粒物（PM2.5）平均浓度", "微克/立方米", "绿色生态", "binding", "decrease"),
    ]


def test_bounds_growth_and_cumulative_columns(county):
    by_number = {i.number: i for i in county.indicators}
    gdp = by_number[1]
    assert gdp.baseline.value == 3.9 and gdp.target is None
    assert (gdp.annual_growth.value, gdp.annual_growth.comparator) == (6.5, "~")
    assert (by_number[2].annual_growth.value, by_number[2].annual_growth.comparator) == (7, ">")
    assert by_number[3].cumulative_change.value == 5.7 and by_number[3].annual_growth is None
    rd = by_number[4].target
    assert (rd.year, rd.value, rd.comparator, rd.text) == (2025, 2.2, ">=", "≥2.2")
    jobless = by_number[5].target
    assert (jobless.value, jobless.comparator) == (5.5, "<")
    forest = by_number[7]
    assert (forest.baseline.value, forest.target.value, forest.target.comparator) == (
        35.2,
        36.5,
        ">=",
    )
    assert by_number[8].cumulative_change.value == 14 and by_number[8].baseline is None
    assert (by_number[9].target.value, by_number[9].target.comparator) == (33, "<=")


TARGETS = [
    # subject word, value, unit, kind, comparator, year
    ("地区生产总值", 180, "亿元", "level", "~", 2025),
    ("年均增速", 6.5, "%", "level", "~", 2025),
    ("城镇调查失业率", 5.5, "%", "level", "<=", 2025),
    ("森林覆盖率", 36.5, "%", "level", ">=", 2025),
    ("规模以上工业企业", 120, "家", "level", ">=", 2025),
    ("综合实力", 20, "名", "rank", "<=", None),
    ("农村居民人均可支配收入", 2, "倍", "multiple", ">=", None),
    ("高标准农田", 5, "万亩", "increment", ">=", 2025),
    ("省级现代农业产业园", 3, "个", "count", ">=", None),
    ("农村公路", 200, "公里", "increment", ">=", 2025),
    ("5G网络", 100, "%", "coverage", ">=", 2025),
    ("公办幼儿园学位", 3000, "个", "increment", ">=", 2025),
    ("普惠性幼儿园覆盖率", 90, "%", "level", ">=", 2025),
    ("城镇就业", 1.5, "万人", "increment", ">=", None),
]


def test_prose_targets(county):
    # A year the text does not state is the plan's target year, marked as defaulted.
    found = [
        (t.subject, t.value, t.unit, t.kind, t.comparator, None if t.year_defaulted else t.year)
        for t in county.targets
    ]
    assert all(t.year == 2025 for t in county.targets)
    assert len(found) == len(TARGETS)
    for (subject, *rest), (word, *expected) in zip(found, TARGETS, strict=True):
        assert word in subject
        assert rest == expected


def test_baselines_from_the_review_chapter(county):
    linked = {t.value: t.baseline for t in county.targets if t.baseline}
    assert {v: (b.year, b.value) for v, b in linked.items()} == {
        180: (2020, 128.6),
        36.5: (2020, 35.2),
        120: (2020, 86),
    }
    assert linked[120].text == "截至2020年底，规模以上工业企业达到86家"
