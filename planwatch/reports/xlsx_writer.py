"""The Excel tables: 指标监测表, 任务分工表 and one reporting template per department.

Figures are written as numbers (so that they can be summed and charted), statuses as their label
on the status colour; every cell goes through :func:`planwatch.reports.cells.put`, so text that
looks like a formula stays text. The templates come from :mod:`planwatch.reports.template`, the
same code the web system's upload reads them back with.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.assess.status import status
from planwatch.reports.cells import put
from planwatch.reports.content import ReportContent
from planwatch.reports.template import add_template_sheet
from planwatch.reports.wording import MISSING, item_sentence, latest, status_label

MONITORING_SHEET = "指标监测表"
DIVISION_SHEET = "任务分工表"
HEADER_ROW = 3  # row 1: title, row 2: what the table shows, row 3: column headers

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")


def write_xlsx(content: ReportContent, out_path: str | Path) -> None:
    wb = Workbook()
    monitoring_sheet(wb.active, content)
    division_sheet(wb.create_sheet(DIVISION_SHEET), content)
    title = f"《{content.plan_name}》指标数据填报表"
    for meta, rows in content.department_templates():
        add_template_sheet(wb, meta, rows, title=title)
    wb.properties.title = content.title
    wb.properties.creator = content.issuer or "planwatch"
    wb.save(out_path if not isinstance(out_path, Path) else str(out_path))


def monitoring_sheet(ws: Worksheet, c: ReportContent) -> None:
    """Every item × every year, with target, latest figure and status."""
    ws.title = MONITORING_SHEET
    years = c.years
    headers = ["代码", "序号", "类别", "指标名称", "单位", "属性"]
    headers += [f"{y}年" for y in years]
    headers += ["目标年份", "目标值", "最新值", "最新年份", "进展状态", "说明"]
    _heading(ws, f"《{c.plan_name}》主要指标监测表", f"数据截至{c.year}年", len(headers))
    _header_row(ws, headers)
    status_column = len(headers) - 1
    wrapped = {4, len(headers) - 4, len(headers)}  # name, target words, explanation
    for r, item in enumerate(c.items, start=HEADER_ROW + 1):
        by_year = dict(item.series)
        if item.baseline_year is not None and item.baseline_value is not None:
            by_year.setdefault(item.baseline_year, item.baseline_value)
        year, value = latest(item)
        values = [
            item.code,
            item.number,
            item.category or ("规划量化目标" if item.kind == "target" else ""),
            item.name,
            item.unit,
            c.attributes.get(item.code, ""),
            *[by_year.get(y) for y in years],
            item.target_year,
            # a number where there is one; the outline's words (完成省市分解任务) otherwise
            item.target_value if item.target_value is not None else (item.target_text or None),
            value if value is not None else MISSING,
            year,
            status_label(item),
            item_sentence(item),
        ]
        for col, v in enumerate(values, start=1):
            cell = put(ws, r, col, v)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=col in wrapped)
        badge = ws.cell(r, status_column)
        badge.fill = PatternFill("solid", fgColor=status(item.status).colour.lstrip("#").upper())
        badge.font = Font(color="FFFFFF", bold=True)
        badge.alignment = Alignment(horizontal="center", vertical="center")
    widths = [7, 6, 12, 40, 10, 8, *[10] * len(years), 9, 14, 10, 9, 14, 60]
    _finish(ws, widths, len(c.items))


def division_sheet(ws: Worksheet, c: ReportContent) -> None:
    """Items and tasks with their lead and supporting departments (blank until assigned)."""
    headers = ["代码", "类型", "所属领域或章节", "内容", "牵头单位", "配合单位"]
    _heading(
        ws, f"《{c.plan_name}》任务分工表", "牵头单位和配合单位未填写的，待分工后补充", len(headers)
    )
    _header_row(ws, headers)
    rows = c.division_of_labour()
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        values = [row.code, row.kind, row.location, row.content, row.lead, row.support]
        for col, v in enumerate(values, start=1):
            cell = put(ws, r, col, v)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=col in (3, 4, 6))
    _finish(ws, [7, 6, 30, 50, 18, 30], len(rows))


def _heading(ws: Worksheet, title: str, note: str, width: int) -> None:
    put(ws, 1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    put(ws, 2, 1, note).font = Font(italic=True, color="555555")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _header_row(ws: Worksheet, headers: list[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _finish(ws: Worksheet, widths: list[float], rows: int) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 5 if ws.title == MONITORING_SHEET else 1)
    last = get_column_letter(len(widths))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(rows, 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
