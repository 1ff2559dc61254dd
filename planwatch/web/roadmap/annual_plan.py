"""What the annual implementation plan (年度实施计划) needs of roadmaps and projects, as plain
data: a department's milestones due in a year and its projects with the year's figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planwatch.web.annual.services import contribute_rows
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap import services
from planwatch.web.roadmap.choices import MilestoneState
from planwatch.web.roadmap.models import Milestone


@dataclass(frozen=True)
class YearMilestone:
    owner_code: str  # the task's code, or the project's code (else its name)
    owner_title: str
    what: str
    due: dt.date
    evidence: str
    department: str
    state: str | None  # the latest reported state (planwatch.assess.milestones), None if none


@dataclass(frozen=True)
class YearProject:
    code: str
    name: str
    task_code: str | None
    department: str | None
    total_investment: float | None
    planned_investment: float | None  # the year's planned investment
    planned_start: dt.date | None
    planned_finish: dt.date | None
    starts_this_year: bool
    finishes_this_year: bool
    milestones: tuple[YearMilestone, ...]


def _year_milestone(m: Milestone, report) -> YearMilestone:
    owner = m.task or m.project
    return YearMilestone(
        owner_code=m.owner_code,
        owner_title=getattr(owner, "title", None) or owner.name,
        what=m.what,
        due=m.due,
        evidence=m.evidence,
        department=m.department.name,
        state=report.state if report else None,
    )


def milestones_in_year(plan, year: int, department=None) -> list[YearMilestone]:
    """The plan's task milestones due in ``year`` (of ``department`` if given), in task order."""
    rows = Milestone.objects.filter(plan=plan, task__isnull=False, due__year=year)
    if department is not None:
        rows = rows.filter(department=department)
    rows = list(rows.select_related("task", "department").order_by("task__order", "order", "due"))
    latest = services.latest_reports(rows)
    return [_year_milestone(m, latest.get(m.pk)) for m in rows]


def projects_in_year(plan, year: int, department=None) -> list[YearProject]:
    """The plan's projects under way in ``year`` (started by its end and not finished before
    it, by plan), with the year's planned investment and milestones due in it."""
    rows = KeyProject.objects.filter(plan=plan)
    if department is not None:
        rows = rows.filter(department=department)
    found = []
    for p in rows.select_related("task", "department").order_by("code", "name"):
        start, finish = p.planned_start, p.planned_finish
        outside = (start and start.year > year) or (finish and finish.year < year)
        if outside and p.planned_in(year) is None:
            continue
        milestones = list(p.milestones.filter(due__year=year).select_related("department"))
        latest = services.latest_reports(milestones)
        found.append(
            YearProject(
                code=p.code,
                name=p.name,
                task_code=p.task.code if p.task else None,
                department=p.department.name if p.department else None,
                total_investment=p.investment,
                planned_investment=p.planned_in(year),
                planned_start=start,
                planned_finish=finish,
                starts_this_year=bool(start and start.year == year),
                finishes_this_year=bool(finish and finish.year == year),
                milestones=tuple(_year_milestone(m, latest.get(m.pk)) for m in milestones),
            )
        )
    return found


# --- the annual plan's sections (annual.services.MORE_ROWS) --------------------------------


def _state_label(state: str | None) -> str:
    return str(MilestoneState(state).label) if state else str(MilestoneState.NOT_STARTED.label)


def milestone_rows(plan, department, year: int, user) -> list[tuple]:
    """The department's task milestones due in the year: 任务, 节点, 完成时限, 佐证材料, 进展."""
    return [
        (
            f"{m.owner_code} {m.owner_title}",
            m.what,
            m.due.isoformat(),
            m.evidence or "—",
            _state_label(m.state),
        )
        for m in milestones_in_year(plan, year, department)
    ]


def project_rows(plan, department, year: int, user) -> list[tuple]:
    """The department's projects under way in the year, with the year's planned investment."""
    return [
        (
            f"{p.code} {p.name}".strip(),
            p.task_code or "—",
            "—" if p.planned_investment is None else f"{p.planned_investment:g}",
            p.planned_start.isoformat() if p.planned_start else "—",
            p.planned_finish.isoformat() if p.planned_finish else "—",
            "；".join(f"{m.what}（{m.due.isoformat()}）" for m in p.milestones) or "—",
        )
        for p in projects_in_year(plan, year, department)
    ]


def register() -> None:
    contribute_rows("milestones", milestone_rows)
    contribute_rows("projects", project_rows)
