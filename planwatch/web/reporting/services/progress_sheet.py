"""The task-progress sheet (任务进展) of the department template: its rows and its upload.

A department with 164 duties fills them in one sheet instead of 164 forms. The rows are the
department's task duties of the round (services.duties, so a round's fixed duties apply); an
upload goes through workflow.record_progress like the web form, with the same permissions,
history and version check: a row whose report changed since the download is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from planwatch.reports import template as tpl
from planwatch.web.core.roles import Role
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict
from planwatch.web.plans.models import Assignment, Department, Task
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models import ReportingRound, TaskProgress
from planwatch.web.reporting.services.duties import round_duties
from planwatch.web.reporting.services.workflow import record_progress, refusal

COLUMN = {c.key: c.letter for c in tpl.PROGRESS_COLUMNS}


def state_labels() -> dict[str, str]:
    """推进状态 code → the label the template shows (always Chinese: the template is)."""
    with translation.override("zh-hans"):
        return {code: str(label) for code, label in Progress.choices}


def state_of(label: str) -> str | None:
    """The code of a 推进状态 as written (Chinese label, English label or code), or None."""
    wanted = label.strip()
    for code, zh in state_labels().items():
        with translation.override("en"):
            en = str(Progress(code).label)
        if wanted in (zh, code, en):
            return code
    return None


def progress_departments(user, round: ReportingRound) -> list[Department]:
    """A reporter: their own department; a coordinator: every department with tasks."""
    if role_of(user) == Role.REPORTER:
        return [user.department]
    ids = Assignment.objects.filter(plan_id=round.plan_id, task__isnull=False)
    return list(Department.objects.filter(pk__in=ids.values("department_id")).order_by("name"))


def progress_sheets(user, round: ReportingRound) -> list[tuple[tpl.TemplateMeta, list]]:
    """One sheet per department that has task duties in the round, pre-filled."""
    labels = state_labels()
    sheets = []
    for department in progress_departments(user, round):
        duties = [d for d in round_duties(round, department=department) if d.kind == "task"]
        if not duties:
            continue
        records = {
            p.task_id: p for p in TaskProgress.objects.filter(round=round, department=department)
        }
        meta = template_meta(round, department)
        rows = []
        for duty in duties:
            report = records.get(duty.target.pk)
            rows.append(
                tpl.ProgressRow(
                    task=duty.target.code,
                    title=duty.target.title,
                    narrative=(report.narrative or None) if report else None,
                    percent=report.percent if report else None,
                    state=labels.get(report.progress) if report else None,
                    record_version=report.version if report else 0,
                    meta=meta,
                )
            )
        sheets.append((meta, rows))
    return sheets


def template_meta(round: ReportingRound, department: Department) -> tpl.TemplateMeta:
    return tpl.TemplateMeta(
        plan_id=str(round.plan_id),
        department=department.name,
        round=round.name,
        round_id=str(round.pk),
    )


@dataclass
class Checked:
    """A progress row that passed every check, ready to save."""

    row: tpl.ProgressRow
    task: Task
    department: Department
    report: TaskProgress | None
    state: str


def check_rows(user, round: ReportingRound, rows: list[tpl.ProgressRow], problem) -> list[Checked]:
    """Every non-blank row checked; ``problem(row, column_key, reason, conflict=False)``
    reports a refusal. Returns the rows to save (those that would change something)."""
    tasks = {t.code.upper(): t for t in Task.objects.filter(plan_id=round.plan_id)}
    departments = {d.name: d for d in Department.objects.all()}
    checked: list[Checked] = []
    for row in rows:
        if row.is_blank:
            continue
        task = tasks.get(row.task)
        if task is None:
            problem(row, "task", _("规划中没有任务 %(code)s。") % {"code": row.task})
            continue
        department = departments.get((row.meta and row.meta.department) or "")
        if role_of(user) == Role.REPORTER:
            department = user.department
        if department is None:
            problem(row, "task", _("工作表没有注明填报部门，请重新下载模板。"))
            continue
        state = state_of(row.state or "")
        found = False
        if state is None:
            labels = "、".join(state_labels().values())
            problem(
                row,
                "state",
                _("推进状态“%(found)s”无效，应为：%(labels)s。")
                % {"found": row.state or "", "labels": labels},
            )
            found = True
        if row.percent is None:
            problem(row, "percent", _("请填写完成比例（0 到 100 的整数）。"))
            found = True
        if found:
            continue
        report = TaskProgress.objects.filter(round=round, task=task, department=department).first()
        fields = {"narrative": row.narrative or "", "percent": row.percent, "progress": state}
        if report is not None and stored_fields(report) == fields:
            continue  # unchanged: nothing to check or save
        conflict = conflict_reason(row, report)
        if conflict:
            problem(row, "narrative", conflict, conflict=True)
            continue
        why = refusal(user, round, task, department=department)
        if why is not None:
            problem(row, "task", f"{task.code}：{why}")
            continue
        checked.append(Checked(row, task, department, report, state))
    return checked


def stored_fields(report: TaskProgress) -> dict:
    return {"narrative": report.narrative, "percent": report.percent, "progress": report.progress}


def conflict_reason(row: tpl.ProgressRow, report: TaskProgress | None) -> str:
    """Why the row may not be saved over the stored report, or "" when it may."""
    if report is None:
        if row.record_version:
            return _("任务 %(code)s：下载模板后这份进展报告已被删除，请重新下载模板。") % {
                "code": row.task
            }
        return ""
    if row.record_version == report.version:
        return ""
    return _(
        "任务 %(code)s：下载模板后这份进展报告已被修改（模板为第 %(expected)s 版，现为第 "
        "%(current)s 版：%(percent)s%%，%(state)s）。请重新下载模板，核对后再上传。"
    ) % {
        "code": row.task,
        "expected": row.record_version if row.record_version is not None else "—",
        "current": report.version,
        "percent": report.percent,
        "state": report.get_progress_display(),
    }


def apply(user, round: ReportingRound, checked: Checked, problem) -> bool:
    """Save one checked row (inside the upload's transaction); False when refused."""
    row = checked.row
    try:
        record_progress(
            user,
            round,
            checked.task,
            narrative=row.narrative or "",
            percent=row.percent,
            progress=checked.state,
            department=checked.department,
            reason=_("Excel 导入"),
            expected_version=row.record_version if checked.report else None,
        )
    except EditConflict as exc:
        problem(row, "narrative", str(exc), conflict=True)
        return False
    except (PermissionDenied, ValidationError) as exc:
        reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        problem(row, "narrative", reason)
        return False
    return True
