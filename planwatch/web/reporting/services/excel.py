"""The department reporting template: download pre-filled, upload back all-or-nothing.

The workbook layout is planwatch.reports.template's (the single definition the reports use
too); this module decides which rows a user gets and applies an upload through the same
workflow functions as the web forms, so the same permissions and history apply.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from planwatch.errors import InputError
from planwatch.reports import template as tpl
from planwatch.web.accounts.roles import Role
from planwatch.web.accounts.rules import role_of
from planwatch.web.history.services import EditConflict
from planwatch.web.plans.models import Assignment, Department, MeasurableItem
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services.workflow import record_observation

#: Stop collecting problems after this many; the list is long enough to act on.
MAX_PROBLEMS = 200
COLUMN = {c.key: c.letter for c in tpl.COLUMNS}


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    column: str | None
    reason: str


class UploadRejected(Exception):
    """Nothing was saved; ``problems`` lists every rejected cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


@dataclass
class UploadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    blank: int = 0
    codes: list[str] = field(default_factory=list)


# -- download ---------------------------------------------------------------------------------


def template_departments(user, round: ReportingRound) -> list[Department]:
    """Reporters get their own sheet; coordinators one sheet per lead department."""
    if role_of(user) == Role.REPORTER:
        return [user.department]
    ids = Assignment.objects.filter(plan_id=round.plan_id, role="lead", item__isnull=False)
    return list(Department.objects.filter(pk__in=ids.values("department_id")))


def template_workbook(user, round: ReportingRound) -> bytes:
    """An .xlsx with one pre-filled sheet per department the user may report for."""
    sheets = []
    visible = MeasurableItem.objects.restrict(user, "view").filter(plan_id=round.plan_id)
    for department in template_departments(user, round):
        items = visible.filter(
            assignments__department=department,
            assignments__role="lead",
            assignments__deleted_at__isnull=True,
        ).order_by("kind", "order")
        existing = {
            o.item_id: o
            for o in Observation.objects.filter(
                item__in=items, year=round.year, period=round.period
            )
        }
        rows = [_template_row(item, round.year, existing.get(item.pk)) for item in items]
        meta = tpl.TemplateMeta(
            plan_id=str(round.plan_id), department=department.name, round=round.name
        )
        sheets.append((meta, rows))
    if not sheets:
        raise PermissionDenied(_("没有需要您填报的指标。"))
    buffer = io.BytesIO()
    tpl.write_template(buffer, sheets)
    return buffer.getvalue()


def _template_row(item: MeasurableItem, year: int, obs: Observation | None) -> tpl.TemplateRow:
    return tpl.TemplateRow(
        item=item.code,
        year=year,
        value=obs.value if obs else None,
        name=item.name,
        unit=item.unit or None,
        source=(obs.source or None) if obs else None,
        note=(obs.note or None) if obs else None,
    )


# -- upload -----------------------------------------------------------------------------------


def apply_upload(user, round: ReportingRound, data: bytes) -> UploadResult:
    """Check every row, then save all of them in one transaction — or none.

    Raises :class:`UploadRejected` listing every rejected cell (sheet, row, column, reason).
    """
    rows, problems = read_rows(data)
    items = {i.code: i for i in MeasurableItem.objects.filter(plan_id=round.plan_id)}
    for row in rows:
        problems.extend(_check_row(user, round, row, items))
    if problems:
        raise UploadRejected(problems[:MAX_PROBLEMS])
    result = UploadResult()
    try:
        with transaction.atomic():
            for row in rows:
                _apply_row(user, round, row, items[row.item], result, problems)
            if problems:
                raise UploadRejected(problems[:MAX_PROBLEMS])
    except EditConflict as exc:
        raise UploadRejected([Problem(None, None, None, str(exc))]) from None
    return result


def read_rows(data: bytes) -> tuple[list[tpl.TemplateRow], list[Problem]]:
    """All readable rows and every problem the template reader finds.

    The reader stops at the first bad row; to report them all, the bad row is blanked in a
    copy of the workbook and the copy read again.
    """
    problems: list[Problem] = []
    for _attempt in range(MAX_PROBLEMS):
        try:
            return tpl.read_template(io.BytesIO(data)), problems
        except InputError as exc:
            problems.append(Problem(exc.sheet, exc.row, exc.column, exc.reason))
            if exc.sheet is None or exc.row is None or exc.row < tpl.FIRST_DATA_ROW:
                return [], problems  # the sheet itself is wrong: nothing more to read
            data = _without_row(data, exc.sheet, exc.row)
    return [], problems


def _without_row(data: bytes, sheet: str, row: int) -> bytes:
    wb = load_workbook(io.BytesIO(data), data_only=True)
    ws = wb[sheet]
    ws.protection.sheet = False
    for cell in ws[row]:
        cell.value = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _check_row(user, round, row: tpl.TemplateRow, items) -> list[Problem]:
    def problem(column: str, reason: str) -> Problem:
        return Problem(row.sheet, row.row, COLUMN[column], reason)

    meta = row.meta or tpl.TemplateMeta()
    found: list[Problem] = []
    if meta.plan_id and meta.plan_id != str(round.plan_id):
        return [Problem(row.sheet, tpl.META_ROW, "C", _("该模板属于另一个规划。"))]
    if meta.round and meta.round != round.name:
        return [
            Problem(
                row.sheet,
                tpl.META_ROW,
                "E",
                _("该模板属于轮次“%(other)s”，不是“%(round)s”。")
                % {"other": meta.round, "round": round.name},
            )
        ]
    if (
        role_of(user) == Role.REPORTER
        and meta.department
        and meta.department != user.department.name
    ):
        return [Problem(row.sheet, tpl.META_ROW, "D", _("该模板属于其他部门。"))]
    item = items.get(row.item)
    if item is None:
        return [problem("item", _("规划中没有代码 %(code)s。") % {"code": row.item})]
    if row.value is None:
        return found
    if row.year != round.year:
        found.append(problem("year", _("本轮次只收 %(year)s 年的数据。") % {"year": round.year}))
    if not MeasurableItem.objects.restrict(user, "report").filter(pk=item.pk).exists():
        found.append(problem("item", _("%(code)s 不由您的部门牵头填报。") % {"code": row.item}))
    return found


def _apply_row(user, round, row: tpl.TemplateRow, item, result: UploadResult, problems) -> None:
    if row.value is None:
        result.blank += 1
        return
    existing = Observation.objects.filter(item=item, year=row.year, period=round.period).first()
    fields = {
        "value": row.value,
        "unit": row.unit or item.unit or "",
        "source": row.source or "",
        "note": row.note or "",
    }
    if existing and all(getattr(existing, k) == v for k, v in fields.items()):
        result.unchanged += 1
        return
    try:
        record_observation(user, round, item, year=row.year, reason=_("Excel 导入"), **fields)
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        problems.append(Problem(row.sheet, row.row, COLUMN["value"], reason))
        return
    result.codes.append(row.item)
    if existing:
        result.updated += 1
    else:
        result.created += 1
