"""Evaluation reports (.docx, .xlsx) drafted from an assessment.

``write_report`` picks the writer from the file extension; the writers and their heavy
dependencies (python-docx, matplotlib) are imported only when a report of that kind is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from planwatch.assess.model import PlanAssessment
from planwatch.errors import InputError, text
from planwatch.outline.model import Plan
from planwatch.reports.model import REPORT_KINDS, ReportExtras

__all__ = ["FORMATS", "REPORT_KINDS", "ReportExtras", "report_bytes", "write_report"]

#: File extension → what it holds (Chinese, English).
FORMATS: dict[str, tuple[str, str]] = {
    ".docx": ("Word 报告", "Word report"),
    ".xlsx": ("Excel 监测表和填报模板", "Excel tables and templates"),
}


def report_bytes(
    kind: str,
    plan: Plan,
    assessment: PlanAssessment,
    fmt: str,
    *,
    extra: ReportExtras | None = None,
) -> bytes:
    """The ``annual`` or ``midterm`` report as the bytes of a ``"docx"`` or ``"xlsx"`` file.

    For callers that send the file on (the web download): no temporary file. The workbook's
    template sheets are written once from ``extra.template_rows`` where given.
    """
    buffer = io.BytesIO()
    _write(kind, plan, assessment, buffer, f".{fmt.lower().lstrip('.')}", extra, name=fmt)
    return buffer.getvalue()


def write_report(
    kind: str,
    plan: Plan,
    assessment: PlanAssessment,
    out_path: str | Path,
    *,
    extra: ReportExtras | None = None,
) -> Path:
    """Write the ``annual`` or ``midterm`` report to ``out_path`` (.docx or .xlsx); return it."""
    out = Path(out_path)
    _write(kind, plan, assessment, out, out.suffix.lower(), extra, name=str(out))
    return out


def _write(kind, plan, assessment, target, suffix: str, extra, *, name: str) -> None:
    from planwatch.reports.content import ReportContent

    check_request(kind, Path(f"report{suffix}") if suffix else Path(name), name=name)
    content = ReportContent(kind, plan, assessment, extra or ReportExtras())
    try:
        if suffix == ".docx":
            from planwatch.reports.docx_writer import write_docx

            write_docx(content, target)
        else:
            from planwatch.reports.xlsx_writer import write_xlsx

            write_xlsx(content, target)
    except OSError as exc:
        raise InputError(
            text(
                "report.cannot_write",
                "无法写入报告：{reason}",
                "cannot write the report: {reason}",
                reason=exc.strerror or exc,
            ),
            file=name,
        ) from None


def check_request(kind: str, out: Path | IO[bytes], *, name: str | None = None) -> None:
    """Fail before any work when the kind or the extension is not one we write."""
    if kind not in REPORT_KINDS:
        raise InputError(
            text(
                "report.unknown_kind",
                "没有“{kind}”这种报告，请选择 {kinds_zh}",
                "unknown report kind “{kind}”; choose one of {kinds_en}",
                kind=kind,
                kinds_zh="annual（年度监测报告）或 midterm（中期评估报告）",
                kinds_en=", ".join(REPORT_KINDS),
            )
        )
    suffix = out.suffix.lower() if isinstance(out, Path) else ""
    if suffix not in FORMATS:
        raise InputError(
            text(
                "report.unknown_format",
                "无法从“{found}”判断报告格式，请使用 {formats_zh}",
                "cannot tell the report format from “{found}”; use {formats_en}",
                found=suffix,
                formats_zh="、".join(f"{ext}（{zh}）" for ext, (zh, _) in FORMATS.items()),
                formats_en=", ".join(f"{ext} ({en})" for ext, (_, en) in FORMATS.items()),
            ),
            file=name or str(out),
        )
