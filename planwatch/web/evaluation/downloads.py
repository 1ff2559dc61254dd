"""One report file for a plan and year: written by ``planwatch.reports`` into a temporary
directory (removed at once), returned as bytes with a filename people can read.

The workbook's reporting templates are the web download's own rows (record versions
included), so a department can fill in a sheet of the report workbook and upload it back.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from planwatch.errors import PlanwatchError
from planwatch.reports import template as tpl
from planwatch.reports import write_report
from planwatch.web.evaluation.extras import report_inputs
from planwatch.web.plans.models import Plan
from planwatch.web.reporting.choices import Period
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.years import period as plan_period

KINDS = {"annual": gettext_lazy("年度监测报告"), "midterm": gettext_lazy("中期评估报告")}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: The columns of a template row that carry the stored figure (the rest is the plan's).
FIGURE_COLUMNS = ("value", "source", "note", "record_version")


class ReportUnavailable(Exception):
    """Why no report can be made (a friendly sentence) and the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str
    #: ASCII name for clients that do not read RFC 5987 ``filename*``.
    fallback: str

    @property
    def disposition(self) -> str:
        return f"attachment; filename=\"{self.fallback}\"; filename*=UTF-8''{quote(self.filename)}"


def check_year(plan: Plan, year: int) -> None:
    """Refuse a year outside the plan period, or a plan without one."""
    period = plan_period(plan)
    if period is None:
        raise ReportUnavailable(_("规划没有基期年和目标年，无法生成评估报告。"))
    first, last = period
    if not first <= year <= last:
        raise ReportUnavailable(
            _("%(year)s 年不在规划期 %(first)s–%(last)s 年内。")
            % {"year": year, "first": first, "last": last},
            status=400,
        )


def yearly_round(plan: Plan, year: int) -> ReportingRound | None:
    """The plan's yearly reporting round for ``year``, whose templates the workbook carries."""
    return ReportingRound.objects.filter(plan=plan, year=year, period=Period.YEAR).first()


def build(user, plan: Plan, kind: str, ext: str, year: int) -> Download:
    """The report of ``kind`` (annual, midterm) as .docx or .xlsx for ``year``."""
    if kind not in KINDS or ext not in CONTENT_TYPES:
        raise ReportUnavailable(_("没有这种报告。"), status=404)
    check_year(plan, year)
    round = yearly_round(plan, year)
    try:
        inputs = report_inputs(user, plan, year, round)
    except PlanwatchError as exc:
        raise ReportUnavailable(_("无法评估该规划：%(reason)s") % {"reason": exc}) from None
    if not inputs.figures:
        raise ReportUnavailable(
            _("截至 %(year)s 年还没有已审核的指标数据，请先审核各部门报送的数据。") % {"year": year}
        )
    with tempfile.TemporaryDirectory(prefix="planwatch-report-") as folder:
        path = Path(folder) / f"report.{ext}"
        try:
            write_report(kind, inputs.plan, inputs.assessment, path, extra=inputs.extras)
            if ext == "xlsx":
                fill_template_rows(path, inputs.template_rows)
        except PlanwatchError as exc:
            raise ReportUnavailable(_("报告生成失败：%(reason)s") % {"reason": exc}) from None
        content = path.read_bytes()
    return Download(
        content=content,
        filename=filename(plan, kind, ext, year),
        content_type=CONTENT_TYPES[ext],
        fallback=f"planwatch-plan{plan.pk}-{kind}-{year}.{ext}",
    )


def fill_template_rows(path: Path, rows: list[tpl.TemplateRow]) -> None:
    """Put the web download's figures and record versions into the workbook's template sheets.

    The report writer lays the sheets out (same departments, items and years) from the
    assessment; the stored figure's version only the web system knows, and without it an
    upload could not tell an unchanged row from one typed over a newer figure.
    """
    if not rows:
        return
    by_key = {((r.meta.department if r.meta else None) or None, r.item, r.year): r for r in rows}
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.cell(tpl.META_ROW, 1).value != tpl.MARKER:
            continue
        department = ws.cell(tpl.META_ROW, 4).value or None
        for r in range(tpl.FIRST_DATA_ROW, ws.max_row + 1):
            row = by_key.get((department, ws.cell(r, 1).value, ws.cell(r, 4).value))
            if row is None:
                continue
            for key in FIGURE_COLUMNS:
                ws[f"{tpl.BY_KEY[key].letter}{r}"] = getattr(row, key)
    wb.save(path)


def filename(plan: Plan, kind: str, ext: str, year: int) -> str:
    """《规划》2023年度监测报告.docx, …中期评估报告（2023年）.docx, …2023年监测表和填报模板.xlsx."""
    name = (plan.short_title or plan.title).strip().strip("《》") or "规划"
    # Chinese whatever the page's language: the files themselves are Chinese.
    if ext == "xlsx":
        text = f"{name}{year}年监测表和填报模板"
    elif kind == "midterm":
        text = f"{name}中期评估报告（{year}年）"
    else:
        text = f"{name}{year}年度监测报告"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text) + f".{ext}"
