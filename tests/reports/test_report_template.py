"""The reporting template: what planwatch writes it reads back; what it cannot read it names."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from planwatch.assess.model import Observation
from planwatch.errors import InputError
from planwatch.reports.template import (
    MARKER,
    TemplateErrors,
    TemplateMeta,
    TemplateRow,
    read_template,
    rows_to_observations,
    write_template,
)

TECH = TemplateMeta(plan_id="plan-7", department="科技创新局", round="2023年度")
SOCIAL = TemplateMeta(plan_id="plan-7", department="社会事业局", round="2023年度")
TECH_ROWS = [
    TemplateRow("I5", 2022, 5.6, "全社会研发经费投入占地区生产总值比重", "%", "区统计局", None),
    TemplateRow("I5", 2023, None, "全社会研发经费投入占地区生产总值比重", "%"),
    TemplateRow("T1", 2023, 410.0, "高新技术企业数量", "家", "科技创新局台账", "含迁入企业12家"),
]
SOCIAL_ROWS = [TemplateRow("I12", 2023, 92.0, "基本养老保险参保率", "%", "区人社局")]


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, [(TECH, TECH_ROWS), (SOCIAL, SOCIAL_ROWS)])
    return path


def test_written_rows_read_back_unchanged(template):
    rows = read_template(template)
    expected = [TemplateRow(**{**r.__dict__, "meta": TECH}) for r in TECH_ROWS]
    expected += [TemplateRow(**{**r.__dict__, "meta": SOCIAL}) for r in SOCIAL_ROWS]
    assert rows == expected
    assert [(r.sheet, r.row) for r in rows] == [
        ("科技创新局", 4), ("科技创新局", 5), ("科技创新局", 6), ("社会事业局", 4),
    ]  # fmt: skip


def test_a_file_object_is_read_like_a_path(template):
    data = io.BytesIO(template.read_bytes())
    assert len(read_template(data)) == 4


def test_the_layout_is_the_documented_one(template):
    ws = load_workbook(template)["科技创新局"]
    assert [c.value for c in ws[1]][:5] == [MARKER, 3, "plan-7", "科技创新局", "2023年度"]
    assert ws.row_dimensions[1].hidden
    assert [c.value for c in ws[3]] == [
        "代码",
        "指标名称",
        "单位",
        "年份",
        "数值",
        "数据来源",
        "备注",
        "记录版本",
        "口径",
        "确认",
    ]
    assert ws.column_dimensions["H"].hidden and not ws.column_dimensions["G"].hidden
    assert not ws.column_dimensions["I"].hidden and not ws.column_dimensions["J"].hidden
    assert ws["I4"].protection.locked is False and ws["J4"].protection.locked is False
    assert ws.protection.sheet
    assert ws["E4"].protection.locked is False and ws["A4"].protection.locked is True
    assert ws["H4"].protection.locked is True
    assert any("E4:E6" in str(dv.sqref) for dv in ws.data_validations.dataValidation)


def test_rows_become_observations_and_unreported_rows_are_left_out(template):
    observations = rows_to_observations(read_template(template))
    assert observations == [
        Observation("I5", 2022, 5.6, "%", "区统计局", None),
        Observation("T1", 2023, 410.0, "家", "科技创新局台账", "含迁入企业12家"),
        Observation("I12", 2023, 92.0, "%", "区人社局", None),
    ]


def test_what_people_type_is_accepted(template):
    wb = load_workbook(template)
    ws = wb["科技创新局"]
    ws["E4"], ws["E5"], ws["E6"] = " 1,234.5 ", "——", "５.５"
    ws["D6"] = "2023年"
    ws["A6"] = " t1 "
    wb.save(template)
    rows = read_template(template)
    assert [(r.item, r.year, r.value) for r in rows[:3]] == [
        ("I5", 2022, 1234.5), ("I5", 2023, None), ("T1", 2023, 5.5),
    ]  # fmt: skip


def test_blank_rows_are_skipped(template):
    wb = load_workbook(template)
    wb["社会事业局"]["A9"] = "I9"
    wb["社会事业局"]["D9"] = 2023
    wb["社会事业局"]["E9"] = 2.1
    wb.save(template)
    rows = read_template(template)
    assert [(r.item, r.row) for r in rows if r.sheet == "社会事业局"] == [("I12", 4), ("I9", 9)]


def broken(template, cell: str, value, sheet="科技创新局"):
    wb = load_workbook(template)
    wb[sheet][cell] = value
    wb.save(template)
    with pytest.raises(InputError) as caught:
        read_template(template)
    return caught.value


@pytest.mark.parametrize(
    ("cell", "value", "row", "column", "reason"),
    [
        ("E5", "约12", 5, "E", "不是数字"),
        ("E5", "12万", 5, "E", "不是数字"),
        ("E5", "nan", 5, "E", "不是有限的数值"),
        ("E5", True, 5, "E", "不是数字"),
        ("A6", "X9", 6, "A", "代码“X9”无效"),
        ("A6", None, 6, "A", "代码“”无效"),
        ("D4", "明年", 4, "D", "年份“明年”无效"),
        ("D4", 23, 4, "D", "四位年份"),
        ("D5", 2022, 5, "A", "与第 4 行重复"),
        ("E3", "值", 3, "E", "表头应为“数值”"),
        ("B1", 4, 1, "B", "版本应为 1 或 2 或 3"),
        ("H3", "版本", 3, "H", "表头应为“记录版本”"),
        ("H5", "v2", 5, "H", "请勿修改该列"),
    ],
)
def test_a_malformed_template_is_an_input_error_at_sheet_row_and_column(
    template, cell, value, row, column, reason
):
    error = broken(template, cell, value)
    assert (error.sheet, error.row, error.column) == ("科技创新局", row, column)
    assert reason in error.reason
    assert f"工作表“科技创新局”，第 {row} 行，{column} 列" in str(error)
    assert f"sheet 科技创新局, row {row}, column {column}" in error.render("en")
    assert error.reason_in("en")[0].isascii() and error.reason_in("en") != error.reason
    assert error.file == str(template)


def test_codes_the_plan_does_not_have_are_rejected_when_the_plan_is_given(template):
    with pytest.raises(InputError) as caught:
        read_template(template, known_items={"I5", "I12"})
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("科技创新局", 6, "A")
    assert "T1" in caught.value.reason


def test_a_workbook_without_a_template_sheet_says_what_a_template_looks_like(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active["A1"] = "指标"
    wb.save(path)
    with pytest.raises(InputError, match=MARKER) as caught:
        read_template(path)
    assert caught.value.file == str(path)


def test_a_file_that_is_not_a_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_text("代码,年份,数值\nI5,2023,5.6\n", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        read_template(path)


def test_long_or_unusual_department_names_still_make_valid_unique_sheets(tmp_path):
    name = "区发展和改革局[统计/信息]中心：综合科室与数据管理办公室（联合）"
    path = tmp_path / "t.xlsx"
    rows = [TemplateRow("I1", 2023, 1.0)]
    write_template(path, [(TemplateMeta(department=name), rows)] * 2)
    sheets = load_workbook(path).sheetnames
    assert len(sheets) == 2 and len(set(sheets)) == 2
    assert all(len(s) <= 31 and not set(s) & set("[]:*?/\\") for s in sheets)
    assert {r.meta.department for r in read_template(path)} == {name}


def test_a_template_can_be_written_to_a_file_object(tmp_path):
    buffer = io.BytesIO()
    write_template(buffer, [(TECH, TECH_ROWS)])
    buffer.seek(0)
    assert [r.item for r in read_template(buffer)] == ["I5", "I5", "T1"]


def test_the_record_version_of_each_row_reads_back(tmp_path):
    path = tmp_path / "versions.xlsx"
    rows = [
        TemplateRow("I5", 2023, 5.6, record_version=3),
        TemplateRow("T1", 2023, None, record_version=0),  # no stored figure when written
        TemplateRow("I7", 2023, 1.0),  # nothing stored behind this template
    ]
    write_template(path, [(TECH, rows)])
    ws = load_workbook(path)["科技创新局"]
    assert [ws[f"H{r}"].value for r in (4, 5, 6)] == [3, 0, None]
    assert [r.record_version for r in read_template(path)] == [3, 0, None]


def test_a_format_1_template_is_still_read_without_record_versions(tmp_path):
    """Written cell by cell as format 1 laid it out: seven columns, version 1 in B1."""
    path = tmp_path / "old.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "科技创新局"
    ws.append([MARKER, 1, "plan-7", "科技创新局", "2023年度"])
    ws.append(["指标数据填报表"])
    ws.append(["代码", "指标名称", "单位", "年份", "数值", "数据来源", "备注"])
    ws.append(["I5", "研发经费投入强度", "%", 2023, 5.6, "区统计局", None, "stray"])
    wb.save(path)
    (row,) = read_template(path)
    assert (row.item, row.year, row.value, row.record_version) == ("I5", 2023, 5.6, None)
    assert row.meta == TECH


def _spoil(template, cells: dict[tuple[str, str], object]):
    wb = load_workbook(template)
    for (sheet, cell), value in cells.items():
        wb[sheet][cell] = value
    wb.save(template)


def test_all_problems_are_listed_at_once_with_the_rows_that_passed(template):
    _spoil(
        template,
        {
            ("科技创新局", "E4"): "约5",
            ("科技创新局", "A6"): "X1",  # the same row has a bad year too
            ("科技创新局", "D6"): "今年",
            ("社会事业局", "E4"): "九十二",
        },
    )
    with pytest.raises(TemplateErrors) as caught:
        read_template(template, all_problems=True)
    error = caught.value
    assert isinstance(error, InputError)
    assert [(p.sheet, p.row, p.column) for p in error.problems] == [
        ("科技创新局", 4, "E"),
        ("科技创新局", 6, "A"),
        ("科技创新局", 6, "D"),
        ("社会事业局", 4, "E"),
    ]
    assert all(p.file == str(template) for p in error.problems)
    assert "不是数字" in error.problems[0].reason and "不是数字" in error.problems[3].reason
    assert [(r.item, r.year, r.sheet, r.row) for r in error.rows] == [("I5", 2023, "科技创新局", 5)]
    assert str(error).startswith(f"文件 {template}：共 4 处问题：工作表“科技创新局”，第 4 行")
    assert error.render("en").startswith(f"{template}: 4 problems: sheet 科技创新局, row 4")
    # Without the flag the first problem alone is raised, as before.
    with pytest.raises(InputError) as first:
        read_template(template)
    assert not isinstance(first.value, TemplateErrors)
    assert (first.value.row, first.value.column) == (4, "E")


def test_a_sheet_with_a_wrong_header_is_listed_once_and_the_others_are_read(template):
    _spoil(template, {("科技创新局", "E3"): "值", ("科技创新局", "F3"): None})
    with pytest.raises(TemplateErrors) as caught:
        read_template(template, known_items={"I5", "T1"}, all_problems=True)
    problems = [(p.sheet, p.row, p.column) for p in caught.value.problems]
    assert problems == [("科技创新局", 3, "E"), ("科技创新局", 3, "F"), ("社会事业局", 4, "A")]
    assert caught.value.rows == []  # I12 is not a known item; the other sheet was not read


def test_a_file_that_is_not_a_workbook_is_one_listed_problem(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TemplateErrors) as caught:
        read_template(path, all_problems=True)
    (problem,) = caught.value.problems
    assert "xlsx" in problem.reason and problem.sheet is None


@pytest.mark.parametrize(
    ("typed", "read"), [("12%", 12.0), ("１２．５", 12.5), ("1,234.5", 1234.5)]
)
def test_cells_are_read_by_the_one_number_parser(template, typed, read):
    # the same rule as the web form, the API and the CLI files: a % sign where the unit is %,
    # full-width digits, thousands separators
    wb = load_workbook(template)
    ws = wb["科技创新局"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 3).value == "%")
    item = ws.cell(row, 1).value
    ws.cell(row, 5).value = typed
    wb.save(template)
    rows = read_template(template)
    assert next(r.value for r in rows if r.item == item and r.sheet == "科技创新局") == read
