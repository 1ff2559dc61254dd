"""The year's implementation plan (年度实施计划): per department its items with their annual
targets and its tasks, as .docx (GB/T 9704, the reports' own layout) and .xlsx.

Pure: the caller (the web system, a script) fills :class:`AnnualPlan`. Each department's part is
a list of sections (:data:`SECTIONS`); a section says its heading, its columns and how to get
its rows from a :class:`DepartmentPlan`, and both formats are written from that one list.
This year's milestones (时间表和路线图) and key projects take their rows from
``DepartmentPlan.more`` (filled by the web system's roadmap app).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from planwatch.reports.cells import put

PLACEHOLDER_NONE = "本年度无此项。"


@dataclass(frozen=True)
class PlanItem:
    code: str
    name: str
    unit: str
    binding: bool
    role: str  # 牵头 / 配合
    five_year_target: str  # the outline's target in words or figures
    annual_target: str  # "达到92.3%", or "" where none is set
    source: str  # 按规划路径测算, 年度实施计划 …
    state: str  # 测算待确认 / 部门已确认 / 已批准


@dataclass(frozen=True)
class PlanTask:
    code: str
    title: str
    role: str  # 牵头 / 配合
    chapter: str  # its short form, 第八章


@dataclass
class DepartmentPlan:
    name: str
    items: list[PlanItem] = field(default_factory=list)
    tasks: list[PlanTask] = field(default_factory=list)
    #: Rows of further sections by section key (this year's milestones, projects …).
    more: dict[str, list[tuple]] = field(default_factory=dict)


@dataclass
class AnnualPlan:
    plan_name: str
    year: int
    issuer: str
    departments: list[DepartmentPlan]
    #: Set where a figure in the plan is synthetic (the demo): printed under the title.
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.plan_name}{self.year}年度实施计划"


@dataclass(frozen=True)
class Section:
    """One part of a department's plan, the same in Word and in Excel."""

    key: str
    heading: str
    headers: tuple[str, ...]
    widths_mm: tuple[float, ...]  # sums to at most the 156 mm text width; codes need 15 mm
    rows: Callable[[DepartmentPlan], Sequence[tuple]]


def _item_rows(d: DepartmentPlan) -> list[tuple]:
    return [
        (
            i.code,
            f"{i.name}（{i.unit}）" if i.unit else i.name,
            "约束性" if i.binding else "预期性",
            i.five_year_target,
            i.annual_target or "未设定",
            i.state,
            i.role,
        )
        for i in d.items
    ]


def _task_rows(d: DepartmentPlan) -> list[tuple]:
    return [(t.code, t.title, t.chapter, t.role) for t in d.tasks]


def _more_rows(key: str) -> Callable[[DepartmentPlan], Sequence[tuple]]:
    return lambda d: d.more.get(key, [])


#: A department's sections in order.
SECTIONS: list[Section] = [
    Section(
        "items",
        "年度指标目标",
        ("代码", "指标（单位）", "属性", "规划目标", "年度目标", "状态", "分工"),
        (15, 41, 15, 25, 25, 20, 15),
        _item_rows,
    ),
    Section(
        "tasks",
        "重点任务",
        ("代码", "任务", "所属章节", "分工"),
        (15, 105, 18, 18),
        _task_rows,
    ),
    Section(
        "milestones",
        "年度节点（时间表和路线图）",
        ("任务", "节点", "完成时限", "佐证材料", "进展"),
        (30, 50, 22, 34, 20),
        _more_rows("milestones"),
    ),
    Section(
        "projects",
        "重大项目",
        ("项目", "对应任务", "年度计划投资（亿元）", "计划开工", "计划竣工", "本年节点"),
        (40, 18, 24, 20, 20, 34),
        _more_rows("projects"),
    ),
]


# --- Word ----------------------------------------------------------------------------------


def write_docx(plan: AnnualPlan, out: str | Path | IO[bytes]) -> None:
    # python-docx and the report writers load here, not when the web system starts.
    from docx import Document

    from planwatch.reports import gbt9704
    from planwatch.reports.docx_writer import Draft

    class _PlanDraft(Draft):
        """The reports' building blocks (headings, tables, captions) without a ReportContent."""

        def __init__(self, doc) -> None:
            self.doc, self.c, self.family = doc, None, None
            self.h1 = self.h2 = self.tables = self.figures = 0

    doc = Document()
    gbt9704.apply_layout(doc)
    props = doc.core_properties
    props.title, props.author, props.language = plan.title, plan.issuer, "zh-CN"
    draft = _PlanDraft(doc)
    gbt9704.add_title(doc, plan.title)
    if plan.note:
        draft.paragraph(plan.note)
    draft.paragraph(
        f"为推动规划{plan.year}年度目标任务落实，按照“对分工负责事项细化时间表和路线图，通过年度"
        "计划分解落实”的要求，现将各部门年度指标目标和重点任务列示如下。年度目标按规划路径测算，"
        "经牵头部门确认、规划牵头部门批准后执行。"
    )
    for department in plan.departments:
        draft.heading1(department.name)
        for section in SECTIONS:
            draft.heading2(section.heading)
            rows = [tuple(_text(v) for v in row) for row in section.rows(department)]
            if not rows:
                draft.paragraph(PLACEHOLDER_NONE)
                continue
            draft.caption_table(f"{department.name}{section.heading}")
            draft.table(section.headers, rows, section.widths_mm)
    doc.save(out if not isinstance(out, str | Path) else str(out))


# --- Excel ---------------------------------------------------------------------------------


def write_xlsx(plan: AnnualPlan, out: str | Path | IO[bytes]) -> None:
    """One sheet per section, every department's rows in it with the department first."""
    from openpyxl import Workbook  # loaded here, not when the web system starts
    from openpyxl.styles import Alignment, Font

    from planwatch.reports.xlsx_writer import _BORDER, _finish, _header_row, _heading

    wb = Workbook()
    wb.remove(wb.active)
    for section in SECTIONS:
        ws = wb.create_sheet(section.heading[:31])
        headers = ["部门", *section.headers]
        _heading(ws, f"{plan.title}：{section.heading}", plan.note or "", len(headers))
        _header_row(ws, headers)
        r = 3
        for department in plan.departments:
            for row in section.rows(department):
                r += 1
                for col, value in enumerate((department.name, *row), start=1):
                    cell = put(ws, r, col, value)
                    cell.border = _BORDER
                    cell.alignment = Alignment(vertical="center", wrap_text=True)
        _finish(ws, [18, *(w / 2.2 for w in section.widths_mm)], r - 3)
        ws.cell(1, 1).font = Font(bold=True, size=14)
    wb.properties.title = plan.title
    wb.properties.creator = plan.issuer or "planwatch"
    wb.save(out if not isinstance(out, str | Path) else str(out))


def _text(value: Any) -> str:
    return "" if value is None else str(value)
