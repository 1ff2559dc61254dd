"""Keeping roadmaps and reporting on them: the one place the pages, the Excel sheets, the API
and the demo loader go through, so the same rules and the same change log apply.

Each function checks the access rules itself and raises ``PermissionDenied`` for a forbidden
action, ``ValidationError`` for bad input and ``EditConflict`` when someone saved first.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.assess import milestones as rule
from planwatch.assess import projects as project_rule
from planwatch.web.core.roles import MANAGE, Role
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import save_tracked, soft_delete
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, Task
from planwatch.web.reporting.choices import EDITABLE, Progress, ReviewStatus
from planwatch.web.reporting.models import KeyProject, ReportingRound
from planwatch.web.roadmap.models import Milestone, MilestoneReport, ProjectReport

MILESTONE_FIELDS = ("what", "due", "evidence")
REPORT_FIELDS = ("state", "note", "done_on")
PROJECT_FIELDS = ("year_invested", "cumulative_invested", "actual_start", "actual_finish")


# -- the roadmap ------------------------------------------------------------------------------


def lead_of(task: Task) -> Department | None:
    lead = Assignment.objects.filter(task=task, role=AssignmentRole.LEAD).order_by("pk").first()
    return lead.department if lead else None


def may_plan(user, owner: Task | KeyProject) -> bool:
    """Whether ``user`` may add milestones to ``owner``'s roadmap: the coordinator, or a
    reporter of the task's lead department (of the project's department)."""
    role = role_of(user)
    if role in MANAGE:
        return True
    if role != Role.REPORTER or user.department_id is None:
        return False
    if isinstance(owner, KeyProject):
        return owner.department_id == user.department_id
    return Assignment.objects.filter(
        task=owner, role=AssignmentRole.LEAD, department_id=user.department_id
    ).exists()


def add_milestone(
    user,
    owner: Task | KeyProject,
    *,
    what: str,
    due: dt.date,
    evidence: str = "",
    department: Department | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> Milestone:
    """Append a milestone to the roadmap of a task (or a project), owned by its lead."""
    if not may_plan(user, owner):
        raise PermissionDenied(_("只有牵头部门或规划牵头部门可以为此任务制定节点。"))
    if department is not None and role_of(user) not in MANAGE:
        department = None  # a department plans its own milestones only
    task = owner if isinstance(owner, Task) else None
    project = owner if isinstance(owner, KeyProject) else None
    department = department or (lead_of(task) if task else project.department)
    if department is None:
        raise ValidationError(_("尚无牵头（责任）部门，请先完成分工。"))
    siblings = Milestone.objects.filter(task=task, project=project)
    last = siblings.aggregate(n=Max("order"))["n"]
    milestone = Milestone(
        plan_id=owner.plan_id,
        task=task,
        project=project,
        what=what,
        due=due,
        evidence=evidence or "",
        department=department,
        order=(last or 0) + 1,
        is_demo=is_demo,
    )
    milestone.full_clean(exclude=["plan", "task", "project", "department"])
    return save_tracked(milestone, user=user, reason=reason)


def change_milestone(user, milestone: Milestone, *, expected_version=None, reason="", **fields):
    if not allowed(user, "change", milestone):
        raise PermissionDenied(_("您不能修改此节点：只有其责任部门或规划牵头部门可以修改。"))
    for name, value in fields.items():
        if name not in MILESTONE_FIELDS:
            raise ValueError(name)
        setattr(milestone, name, value)
    milestone.full_clean(exclude=["plan", "task", "project", "department"])
    return save_tracked(milestone, user=user, reason=reason, expected_version=expected_version)


def remove_milestone(user, milestone: Milestone, *, reason: str, expected_version=None):
    """Soft-delete with a stated reason (kept in the change log, as is the milestone)."""
    if not allowed(user, "change", milestone):
        raise PermissionDenied(_("您不能删除此节点：只有其责任部门或规划牵头部门可以删除。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("删除节点须填写原因。")})
    return soft_delete(milestone, user=user, reason=reason, expected_version=expected_version)


def roadmap_of(owner: Task | KeyProject):
    key = "task" if isinstance(owner, Task) else "project"
    return Milestone.objects.filter(**{key: owner}).select_related("department")


def move_milestone(user, milestone: Milestone, step: int) -> None:
    """Swap ``milestone`` with its neighbour above (step -1) or below (+1); both versioned."""
    if not allowed(user, "change", milestone):
        raise PermissionDenied(_("您不能调整此节点的顺序。"))
    owner = milestone.task or milestone.project
    ordered = list(roadmap_of(owner).order_by("order", "due", "pk"))
    at = next(i for i, m in enumerate(ordered) if m.pk == milestone.pk)
    other = at + step
    if not 0 <= other < len(ordered):
        return
    ordered[at], ordered[other] = ordered[other], ordered[at]
    with transaction.atomic():
        for n, m in enumerate(ordered, start=1):
            if m.order != n:
                m.order = n
                save_tracked(m, user=user, reason=_("调整节点顺序"))


# -- reporting in a round ---------------------------------------------------------------------


def latest_reports(
    milestones, *, up_to: ReportingRound | None = None, approved_only: bool = True
) -> dict[int, MilestoneReport]:
    """The most recent report of each milestone (of rounds no later than ``up_to``'s year):
    the most recent *approved* one, as only approved reports set a task's state (a draft, a
    submission or a return does not count), unless ``approved_only`` is False."""
    reports = MilestoneReport.objects.filter(milestone__in=milestones).select_related("round")
    if approved_only:
        reports = reports.filter(status=ReviewStatus.APPROVED)
    if up_to is not None:
        reports = reports.filter(round__plan_id=up_to.plan_id, round__year__lte=up_to.year)
    latest: dict[int, MilestoneReport] = {}
    for r in reports.order_by("round__year", "round__deadline", "updated_at"):
        latest[r.milestone_id] = r
    return latest


def record_milestone(
    user,
    round: ReportingRound,
    milestone: Milestone,
    *,
    state: str,
    note: str = "",
    done_on: dt.date | None = None,
    expected_version: int | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> MilestoneReport:
    """Create or update the round's report on ``milestone`` (its owner department's): a draft
    that the department submits with its other drafts (reporting.bulk.submit)."""
    if milestone.plan_id != round.plan_id:
        raise ValidationError(_("节点不属于本轮次的规划。"))
    report = MilestoneReport.objects.filter(round=round, milestone=milestone).first()
    _check_may_report(user, round, report, milestone)
    if state == rule.DONE and done_on is None:
        raise ValidationError({"done_on": _("已完成的节点须填写完成日期。")})
    if state != rule.DONE and done_on is not None:
        raise ValidationError({"done_on": _("只有已完成的节点填写完成日期。")})
    if done_on and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完成日期不能晚于今天。")})
    if report is None:
        report = MilestoneReport(round=round, milestone=milestone, is_demo=is_demo)
    elif report.status == ReviewStatus.APPROVED and not reason:
        raise ValidationError(_("修改已审核的数据须填写原因。"))
    report.state, report.note, report.done_on = state, note or "", done_on
    report.entered_by = user if user and user.is_authenticated else None
    if report.status == ReviewStatus.RETURNED:
        report.status = ReviewStatus.DRAFT  # corrected: a draft again, to be submitted
    report.full_clean(exclude=["round", "milestone", "entered_by"], validate_unique=False)
    return save_tracked(report, user=user, reason=reason, expected_version=expected_version)


def record_project(
    user,
    round: ReportingRound,
    project: KeyProject,
    *,
    year_invested: float | None,
    cumulative_invested: float | None,
    actual_start: dt.date | None = None,
    actual_finish: dt.date | None = None,
    is_late: bool = False,
    note: str = "",
    expected_version: int | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> ProjectReport:
    """Create or update the round's figures of ``project``; its dates and cumulative
    investment are carried to the project (versioned) so every page reads one state."""
    if project.plan_id != round.plan_id:
        raise ValidationError(_("项目不属于本轮次的规划。"))
    report = ProjectReport.objects.filter(round=round, project=project).first()
    _check_may_report(user, round, report, project)
    errors = {}
    for name, value in (
        ("year_invested", year_invested),
        ("cumulative_invested", cumulative_invested),
    ):
        if value is not None and value < 0:
            errors[name] = _("投资额不能为负数。")
    both = year_invested is not None and cumulative_invested is not None
    if both and cumulative_invested + 1e-9 < year_invested:
        errors["cumulative_invested"] = _("累计完成投资不能小于本年完成投资。")
    if actual_start and actual_finish and actual_finish < actual_start:
        errors["actual_finish"] = _("实际竣工日期不能早于实际开工日期。")
    if errors:
        raise ValidationError(errors)
    if report is None:
        report = ProjectReport(round=round, project=project, is_demo=is_demo)
    report.year_invested, report.cumulative_invested = year_invested, cumulative_invested
    report.actual_start, report.actual_finish = actual_start, actual_finish
    report.is_late, report.note = bool(is_late), note or ""
    report.entered_by = user if user and user.is_authenticated else None
    with transaction.atomic():
        saved = save_tracked(report, user=user, reason=reason, expected_version=expected_version)
        _carry_to_project(user, project, saved, reason)
    return saved


def _carry_to_project(user, project: KeyProject, report: ProjectReport, reason: str) -> None:
    project.refresh_from_db()
    before = (project.invested, project.actual_start, project.actual_finish, project.progress)
    if report.cumulative_invested is not None:
        project.invested = report.cumulative_invested
    project.actual_start = report.actual_start or project.actual_start
    project.actual_finish = report.actual_finish or project.actual_finish
    if project.actual_finish:
        project.progress = Progress.COMPLETED
    elif report.is_late:
        project.progress = Progress.DELAYED
    elif project.actual_start:
        project.progress = Progress.IN_PROGRESS
    after = (project.invested, project.actual_start, project.actual_finish, project.progress)
    if before != after:
        save_tracked(project, user=user, reason=reason or _("报送轮次进展"))


def _check_may_report(user, round: ReportingRound, existing, target) -> None:
    if existing is not None:
        if not allowed(user, "change", existing):
            if getattr(existing, "status", ReviewStatus.DRAFT) not in EDITABLE:
                raise PermissionDenied(
                    _("这份节点进展已报送或已审核，不能修改（审核退回后可以修改）。")
                )
            raise PermissionDenied(_("您不能修改这份进展（不是本部门的，或轮次已关闭）。"))
        return
    if not allowed(user, "report", target):
        raise PermissionDenied(_("只有责任部门可以填报此进展。"))
    if not (round.is_open or role_of(user) in MANAGE):
        raise PermissionDenied(_("本轮次未开放填报。"))


# -- states and lists -------------------------------------------------------------------------


def facts(milestone: Milestone, report: MilestoneReport | None) -> rule.MilestoneFacts:
    return rule.MilestoneFacts(
        due=milestone.due,
        state=report.state if report else None,
        done_on=report.done_on if report else None,
    )


def task_states(tasks, today: dt.date | None = None) -> dict[int, str | None]:
    """Each task's state from its milestones (planwatch.assess.milestones.task_state)."""
    today = today or timezone.localdate()
    milestones = list(Milestone.objects.filter(task__in=tasks))
    latest = latest_reports(milestones)
    by_task: dict[int, list] = {}
    for m in milestones:
        by_task.setdefault(m.task_id, []).append(facts(m, latest.get(m.pk)))
    return {t.pk: rule.task_state(by_task.get(t.pk, []), today) for t in tasks}


def overdue_milestones(
    plan=None, *, today: dt.date | None = None, department=None, user=None
) -> list[Milestone]:
    """Milestones past their due date and not reported done, oldest first (with ``report``
    set to the latest report): for the dashboard and the reminders. ``user`` limits them to
    what that user may see."""
    today = today or timezone.localdate()
    rows = Milestone.objects.filter(due__lt=today, plan__deleted_at__isnull=True)
    if user is not None:
        rows = rows.restrict(user, "view")
    if plan is not None:
        rows = rows.filter(plan=plan)
    if department is not None:
        rows = rows.filter(department=department)
    # Not the plan's parsed source (a JSON document of the whole outline) on every row.
    rows = rows.select_related("task", "project", "department", "plan").defer(
        "plan__source_json", "plan__indicator_notes"
    )
    rows = list(rows.order_by("due", "pk"))
    latest = latest_reports(rows)
    found = []
    for m in rows:
        m.report = latest.get(m.pk)
        if rule.is_overdue(facts(m, m.report), today):
            found.append(m)
    return found


def project_facts(project: KeyProject, reports=None) -> project_rule.ProjectFacts:
    """A project and its reported figures as planwatch.assess.projects sees them."""
    reports = list(reports if reports is not None else project.reports.select_related("round"))
    invested, cumulative = {}, {}
    late = False
    for r in sorted(reports, key=lambda r: (r.round.year, r.round.deadline)):
        if r.year_invested is not None:
            invested[r.round.year] = r.year_invested
        if r.cumulative_invested is not None:
            cumulative[r.round.year] = r.cumulative_invested
        late = r.is_late
    return project_rule.ProjectFacts(
        name=project.name,
        planned_start=project.planned_start,
        planned_finish=project.planned_finish,
        actual_start=project.actual_start,
        actual_finish=project.actual_finish,
        total_investment=project.investment,
        planned_by_year={int(y): float(v) for y, v in (project.planned_by_year or {}).items()},
        invested_by_year=invested,
        cumulative_by_year=cumulative,
        reported_late=late or project.progress == Progress.DELAYED,
    )


def plan_projects(plan, user=None):
    """The plan's projects (those ``user`` may see) with their facts for the rules."""
    rows = KeyProject.objects.filter(plan=plan)
    if user is not None:
        rows = rows.restrict(user, "view")
    rows = list(rows.select_related("department", "task__chapter").order_by("code", "name"))
    figures = ProjectReport.objects.filter(project__in=rows)
    if user is not None:
        figures = figures.restrict(user, "view")
    reports: dict[int, list] = {}
    for r in figures.select_related("round"):
        reports.setdefault(r.project_id, []).append(r)
    return [(p, project_facts(p, reports.get(p.pk, []))) for p in rows]
