"""Hostile text, formulas, basis and confirmation in the reporting template and the report tables.

Text that a spreadsheet could take for a formula is written as text and read back exactly; a
formula typed into an upload is refused at its cell; a negative figure stays a number.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import Workbook, load_workbook

from planwatch.errors import InputError
from planwatch.reports.cells import put
from planwatch.reports.template import (
    TemplateErrors,
    TemplateMeta,
    TemplateRow,
    read_template,
    write_template,
)

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
]
META = TemplateMeta(plan_id="p1", department="=部门", round="@2023年度")


def hostile_rows() -> list[TemplateRow]:
    return [
        TemplateRow(
            "I1", 2020 + i, -1.5 if i % 2 else None, name=s, unit=s, source=s, note=s,
            record_version=i, basis="cumulative" if i % 2 else "annual", confirmed=bool(i % 2),
        )
        for i, s in enumerate(HOSTILE)
    ]  # fmt: skip


def written(rows, meta=META) -> bytes:
    buffer = io.BytesIO()
    write_template(buffer, [(meta, rows)])
    return buffer.getvalue()


def test_hostile_text_in_every_text_column_reads_back_exactly():
    rows = hostile_rows()
    back = read_template(written(rows))
    assert [(r.name, r.unit, r.source, r.note) for r in back] == [(s, s, s, s) for s in HOSTILE]
    assert [r.value for r in back] == [r.value for r in rows]
    assert [(r.basis, r.confirmed, r.record_version) for r in back] == [
        (r.basis, r.confirmed, r.record_version) for r in rows
    ]
    assert back[0].meta == META


def test_hostile_text_is_stored_as_text_cells_never_as_formulas():
    ws = load_workbook(io.BytesIO(written(hostile_rows()))).worksheets[0]
    for row in ws.iter_rows(min_row=4, max_col=7):
        for cell in row[1:3] + row[5:7]:  # name, unit, source, note
            assert cell.data_type == "s", cell.coordinate
            assert cell.quotePrefix, cell.coordinate
    assert ws["D1"].data_type == "s" and ws["E1"].data_type == "s"
    assert ws["E5"].data_type == "n" and ws["E5"].value == -1.5  # a figure stays a number


def test_the_report_workbook_writes_hostile_text_as_text():
    """The monitoring table (an item's name), the template sheets (sources and notes), and the
    workbook reads back through the same template reader."""
    from report_samples import make_assessment, make_plan

    from planwatch.reports import ReportExtras, report_bytes

    assessment = make_assessment()
    assessment.indicators[0].name = "=cmd|' /C calc'!A0"
    rows = [replace(r, meta=META, year=2023 + i) for i, r in enumerate(hostile_rows())]
    data = report_bytes("annual", make_plan(), assessment, "xlsx", extra=ReportExtras(
        template_rows=rows))  # fmt: skip
    wb = load_workbook(io.BytesIO(data))
    formulas = [
        (ws.title, c.coordinate)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    name = wb["指标监测表"]["D4"]
    assert name.value == "=cmd|' /C calc'!A0" and name.quotePrefix
    back = read_template(data)
    assert [(r.source, r.note) for r in back] == [(s, s) for s in HOSTILE]


def test_put_writes_numbers_as_numbers_and_formula_like_text_as_text():
    ws = Workbook().active
    assert put(ws, 1, 1, "=1+1").data_type == "s"
    assert put(ws, 1, 2, "-3").value == "-3" and ws.cell(1, 2).data_type == "s"
    assert put(ws, 1, 3, -3).data_type == "n"
    assert not put(ws, 1, 4, "正常文字").quotePrefix


def with_cell(data: bytes, cell: str, value, sheet: int = 0) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb.worksheets[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("cell", "formula"),
    [("F4", '=HYPERLINK("http://x","y")'), ("E5", "=1/0"), ("G6", "=cmd|' /C calc'!A0")],
)
def test_a_formula_in_an_upload_is_refused_at_its_sheet_and_cell(cell, formula):
    data = with_cell(written(hostile_rows()), cell, formula)
    with pytest.raises(InputError) as caught:
        read_template(data, file="up.xlsx")
    error = caught.value
    assert (error.sheet, error.row, error.column) == ("=部门", int(cell[1:]), cell[0])
    assert "公式" in error.reason and formula[:20] in error.reason
    assert "formula" in error.render("en")
    assert "文件 up.xlsx，工作表“=部门”" in str(error)


def test_every_formula_is_listed_when_all_problems_are_collected():
    data = with_cell(with_cell(written(hostile_rows()), "F4", "=A1"), "G7", "=B2")
    with pytest.raises(TemplateErrors) as caught:
        read_template(data, all_problems=True)
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "F"), (7, "G")]
    assert len(caught.value.rows) == len(HOSTILE) - 2


@pytest.mark.parametrize("typed", [-1.5, "-1.5", " -1.5 ", "－１.５"])
def test_a_negative_figure_in_the_value_column_is_a_number(typed):
    rows = [TemplateRow("I1", 2023, None, "增速", "%")]
    back = read_template(with_cell(written(rows), "E4", typed))
    assert back[0].value == -1.5


@pytest.mark.parametrize(
    ("basis", "confirmed", "expected"),
    [
        ("累计", "是", ("cumulative", True)),
        ("当年", None, ("annual", False)),
        (None, "否", (None, False)),
        ("cumulative", "yes", ("cumulative", True)),
    ],
)
def test_basis_and_confirmation_are_read_as_the_csv_reader_reads_them(basis, confirmed, expected):
    data = written([TemplateRow("I1", 2023, 5.0, "增速", "%")])
    data = with_cell(with_cell(data, "I4", basis), "J4", confirmed)
    row = read_template(data)[0]
    assert (row.basis, row.confirmed) == expected


def test_an_unknown_basis_is_refused_at_its_cell():
    data = with_cell(written([TemplateRow("I1", 2023, 5.0, "增速", "%")]), "I4", "半年")
    with pytest.raises(InputError) as caught:
        read_template(data)
    assert (caught.value.row, caught.value.column) == (4, "I")
    assert "口径“半年”无法识别" in caught.value.reason


def test_a_format_2_template_without_basis_and_confirmation_still_reads():
    data = written([TemplateRow("I1", 2023, 5.0, "增速", "%", "统计局", record_version=3)])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    ws["B1"] = 2
    ws.delete_cols(9, 2)
    out = io.BytesIO()
    wb.save(out)
    (row,) = read_template(out.getvalue())
    assert (row.value, row.source, row.record_version, row.basis, row.confirmed) == (
        5.0,
        "统计局",
        3,
        None,
        False,
    )
