"""The Word draft: GB/T 9704 page and fonts, the indicator table, the drafted narrative."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from report_samples import PLAN_TITLE, make_assessment, make_extras, make_plan

from planwatch.assess.model import PlanAssessment
from planwatch.errors import InputError
from planwatch.outline.model import Plan
from planwatch.reports import ReportExtras, write_report
from planwatch.reports.charts import MISSING_FONT_NOTE, find_cjk_font
from planwatch.reports.content import ReportContent
from planwatch.reports.docx_writer import write_docx


@pytest.fixture(scope="module")
def midterm(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "midterm.docx"
    write_report("midterm", make_plan(), make_assessment(), out, extra=make_extras())
    return Document(str(out))


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "annual.docx"
    write_report("annual", make_plan(), make_assessment(), out, extra=make_extras())
    return Document(str(out))


def body_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def east_asian(element) -> str | None:
    fonts = element.rPr.rFonts if element.rPr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def paragraphs_of(doc, style: str):
    return [p for p in doc.paragraphs if p.style.name == style]


# --- page and type ---------------------------------------------------------------------------


def test_page_is_a4_with_the_standard_margins(midterm):
    s = midterm.sections[0]
    for length, mm in (
        (s.page_width, 210),
        (s.page_height, 297),
        (s.top_margin, 37),
        (s.bottom_margin, 35),
        (s.left_margin, 28),
        (s.right_margin, 26),
    ):
        assert abs(length.mm - mm) < 0.1


def test_body_is_fangsong_16pt_at_22_lines_a_page_with_a_two_character_indent(midterm):
    normal = midterm.styles["Normal"]
    assert east_asian(normal.element) == "仿宋_GB2312"
    assert normal.font.name == "仿宋_GB2312"
    assert normal.font.size.pt == 16
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # text area 297 − 37 − 35 = 225 mm; 22 lines of it, rounded down to whole twips
    assert fmt.line_spacing.twips == 579
    assert 22 * fmt.line_spacing.mm <= 225 < 23 * fmt.line_spacing.mm
    assert fmt.first_line_indent.pt == 32
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_title_is_xiaobiaosong_22pt_centred_and_says_what_report_it_is(midterm):
    title = midterm.paragraphs[0]
    assert title.text == f"《{PLAN_TITLE}》实施中期评估报告"
    assert title.style.name == "Title"
    assert title.style.font.size.pt == 22
    assert east_asian(title.style.element) == "方正小标宋简体"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(east_asian(r._r) == "方正小标宋简体" for r in title.runs)


def test_headings_use_heiti_for_level_one_and_kaiti_for_level_two(midterm):
    ones = paragraphs_of(midterm, "Heading 1")
    twos = paragraphs_of(midterm, "Heading 2")
    assert [p.text for p in ones] == [
        "一、规划实施总体情况",
        "二、主要指标和目标进展情况",
        "三、重点任务和重大项目推进情况",
        "四、存在的问题和风险",
        "五、下一步工作",
    ]
    assert east_asian(midterm.styles["Heading 1"].element) == "黑体"
    assert east_asian(midterm.styles["Heading 2"].element) == "楷体_GB2312"
    assert twos[0].text == "（一）经济发展"
    assert all(east_asian(r._r) == "楷体_GB2312" for p in twos for r in p.runs)
    # the template's blue, bold, theme-font headings are gone
    rpr = midterm.styles["Heading 1"].element.rPr
    assert rpr.find(qn("w:color")) is None
    assert rpr.rFonts.get(qn("w:asciiTheme")) is None


def test_every_run_of_the_body_names_its_east_asian_font(midterm):
    runs = [r for p in midterm.paragraphs for r in p.runs if r.text]
    runs += [
        r
        for t in midterm.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        for r in p.runs
    ]
    assert len(runs) > 100
    missing = [r.text for r in runs if not east_asian(r._r)]
    assert missing == []


def test_page_numbers_sit_on_the_outer_side_in_songti_14pt(midterm):
    assert midterm.settings.odd_and_even_pages_header_footer
    section = midterm.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        xml = footer._p.xml
        assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
        assert xml.count('w:fldCharType="begin"') == 1 and 'w:fldCharType="end"' in xml
        assert footer.text == "— 1 —"  # the cached page number between the dashes
        assert {east_asian(r._r) for r in footer.runs} == {"宋体"}
        assert {r.font.size.pt for r in footer.runs} == {14}


# --- content ---------------------------------------------------------------------------------


def indicator_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[1].text == "指标名称")


def row_of(table, number: str):
    return next(r for r in table.rows if r.cells[0].text == number)


def test_indicator_table_lists_every_table_indicator(midterm):
    table = indicator_table(midterm)
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "指标名称", "单位", "2020年", "最新值（年份）", "2025年目标", "进展状态", "属性",
    ]  # fmt: skip
    numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text.isdigit()]
    assert numbers == ["1", "2", "5", "7", "9", "12", "15", "19", "20", "21"]
    categories = [r.cells[0].text for r in table.rows[1:] if not r.cells[0].text.isdigit()]
    assert categories == ["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"]


def test_indicator_rows_show_baseline_latest_target_status_and_attribute(midterm):
    table = indicator_table(midterm)
    rd = [c.text for c in row_of(table, "5").cells]
    assert rd == [
        "5", "全社会研发经费投入占地区生产总值比重", "%", "5.1", "5.6\n（2022年）",
        "5.5以上", "提前完成", "预期性",
    ]  # fmt: skip
    ceiling = [c.text for c in row_of(table, "9").cells]
    assert ceiling[5] == "4.5以内"
    words = [c.text for c in row_of(table, "15").cells]
    assert words[5] == "完成省市分解任务" and words[6] == "待明确目标" and words[7] == "约束性"
    manual = row_of(table, "12").cells[6].text
    assert manual == "严重滞后（人工研判：滞后于预期）"


def test_items_without_figures_say_data_missing(midterm):
    table = indicator_table(midterm)
    forest = [c.text for c in row_of(table, "19").cells]
    assert forest[4] == "数据暂缺" and forest[6] == "数据暂缺"
    # I21 is in the plan but not in the assessment at all
    energy = [c.text for c in row_of(table, "21").cells]
    assert energy[1] == "能源综合生产能力" and energy[4] == "数据暂缺"


def test_status_cells_carry_the_status_colour(midterm):
    cell = row_of(indicator_table(midterm), "5").cells[6]
    shading = cell._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "1B7A3A"  # achieved


def test_narrative_states_the_figures_in_official_wording(midterm):
    text = body_text(midterm)
    assert (
        "2022年全社会研发经费投入占地区生产总值比重达到5.6%，较2020年提高0.5个百分点，"
        "已超过2025年预期目标（5.5%以上）。"
    ) in text
    assert "2023年常住人口城镇化率达到92.4%，较2020年提高1.16个百分点，" in text
    assert "完成目标进度的65.9%，时间进度60%，符合预期进度。" in text
    assert "2023年城镇登记失业率为2.1%" in text and "（4.5%以内）范围内" in text
    assert "距2025年目标尚差4个百分点" in text
    assert "经人工研判为“滞后于预期”" in text
    assert "森林覆盖率暂无监测数据（数据暂缺）" in text
    # a category's narrative opens with its counts
    assert "民生福祉领域共2项指标，其中提前完成1项、严重滞后1项。" in text


def test_prose_targets_have_their_own_table_and_sentences(midterm):
    text = body_text(midterm)
    assert "规划正文提出量化目标2项，其中符合预期1项、数据暂缺1项。" in text
    assert "2023年高新技术企业数量达到410家，较2020年增加158家，" in text
    table = next(t for t in midterm.tables if t.rows[0].cells[1].text == "目标内容")
    first = [c.text for c in table.rows[1].cells]
    assert first == ["1", "高新技术企业数量", "252家", "410家\n（2023年）", "500家以上", "符合预期"]


def test_risks_list_binding_items_first_then_lagging_then_missing_data(midterm):
    paragraphs = [p.text for p in midterm.paragraphs]
    start = paragraphs.index("四、存在的问题和风险")
    end = paragraphs.index("五、下一步工作")
    risks = paragraphs[start:end]
    headings = [p for p in risks if p.startswith("（")]
    assert headings == ["（一）约束性指标进展滞后", "（二）部分指标进展滞后", "（三）部分数据暂缺"]
    joined = "\n".join(risks)
    # regressing before seriously lagging within the binding group; the engine's reasoning kept
    assert joined.index("粮食综合生产能力") < joined.index("基本养老保险参保率")
    assert "粮食综合生产能力（约束性指标）：2023年为0.61万吨，低于应保持的0.64万吨。" in risks
    assert (
        "基本养老保险参保率（约束性指标）：完成目标进度23.1%，低于时间进度60%。"
        "经人工研判为“滞后于预期”，理由：2023年参保扩面集中在四季度，数据尚未入库。"
    ) in risks
    assert joined.index("（二）") < joined.index("地区生产总值增长速度") < joined.index("（三）")
    assert "其余两年需年均增长22.4%" in joined
    assert "森林覆盖率、能源综合生产能力、新增城市污水日处理能力暂无监测数据。" in joined
    assert "单位地区生产总值能源消耗降低的目标值尚待上级分解或明确" in joined


def test_next_steps_leave_highlighted_places_for_the_coordinator(midterm):
    highlighted = [
        r.text
        for p in midterm.paragraphs
        for r in p.runs
        if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert "【请填写：具体措施、责任单位和完成时限】" in highlighted
    assert "【请填写：对规划实施总体情况的评价】" in highlighted
    text = body_text(midterm)
    assert "（一）加快推进粮食综合生产能力" in text


def test_tasks_and_projects_appear_under_their_chapter(midterm):
    text = body_text(midterm)
    chapter = text.index("（一）第三章 做强主导产业")
    assert text.index("（二）第七章 增进民生福祉") > chapter
    assert (
        "建设新材料中试基地。工业和信息化局牵头，科技创新局、财政金融局配合。"
        "按计划推进，完成进度60%。中试基地一期主体完工。"
    ) in text
    assert (
        "重大项目“新材料产业园”，总投资25.5亿元，计划2021年3月开工、2024年12月竣工，"
        "已于2021年5月开工，形象进度70%。"
    ) in text


def test_appendix_names_the_source_of_every_figure(midterm):
    table = midterm.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "代码", "指标或目标", "类别", "年份", "数值", "来源",
    ]  # fmt: skip
    rows = {(r.cells[0].text, r.cells[2].text, r.cells[3].text): r for r in table.rows[1:]}
    assert rows["I5", "监测值", "2022"].cells[5].text == "区统计局《2022年统计公报》"
    assert rows["I5", "监测值", "2021"].cells[5].text == "区科技创新局"
    assert rows["I5", "基期值", "2020"].cells[5].text == "规划纲要主要指标表"
    assert rows["I7", "监测值", "2021"].cells[5].text == "未注明来源"
    assert rows["T1", "目标值", "2025"].cells[4].text == "500家"
    # every reported figure: I1 3, I2 3, I5 2, I7 3, I9 1, I12 3, I15 2, I20 2, T1 3
    assert sum(1 for key in rows if key[1] == "监测值") == 22


def test_signature_and_date_close_the_main_text(midterm):
    texts = [p.text for p in midterm.paragraphs]
    i = texts.index("示例高新区经济发展局")
    assert texts[i + 1] == "2023年6月30日"
    assert "附件" in texts[i + 2]


def test_charts_are_embedded_as_pictures(midterm):
    if find_cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk); charts are left out")
    assert len(midterm.inline_shapes) == 2
    captions = [p.text for p in paragraphs_of(midterm, "表题") if p.text.startswith("图")]
    assert captions == ["图1 主要指标和目标进展状态分布", "图2 主要指标目标完成进度"]


def test_without_a_cjk_font_the_report_says_which_package_to_install(tmp_path):
    out = tmp_path / "r.docx"
    content = ReportContent("annual", make_plan(), make_assessment(), make_extras())
    write_docx(content, out, chart_fonts=("No Such Font For Testing",))
    doc = Document(str(out))
    assert len(doc.inline_shapes) == 0
    assert body_text(doc).count(MISSING_FONT_NOTE) == 2
    assert "fonts-noto-cjk" in MISSING_FONT_NOTE


# --- the two kinds ---------------------------------------------------------------------------


def test_annual_and_midterm_differ_in_title_overview_and_framing(annual, midterm):
    a, m = body_text(annual), body_text(midterm)
    assert annual.paragraphs[0].text == f"《{PLAN_TITLE}》2023年实施情况监测报告"
    assert "一、总体情况" in a and "一、规划实施总体情况" in m
    assert "2023年是规划实施的第三年。" in a
    assert "规划期为2021—2025年。截至2023年，规划已实施3年，时间进度为60%。" in m
    assert "时间过半、任务过半" in m and "时间过半、任务过半" not in a
    # 7 items are judged against the elapsed time; 4 keep pace (2 of them already done)
    assert "在7项可与时间进度对照的指标和目标中，4项完成进度达到或超过时间进度" in m
    assert "2024年，要聚焦规划目标任务和监测发现的问题" in a


def test_missing_extras_never_break_a_report(tmp_path):
    out = write_report("annual", make_plan(), make_assessment(), tmp_path / "bare.docx")
    doc = Document(str(out))
    text = body_text(doc)
    assert "本期未报送重点任务和重大项目推进情况（数据暂缺）" in text
    assert "重点任务推进情况数据暂缺，请各牵头单位按期报送。" in text
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color]
    assert "【请填写：成文日期】" in highlighted
    # the plan's issuer signs where the extras name none
    assert "示例高新区管理委员会" in [p.text for p in doc.paragraphs]


def test_an_assessment_with_no_items_still_gives_a_full_table(tmp_path):
    empty = make_assessment()
    empty.indicators, empty.targets = [], []
    out = write_report("midterm", make_plan(), empty, tmp_path / "empty.docx", extra=ReportExtras())
    doc = Document(str(out))
    numbers = [r.cells[0].text for r in indicator_table(doc).rows if r.cells[0].text.isdigit()]
    assert len(numbers) == 10
    assert "目前尚无可与时间进度对照的指标。" in body_text(doc)


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.doc"])
def test_an_unknown_extension_is_an_input_error(tmp_path, name):
    with pytest.raises(InputError, match=r"\.docx"):
        write_report("annual", make_plan(), make_assessment(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_an_unknown_kind_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="annual, midterm"):
        write_report("final", make_plan(), make_assessment(), tmp_path / "r.docx")


def test_a_plan_with_nothing_but_a_title_still_gives_a_report(tmp_path):
    plan = Plan(title="某规划")
    out = write_report("midterm", plan, PlanAssessment(2023, [], [], {}), tmp_path / "m.docx")
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "《某规划》实施中期评估报告"
    assert "规划未列出可监测的主要指标和量化目标（数据暂缺）。" in body_text(doc)
    assert "本报告暂无可列示的数据（数据暂缺）。" in body_text(doc)
    assert doc.tables == [] and len(doc.inline_shapes) == 0
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color]
    assert "【请填写：发文机关署名】" in highlighted and "【请填写：成文日期】" in highlighted


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_path_that_cannot_be_written_is_an_input_error(tmp_path, suffix):
    out = tmp_path / "no-such-folder" / f"report{suffix}"
    with pytest.raises(InputError, match="cannot write the report") as caught:
        write_report("annual", make_plan(), make_assessment(), out)
    assert caught.value.file == str(out)
