"""The responsibility scorecard (planwatch.assess.scorecard) as .xlsx and as .docx.

The workbook has the ranking (one row per department, one column per component) and the
breakdown (every component's score and what it counted, every adjustment and its reason); the
document is the same in the official layout of GB/T 9704 (planwatch.reports.gbt9704), as the
other reports. Plain data in, bytes out: no database.
"""

from __future__ import annotations

import io

from planwatch.assess import scorecard as core
from planwatch.reports.cells import put_row

DEMO_NOTE = "（本文件中的数据为示例数据，仅供演示。）"


def title_of(plan_name: str, card: core.Scorecard) -> str:
    return f"《{plan_name.strip('《》')}》{card.year}年度部门责任考核结果"


def _shown(value: float | None) -> float | str:
    return round(value, 2) if value is not None else "—"


def scorecard_xlsx(plan_name: str, card: core.Scorecard, reason: str, demo: bool) -> bytes:
    from openpyxl import Workbook  # loaded when written, not when the web system starts
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "考核排名"
    put_row(sheet, 1, [title_of(plan_name, card) + ("（示例数据）" if demo else "")])
    sheet["A1"].font = Font(bold=True, size=14)
    components = list(core.COMPONENTS.values())
    headers = ["名次", "部门"]
    headers += [f"{c.label_zh}（权重{card.weights[c.code]:g}）" for c in components]
    headers += ["加权得分", "调整", "总分"]
    put_row(sheet, 3, headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for n, row in enumerate(card.rows, start=4):
        scores = {c.code: c.score for c in row.components}
        put_row(
            sheet,
            n,
            [
                row.rank or "—",
                row.department,
                *(_shown(scores[c.code]) for c in components),
                _shown(row.computed),
                round(row.adjustment, 2),
                _shown(row.total),
            ],
        )
    put_row(sheet, len(card.rows) + 5, [f"权重设定理由：{reason or '采用系统缺省权重。'}"])
    sheet.column_dimensions["B"].width = 28
    detail = book.create_sheet("计分明细")
    put_row(detail, 1, ["部门", "考核项", "权重", "得分", "计分依据"])
    line = 2
    for row in card.rows:
        for c in row.components:
            basis = c.measure.detail_zh if c.measure else "不适用（无可考核事项）"
            put_row(detail, line, [row.department, c.label_zh, c.weight, _shown(c.score), basis])
            line += 1
        for a in row.adjustments:
            put_row(detail, line, [row.department, "人工调整", "", a.points, a.reason])
            line += 1
    detail.column_dimensions["A"].width = 28
    detail.column_dimensions["E"].width = 50
    book.properties.title = title_of(plan_name, card)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def scorecard_docx(
    plan_name: str, issuer: str | None, card: core.Scorecard, reason: str, demo: bool
) -> bytes:
    # python-docx loads when a document is written, not when the web system starts.
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from planwatch.reports import gbt9704
    from planwatch.reports.gbt9704 import add_paragraph, add_run, set_style

    doc = Document()
    gbt9704.apply_layout(doc)
    doc.core_properties.title = title_of(plan_name, card)
    doc.core_properties.language = "zh-CN"
    gbt9704.add_title(doc, title_of(plan_name, card))

    def body(text: str, style: str = gbt9704.BODY) -> None:
        add_run(add_paragraph(doc, style), text)

    if demo:
        body(DEMO_NOTE)
    components = list(core.COMPONENTS.values())
    weights = "、".join(f"{c.label_zh}{card.weights[c.code]:g}" for c in components)
    body("一、考核方法", gbt9704.HEADING1)
    body(
        f"考核依据系统记录的报送、审核和评估结果逐项计分，每项满分100分，按权重（{weights}）"
        "加权平均；某部门不适用的考核项不计入，其权重不参与平均。人工调整的加减分及理由见各部门"
        "计分明细，总分保持在0至100分之间。"
    )
    body(f"权重设定理由：{reason or '采用系统缺省权重。'}")
    body("二、考核排名", gbt9704.HEADING1)
    headers = ["名次", "部门", *(c.label_zh for c in components), "调整", "总分"]
    rows = [
        [
            str(r.rank or "—"),
            r.department,
            *(f"{c.score:.1f}" if c.score is not None else "—" for c in r.components),
            f"{r.adjustment:+g}" if r.adjustments else "—",
            f"{r.total:.2f}" if r.total is not None else "—",
        ]
        for r in card.rows
    ]
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    for r, values in enumerate([headers, *rows]):
        for c, value in enumerate(values):
            paragraph = table.cell(r, c).paragraphs[0]
            set_style(paragraph, gbt9704.TABLE_TEXT)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(paragraph, value, font=gbt9704.HEADING1_FONT if r == 0 else None)
    body("三、各部门计分明细", gbt9704.HEADING1)
    for n, r in enumerate(card.rows, start=1):
        body(f"（{_ordinal(n)}）{r.department}", gbt9704.HEADING2)
        for c in r.components:
            basis = c.measure.detail_zh if c.measure else "无可考核事项"
            score = f"{c.score:.1f}分" if c.score is not None else "不计分"
            body(f"{c.label_zh}：{score}（{basis}）。")
        for a in r.adjustments:
            body(f"人工调整{a.points:+g}分：{a.reason}")
        total = f"{r.total:.2f}分" if r.total is not None else "不计分"
        body(f"总分：{total}" + (f"，第{r.rank}名。" if r.rank else "。"))
    if issuer:
        add_paragraph(doc)
        p = add_paragraph(doc)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(gbt9704.BODY_SIZE.pt * 4)
        add_run(p, issuer)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _ordinal(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
