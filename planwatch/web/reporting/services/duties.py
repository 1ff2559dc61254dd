"""What each department owes in a round, what is done, and what is overdue.

A duty is one figure (an item the department leads) or one progress report (a task it leads or
supports) in one round. The reporter's to-do list, the coordinator's overdue list and the
per-department completion all come from :func:`round_duties`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Task
from planwatch.web.reporting.choices import ReviewStatus, RoundStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress

MISSING = "missing"
DONE = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.APPROVED})


@dataclass
class Duty:
    round: ReportingRound
    department: Department
    kind: str  # "item" | "task"
    target: object  # MeasurableItem | Task
    role: str
    record: Observation | TaskProgress | None
    today: dt.date

    @property
    def status(self) -> str:
        return self.record.status if self.record else MISSING

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def overdue(self) -> bool:
        return not self.done and self.round.is_overdue(self.today)

    @property
    def role_label(self) -> str:
        return AssignmentRole(self.role).label

    @property
    def target_title(self) -> str:
        return getattr(self.target, "name", None) or getattr(self.target, "title", "")

    @property
    def days_left(self) -> int:
        return (self.round.deadline - self.today).days


def round_duties(
    round: ReportingRound, *, department: Department | None = None, today: dt.date | None = None
) -> list[Duty]:
    today = today or timezone.localdate()
    assignments = round_assignments(round)
    if department is not None:
        assignments = assignments.filter(department=department)
    # A plan has hundreds of assignments: read them as plain tuples and load each department,
    # item and task once (with only what a duty shows), not once per assignment.
    rows = list(assignments.values_list("role", "department_id", "item_id", "task_id"))
    departments = Department.all_objects.only("name").in_bulk({r[1] for r in rows})
    items = MeasurableItem.all_objects.only("code", "name", "order", "plan_id").in_bulk(
        {r[2] for r in rows if r[2] is not None}
    )
    tasks = Task.all_objects.only("code", "title", "order", "plan_id").in_bulk(
        {r[3] for r in rows if r[3] is not None}
    )
    observations = {
        o.item_id: o
        for o in Observation.objects.filter(
            round__plan_id=round.plan_id, year=round.year, period=round.period
        ).defer("note")
    }
    progress = {
        (p.task_id, p.department_id): p
        for p in TaskProgress.objects.filter(round=round).defer("narrative")
    }
    duties: list[Duty] = []
    for role, department_id, item_id, task_id in rows:
        dept = departments[department_id]
        if item_id is not None:
            if role != AssignmentRole.LEAD:
                continue  # the lead department enters the figure; supporters see it
            record = observations.get(item_id)
            duties.append(Duty(round, dept, "item", items[item_id], role, record, today))
        else:
            record = progress.get((task_id, department_id))
            duties.append(Duty(round, dept, "task", tasks[task_id], role, record, today))
    duties.sort(key=lambda d: (d.department.name, d.kind, d.target.order))
    return duties


def round_assignments(round: ReportingRound):
    """The assignments that are duties of ``round``: fixed when it opened (those made by then),
    plus the ones the coordinator added to it explicitly; later ones go to the next round."""
    assignments = Assignment.objects.filter(plan_id=round.plan_id)
    if round.opened_at is None:
        return assignments
    return assignments.filter(
        Q(created_at__lte=round.opened_at) | Q(pk__in=round.added_assignments.values("pk"))
    )


def add_to_open_rounds(plan, assignments) -> list[ReportingRound]:
    """Make new ``assignments`` duties of the plan's open rounds too (也加入当前轮次)."""
    rounds = list(ReportingRound.objects.filter(plan=plan, status=RoundStatus.OPEN))
    for round in rounds:
        round.added_assignments.add(*assignments)
    return rounds


def open_rounds(plan=None):
    rounds = ReportingRound.objects.filter(status=RoundStatus.OPEN).select_related("plan")
    return rounds.filter(plan=plan) if plan is not None else rounds


def todo_for(department: Department, *, today: dt.date | None = None) -> list[Duty]:
    """A department's duties in every open round, not yet submitted ones first."""
    duties = [
        d
        for r in open_rounds().order_by("deadline")
        for d in round_duties(r, department=department, today=today)
    ]
    return sorted(duties, key=lambda d: (d.done, d.round.deadline))


def overdue_duties(rounds, *, today: dt.date | None = None) -> list[Duty]:
    return [d for r in rounds for d in round_duties(r, today=today) if d.overdue]


def overdue_and_completion(round: ReportingRound, *, today: dt.date | None = None):
    """Both views of one round's duties, computed once (the overview needs both)."""
    duties = round_duties(round, today=today)
    return [d for d in duties if d.overdue], completion(round, duties=duties)


@dataclass
class Completion:
    department: Department
    total: int = 0
    submitted: int = 0
    approved: int = 0
    returned: int = 0
    overdue: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.submitted - self.approved


def completion(
    round: ReportingRound, *, today: dt.date | None = None, duties: list[Duty] | None = None
) -> list[Completion]:
    """Per department: how many duties, submitted, approved, returned, overdue."""
    by_department: dict[int, Completion] = {}
    for duty in round_duties(round, today=today) if duties is None else duties:
        c = by_department.setdefault(duty.department.pk, Completion(duty.department))
        c.total += 1
        c.submitted += duty.status == ReviewStatus.SUBMITTED
        c.approved += duty.status == ReviewStatus.APPROVED
        c.returned += duty.status == ReviewStatus.RETURNED
        c.overdue += duty.overdue
    return sorted(by_department.values(), key=lambda c: c.department.name)
