"""OCR pieces on pictures drawn for the test: ruling lines and merged cells, image files,
pictures in .docx/HTML, the budget, the progress bar, and the message without Tesseract."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import numpy as np
import pytest

from planwatch.errors import InputError
from planwatch.outline import parse_outline
from planwatch.outline.cli import ProgressBar
from planwatch.outline.ocr import available, ocr_settings
from planwatch.outline.ocr.grid import find_grids
from planwatch.outline.ocr.page import pair_quotes, tidy_line
from planwatch.outline.ocr.table import nest

from .pictures import ruled_table, text_page

needs_ocr = pytest.mark.skipif(
    not available(), reason="apt-get install tesseract-ocr tesseract-ocr-chi-sim"
)

TABLE = [
    ["类别", "指标名称", "2020年", "2025年", "属性"],
    ["经济发展", "地区生产总值(亿元)", "120", "180", "预期性"],
    [None, "常住人口城镇化率(%)", "61.5", "65", "预期性"],
    ["人民生活", "人均预期寿命(岁)", "78.4", "79.2", "约束性"],
]
WIDTHS = [180, 420, 160, 160, 160]

OUTLINE = [
    "某县国民经济和社会发展第十四个五年规划纲要",
    "第一章 发展基础",
    "全县经济平稳发展，地区生产总值达到120亿元。",
    "第二章 主要任务",
    "第一节 做强工业",
    "壮大主导产业。到2025年规模以上工业企业达到200家。",
]


def test_rules_and_a_merged_category_cell_make_the_grid():
    (grid,) = find_grids(np.asarray(ruled_table(TABLE, WIDTHS)))
    assert (len(grid.ys) - 1, len(grid.xs) - 1) == (4, 5)
    category = next(c for c in grid.cells if (c.row, c.col) == (1, 0))
    assert (category.row_end, category.col_end) == (3, 1)  # 经济发展 spans two rows
    assert len(grid.cells) == 4 * 5 - 1


def test_text_without_rules_is_no_table():
    assert find_grids(np.asarray(text_page(OUTLINE))) == []


def test_contents_lines_and_quotes_as_printed():
    assert tidy_line("第三节明确规划实施分工.RN") == "第三节明确规划实施分工……"
    assert tidy_line("第一节全面提升三大产业首位度.2 8") == "第一节全面提升三大产业首位度……28"
    assert tidy_line("壮大主导产业。到2025年") == "壮大主导产业。到2025年"
    assert pair_quotes("“十四五“时期和“双碳“目标") == "“十四五”时期和“双碳”目标"


def test_a_sub_row_name_keeps_the_unit_at_the_end():
    nested = nest("主要污染物排放总量减少(%)", "化学需氧量")
    assert nested == "主要污染物排放总量减少（化学需氧量）(%)"
    assert nest("森林增长", "森林蓄积量(亿立方米)") == "森林增长（森林蓄积量）(亿立方米)"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_one_line():
    out = _Terminal()
    bar = ProgressBar("zh-hans", out)
    for done in range(4):
        bar(done, 3)
    assert out.getvalue().count("\n") == 1
    assert out.getvalue().endswith("[########################] 3/3\n")
    assert "文字识别" in out.getvalue()


@needs_ocr
@pytest.mark.slow
def test_an_image_file_is_read_as_an_outline(tmp_path):
    path = tmp_path / "outline.png"
    text_page(OUTLINE).save(path)
    plan = parse_outline(path)
    assert [c.number for c in plan.chapters] == ["第一章", "第二章"]
    assert plan.chapters[1].sections[0].title == "做强工业"
    assert plan.chapters[1].sections[0].page == 1
    assert any(t.value == 200 for t in plan.targets)


@needs_ocr
@pytest.mark.slow
def test_a_table_pasted_into_a_docx_as_a_picture(tmp_path):
    import docx

    picture = tmp_path / "table.png"
    ruled_table(TABLE, WIDTHS).save(picture)
    document = docx.Document()
    for line in OUTLINE[:3]:
        document.add_paragraph(line)
    document.add_picture(str(picture))
    for line in OUTLINE[3:]:
        document.add_paragraph(line)
    path = tmp_path / "outline.docx"
    document.save(path)
    plan = parse_outline(path)
    assert [(i.name, i.category, i.attribute) for i in plan.indicators] == [
        ("地区生产总值", "经济发展", "anticipatory"),
        ("常住人口城镇化率", "经济发展", "anticipatory"),
        ("人均预期寿命", "人民生活", "binding"),
    ]
    assert [i.baseline.value for i in plan.indicators] == [120, 61.5, 78.4]
    assert all(i.ocr_cells for i in plan.indicators)


@needs_ocr
@pytest.mark.slow
def test_an_html_page_reads_a_picture_beside_it_but_not_one_outside(tmp_path):
    ruled_table(TABLE, WIDTHS).save(tmp_path / "table.png")
    (tmp_path / "page").mkdir()
    ruled_table(TABLE, WIDTHS).save(tmp_path / "page" / "table.png")
    body = "".join(f"<p>{line}</p>" for line in OUTLINE[:3])
    body += '<p><img src="table.png" alt="主要指标"></p>'
    body += "".join(f"<p>{line}</p>" for line in OUTLINE[3:])
    html = f"<!DOCTYPE html><html><body>{body}</body></html>"
    (tmp_path / "page" / "outline.html").write_text(html, encoding="utf-8")
    assert len(parse_outline(tmp_path / "page" / "outline.html").indicators) == 3
    outside = html.replace('src="table.png"', 'src="../table.png"')
    (tmp_path / "page" / "outside.html").write_text(outside, encoding="utf-8")
    assert parse_outline(tmp_path / "page" / "outside.html").indicators == []


@needs_ocr
def test_a_scan_over_the_page_budget_is_refused_before_reading(tmp_path):
    path = tmp_path / "scan.pdf"
    page = text_page(OUTLINE).convert("1")
    page.save(path, save_all=True, append_images=[page, page], resolution=150)
    with ocr_settings(max_pages=2), pytest.raises(InputError) as caught:
        parse_outline(path)
    assert caught.value.code == "outline.ocr_pages"
    assert "3 页" in str(caught.value) and "2 页的上限" in str(caught.value)


@needs_ocr
def test_a_scan_over_the_time_budget_stops_with_a_message(tmp_path):
    path = tmp_path / "scan.pdf"
    page = text_page(OUTLINE * 6).convert("1")
    page.save(path, save_all=True, append_images=[page], resolution=150)
    with ocr_settings(max_seconds=0.01, workers=1), pytest.raises(InputError) as caught:
        parse_outline(path)
    assert caught.value.code == "outline.ocr_time"
    assert "时间预算" in str(caught.value) and "time budget" in caught.value.render("en")


def _without_tesseract(*args: str) -> subprocess.CompletedProcess:
    """The command line run with a PATH on which there is no tesseract."""
    return subprocess.run(
        [sys.executable, "-m", "planwatch", "outline", "parse", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": "/nonexistent", "PYTHONIOENCODING": "utf-8", "LANG": ""},
        check=False,
    )


def test_without_tesseract_an_image_names_the_packages_to_install(tmp_path):
    path = tmp_path / "outline.png"
    text_page(OUTLINE[:2]).save(path)
    run = _without_tesseract(str(path))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "tesseract-ocr tesseract-ocr-chi-sim" in run.stderr
    assert "文字识别" in run.stderr and run.stderr.count("\n") == 1


def test_without_tesseract_a_linked_table_image_stays_a_placeholder(tmp_path):
    (tmp_path / "images").mkdir()
    ruled_table(TABLE, WIDTHS).save(tmp_path / "images" / "t.png")
    text = "\n\n".join([*OUTLINE[:3], '![](images/t.png "专栏1 主要指标")', *OUTLINE[3:]])
    path = tmp_path / "outline.md"
    path.write_text(text, encoding="utf-8")
    run = _without_tesseract(str(path))
    assert run.returncode == 0
    assert "专栏1 主要指标" in run.stderr and "是图片" in run.stderr


@needs_ocr
def test_an_upload_does_not_follow_its_image_links(tmp_path, monkeypatch):
    from planwatch.outline import parse_outline_bytes

    (tmp_path / "images").mkdir()
    ruled_table(TABLE, WIDTHS).save(tmp_path / "images" / "t.png")
    text = "\n\n".join([*OUTLINE[:3], "![主要指标](images/t.png)", *OUTLINE[3:]])
    monkeypatch.chdir(tmp_path)  # the server's folder holds a file at the linked path
    plan = parse_outline_bytes(text.encode(), "outline.md")
    assert plan.indicators == []
    assert [w.code for w in plan.warnings] == ["outline.image_table"]


def _words(line: int, top: int, cells: list[tuple[int, str]], size: int = 30):
    from planwatch.outline.ocr.engine import Word

    return [
        Word(text, left, top, size * len(text), size, 95.0, (1, 1, line)) for left, text in cells
    ]


def test_a_table_without_rules_from_word_positions():
    from planwatch.outline.ocr.layout import build_table, find_tables

    lines = [
        _words(0, 100, [(100, "全县经济平稳发展，地区生产总值达到一百二十亿元。")]),
        _words(1, 160, [(100, "指标"), (400, "2020年"), (600, "2025年"), (800, "属性")]),
        _words(2, 220, [(100, "地区生产"), (400, "120"), (600, "180"), (800, "预期性")]),
        _words(3, 255, [(100, "总值(亿元)")]),  # the name cell wraps onto a second line
        _words(4, 320, [(100, "森林覆盖率(%)"), (400, "35.2"), (600, "36.5"), (800, "约束性")]),
        _words(5, 400, [(100, "以上指标均为预期目标，具体数值以统计部门发布为准，并逐年评估。")]),
    ]
    ((first, end, starts),) = find_tables(lines, 30, 100, 1500)
    assert (first, end) == (1, 5) and len(starts) == 4
    table = build_table(lines[first:end], starts, 30, 1.0, "page 1", 1)
    assert table.rows == (
        ("指标", "2020年", "2025年", "属性"),
        ("地区生产总值(亿元)", "120", "180", "预期性"),
        ("森林覆盖率(%)", "35.2", "36.5", "约束性"),
    )
    assert table.cells[1][0].box == (100, 220, 280, 285)  # both lines of the wrapped name


def test_a_heading_takes_the_character_its_contents_entry_reads_more_plausibly():
    from planwatch.outline.document import Paragraph
    from planwatch.outline.ocr.agree import agree_with_document
    from planwatch.outline.ocr.page import _HEADING

    blocks = [
        Paragraph("第一节 推进教育事业发展……45"),  # the contents, read right
        Paragraph("第二节 繁荣文化体育发民……47"),  # the contents, misread
        Paragraph("坚持高质量发展，推动经济发展和社会发展。"),
        Paragraph("第一节 推进教育事业发民", 45),  # the body, misread
        Paragraph("第二节 繁荣文化体育发展", 47),  # the body, read right
        Paragraph("繁荣文化体育发民的说法不在标题里，不改。"),
    ]
    fixed = agree_with_document(blocks, _HEADING)
    assert fixed[3].text == "第一节 推进教育事业发展" and fixed[3].page == 45
    assert fixed[4].text == "第二节 繁荣文化体育发展"
    assert fixed[5].text == blocks[5].text  # prose is left as read
    alone = [Paragraph("第三节 完善全民健身服务体系"), Paragraph("全民健身")]
    assert agree_with_document(alone, _HEADING) == alone  # no other reading: nothing to agree


def test_only_a_category_cell_one_character_from_one_usual_name_is_set_right():
    from planwatch.outline.document import Table
    from planwatch.outline.ocr.categories import snap_categories
    from planwatch.outline.ocr.table import CellReading

    def cell(text, confidence=0.93):
        return CellReading(text, confidence, (0, 0, 10, 10))

    rows = [
        ("类别", "指标", "单位", "2020年", "2025年", "属性"),
        ("民生社祉", "城镇调查失业率", "%", "5.2", "<5.5", "预期性"),  # 社 for 福: one off
        ("民生社址", "创新驱劫", "%", "3", "4", "约束性"),  # two off; a name is no category
        ("绿色发态", "森林覆盖率", "%", "23", "24", "约束性"),  # 绿色发展 or 绿色生态?
    ]
    table = Table(rows=tuple(rows), cells=tuple(tuple(cell(t) for t in r) for r in rows))
    (read,) = snap_categories([table])
    assert [r[0] for r in read.rows[1:]] == ["民生福祉", "民生社址", "绿色发态"]
    assert read.rows[2][1] == "创新驱劫"
    snapped = read.cells[1][0]
    assert (snapped.text, snapped.read_as, snapped.confidence) == ("民生福祉", "民生社祉", 0.93)
    assert read.cells[2][0].read_as is None and read.cells[3][0].read_as is None
    assert read.rows[1][1:] == rows[1][1:]


def test_a_percent_unit_read_as_five_is_set_right_only_after_a_name():
    from planwatch.outline.ocr.table import tidy_cell

    assert tidy_cell("全员劳动生产率增速 (5)").replace(" ", "") == "全员劳动生产率增速(%)"
    assert tidy_cell("(5)") == "(5)"  # a figure cell stays as read
    assert tidy_cell("城镇新增就业(万人)") == "城镇新增就业(万人)"


def test_a_category_set_right_is_said_in_the_reading_report():
    from planwatch.outline.document import Document, Paragraph, Table
    from planwatch.outline.ocr.categories import snap_categories
    from planwatch.outline.ocr.table import CellReading
    from planwatch.outline.parse import plan_from_document

    rows = [
        ("类别", "指标", "2020年", "2025年", "属性"),
        ("民生社祉", "城镇调查失业率(%)", "5.2", "<5.5", "预期性"),
        ("民生社祉", "人均预期寿命(岁)", "77.3", "78.3", "预期性"),
    ]
    cells = [
        [CellReading(t, 0.95, (k, r, k + 1, r + 1)) for k, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    cells[2][0] = None  # the merged category cell, read once
    table = Table(rows=tuple(rows), cells=tuple(map(tuple, cells)), page=3)
    blocks = [Paragraph("第一章　发展环境", 1), Paragraph("专栏1 主要指标", 3)]
    blocks += [*snap_categories([table]), Paragraph("第二章　主要目标", 4)]
    plan = plan_from_document(Document(blocks, "pdf"))
    assert [i.category for i in plan.indicators] == ["民生福祉", "民生福祉"]
    (note,) = [w for w in plan.warnings if w.code == "outline.ocr_category_corrected"]
    assert "识别为“民生社祉”，按常用指标类别名称读作“民生福祉”" in note.zh
    assert note.location == ["I1", "category"]  # the merged cell's row, where its crop is
    assert [c.confidence for c in plan.indicators[0].ocr_cells if c.field == "category"] == [0.95]
