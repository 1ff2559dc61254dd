"""One report file for a plan and year: written by ``planwatch.reports`` into a temporary
directory (removed at once), returned as bytes with a filename people can read.

The workbook's reporting templates are the web download's own rows (record versions
included), so a department can fill in a sheet of the report workbook and upload it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from planwatch.errors import PlanwatchError
from planwatch.reports import report_bytes
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
        reason = exc.render(get_language())
        raise ReportUnavailable(_("无法评估该规划：%(reason)s") % {"reason": reason}) from None
    if not inputs.figures:
        raise ReportUnavailable(
            _("截至 %(year)s 年还没有已审核的指标数据，请先审核各部门报送的数据。") % {"year": year}
        )
    try:
        content = report_bytes(kind, inputs.plan, inputs.assessment, ext, extra=inputs.extras)
    except PlanwatchError as exc:
        reason = exc.render(get_language())
        raise ReportUnavailable(_("报告生成失败：%(reason)s") % {"reason": reason}) from None
    return Download(
        content=content,
        filename=filename(plan, kind, ext, year),
        content_type=CONTENT_TYPES[ext],
        fallback=f"planwatch-plan{plan.pk}-{kind}-{year}.{ext}",
    )


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
