"""The policy register as an Excel workbook: a template to download, an upload applied whole.

The upload is read by planwatch.workbooks (streamed, within ``settings.UPLOAD_LIMITS``, formulas
refused). Every row is checked first; each problem names its row and column in Chinese; if
there is any, nothing is saved. A row whose 文号 (or, without one, whose title) matches a policy
already registered updates it; any other row adds one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.reports.cells import put_row
from planwatch.web.plans.models import Department, MeasurableItem, Plan, Task
from planwatch.web.supervision.choices import PolicyStatus
from planwatch.web.supervision.models import Policy
from planwatch.web.supervision.services.policies import save_policy
from planwatch.workbooks import NotTyped, open_workbook, refuse_not_typed

SHEET = "政策措施"
#: (key, header) in column order, from column A.
COLUMNS = (
    ("title", "政策名称"),
    ("document_number", "文号"),
    ("department", "制定部门"),
    ("issued_on", "印发日期"),
    ("status", "状态"),
    ("tasks", "关联任务编码"),
    ("items", "关联指标编码"),
    ("summary", "主要内容"),
)
LETTER = {key: chr(65 + n) for n, (key, _header) in enumerate(COLUMNS)}
HEADER_ROW = 1
MAX_PROBLEMS = 200
_SEPARATORS = re.compile(r"[、,，;；\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
STATUS_BY_LABEL = {str(label): code for code, label in PolicyStatus.choices}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("第 %(row)s 行") % {"row": self.row})
        if self.column:
            where.append(_("%(column)s 列") % {"column": self.column})
        return f"{'，'.join(where)}：{self.reason}" if where else self.reason


class ImportRejected(Exception):
    """Nothing was saved; ``problems`` lists every rejected cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    titles: list[str] = field(default_factory=list)


@dataclass
class _Row:
    row: int
    title: str
    document_number: str
    department: Department
    issued_on: dt.date | None
    status: str
    tasks: list[Task]
    items: list[MeasurableItem]
    summary: str


def template_workbook(plan: Plan) -> bytes:
    """The register's columns with the plan's policies filled in, and a sheet of instructions."""
    from openpyxl import Workbook  # lazily: openpyxl costs start-up time
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    put_row(sheet, HEADER_ROW, [header for _key, header in COLUMNS])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    policies = Policy.objects.filter(plan=plan).select_related("department")
    for n, policy in enumerate(policies.prefetch_related("tasks", "items"), start=HEADER_ROW + 1):
        put_row(
            sheet,
            n,
            [
                policy.title,
                policy.document_number,
                policy.department.name,
                policy.issued_on.isoformat() if policy.issued_on else "",
                policy.get_status_display(),
                "、".join(t.code for t in policy.tasks.all()),
                "、".join(i.code for i in policy.items.all()),
                policy.summary,
            ],
        )
    for letter, width in zip("ABCDEFGH", (40, 24, 20, 14, 10, 18, 18, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    notes = book.create_sheet("填写说明")
    lines = [
        f"《{plan}》政策措施登记表：每行一项政策措施，第 1 行为列名，请勿修改列名。",
        "政策名称、制定部门、状态必填；文号相同（无文号时名称相同）的行更新已登记的政策。",
        "印发日期写作 2021-05-01 或 2021年5月1日；状态填 制定中、已出台 或 已评估。",
        "关联任务、关联指标填编码（如 M3、I5），多个用顿号分隔。",
        "请直接填写文字或数值，不要使用公式。",
        "",
        "可填写的部门：",
        *(d.name for d in Department.objects.order_by("name")),
    ]
    for n, line in enumerate(lines, start=1):
        put_row(notes, n, [line])
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def apply_upload(user, plan: Plan, data: bytes, name: str | None = None) -> ImportResult:
    """Check every row, then save all of them in one transaction — or none."""
    rows, problems = read_rows(plan, data, name)
    if problems:
        raise ImportRejected(problems[:MAX_PROBLEMS])
    result = ImportResult()
    existing = list(Policy.objects.filter(plan=plan))
    by_number = {p.document_number: p for p in existing if p.document_number}
    by_title = {p.title: p for p in existing if not p.document_number}
    with transaction.atomic():
        for row in rows:
            policy = (
                by_number.get(row.document_number)
                if row.document_number
                else by_title.get(row.title)
            )
            created = policy is None
            policy = policy or Policy(plan=plan)
            policy.title, policy.document_number = row.title, row.document_number
            policy.department, policy.issued_on = row.department, row.issued_on
            policy.status, policy.summary = row.status, row.summary
            save_policy(user, policy, tasks=row.tasks, items=row.items, reason=_("从Excel导入"))
            result.created += created
            result.updated += not created
            result.titles.append(row.title)
    return result


def read_rows(plan: Plan, data: bytes, name: str | None) -> tuple[list[_Row], list[Problem]]:
    problems: list[Problem] = []
    rows: list[_Row] = []
    departments = {d.name: d for d in Department.objects.all()}
    departments.update({d.short_name: d for d in Department.objects.exclude(short_name="")})
    tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
    items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}
    seen: dict[str, int] = {}
    try:
        with open_workbook(data, file=name, limits=settings.UPLOAD_LIMITS) as book:
            sheet = next((s for s in book.sheets if s.title == SHEET), None)
            if sheet is None:
                return [], [
                    Problem(
                        None, None, _("工作簿中没有名为“%(sheet)s”的工作表。") % {"sheet": SHEET}
                    )
                ]
            for number, cells in book.rows(sheet):
                if number == HEADER_ROW:
                    problems.extend(_check_header(cells))
                    if problems:
                        return [], problems
                    continue
                row, found = _read_row(number, cells, departments, tasks, items)
                problems.extend(found)
                if row is not None:
                    key = row.document_number or row.title
                    if key in seen:
                        column = LETTER["document_number" if row.document_number else "title"]
                        problems.append(
                            Problem(
                                number,
                                column,
                                _("与第 %(other)s 行重复：“%(key)s”。")
                                % {"other": seen[key], "key": key},
                            )
                        )
                    seen[key] = number
                    rows.append(row)
                if len(problems) >= MAX_PROBLEMS:
                    break
    except InputError as exc:
        return [], [Problem(exc.row, exc.column, exc.reason_in(get_language()))]
    if not rows and not problems:
        problems.append(Problem(None, None, _("表中没有政策措施（第 2 行起每行一项）。")))
    return rows, problems


def _check_header(cells: list) -> list[Problem]:
    found = []
    for n, (_key, header) in enumerate(COLUMNS):
        given = cells[n] if n < len(cells) else None
        if str(given or "").strip() != header:
            found.append(
                Problem(
                    HEADER_ROW,
                    chr(65 + n),
                    _("列名应为“%(wanted)s”，而不是“%(given)s”（请使用下载的模板）。")
                    % {"wanted": header, "given": given or ""},
                )
            )
    return found


def _read_row(number: int, cells: list, departments, tasks, items):
    problems: list[Problem] = []

    def cell(key: str):
        index = [k for k, _h in COLUMNS].index(key)
        value = cells[index] if index < len(cells) else None
        if isinstance(value, NotTyped):
            problems.append(Problem(number, LETTER[key], refuse_not_typed(value).render()))
            return None
        return value

    def textual(key: str, limit: int) -> str:
        value = cell(key)
        shown = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            shown = str(int(value))
        if len(shown) > limit:
            problems.append(Problem(number, LETTER[key], _("不能超过 %(n)s 个字。") % {"n": limit}))
        return shown

    def problem(key: str, reason: str) -> None:
        problems.append(Problem(number, LETTER[key], reason))

    title = textual("title", 300)
    if not title:
        problem("title", _("政策名称不能为空。"))
    document_number = textual("document_number", 100)
    department_name = textual("department", 100)
    department = departments.get(department_name)
    if not department_name:
        problem("department", _("制定部门不能为空。"))
    elif department is None:
        problem("department", _("没有名为“%(name)s”的部门。") % {"name": department_name})
    issued_on = _date(cell("issued_on"), lambda reason: problem("issued_on", reason))
    status_label = textual("status", 10)
    status = STATUS_BY_LABEL.get(status_label) or (
        status_label if status_label in PolicyStatus.values else None
    )
    if status is None:
        problem(
            "status",
            _("状态应为 制定中、已出台 或 已评估，而不是“%(given)s”。") % {"given": status_label},
        )
    linked_tasks = _codes(textual("tasks", 2000), tasks, lambda r: problem("tasks", r), _("任务"))
    linked_items = _codes(textual("items", 2000), items, lambda r: problem("items", r), _("指标"))
    summary = textual("summary", 5000)
    if problems:
        return None, problems
    row = _Row(
        number,
        title,
        document_number,
        department,
        issued_on,
        status,
        linked_tasks,
        linked_items,
        summary,
    )
    return row, problems


def _codes(value: str, known: dict, complain, what: str) -> list:
    found, unknown = [], []
    for code in filter(None, _SEPARATORS.split(value)):
        (found.append(known[code]) if code in known else unknown.append(code))
    if unknown:
        complain(
            _("规划中没有%(what)s编码 %(codes)s。") % {"what": what, "codes": "、".join(unknown)}
        )
    return found


def _date(value, complain) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # an Excel date serial (1900 date system)
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    else:
        match = _DATE.match(str(value).strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                pass
    complain(
        _("印发日期“%(given)s”不是日期，请写作 2021-05-01 或 2021年5月1日。") % {"given": value}
    )
    return None
