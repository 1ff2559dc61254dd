"""The milestone and project sheets of the department reporting template.

Downloaded pre-filled with the round's reports (each row carrying the version of the report it
was filled from, hidden), uploaded back with the rest of the template: every row checked
first, all saved in the upload's one transaction or none. A row whose report changed since the
download is a conflict naming the row, never saved over the newer report.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from planwatch.web.core.roles import Role
from planwatch.web.core.rules import role_of
from planwatch.web.reporting.models import KeyProject
from planwatch.web.reporting.services import excel
from planwatch.web.reporting.services.cells import (
    CellError,
    Col,
    SheetSpec,
    date_of,
    nothing,
    number_of,
    read_cells,
    read_for_round,
    saving,
    text_of,
    version_of,
    write_sheet,
)
from planwatch.web.reporting.services.excel import Problem
from planwatch.web.roadmap import services
from planwatch.web.roadmap.choices import MilestoneState
from planwatch.web.roadmap.models import Milestone, MilestoneReport, ProjectReport

YES = "是"
STATE_BY_LABEL = {
    "未开始": "not_started",
    "进行中": "in_progress",
    "已完成": "done",
    "滞后": "late",
}
LABEL_BY_STATE = {v: k for k, v in STATE_BY_LABEL.items()}

MILESTONES = SheetSpec(
    "planwatch:milestone-sheet",
    "节点进展",
    (
        Col("owner", "任务/项目", 10),
        Col("what", "节点内容", 40),
        Col("department", "责任部门", 16),
        Col("due", "完成时限", 12),
        Col("evidence", "预期佐证", 24),
        Col("state", "节点状态", 10, editable=True, choices=tuple(STATE_BY_LABEL)),
        Col("done_on", "完成日期", 12, editable=True),
        Col("note", "进展说明", 40, editable=True),
        Col("id", "节点编号", 8, hidden=True),
        Col("record_version", "记录版本", 8, hidden=True),
    ),
)
PROJECTS = SheetSpec(
    "planwatch:project-sheet",
    "重大项目进展",
    (
        Col("code", "编号", 8),
        Col("name", "项目名称", 36),
        Col("department", "责任部门", 16),
        Col("planned_year", "本年计划投资（亿元）", 14),
        Col("year_invested", "本年完成投资（亿元）", 14, editable=True),
        Col("cumulative_invested", "累计完成投资（亿元）", 14, editable=True),
        Col("actual_start", "实际开工", 12, editable=True),
        Col("actual_finish", "实际竣工", 12, editable=True),
        Col("is_late", "进度滞后", 8, editable=True, choices=(YES,)),
        Col("note", "进展说明", 40, editable=True),
        Col("id", "项目编号", 8, hidden=True),
        Col("record_version", "记录版本", 8, hidden=True),
    ),
)


def register_sheets() -> None:
    excel.add_sheets("roadmap", write, check)


def _milestones_for(user, round):
    rows = Milestone.objects.restrict(user, "view").filter(plan_id=round.plan_id)
    if role_of(user) == Role.REPORTER:
        rows = rows.filter(department_id=user.department_id)
    return rows.select_related("task", "project", "department").order_by(
        "task__order", "project__code", "order", "pk"
    )


def _projects_for(user, round):
    rows = KeyProject.objects.restrict(user, "view").filter(plan_id=round.plan_id)
    if role_of(user) == Role.REPORTER:
        rows = rows.filter(department_id=user.department_id)
    return rows.select_related("department").order_by("code", "name")


def write(wb, user, round) -> None:
    milestones = list(_milestones_for(user, round))
    projects = list(_projects_for(user, round))
    meta = [1, str(round.plan_id), round.name]
    if milestones:
        reports = {
            r.milestone_id: r
            for r in MilestoneReport.objects.filter(round=round, milestone__in=milestones)
        }
        rows = []
        for m in milestones:
            report = reports.get(m.pk)
            rows.append(
                {
                    "owner": m.owner_code,
                    "what": m.what,
                    "department": m.department.name,
                    "due": m.due,
                    "evidence": m.evidence or None,
                    "state": LABEL_BY_STATE[report.state] if report else None,
                    "done_on": report.done_on if report else None,
                    "note": (report.note or None) if report else None,
                    "id": m.pk,
                    "record_version": report.version if report else 0,
                }
            )
        write_sheet(wb, MILESTONES, meta, f"任务节点进展填报表　报送轮次：{round.name}", rows)
    if projects:
        reports = {
            r.project_id: r for r in ProjectReport.objects.filter(round=round, project__in=projects)
        }
        rows = []
        for p in projects:
            report = reports.get(p.pk)
            rows.append(
                {
                    "code": p.code or None,
                    "name": p.name,
                    "department": p.department.name if p.department else None,
                    "planned_year": p.planned_in(round.year),
                    "year_invested": report.year_invested if report else None,
                    "cumulative_invested": report.cumulative_invested if report else None,
                    "actual_start": (report.actual_start if report else None) or p.actual_start,
                    "actual_finish": (report.actual_finish if report else None) or p.actual_finish,
                    "is_late": YES if report and report.is_late else None,
                    "note": (report.note or None) if report else None,
                    "id": p.pk,
                    "record_version": report.version if report else 0,
                }
            )
        write_sheet(wb, PROJECTS, meta, f"重大项目进展填报表　报送轮次：{round.name}", rows)


def check(user, round, data: bytes, name: str | None):
    """Read and check both sheets; ``(problems, apply)``."""
    problems: list[Problem] = []
    found = read_for_round(data, name, round, [MILESTONES, PROJECTS], problems)
    if found is None:
        return problems, nothing
    milestone_rows, project_rows = found
    pending = [
        *_check_milestones(user, round, milestone_rows, problems),
        *_check_projects(user, round, project_rows, problems),
    ]

    return problems, saving(pending, ("updated", "unchanged"))


def _state_of(value) -> str | None:
    text = text_of(value)
    if not text:
        return None
    if text in STATE_BY_LABEL:
        return STATE_BY_LABEL[text]
    raise CellError(
        _("节点状态“%(found)s”无效，应为 %(choices)s 之一。")
        % {"found": text, "choices": "、".join(str(c.label) for c in MilestoneState)}
    )


def _yes(value) -> bool:
    text = text_of(value)
    if text in ("", "否"):
        return False
    if text in (YES, "Y", "y", "yes", "Yes", "1"):
        return True
    raise CellError(_("“进度滞后”应填“是”或留空。"))


def _check_milestones(user, round, rows, problems):
    known = {m.pk: m for m in Milestone.objects.filter(plan_id=round.plan_id)}
    reports = {r.milestone_id: r for r in MilestoneReport.objects.filter(round=round)}
    readers = {
        "id": version_of,
        "record_version": version_of,
        "state": _state_of,
        "done_on": date_of,
        "note": text_of,
    }
    for row in rows:
        values = read_cells(row, MILESTONES, readers, problems)
        if values is None:
            continue
        milestone = known.get(values["id"])

        def problem(column: str, reason: str, conflict: bool = False, row=row) -> None:
            problems.append(
                Problem(row.sheet, row.row, MILESTONES.letter(column), reason, conflict)
            )

        if milestone is None:
            problem("what", _("本规划中没有这个节点（隐藏的节点编号被改动或节点已删除）。"))
            continue
        report = reports.get(milestone.pk)
        if values["state"] is None:
            if values["done_on"] or values["note"]:
                problem("state", _("请填写节点状态。"))
            continue
        wanted = (values["state"], values["note"], values["done_on"])
        if report and (report.state, report.note, report.done_on) == wanted:
            continue
        if (report.version if report else 0) != (values["record_version"] or 0):
            problem(
                "state",
                _("“%(what)s”：下载模板后这条进展已被修改，请重新下载模板，核对后再上传。")
                % {"what": milestone.what},
                conflict=True,
            )
            continue
        why = _refusal(user, round, report, milestone)
        if why:
            problem("state", why)
            continue
        try:
            _check_done_on(values)
        except CellError as exc:
            problem("done_on", str(exc.args[0]))
            continue

        def save(milestone=milestone, values=values, report=report) -> bool:
            services.record_milestone(
                user,
                round,
                milestone,
                state=values["state"],
                note=values["note"],
                done_on=values["done_on"],
                expected_version=report.version if report else None,
                reason=_("Excel 导入"),
            )
            return True

        yield row.sheet, row.row, MILESTONES.letter("state"), save


def _check_done_on(values) -> None:
    if values["state"] == "done" and values["done_on"] is None:
        raise CellError(_("已完成的节点须填写完成日期。"))
    if values["state"] != "done" and values["done_on"] is not None:
        raise CellError(_("只有已完成的节点填写完成日期。"))


def _refusal(user, round, existing, target) -> str | None:
    try:
        services._check_may_report(user, round, existing, target)
    except PermissionDenied as exc:
        return str(exc)
    return None


def _check_projects(user, round, rows, problems):
    known = {p.pk: p for p in KeyProject.objects.filter(plan_id=round.plan_id)}
    reports = {r.project_id: r for r in ProjectReport.objects.filter(round=round)}
    readers = {
        "id": version_of,
        "record_version": version_of,
        "year_invested": number_of,
        "cumulative_invested": number_of,
        "actual_start": date_of,
        "actual_finish": date_of,
        "is_late": _yes,
        "note": text_of,
    }
    fields = ("year_invested", "cumulative_invested", "actual_start", "actual_finish")
    for row in rows:
        values = read_cells(row, PROJECTS, readers, problems)
        if values is None:
            continue
        project = known.get(values["id"])

        def problem(column: str, reason: str, conflict: bool = False, row=row) -> None:
            problems.append(Problem(row.sheet, row.row, PROJECTS.letter(column), reason, conflict))

        if project is None:
            problem("name", _("本规划中没有这个项目（隐藏的项目编号被改动或项目已删除）。"))
            continue
        report = reports.get(project.pk)
        wanted = (*tuple(values[f] for f in fields), values["is_late"], values["note"])
        if report is None:
            filled = (
                values["year_invested"] is not None or values["cumulative_invested"] is not None
            )
            dates = (values["actual_start"], values["actual_finish"])
            untouched = dates == (project.actual_start, project.actual_finish)
            if untouched and not filled and not values["note"] and not values["is_late"]:
                continue  # the row as downloaded: nothing reported
        else:
            stored = (*tuple(getattr(report, f) for f in fields), report.is_late, report.note)
            if stored == wanted:
                continue
        if (report.version if report else 0) != (values["record_version"] or 0):
            problem(
                "year_invested",
                _("“%(name)s”：下载模板后这条进展已被修改，请重新下载模板，核对后再上传。")
                % {"name": project.name},
                conflict=True,
            )
            continue
        why = _refusal(user, round, report, project)
        if why:
            problem("year_invested", why)
            continue

        def save(project=project, values=values, report=report) -> bool:
            services.record_project(
                user,
                round,
                project,
                year_invested=values["year_invested"],
                cumulative_invested=values["cumulative_invested"],
                actual_start=values["actual_start"],
                actual_finish=values["actual_finish"],
                is_late=values["is_late"],
                note=values["note"],
                expected_version=report.version if report else None,
                reason=_("Excel 导入"),
            )
            return True

        yield row.sheet, row.row, PROJECTS.letter("year_invested"), save
