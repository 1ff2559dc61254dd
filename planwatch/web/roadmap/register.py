"""The major-project register (重大项目库) as a workbook: download, fill, upload.

One sheet lists the projects — name, task, lead department, total and annual planned
investment, planned start and finish — and a second their milestones. The upload is checked
row by row (every bad cell named in Chinese, by sheet, row and column) and then saved in one
transaction, or not at all: one refused cell changes nothing. A row downloaded from the
register carries the project's id and version (hidden), so a project changed by someone else
since is a conflict, never overwritten. Only the coordinator keeps the register.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.limits import LimitExceeded
from planwatch.web.core.access import only_roles
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import role_of
from planwatch.web.history.services import EditConflict, save_tracked
from planwatch.web.plans.models import Department, Plan, Task
from planwatch.web.reporting.models import KeyProject
from planwatch.web.reporting.services.cells import (
    CellError,
    Col,
    SheetSpec,
    date_of,
    number_of,
    read_sheets,
    text_of,
    version_of,
    write_sheet,
)
from planwatch.web.reporting.services.excel import MAX_PROBLEMS, Problem, UploadRejected
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone
from planwatch.workbooks import open_workbook

MARKER = "planwatch:project-register"
MILESTONE_MARKER = "planwatch:project-milestones"


def plan_years(plan: Plan) -> list[int]:
    if plan.base_year and plan.target_year and plan.base_year < plan.target_year:
        return list(range(plan.base_year + 1, plan.target_year + 1))
    return []


def register_spec(plan: Plan) -> SheetSpec:
    years = tuple(
        Col(f"y{y}", f"{y}年计划投资（亿元）", 12, editable=True) for y in plan_years(plan)
    )
    return SheetSpec(
        MARKER,
        "重大项目库",
        (
            Col("code", "编号", 8, editable=True),
            Col("name", "项目名称", 36, editable=True),
            Col("task", "对应任务（代码）", 10, editable=True),
            Col("department", "责任部门", 16, editable=True),
            Col("investment", "计划总投资（亿元）", 12, editable=True),
            Col("planned_start", "计划开工", 12, editable=True),
            Col("planned_finish", "计划竣工", 12, editable=True),
            *years,
            Col("note", "说明", 30, editable=True),
            Col("id", "项目编号", 8, hidden=True),
            Col("record_version", "记录版本", 8, hidden=True),
        ),
    )


MILESTONES = SheetSpec(
    MILESTONE_MARKER,
    "项目节点",
    (
        Col("project", "项目（编号或名称）", 24, editable=True),
        Col("what", "节点内容", 40, editable=True),
        Col("due", "完成时限", 12, editable=True),
        Col("evidence", "预期佐证", 24, editable=True),
    ),
)


def _require_manager(user) -> None:
    if role_of(user) not in MANAGE:
        raise PermissionDenied(only_roles(MANAGE))


def register_workbook(user, plan: Plan) -> bytes:
    """The register pre-filled with the plan's projects and their milestones."""
    from openpyxl import Workbook

    _require_manager(user)
    spec = register_spec(plan)
    projects = list(
        KeyProject.objects.filter(plan=plan)
        .select_related("task", "department")
        .order_by("code", "name")
    )
    rows = []
    for p in projects:
        row = {
            "code": p.code or None,
            "name": p.name,
            "task": p.task.code if p.task else None,
            "department": p.department.name if p.department else None,
            "investment": p.investment,
            "planned_start": p.planned_start,
            "planned_finish": p.planned_finish,
            "note": p.note or None,
            "id": p.pk,
            "record_version": p.version,
        }
        row.update({f"y{y}": p.planned_in(y) for y in plan_years(plan)})
        rows.append(row)
    milestones = [
        {"project": m.project.code or m.project.name, "what": m.what, "due": m.due,
         "evidence": m.evidence or None}
        for m in Milestone.objects.filter(project__in=projects).select_related("project")
    ]  # fmt: skip
    wb = Workbook()
    wb.remove(wb.active)
    write_sheet(wb, spec, [1, str(plan.pk)], f"重大项目库　{plan}", rows)
    write_sheet(wb, MILESTONES, [1, str(plan.pk)], f"重大项目节点　{plan}", milestones)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass
class RegisterResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    milestones: int = 0


def import_register(user, plan: Plan, data: bytes, name: str | None = None) -> RegisterResult:
    """Check the whole workbook, then save it in one transaction; UploadRejected otherwise."""
    _require_manager(user)
    problems: list[Problem] = []
    spec = register_spec(plan)
    try:
        with open_workbook(data, file=name, limits=settings.UPLOAD_LIMITS) as workbook:
            registers = read_sheets(workbook, spec, problems)
            milestone_sheets = read_sheets(workbook, MILESTONES, problems)
    except LimitExceeded as exc:
        raise UploadRejected([Problem(None, None, None, exc.render(get_language()))]) from None
    except InputError as exc:
        raise UploadRejected([Problem.from_error(exc)]) from None
    if not registers:
        raise UploadRejected(
            [Problem(None, None, None, _("没有重大项目库工作表：请使用本页下载的模板填写。"))]
        )
    rows = []
    for meta, sheet_rows in registers + milestone_sheets:
        if len(meta) > 1 and meta[1] and meta[1] != str(plan.pk):
            sheet = sheet_rows[0].sheet if sheet_rows else spec.title
            problems.append(Problem(sheet, 1, "C", _("该工作表属于另一个规划。")))
    for _meta, sheet_rows in registers:
        rows.extend(sheet_rows)
    checked = _check_projects(plan, spec, rows, problems)
    names = {c.fields["name"] for c in checked} | {
        c.fields["code"] for c in checked if c.fields["code"]
    }
    pending_milestones = []
    for _meta, sheet_rows in milestone_sheets:
        pending_milestones.extend(_check_milestones(plan, sheet_rows, names, problems))
    if problems:
        raise UploadRejected(problems[:MAX_PROBLEMS])
    try:
        return _save_all(user, plan, checked, pending_milestones)
    except (ValidationError, EditConflict) as exc:  # a change between the check and the save
        words = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise UploadRejected([Problem(None, None, None, "；".join(words))]) from None


def _save_all(user, plan, checked, pending_milestones) -> RegisterResult:
    result = RegisterResult()
    with transaction.atomic():
        saved = {}
        for c in checked:
            project, changed = _save_project(user, plan, c)
            saved[c.fields["name"]] = saved[c.fields["code"] or c.fields["name"]] = project
            if c.existing is None:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
        for ref, what, due, evidence in pending_milestones:
            project = saved.get(ref) or _existing_project(plan, ref)
            if Milestone.objects.filter(project=project, what=what, due=due).exists():
                continue
            services.add_milestone(
                user, project, what=what, due=due, evidence=evidence, reason=_("重大项目库导入")
            )
            result.milestones += 1
    return result


@dataclass
class _Checked:
    existing: KeyProject | None
    fields: dict
    expected_version: int | None


def _check_projects(plan, spec, rows, problems) -> list[_Checked]:
    existing = {p.pk: p for p in KeyProject.objects.filter(plan=plan)}
    tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
    departments = Department.objects.all()
    years = plan_years(plan)
    readers = {
        "code": lambda v: text_of(v, 30),
        "name": lambda v: text_of(v, 200),
        "task": lambda v: text_of(v, 20).upper(),
        "department": lambda v: text_of(v, 100),
        "investment": number_of,
        "planned_start": date_of,
        "planned_finish": date_of,
        "note": text_of,
        "id": version_of,
        "record_version": version_of,
        **{f"y{y}": number_of for y in years},
    }
    checked: list[_Checked] = []
    seen: dict[str, int] = {}
    for row in rows:
        values, bad = {}, False

        def problem(key, reason, conflict=False, row=row):
            problems.append(Problem(row.sheet, row.row, spec.letter(key), reason, conflict))

        for key, reader in readers.items():
            try:
                values[key] = reader(row.values.get(key))
            except CellError as exc:
                problem(key, str(exc.args[0]))
                bad = True
        if bad:
            continue
        if not values["name"]:
            problem("name", _("请填写项目名称。"))
            continue
        first = seen.setdefault(values["name"], row.row)
        if first != row.row:
            problem(
                "name",
                _("项目“%(name)s”与第 %(row)s 行重复。") % {"name": values["name"], "row": first},
            )
            continue
        task = None
        if values["task"]:
            task = tasks.get(values["task"])
            if task is None:
                problem("task", _("规划中没有任务代码 %(code)s。") % {"code": values["task"]})
                continue
        department = None
        if values["department"]:
            department = departments.filter(
                Q(name=values["department"]) | Q(short_name=values["department"])
            ).first()
            if department is None:
                problem(
                    "department",
                    _("没有名为“%(name)s”的部门，请先在部门列表中添加。")
                    % {"name": values["department"]},
                )
                continue
        amounts = {"investment": values["investment"], **{f"y{y}": values[f"y{y}"] for y in years}}
        negative = [k for k, v in amounts.items() if v is not None and v < 0]
        if negative:
            problem(negative[0], _("投资额不能为负数。"))
            continue
        start, finish = values["planned_start"], values["planned_finish"]
        if start and finish and finish < start:
            problem("planned_finish", _("计划竣工日期不能早于计划开工日期。"))
            continue
        project = existing.get(values["id"]) if values["id"] else None
        if values["id"] and project is None:
            problem("name", _("本规划中没有这个项目（隐藏的项目编号被改动或项目已删除）。"))
            continue
        if project is not None and values["record_version"] != project.version:
            problem(
                "name",
                _(
                    "“%(name)s”：下载后该项目已被修改（模板为第 %(expected)s 版，"
                    "现为第 %(current)s 版），请重新下载后再上传。"
                )
                % {
                    "name": project.name,
                    "expected": values["record_version"],
                    "current": project.version,
                },
                conflict=True,
            )
            continue
        if project is None and KeyProject.objects.filter(plan=plan, name=values["name"]).exists():
            problem(
                "name",
                _("项目“%(name)s”已在项目库中；要修改它，请下载项目库后在其行上修改。")
                % {"name": values["name"]},
            )
            continue
        fields = {
            "code": values["code"],
            "name": values["name"],
            "task": task,
            "department": department,
            "investment": values["investment"],
            "planned_start": start,
            "planned_finish": finish,
            "note": values["note"],
            "planned_by_year": {
                str(y): values[f"y{y}"] for y in years if values[f"y{y}"] is not None
            },
        }
        checked.append(_Checked(project, fields, values["record_version"]))
    return checked


def _check_milestones(plan, rows, names, problems):
    known = set(KeyProject.objects.filter(plan=plan).values_list("name", flat=True))
    known |= set(
        KeyProject.objects.filter(plan=plan).exclude(code="").values_list("code", flat=True)
    )
    for row in rows:

        def problem(key, reason, row=row):
            problems.append(Problem(row.sheet, row.row, MILESTONES.letter(key), reason))

        try:
            ref = text_of(row.values.get("project"), 200)
            what = text_of(row.values.get("what"), 300)
            evidence = text_of(row.values.get("evidence"), 300)
        except CellError as exc:
            problem("what", str(exc.args[0]))
            continue
        try:
            due = date_of(row.values.get("due"))
        except CellError as exc:
            problem("due", str(exc.args[0]))
            continue
        if ref not in names and ref not in known:
            problem("project", _("项目库中没有编号或名称为“%(ref)s”的项目。") % {"ref": ref})
            continue
        if not what:
            problem("what", _("请填写节点内容。"))
            continue
        if due is None:
            problem("due", _("请填写完成时限。"))
            continue
        yield ref, what, due, evidence


def _existing_project(plan, ref: str) -> KeyProject:
    return KeyProject.objects.filter(plan=plan).filter(Q(name=ref) | Q(code=ref)).first()


def _save_project(user, plan, c: _Checked) -> tuple[KeyProject, bool]:
    project = c.existing or KeyProject(plan=plan)
    before = project.snapshot() if c.existing else None
    for key, value in c.fields.items():
        setattr(project, key, value)
    if c.existing and project.snapshot() == before:
        return project, False
    save_tracked(
        project,
        user=user,
        reason=_("重大项目库导入"),
        expected_version=c.expected_version if c.existing else None,
    )
    return project, True
