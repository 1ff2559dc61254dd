"""The Word draft: GB/T 9704 page and fonts, the indicator table, the drafted narrative."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from report_samples import PLAN_TITLE, make_assessment, make_extras, make_plan

from planwatch.assess.model import PlanAssessment
from planwatch.errors import InputError
from planwatch.outline.model import Plan
from planwatch.reports import ReportExtras, report_bytes, write_report
from planwatch.reports.charts import MISSING_FONT_NOTE, find_cjk_font, progress_bars
from planwatch.reports.content import ReportContent
from planwatch.reports.docx_writer import write_docx
from planwatch.reports.model import FigureSource
from planwatch.reports.wording import RAW_CODE, internal_terms_in


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


def test_title_is_xiaobiaosong_22pt_centred_cut_between_words(midterm):
    title = midterm.paragraphs[0]
    # cut after 发展 (a 梯形: the second line is the longer), never inside a word
    assert title.text == "《示例高新区国民经济和社会发展\n第十四个五年规划纲要》实施中期评估报告"
    assert title.text.replace("\n", "") == f"《{PLAN_TITLE}》实施中期评估报告"
    assert title.style.name == "Title"
    assert title.style.font.size.pt == 22
    assert east_asian(title.style.element) == "方正小标宋简体"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(east_asian(r._r) == "方正小标宋简体" for r in title.runs)


def test_the_page_grid_gives_22_lines_of_28_characters(midterm):
    grid = midterm.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    spacing = midterm.styles["Normal"].element.rPr.find(qn("w:spacing"))
    # 28 characters of 16 pt − 0.25 pt fit the 442.2 pt line, 29 do not
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert 28 * pitch <= 156 / 25.4 * 72 < 29 * pitch


def test_headings_use_heiti_for_level_one_and_kaiti_for_level_two(midterm):
    ones = paragraphs_of(midterm, "Heading 1")
    twos = paragraphs_of(midterm, "Heading 2")
    assert [p.text for p in ones] == [
        "一、总体评价",
        "二、主要指标完成情况",
        "三、主要任务和重大项目推进情况",
        "四、存在的问题",
        "五、下一步工作建议",
        "六、规划调整建议",
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
    return next(t for t in doc.tables if t.rows[0].cells[1].text == "指标名称（单位）")


def row_of(table, number: str):
    return next(r for r in table.rows if r.cells[0].text == number)


def section(doc, start: str, end: str) -> list[str]:
    paragraphs = [p.text for p in doc.paragraphs]
    return paragraphs[paragraphs.index(start) + 1 : paragraphs.index(end)]


def test_indicator_table_lists_every_table_indicator_once(midterm):
    table = indicator_table(midterm)
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "指标名称（单位）", "基期值", "最新值（年份）", "目标值", "完成进度", "时间进度",
        "进展评价", "预计能否完成",
    ]  # fmt: skip
    numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text.isdigit()]
    assert numbers == ["1", "2", "5", "7", "9", "12", "15", "19", "20", "21"]
    categories = [r.cells[0].text for r in table.rows[1:] if not r.cells[0].text.isdigit()]
    assert categories == ["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"]


def test_indicator_rows_show_baseline_latest_target_shares_grade_and_outlook(midterm):
    table = indicator_table(midterm)
    assert [c.text for c in row_of(table, "5").cells] == [
        "5", "全社会研发经费投入占地区生产总值比重（%）", "5.1", "5.6\n（2022年）", "5.5以上",
        "125%", "40%", "提前完成", "预计能够完成",
    ]  # fmt: skip
    assert row_of(table, "1").cells[4].text == "年均增长15%"  # the rate as printed
    assert row_of(table, "2").cells[4].text == "93以上（累计〔1.76〕）"
    assert row_of(table, "9").cells[4].text == "4.5以内"
    words = [c.text for c in row_of(table, "15").cells]
    assert words[1].endswith("〔约束性〕") and words[4] == "完成省市分解任务"
    assert words[7] == "待明确目标" and words[8] == "——"
    assert row_of(table, "12").cells[7].text == "严重滞后（人工研判：滞后于预期）"


def test_items_without_figures_say_data_missing(midterm):
    table = indicator_table(midterm)
    forest = [c.text for c in row_of(table, "19").cells]
    assert forest[3] == "数据暂缺" and forest[7] == "数据暂缺"
    # I21 is in the plan but not in the assessment at all
    energy = [c.text for c in row_of(table, "21").cells]
    assert energy[1].startswith("能源综合生产能力") and energy[3] == "数据暂缺"


def test_status_cells_carry_the_status_colour(midterm):
    cell = row_of(indicator_table(midterm), "5").cells[7]
    shading = cell._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "1B7A3A"  # achieved


def test_table_rows_never_split_and_headers_repeat(midterm):
    for table in midterm.tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)


def test_narrative_states_the_figures_in_official_wording(midterm):
    text = body_text(midterm)
    assert (
        "2022年全社会研发经费投入占地区生产总值比重达到5.6%，较2020年提高0.5个百分点，"
        "已超过2025年预期目标（5.5%以上）。"
    ) in text
    assert (
        "2023年常住人口城镇化率达到92.4%，较2020年提高1.2个百分点，完成进度65.9%，"
        "时间进度60%，符合预期，但按近年趋势存在不能如期完成的风险。"
    ) in text
    # lower is better: the rate 上升s, and a ceiling that holds is kept, not "completed"
    assert (
        "2023年城镇登记失业率为2.1%，较2020年上升0.2个百分点，控制在2025年预期目标（4.5%以内）"
        "范围内，需继续保持。"
    ) in text
    assert "距2025年目标尚差4个百分点" in text
    assert "经人工研判为“滞后于预期”" in text
    assert "森林覆盖率暂无监测数据，需尽快补报。" in text
    assert "民生福祉领域共2项指标，其中达到目标要求1项、严重滞后1项。" in text


def test_prose_targets_have_their_own_table_and_sentences(midterm):
    text = body_text(midterm)
    assert "规划正文提出量化目标2项，其中符合预期1项、数据暂缺1项。" in text
    assert "2023年高新技术企业数量达到410家，较2020年增加158家，" in text
    table = next(t for t in midterm.tables if "高新技术企业数量（家）" in t.rows[1].cells[1].text)
    first = [c.text for c in table.rows[1].cells]
    assert first == [
        "1", "高新技术企业数量（家）", "252", "410\n（2023年）", "500以上", "63.7%", "60%",
        "符合预期", "预计能够完成",
    ]  # fmt: skip


def test_problems_are_drafted_binding_first_with_data_gaps_in_one_line(midterm):
    problems = section(midterm, "四、存在的问题", "五、下一步工作建议")
    assert problems[0].startswith("粮食综合生产能力（约束性指标）：2023年为0.61万吨")
    assert problems[1].startswith("基本养老保险参保率（约束性指标）：2023年为92%")
    assert problems[4].startswith("此外，森林覆盖率、能源综合生产能力、新增城市污水日处理能力")
    assert sum("暂无监测数据" in p for p in problems) == 1
    assert problems[5] == "【请填写：问题成因的分析（一两句）】"


def test_next_steps_are_one_recommendation_per_problem(midterm):
    steps = section(midterm, "五、下一步工作建议", "六、规划调整建议")
    headings = [p for p in steps if p.startswith("（")]
    assert headings == [
        "（一）确保粮食综合生产能力稳定在0.64万吨以上",
        "（二）加快提升基本养老保险参保率",
        "（三）推动地区生产总值加快增长",
        "（四）加快提升常住人口城镇化率",
    ]
    assert "由社会事业局牵头，财政金融局配合，2024—2025年需年均提高2个百分点" in "".join(steps)


def test_the_coordinator_supplies_only_a_few_sentences(midterm):
    highlighted = [
        r.text
        for p in midterm.paragraphs
        for r in p.runs
        if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert highlighted == [
        "【请填写：规划实施总体情况的定性判断（一两句）】",
        "【请填写：问题成因的分析（一两句）】",
        "【请填写：各项建议的具体措施和完成时限】",
    ]


def test_tasks_and_projects_appear_under_their_chapter(midterm):
    text = body_text(midterm)
    assert "纳入监测的重点任务2项，其中按计划推进1项、已完成1项。" in text
    assert "重大项目1个，已开工1个、竣工0个，计划总投资25.5亿元。" in text
    chapter = text.index("（一）第三章 做强主导产业")
    assert text.index("（二）第七章 增进民生福祉") > chapter
    assert (
        "本章重点任务1项，已完成0项。建设新材料中试基地（工业和信息化局牵头）：中试基地一期主体"
        "完工。重大项目“新材料产业园”，总投资25.5亿元，计划2021年3月开工、2024年12月竣工，"
        "已于2021年5月开工，形象进度70%。"
    ) in text


def test_appendix_names_each_items_sources_by_year_and_its_targets_origin(midterm):
    table = midterm.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "指标或目标", "基期值", "目标值（来源）", "监测值来源",
    ]  # fmt: skip
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["全社会研发经费投入占地区生产总值比重"] == [
        "全社会研发经费投入占地区生产总值比重", "5.1%（2020年）", "5.5%以上（纲要主要指标表）",
        "2021年：区科技创新局；2022年：区统计局《2022年统计公报》",
    ]  # fmt: skip
    assert rows["常住人口城镇化率"][3] == "2021—2023年：区公安分局"
    assert rows["数字经济核心产业增加值占地区生产总值比重"][3] == "2021—2023年：未注明来源"
    assert rows["高新技术企业数量"][2] == "500家以上（纲要正文）"
    assert rows["单位地区生产总值能源消耗降低"][2] == "完成省市分解任务（后续确定）"
    assert not any(RAW_CODE.search(c.text) for r in table.rows for c in r.cells)


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
    assert captions == ["图1 主要指标和目标进展评价", "图2 主要指标完成进度和时间进度"]


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
    assert annual.paragraphs[0].text.replace("\n", "") == f"《{PLAN_TITLE}》2023年实施情况监测报告"
    assert "一、总体情况" in a and "一、总体评价" in m
    assert "2023年是规划实施的第三年。" in a
    assert "规划期为2021—2025年，截至2023年已实施三年，时间进度为60%。" in m
    assert "时间过半、任务过半" in m and "时间过半、任务过半" not in a
    assert "2024年，要聚焦规划目标任务和监测发现的问题" in a


def test_missing_extras_never_break_a_report(tmp_path):
    out = write_report("annual", make_plan(), make_assessment(), tmp_path / "bare.docx")
    doc = Document(str(out))
    text = body_text(doc)
    assert "本期未报送重点任务和重大项目推进情况，已列入存在的问题。" in text
    assert "重点任务推进情况尚未报送；重大项目推进情况尚未报送，需在下一轮报送中补齐。" in text
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
    assert "目前尚无可与时间进度对照的指标，暂无法检验“时间过半、任务过半”。" in body_text(doc)


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.doc"])
def test_an_unknown_extension_is_an_input_error(tmp_path, name):
    with pytest.raises(InputError, match=r"\.docx") as caught:
        write_report("annual", make_plan(), make_assessment(), tmp_path / name)
    assert "无法从" in str(caught.value) and "cannot tell the report format" in caught.value.render(
        "en"
    )
    assert not (tmp_path / name).exists()


def test_an_unknown_kind_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="年度监测报告") as caught:
        write_report("final", make_plan(), make_assessment(), tmp_path / "r.docx")
    assert caught.value.render("en").endswith("choose one of annual, midterm")


def test_a_plan_with_nothing_but_a_title_still_gives_a_report(tmp_path):
    plan = Plan(title="某规划")
    out = write_report("midterm", plan, PlanAssessment(2023, [], [], {}), tmp_path / "m.docx")
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "《某规划》实施中期评估报告"
    assert "规划未列出可监测的主要指标和量化目标。" in body_text(doc)
    assert "本报告暂无可列示的数据。" in body_text(doc)
    assert doc.tables == [] and len(doc.inline_shapes) == 0
    highlighted = [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color]
    assert "【请填写：发文机关署名】" in highlighted and "【请填写：成文日期】" in highlighted


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_path_that_cannot_be_written_is_an_input_error(tmp_path, suffix):
    out = tmp_path / "no-such-folder" / f"report{suffix}"
    with pytest.raises(InputError, match="无法写入报告") as caught:
        write_report("annual", make_plan(), make_assessment(), out)
    assert caught.value.file == str(out)
    assert "cannot write the report" in caught.value.render("en")


def all_text(doc) -> str:
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([body_text(doc), *cells])


def test_no_raw_code_or_internal_term_reaches_the_reader(midterm, annual):
    assert internal_terms_in(all_text(midterm)) == []
    assert internal_terms_in(all_text(annual)) == []


def test_the_check_for_internal_terms_would_catch_an_engine_sentence(tmp_path):
    leaky = make_assessment()
    leaky.indicators[0].explanation = "按几何路径测算，I1 为 lagging。"
    leaky.indicators[0].status = "lagging"
    out = write_report("midterm", make_plan(), leaky, tmp_path / "m.docx", extra=make_extras())
    # the engine's own sentence is never copied into the report: the draft writes its own
    assert internal_terms_in(all_text(Document(str(out)))) == []
    assert internal_terms_in(leaky.indicators[0].explanation) == ["几何路径", "lagging", "I1"]


def test_a_report_can_be_had_as_bytes_without_a_file():
    data = report_bytes("midterm", make_plan(), make_assessment(), "docx", extra=make_extras())
    doc = Document(io.BytesIO(data))
    assert doc.paragraphs[0].text.endswith("实施中期评估报告")
    with pytest.raises(InputError, match=r"无法从“\.pdf”判断报告格式"):
        report_bytes("midterm", make_plan(), make_assessment(), "pdf")


def test_chart_bars_show_true_figures_against_each_items_own_time_share():
    from dataclasses import replace

    items = make_assessment().items
    items[2] = replace(items[2], completion_share=2.85)  # far past its target: not capped
    bars = {b.item.code: b for b in progress_bars(items)}
    assert set(bars) == {"I2", "I5", "I12", "T1"}
    assert (bars["I5"].share, bars["I5"].time_share, bars["I5"].label) == (285.0, 40.0, "285%")
    assert (bars["I2"].time_share, bars["I2"].label) == (60.0, "65.9%")
    # the labels are the table's own figures
    table = indicator_table(Document(io.BytesIO(report_bytes(
        "midterm", make_plan(), make_assessment(), "docx", extra=make_extras()
    ))))  # fmt: skip
    assert row_of(table, "12").cells[5].text == progress_bars(make_assessment().items)[1].label


def test_the_report_shows_the_figure_as_reported_beside_its_conversion(tmp_path):
    extras = make_extras()
    extras.sources.append(FigureSource("I2", "区公安分局", 2023, reported="户籍折算1.2万人"))
    data = report_bytes("midterm", make_plan(), make_assessment(), "docx", extra=extras)
    text = body_text(Document(io.BytesIO(data)))
    assert "2023年报送户籍折算1.2万人，折合常住人口城镇化率92.4%，" in text
    assert "2022年全社会研发经费投入占地区生产总值比重达到5.6%" in text
