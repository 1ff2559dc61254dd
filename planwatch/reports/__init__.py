"""Evaluation reports (.docx, .xlsx) drafted from an assessment.

``write_report`` picks the writer from the file extension; the writers and their heavy
dependencies (python-docx, matplotlib) are imported only when a report of that kind is written.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.assess.model import PlanAssessment
from planwatch.errors import InputError
from planwatch.outline.model import Plan
from planwatch.reports.model import REPORT_KINDS, ReportExtras

__all__ = ["FORMATS", "REPORT_KINDS", "ReportExtras", "write_report"]

#: File extension → what it holds.
FORMATS: dict[str, str] = {".docx": "Word report", ".xlsx": "Excel tables and templates"}


def write_report(
    kind: str,
    plan: Plan,
    assessment: PlanAssessment,
    out_path: str | Path,
    *,
    extra: ReportExtras | None = None,
) -> Path:
    """Write the ``annual`` or ``midterm`` report to ``out_path`` (.docx or .xlsx); return it."""
    from planwatch.reports.content import ReportContent

    out = Path(out_path)
    check_request(kind, out)
    content = ReportContent(kind, plan, assessment, extra or ReportExtras())
    try:
        if out.suffix.lower() == ".docx":
            from planwatch.reports.docx_writer import write_docx

            write_docx(content, out)
        else:
            from planwatch.reports.xlsx_writer import write_xlsx

            write_xlsx(content, out)
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror or exc}", file=str(out)) from None
    return out


def check_request(kind: str, out: Path) -> None:
    """Fail before any work when the kind or the extension is not one we write."""
    if kind not in REPORT_KINDS:
        raise InputError(f"unknown report kind {kind!r}; choose one of {', '.join(REPORT_KINDS)}")
    if out.suffix.lower() not in FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
        raise InputError(
            f"cannot tell the report format from {out.suffix or 'a name without extension'!r}; "
            f"use {known}",
            file=str(out),
        )
