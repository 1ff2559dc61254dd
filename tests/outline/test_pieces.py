"""The small rules the readers rely on, each with the example that motivated it."""

import pytest

from planwatch.outline.document import Paragraph, Table
from planwatch.outline.indicators import infer_direction, read_header, split_name
from planwatch.outline.metadata import plan_years
from planwatch.outline.model import Plan
from planwatch.outline.readers.pdf import unwrap
from planwatch.outline.structure import paragraph_title, read_structure, split_tasks, toc_lines
from planwatch.outline.tables import lift_text_tables
from planwatch.outline.values import cn_to_int, read_quantity


@pytest.mark.parametrize(
    "text, value, comparator, bracketed",
    [
        ("4.5以内", 4.5, "<=", False),
        ("≥36.5", 36.5, ">=", False),
        ("<5.5", 5.5, "<", False),
        ("6.5左右", 6.5, "~", False),
        ("〔1.76〕", 1.76, None, True),
        ("500以上", 500, ">=", False),
        ("１５％", 15, None, False),
        ("完成省市分解任务", None, None, False),
    ],
)
def test_quantities(text, value, comparator, bracketed):
    q = read_quantity(text)
    assert (q.value, q.comparator, q.bracketed, q.text) == (value, comparator, bracketed, text)


@pytest.mark.parametrize("text", ["——", "—", "-", "", "  ", "/"])
def test_empty_cells_are_absent(text):
    assert read_quantity(text) is None


@pytest.mark.parametrize(
    "text, number",
    [("三十", 30), ("十四", 14), ("二十一", 21), ("一百零五", 105), ("二〇二五", 2025)],
)
def test_chinese_numerals(text, number):
    assert cn_to_int(text) == number


def test_name_number_and_unit():
    assert split_name("(11)每千人拥有执业(助理)医师数(人)") == (
        11,
        "每千人拥有执业(助理)医师数",
        "人",
    )
    assert split_name("3. 能源综合生产能力（万吨标煤）") == (3, "能源综合生产能力", "万吨标煤")
    assert split_name("地表水达到或好于Ⅲ类水体比例") == (None, "地表水达到或好于Ⅲ类水体比例", None)


def test_header_in_any_order():
    columns = read_header(("属性", "2025年目标", "单位", "指标", "2020年基期", "累计"))
    assert (columns.name, columns.unit, columns.attribute, columns.cumulative) == (3, 2, 0, 5)
    assert (columns.baseline, columns.baseline_year) == (4, 2020)
    assert (columns.target, columns.target_year) == (1, 2025)
    assert read_header(("项目", "说明")) is None


def test_direction_from_meaning_when_numbers_do_not_tell():
    assert infer_direction("城镇登记失业率", None, None) == "decrease"
    assert infer_direction("单位地区生产总值能源消耗降低", None, None) == "increase"
    assert infer_direction("万元GDP用水量", None, None) == "decrease"
    assert infer_direction("某某事项办理数", None, None) is None
    assert infer_direction("某某事项办理数", read_quantity("3"), read_quantity("2")) == "decrease"


def test_flattened_table_rebuilds_rows_and_category_rows():
    lines = ["指标 |", "2020年 |", "2025年 |", "属性 |", "经济 |", "|||", "(1)甲(%) |", "1 |",
             "2 |", "预期性 |", "(2)乙(个) |", "3 |", "约束性 |", "|"]  # fmt: skip
    blocks = lift_text_tables([Paragraph("前文。"), *map(Paragraph, lines), Paragraph("后文。")])
    assert blocks[0] == Paragraph("前文。") and blocks[2] == Paragraph("后文。")
    assert blocks[1] == Table(
        rows=(
            ("指标", "2020年", "2025年", "属性"),
            ("经济",),
            ("(1)甲(%)", "1", "2", "预期性"),
            ("(2)乙(个)", "3", "约束性"),
        )
    )


def test_space_aligned_table_with_a_category_line():
    lines = [
        "指标名称      单位    2020年    2025年",
        "经济发展",
        "地区生产总值    亿元    100    150",
        "财政收入    亿元    10    15",
    ]
    (table,) = lift_text_tables([Paragraph(t) for t in lines])
    assert table.rows[1] == ("经济发展",) and table.rows[3] == ("财政收入", "亿元", "10", "15")


def test_tasks_split_at_lead_phrases():
    text = (
        "总体要求很长，不是任务。构筑优势。提升层次。加快建设中试区，构建生态链。"
        "做强玻璃。支持龙头企业，提升工艺。"
    )
    assert split_tasks(text) == [
        ("提升层次", "构筑优势。提升层次。加快建设中试区，构建生态链。"),
        ("做强玻璃", "做强玻璃。支持龙头企业，提升工艺。"),
    ]


@pytest.mark.parametrize(
    "paragraph, title",
    [
        ("深化司法责任制综合配套改革，加强司法制约监督。", "深化司法责任制综合配套改革"),
        ("健全制度。加强监督，维护公正。", "健全制度"),  # a short first sentence stays whole
        ("从国际来看，科技革命加速演进，产业加快变革。", "从国际来看，科技革命加速演进"),
        ("坚持“党政同责，一岗双责”，强化领导。", "坚持“党政同责，一岗双责”"),  # quotes
        ("——推进城乡视频监控增点扩面", "推进城乡视频监控增点扩面"),  # no clause mark at all
        ("以" + "甲" * 40 + "为支撑，打造平台。", "以" + "甲" * 28 + "…"),  # 30 with the …
    ],
)
def test_a_plain_paragraph_task_is_titled_by_its_first_clause(paragraph, title):
    assert paragraph_title(paragraph) == title
    assert len(paragraph_title(paragraph)) <= 30


def test_plain_paragraphs_are_tasks_only_where_they_state_measures():
    lines = [
        "第一章 发展基础",
        "第一节 主要成就",
        "综合实力显著增强，地区生产总值增长。",  # review: never a task
        "第二章 主要任务",
        "围绕主导产业，加快建设，打造高地。",  # a chapter's introduction to its sections
        "第一节 做强产业",
        "一、发展新材料",
        "立足本地优势，发展先进陶瓷。",  # opens the lead-phrase measures below: introduction
        "提升陶瓷层次。建设中试区，构建生态链。",
        "图1：产业布局",  # a caption
        "推动企业上市，支持并购重组。",  # prose after the measures: a task
        "二、完善治理",
        "深化司法改革，加强制约监督，维护公平正义。",
        "第二节 加强监督",
        "加强规划评估，开展跟踪分析。",
    ]
    outline = read_structure([Paragraph(line) for line in lines])
    tasks = [t for _, t in Plan(title="", chapters=outline.chapters).iter_tasks()]
    assert [(t.code, t.title) for t in tasks] == [
        ("M1", "提升陶瓷层次"),
        ("M2", "推动企业上市"),
        ("M3", "深化司法改革"),
        ("M4", "加强规划评估"),
    ]
    assert tasks[2].text == "深化司法改革，加强制约监督，维护公平正义。"


def test_toc_with_wrapped_entries():
    lines = ["目 录", "第一章 很长的标题被折", "到下一行......1", "第一节 标题......2"]
    lines += ["正文开始。", "第一章 很长的标题被折到下一行"]
    assert toc_lines(lines) == {0, 1, 2, 3}


def test_years_from_the_plan_ordinal_or_its_horizon():
    assert plan_years("某市国民经济和社会发展第十四个五年规划纲要", []) == (2020, 2025)
    assert plan_years("某县“十五五”规划", []) == (2025, 2030)
    assert plan_years("某区发展纲要", ["到2030年，达到。", "到2030年，实现。", "到2035年"]) == (
        2025,
        2030,
    )


def test_pdf_lines_broken_by_the_page_width_are_joined():
    full = "这是一行被页面宽度折断的很长的文字内容需要接上"
    lines = [full, "下一行。", "第二章 标题", full, "第三节 另起"] + ["短行"] * 6 + [full] * 4
    out = unwrap([lines])
    assert out[0] == full + "下一行。"
    assert out[1] == "第二章 标题"
    assert out[2] == full and out[3] == "第三节 另起"
