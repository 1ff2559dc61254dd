"""The Excel workbook: monitoring table, division of labour, one template per department."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from report_samples import make_assessment, make_extras, make_plan

from planwatch.assess.status import ACHIEVED, NO_DATA, SERIOUSLY_LAGGING
from planwatch.reports import ReportExtras, report_bytes, write_report
from planwatch.reports.model import DepartmentTemplate
from planwatch.reports.template import TemplateMeta, TemplateRow, read_template
from planwatch.reports.wording import internal_terms_in


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "midterm.xlsx"
    write_report("midterm", make_plan(), make_assessment(), out, extra=make_extras())
    return out


@pytest.fixture(scope="module")
def workbook(workbook_path):
    return load_workbook(workbook_path)


def rows_by_code(ws, header_row=3):
    headers = [c.value for c in ws[header_row]]
    out = {}
    for row in ws.iter_rows(min_row=header_row + 1):
        if row[0].value:
            out[row[0].value] = dict(zip(headers, row, strict=True))
    return out


def test_sheets_are_monitoring_division_and_one_template_per_department(workbook):
    assert workbook.sheetnames == [
        "指标监测表",
        "任务分工表",
        "科技创新局",
        "社会事业局",
        "填报模板",
    ]


def test_monitoring_sheet_has_every_item_and_every_year(workbook):
    ws = workbook["指标监测表"]
    headers = [c.value for c in ws[3]]
    assert headers[6:12] == ["2020年", "2021年", "2022年", "2023年", "2024年", "2025年"]
    rows = rows_by_code(ws)
    assert list(rows) == [
        "I1", "I2", "I5", "I7", "I9", "I12", "I15", "I19", "I20", "I21", "T1", "T2",
    ]  # fmt: skip
    r = rows["I5"]
    assert r["2020年"].value == 5.1 and r["2021年"].value == 5.3 and r["2022年"].value == 5.6
    assert r["2023年"].value is None
    assert r["目标值"].value == 5.5 and r["最新值"].value == 5.6 and r["最新年份"].value == 2022
    assert r["属性"].value == "预期性" and r["类别"].value == "创新驱动"
    assert rows["T1"]["类别"].value == "规划量化目标"
    assert rows["I15"]["目标值"].value == "完成省市分解任务"
    assert rows["I21"]["最新值"].value == "数据暂缺"


@pytest.mark.parametrize(
    ("code", "status"), [("I5", ACHIEVED), ("I21", NO_DATA), ("I12", SERIOUSLY_LAGGING)]
)
def test_status_cells_have_label_and_colour(workbook, code, status):
    cell = rows_by_code(workbook["指标监测表"])[code]["进展状态"]
    assert cell.value.startswith(status.label_zh)
    assert cell.fill.fgColor.rgb.endswith(status.colour.lstrip("#").upper())
    assert cell.font.color.rgb.endswith("FFFFFF")


def test_division_of_labour_lists_items_and_tasks_with_departments(workbook):
    rows = rows_by_code(workbook["任务分工表"])
    m1 = rows["M1"]
    assert m1["类型"].value == "任务" and m1["内容"].value == "建设新材料中试基地"
    assert m1["牵头单位"].value == "工业和信息化局"
    assert m1["配合单位"].value == "科技创新局、财政金融局"
    assert m1["所属领域或章节"].value == "第三章 做强主导产业"
    assert rows["M2"]["牵头单位"].value is None  # not assigned yet: left blank, still listed
    assert rows["I12"]["牵头单位"].value == "社会事业局"
    assert rows["I12"]["配合单位"].value == "财政金融局"
    assert rows["T1"]["类型"].value == "目标"


def test_department_templates_read_back_as_that_departments_figures(workbook_path):
    rows = read_template(workbook_path)
    tech = [r for r in rows if r.meta.department == "科技创新局"]
    assert [(r.item, r.year, r.value) for r in tech] == [("I5", 2023, None), ("T1", 2023, 410.0)]
    assert tech[0].meta == TemplateMeta("demo-plan", "科技创新局", "2023年度")
    assert tech[1].name == "高新技术企业数量" and tech[1].unit == "家"
    unassigned = {r.item: r for r in rows if r.meta.department is None}
    assert "I1" in unassigned and "I5" not in unassigned
    # pre-filled with the figure already known and its source, for the department to confirm
    assert (unassigned["I1"].value, unassigned["I1"].source) == (9.0, "区统计局")
    assert (unassigned["I19"].value, unassigned["I19"].source) == (None, None)


def test_templates_named_in_the_extras_decide_items_and_years(tmp_path):
    extras = ReportExtras(templates=[DepartmentTemplate("统计局", ("I1", "I2"), (2022, 2023))])
    out = write_report("annual", make_plan(), make_assessment(), tmp_path / "a.xlsx", extra=extras)
    rows = read_template(out)
    assert [(r.item, r.year, r.value) for r in rows] == [
        ("I1", 2022, 12.0),
        ("I1", 2023, 9.0),
        ("I2", 2022, 92.0),
        ("I2", 2023, 92.4),
    ]
    assert {r.meta.department for r in rows} == {"统计局"}
    assert load_workbook(out).sheetnames[2:] == ["统计局"]


def test_a_workbook_without_extras_still_has_all_three_kinds_of_sheet(tmp_path):
    out = write_report("annual", make_plan(), make_assessment(), tmp_path / "bare.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["指标监测表", "任务分工表", "填报模板"]
    division = rows_by_code(wb["任务分工表"])
    assert {"M1", "M2", "M3"} <= set(division)
    assert len(read_template(out)) == 12  # every item, once, for the assessment year


def test_the_webs_template_rows_are_written_once_as_given(tmp_path):
    """Rows with record versions, as the web download fills them: no read-back, no patching."""
    stats = TemplateMeta("demo-plan", "统计局", "2023年度")
    social = TemplateMeta("demo-plan", "社会事业局", "2023年度")
    given = [
        TemplateRow("I2", 2023, 92.4, "常住人口城镇化率", "%", "区公安分局", meta=stats,
                    record_version=3),
        TemplateRow("I1", 2023, None, "地区生产总值增长速度", "%", meta=stats, record_version=0),
        TemplateRow("I12", 2023, 92.0, "基本养老保险参保率", "%", "区人社局", "四季度扩面",
                    meta=social, record_version=7),
    ]  # fmt: skip
    extras = ReportExtras(template_rows=given)
    data = report_bytes("annual", make_plan(), make_assessment(), "xlsx", extra=extras)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[2:] == ["统计局", "社会事业局"]
    back = read_template(io.BytesIO(data))
    assert [(r.item, r.year, r.value, r.source, r.note, r.record_version) for r in back] == [
        ("I2", 2023, 92.4, "区公安分局", None, 3),
        ("I1", 2023, None, None, None, 0),
        ("I12", 2023, 92.0, "区人社局", "四季度扩面", 7),
    ]
    assert [r.meta for r in back] == [stats, stats, social]


def test_the_monitoring_sheet_explains_in_the_reports_own_words(tmp_path):
    leaky = make_assessment()
    leaky.indicators[1].explanation = "按几何路径测算，I2 为 on_track。"
    out = write_report("annual", make_plan(), leaky, tmp_path / "a.xlsx", extra=make_extras())
    sheet = load_workbook(out)["指标监测表"]
    notes = [row[-1].value for row in sheet.iter_rows(min_row=4)]
    assert notes[1].startswith("2023年常住人口城镇化率达到92.4%")
    assert not any(internal_terms_in(n or "") for n in notes)
