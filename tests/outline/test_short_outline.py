"""An outline numbered only 一、/（一）/1. (no 第X章), as towns and departments often write them."""

from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.outline import parse_outline

TOWN = Path(__file__).parent / "fixtures" / "liulin-town-14th-fyp.txt"


@pytest.fixture(scope="module")
def town():
    return parse_outline(TOWN)


def test_metadata_from_the_notice(town):
    assert town.title == "柳林镇国民经济和社会发展第十四个五年规划"
    assert (town.issuer, town.document_number, town.issued_on) == (
        "柳林镇人民政府",
        "柳政发〔2021〕2号",
        "2021-04-06",
    )
    assert (town.base_year, town.target_year) == (2020, 2025)


def test_top_headings_are_chapters_and_their_items_sections(town):
    assert [(c.number, c.title) for c in town.chapters] == [
        ("一、", "发展基础"),
        ("二、", "总体要求和发展目标"),
        ("三、", "主要任务"),
        ("四、", "保障措施"),
    ]
    assert [[(s.number, s.title) for s in c.sections] for c in town.chapters[:3]] == [
        [("（一）", "经济实力稳步增强"), ("（二）", "民生事业持续改善")],
        [("（一）", "指导思想"), ("（二）", "发展目标")],
        [("（一）", "做强特色产业"), ("（二）", "完善基础设施")],
    ]
    industry = town.chapters[2].sections[0]
    assert [(i.number, i.title) for i in industry.items] == [
        ("1.", "建设现代农业园区"),
        ("2.", "发展农村电商"),
    ]
    assert town.chapters[0].text == "“十三五”时期，全镇经济社会发展取得明显成效。"


def test_tasks_where_measures_are(town):
    located = [(where, t.title) for where, t in town.iter_tasks()]
    assert located == [
        (("三、", "（一）"), "壮大果蔬加工产业"),
        (("三、", "（一）"), "培育乡村旅游品牌"),
        (("三、", "（一）", "1."), "发展设施农业"),
        (("三、", "（一）", "2."), "完善电商服务网点"),
        (("三、", "（二）"), "提升农村道路水平"),
        (("三、", "（二）"), "完善便民服务设施"),
        (("四、",), "强化组织领导"),
        (("四、",), "加强考核评估"),
    ]
    last = town.chapters[3].tasks[-1]
    assert last.text == "加强考核评估。开展规划中期评估，结果向社会公开。"  # no page chrome


def test_targets_and_baselines(town):
    found = [
        (
            t.subject,
            t.value,
            t.unit,
            t.kind,
            None if t.year_defaulted else t.year,  # gold: the year the text states
            t.location,
            t.baseline and t.baseline.value,
        )
        for t in town.targets
    ]
    assert all(t.year == town.target_year for t in town.targets)
    assert found == [
        ("一般公共预算收入", 1.8, "亿元", "level", 2025, ["二、", "（二）"], 1.2),
        ("规模以上工业企业数量", 35, "家", "level", 2025, ["二、", "（二）"], 23),
        ("农村自来水普及率", 100, "%", "coverage", 2025, ["二、", "（二）"], 96),
        ("冷库库容", 2, "万吨", "increment", None, ["三、", "（一）"], None),
        ("村级电商服务站点", 100, "%", "coverage", 2025, ["三、", "（一）", "2."], None),
        ("硬化村内道路", 30, "公里", "increment", None, ["三、", "（二）"], None),
        ("行政村建有综合文化服务中心", 100, "%", "coverage", 2025, ["三、", "（二）"], None),
        ("村居建有标准化卫生室", 100, "%", "coverage", 2025, ["三、", "（二）"], None),
    ]


def test_chapter_headings_win_over_numbered_ones(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("第一章 总则\n一、目标\n到2025年建成。\n二、任务\n强化保障。\n", "utf-8")
    plan = parse_outline(path)
    assert [c.number for c in plan.chapters] == ["第一章"]
    assert [s.number for s in plan.chapters[0].subsections] == ["一、", "二、"]


@pytest.mark.parametrize(
    "text",
    [
        "关于做好工作的通知\n一、提高认识\n请各单位认真落实。\n",  # a single 一、 is not an outline
        "二、加强领导\n三、强化保障\n",  # nor a run that does not start at 一、
    ],
)
def test_a_lone_numbered_heading_is_no_outline(tmp_path, text):
    path = tmp_path / "notice.txt"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError, match="未找到规划结构"):
        parse_outline(path)
