"""``planwatch report annual|midterm PLAN --observations OBS --year YYYY --out FILE``.

Reads the plan and the figures, assesses them and drafts the report; the format follows the
extension of ``--out`` (.docx for the Word draft, .xlsx for the tables and templates).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
from pathlib import Path

from planwatch.errors import PlanwatchError, for_terminal
from planwatch.reports.model import REPORT_KINDS

KIND_HELP = {
    "annual": ("年度监测报告", "annual monitoring"),
    "midterm": ("中期评估报告", "mid-term"),
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help=for_terminal(
            "起草年度监测报告或中期评估报告（.docx / .xlsx）",
            "draft the annual monitoring or mid-term evaluation report (.docx / .xlsx)",
        ),
        description=for_terminal(
            "按年份评估规划并起草报告：GB/T 9704-2012 版式的 Word 文档，或含监测表、分工表和"
            "各部门填报模板的 Excel 工作簿。见 docs/reports.md。",
            "Assess a plan at a year and draft its report: a Word document in the "
            "GB/T 9704-2012 layout, or an Excel workbook with the monitoring table, the division "
            "of labour and one reporting template per department. See docs/reports.md.",
        ),
    )
    parser.add_argument(
        "kind",
        choices=REPORT_KINDS,
        metavar="KIND",
        help="; ".join(f"{k}: {for_terminal(*v)}" for k, v in KIND_HELP.items()),
    )
    parser.add_argument(
        "plan",
        metavar="PLAN",
        help=for_terminal("纲要文件，或其 JSON", "an outline file, or its JSON"),
    )
    parser.add_argument(
        "--observations",
        required=True,
        metavar="OBS",
        help=for_terminal("报送数据的 .csv 或 .xlsx", ".csv or .xlsx of reported values"),
    )
    parser.add_argument(
        "--year",
        type=int,
        required=True,
        help=for_terminal("报告年份，如 2023", "the year reported on, e.g. 2023"),
    )
    parser.add_argument(
        "--targets",
        metavar="TARGETS",
        help=for_terminal(
            "纲要发布后下达的目标（.csv 或 .xlsx）",
            ".csv or .xlsx of targets assigned after publication",
        ),
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=for_terminal(
            "FILE.docx（报告）或 FILE.xlsx（表格）", "FILE.docx (report) or FILE.xlsx (tables)"
        ),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planwatch.reports import check_request, write_report

    out = Path(args.out)
    check_request(args.kind, out)  # before the slow part, not after it
    load_plan = _part("planwatch.outline", "load_plan", "the outline reader")
    load_observations = _part("planwatch.assess", "load_observations", "the assessment engine")
    load_later_targets = _part("planwatch.assess", "load_later_targets", "the assessment engine")
    assess_plan = _part("planwatch.assess", "assess_plan", "the assessment engine")

    plan = load_plan(args.plan)
    observations = _with_plan(load_observations, args.observations, plan)
    later = _with_plan(load_later_targets, args.targets, plan) if args.targets else ()
    assessment = assess_plan(plan, observations, args.year, later_targets=later)
    written = write_report(args.kind, plan, assessment, out)
    print(written)
    return 0


def _part(module: str, name: str, what: str):
    """A function of another part of planwatch, or a clear error where this build lacks it."""
    found = getattr(importlib.import_module(module), name, None)
    if found is None:
        raise PlanwatchError(f"this build has no {what} ({module}.{name}); cannot draft a report")
    return found


def _with_plan(load, path: str, plan):
    """Call a loader with the plan where it takes one (to resolve names and units)."""
    if "plan" in inspect.signature(load).parameters:
        return load(path, plan=plan)
    return load(path)
