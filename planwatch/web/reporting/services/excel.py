"""The department reporting template: download pre-filled, upload back all-or-nothing.

The workbook layout is planwatch.reports.template's (the single definition the reports use
too); this module decides which rows a user gets and applies an upload through the same
workflow functions as the web forms, so the same permissions and history apply.

Each downloaded row carries the version of the figure it was filled from (hidden column H). An
upload changes a figure only if it is still at that version: a row whose figure someone changed
since the download is rejected as a conflict naming the row, never saved over the newer figure.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.limits import LimitExceeded
from planwatch.reports import template as tpl
from planwatch.web.core.roles import Role
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict, history_of
from planwatch.web.plans.choices import Basis
from planwatch.web.plans.models import Assignment, Department, MeasurableItem
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services import progress_sheet
from planwatch.web.reporting.services.workflow import (
    needs_confirmation,
    record_observation,
    unit_as_stored,
)

#: Stop listing problems after this many; the list is long enough to act on.
MAX_PROBLEMS = 200
COLUMN = {c.key: c.letter for c in tpl.COLUMNS}


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    column: str | None
    reason: str
    #: The row is fine but its figure changed since the template was downloaded.
    conflict: bool = False

    @classmethod
    def from_error(cls, error: InputError) -> Problem:
        return cls(error.sheet, error.row, error.column, error.reason_in(get_language()))


class UploadRejected(Exception):
    """Nothing was saved; ``problems`` lists every rejected cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")

    @property
    def only_conflicts(self) -> bool:
        return all(p.conflict for p in self.problems)


@dataclass
class UploadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    blank: int = 0
    codes: list[str] = field(default_factory=list)
    #: Task-progress reports saved from the 任务进展 sheets.
    progress: int = 0


@dataclass(frozen=True)
class ExtraSheets:
    """Sheets an app above reporting adds to the department template (roadmap: milestones and
    projects), registered from its ``ready()``: reporting may not import it.

    ``write(wb, user, round)`` appends its sheets; ``check(user, round, data, name)`` reads
    and checks them and returns ``(problems, apply)``, ``apply(result)`` saving them — called
    only when nothing in the whole workbook was refused, inside the upload's transaction.
    """

    write: Callable
    check: Callable


EXTRA_SHEETS: dict[str, ExtraSheets] = {}


def add_sheets(name: str, write: Callable, check: Callable) -> None:
    EXTRA_SHEETS[name] = ExtraSheets(write, check)


# -- download ---------------------------------------------------------------------------------


def template_departments(user, round: ReportingRound) -> list[Department]:
    """Reporters get their own sheet; coordinators one sheet per lead department."""
    if role_of(user) == Role.REPORTER:
        return [user.department]
    ids = Assignment.objects.filter(plan_id=round.plan_id, role="lead", item__isnull=False)
    return list(Department.objects.filter(pk__in=ids.values("department_id")))


def template_workbook(user, round: ReportingRound) -> bytes:
    """An .xlsx with one pre-filled figure sheet and one task-progress sheet (任务进展) per
    department the user may report for, and the sheets the apps above add (:data:`EXTRA_SHEETS`).

    Raises PermissionDenied when there is nothing for the user to report.
    """
    from openpyxl import Workbook

    try:
        sheets = template_sheets(user, round)
    except PermissionDenied:
        sheets = []
    progress = progress_sheet.progress_sheets(user, round)
    if not sheets and not progress:
        raise PermissionDenied(_("没有需要您填报的指标或任务。"))
    states = list(progress_sheet.state_labels().values())
    wb = Workbook()
    wb.remove(wb.active)
    for meta, rows in sheets:
        tpl.add_template_sheet(wb, meta, rows)
    for meta, rows in progress:
        tpl.add_progress_sheet(wb, meta, rows, states=states)
    for extra in EXTRA_SHEETS.values():
        extra.write(wb, user, round)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_sheets(user, round: ReportingRound) -> list[tuple[tpl.TemplateMeta, list]]:
    """The download's sheets as rows (each row carrying its sheet's ``meta``): what the
    template workbook and the report workbook are written from, once each.

    Raises PermissionDenied when there is nothing for the user to report.
    """
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
        meta = progress_sheet.template_meta(round, department)
        rows = [_template_row(item, round.year, existing.get(item.pk), meta) for item in items]
        sheets.append((meta, rows))
    if not sheets:
        raise PermissionDenied(_("没有需要您填报的指标。"))
    return sheets


def _template_row(
    item: MeasurableItem, year: int, obs: Observation | None, meta: tpl.TemplateMeta
) -> tpl.TemplateRow:
    return tpl.TemplateRow(
        meta=meta,
        item=item.code,
        year=year,
        value=obs.value if obs else None,
        name=item.name,
        # The figure's own unit (it may be another the item's converts from), else the item's.
        unit=unit_as_stored(obs.unit if obs else None, item.unit) or None,
        source=(obs.source or None) if obs else None,
        note=(obs.note or None) if obs else None,
        record_version=obs.version if obs else 0,
        basis=obs.basis if obs else (item.default_basis or Basis.ANNUAL),
    )


# -- upload -----------------------------------------------------------------------------------


def apply_upload(user, round: ReportingRound, data: bytes, name: str | None = None) -> UploadResult:
    """Check every row, then save all of them in one transaction — or none.

    Raises :class:`UploadRejected` listing every rejected cell (sheet, row, column, reason),
    conflicts included; a file over one of the upload limits is one problem naming the limit.
    """
    content, problems = read_rows(data, name)
    rows = content.rows
    items = {i.code: i for i in MeasurableItem.objects.filter(plan_id=round.plan_id)}
    stored = {
        (o.item_id, o.year): o
        for o in Observation.objects.filter(item__plan_id=round.plan_id, period=round.period)
    }
    reportable = set(
        MeasurableItem.objects.restrict(user, "report")
        .filter(plan_id=round.plan_id)
        .values_list("pk", flat=True)
    )
    rows = _rows_of_sheets_for(user, round, rows, problems)
    for row in rows:
        problems.extend(_check_row(round, row, items, reportable, stored))

    def progress_problem(row, column: str, reason: str, conflict: bool = False) -> None:
        problems.append(
            Problem(row.sheet, row.row, progress_sheet.COLUMN[column], reason, conflict)
        )

    progress_rows = _rows_of_sheets_for(user, round, content.progress, problems)
    checked = progress_sheet.check_rows(user, round, progress_rows, progress_problem)
    extras = []
    for extra in EXTRA_SHEETS.values():
        found, apply = extra.check(user, round, data, name)
        problems.extend(found)
        extras.append(apply)
    if problems:
        raise UploadRejected(problems[:MAX_PROBLEMS])
    result = UploadResult()
    try:
        with transaction.atomic():
            for row in rows:
                item = items[row.item]
                _apply_row(
                    user, round, row, item, stored.get((item.pk, row.year)), result, problems
                )
            for one in checked:
                result.progress += progress_sheet.apply(user, round, one, progress_problem)
            for apply in extras:
                apply(result)
            if problems:
                raise UploadRejected(problems[:MAX_PROBLEMS])
    except IntegrityError:
        # Someone entered the same figure between our check and our write.
        raise UploadRejected(
            [Problem(None, None, None, _("上传期间其他人录入了同一数据，请重新下载模板。"), True)]
        ) from None
    return result


def read_rows(data: bytes, name: str | None = None) -> tuple[tpl.WorkbookContent, list[Problem]]:
    """All readable rows (figures and task progress) and every problem the template reader
    finds, in one pass (streamed within ``settings.UPLOAD_LIMITS``; a file over a limit is
    refused as a whole)."""
    try:
        content = tpl.read_workbook(
            data, all_problems=True, file=name, limits=settings.UPLOAD_LIMITS
        )
        return content, []
    except tpl.TemplateErrors as exc:
        content = tpl.WorkbookContent(exc.rows, exc.progress)
        return content, [Problem.from_error(e) for e in exc.problems]
    except LimitExceeded as exc:
        raise UploadRejected([Problem(None, None, None, exc.render(get_language()))]) from None


def _rows_of_sheets_for(user, round, rows, problems: list[Problem]) -> list:
    """The rows of sheets made for this plan, round and (for a reporter) department.

    A sheet made for something else is one problem, named at its metadata cell, and none of
    its rows are read further. The round is matched by its id (column F), so renaming a round
    keeps the templates already handed out valid; a template from before ids were written is
    matched by the round's name.
    """
    by_sheet: dict[str | None, list] = defaultdict(list)
    for row in rows:
        by_sheet[row.sheet].append(row)
    kept: list = []
    for sheet, sheet_rows in by_sheet.items():
        meta = sheet_rows[0].meta or tpl.TemplateMeta()
        wrong = None
        if meta.plan_id and meta.plan_id != str(round.plan_id):
            wrong = ("C", _("该模板属于另一个规划。"))
        elif meta.round_id and meta.round_id != str(round.pk):
            wrong = (
                "F",
                _("该模板属于另一个报送轮次（“%(other)s”），不是“%(round)s”。")
                % {"other": meta.round or meta.round_id, "round": round.name},
            )
        elif not meta.round_id and meta.round and meta.round != round.name:
            wrong = (
                "E",
                _("该模板属于轮次“%(other)s”，不是“%(round)s”。")
                % {"other": meta.round, "round": round.name},
            )
        elif (
            role_of(user) == Role.REPORTER
            and meta.department
            and meta.department != user.department.name
        ):
            wrong = ("D", _("该模板属于其他部门。"))
        if wrong:
            problems.append(Problem(sheet, tpl.META_ROW, *wrong))
        else:
            kept.extend(sheet_rows)
    return kept


def _check_row(round, row: tpl.TemplateRow, items, reportable, stored) -> list[Problem]:
    def problem(column: str, reason: str, conflict: bool = False) -> Problem:
        return Problem(row.sheet, row.row, COLUMN[column], reason, conflict)

    item = items.get(row.item)
    if item is None:
        return [problem("item", _("规划中没有代码 %(code)s。") % {"code": row.item})]
    if row.value is None:
        return []
    found: list[Problem] = []
    if row.year != round.year:
        found.append(problem("year", _("本轮次只收 %(year)s 年的数据。") % {"year": round.year}))
    if item.pk not in reportable:
        found.append(problem("item", _("%(code)s 不由您的部门牵头填报。") % {"code": row.item}))
    conflict = _conflict(row, item, stored.get((item.pk, row.year)))
    if conflict:
        found.append(problem("value", conflict, conflict=True))
    return found


def _conflict(row: tpl.TemplateRow, item: MeasurableItem, current: Observation | None) -> str:
    """Why this row may not be saved over the stored figure, or "" when it may."""
    if current is None:
        if row.record_version:  # there was a figure at download; it has been removed since
            return _("%(code)s %(year)s年：下载模板后这条数据已被删除，请重新下载模板。") % {
                "code": row.item,
                "year": row.year,
            }
        return ""
    if _fields(row, item) == _stored_fields(current, item) or row.record_version == current.version:
        return ""
    last = history_of(current).first()
    changed = (
        _("最后由 %(user)s 于 %(at)s 修改")
        % {
            "user": (last.user if last and last.user else _("系统")),
            "at": timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M"),
        }
        if last
        else ""
    )
    if row.record_version is None:
        return _(
            "%(code)s %(year)s年：模板没有记录这条数据的版本，而系统中已有数值 %(value)g"
            "（第 %(current)s 版，%(changed)s）。为免覆盖，请下载本轮次的模板后再填。"
        ) % {
            "code": row.item,
            "year": row.year,
            "value": current.value,
            "current": current.version,
            "changed": changed,
        }
    return _(
        "%(code)s %(year)s年：下载模板后这条数据已被修改（模板为第 %(expected)s 版，"
        "现为第 %(current)s 版，数值 %(value)g，%(changed)s）。请重新下载模板，核对后再上传。"
    ) % {
        "code": row.item,
        "year": row.year,
        "expected": row.record_version,
        "current": current.version,
        "value": current.value,
        "changed": changed,
    }


def _fields(row: tpl.TemplateRow, item: MeasurableItem) -> dict:
    """What the row would store (a blank 口径 is the item's default, as on the web form; the
    unit as record_observation keeps it)."""
    return {
        "value": row.value,
        "unit": unit_as_stored(row.unit, item.unit),
        "source": row.source or "",
        "note": row.note or "",
        "basis": row.basis or item.default_basis or Basis.ANNUAL,
    }


def _stored_fields(obs: Observation, item: MeasurableItem) -> dict:
    """The stored figure in the same terms (a unit stored empty before the rule is the item's)."""
    return {
        "value": obs.value,
        "unit": unit_as_stored(obs.unit, item.unit),
        "source": obs.source,
        "note": obs.note,
        "basis": obs.basis,
    }


def _apply_row(user, round, row, item, existing, result: UploadResult, problems) -> None:
    if row.value is None:
        result.blank += 1
        return
    fields = _fields(row, item)
    if existing and _stored_fields(existing, item) == fields:
        result.unchanged += 1
        return
    try:
        record_observation(
            user,
            round,
            item,
            year=row.year,
            reason=_("Excel 导入"),
            # A figure stored since the check is caught here too: 0 never matches a stored one.
            expected_version=row.record_version if row.record_version is not None else 0,
            confirmed=row.confirmed,
            **fields,
        )
    except EditConflict as exc:
        problems.append(Problem(row.sheet, row.row, COLUMN["value"], str(exc), True))
        return
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        if isinstance(exc, ValidationError) and needs_confirmation(exc):
            reason += _("（核实无误的，在“确认”列（%(column)s 列）填“是”后重新上传）") % {
                "column": COLUMN["confirmed"]
            }
        problems.append(Problem(row.sheet, row.row, COLUMN["value"], reason))
        return
    result.codes.append(row.item)
    if existing:
        result.updated += 1
    else:
        result.created += 1
