"""What each department owes in a round, what is done, and what is overdue.

A duty is one figure (an item the department leads) or one progress report (a task it leads or
supports) in one round. The round page, the reporter's to-do list, the coordinator's overdue
list and the per-department completion all come from :func:`duty_rows`, a queryset: filtered,
sorted and paged in the database, since a real zone's round has thousands of duties.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
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


def duty_rows(
    round: ReportingRound, *, department: Department | None = None, today: dt.date | None = None
) -> QuerySet:
    """A round's duties as one queryset of assignments, each annotated with its record's id and
    status, whether it is overdue, and its target's kind, code, title and order.

    The lists filter (reporting.filtersets.DutyFilter), sort, count and page it in the
    database, so a round of thousands of duties reads only the page it shows
    (:func:`duties_of`) and counts per department with one grouped query (:func:`completion`).
    """
    today = today or timezone.localdate()
    # Unordered: the models' default orderings would join plans and departments per row.
    figures = Observation.objects.filter(
        item_id=OuterRef("item_id"), year=round.year, period=round.period
    ).order_by()
    reports = TaskProgress.objects.filter(
        round_id=round.pk, task_id=OuterRef("task_id"), department_id=OuterRef("department_id")
    ).order_by()
    is_item = Q(item_id__isnull=False)
    rows = round_assignments(round)
    if department is not None:
        rows = rows.filter(department=department)
    # The lead department enters an item's figure; its supporters see it, owing nothing.
    rows = rows.filter(~is_item | Q(role=AssignmentRole.LEAD))
    rows = rows.annotate(
        record_id=Case(
            When(is_item, then=Subquery(figures.values("pk")[:1])),
            default=Subquery(reports.values("pk")[:1]),
        ),
        record_status=Coalesce(
            Case(
                When(is_item, then=Subquery(figures.values("status")[:1])),
                default=Subquery(reports.values("status")[:1]),
            ),
            Value(MISSING),
        ),
        kind=Case(When(is_item, then=Value("item")), default=Value("task")),
        target_code=Coalesce("item__code", "task__code"),
        target_title=Coalesce("item__name", "task__title"),
        target_order=Coalesce("item__order", "task__order"),
    )
    late = round.is_overdue(today)
    return rows.annotate(
        done=Case(
            When(record_status__in=list(DONE), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        overdue=Case(
            When(record_status__in=list(DONE), then=Value(False)),
            default=Value(late),
            output_field=BooleanField(),
        ),
        round_id=Value(round.pk),
    ).order_by("department__name", "kind", "item__kind", "target_order", "pk")


def duties_of(
    rounds: ReportingRound | dict[int, ReportingRound], rows, *, today: dt.date | None = None
) -> list[Duty]:
    """The :class:`Duty` of each row of :func:`duty_rows` (usually one page of them, maybe of
    several rounds: ``rounds`` by id): the departments, targets and records read in one query
    each, never one per row."""
    today = today or timezone.localdate()
    if isinstance(rounds, ReportingRound):
        rounds = {rounds.pk: rounds}
    rows = list(rows)
    departments = Department.all_objects.only("name").in_bulk({r.department_id for r in rows})
    items = MeasurableItem.all_objects.only("code", "name", "order", "plan_id").in_bulk(
        {r.item_id for r in rows if r.item_id is not None}
    )
    tasks = Task.all_objects.only("code", "title", "order", "plan_id").in_bulk(
        {r.task_id for r in rows if r.task_id is not None}
    )
    # Each round's records of the page's targets: as many queries whether or not they exist.
    figures: dict[int, Observation] = {}
    reports: dict[int, TaskProgress] = {}
    for round_id in {r.round_id for r in rows}:
        round = rounds[round_id]
        item_ids = {r.item_id for r in rows if r.round_id == round_id and r.item_id}
        task_ids = {r.task_id for r in rows if r.round_id == round_id and r.task_id}
        if item_ids:
            found = Observation.objects.filter(
                item_id__in=item_ids, year=round.year, period=round.period
            )
            figures.update((o.pk, o) for o in found.defer("note"))
        if task_ids:
            departments_ids = {r.department_id for r in rows if r.round_id == round_id}
            found = TaskProgress.objects.filter(
                round_id=round_id, task_id__in=task_ids, department_id__in=departments_ids
            )
            reports.update((p.pk, p) for p in found.defer("narrative"))
    duties = []
    for r in rows:
        if r.item_id is not None:
            target, record = items[r.item_id], figures.get(r.record_id)
        else:
            target, record = tasks[r.task_id], reports.get(r.record_id)
        duties.append(
            Duty(
                rounds[r.round_id],
                departments[r.department_id],
                r.kind,
                target,
                r.role,
                record,
                today,
            )
        )
    return duties


def round_duties(
    round: ReportingRound, *, department: Department | None = None, today: dt.date | None = None
) -> list[Duty]:
    """Every duty of the round (the reminders count them per department)."""
    return duties_of(round, duty_rows(round, department=department, today=today), today=today)


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


def current_first(rounds) -> list[ReportingRound]:
    """Open rounds in the order a to-do list groups them: the current one (the latest year,
    then the nearest deadline) first, older ones still open after it."""
    return sorted(rounds, key=lambda r: (-r.year, r.deadline, r.pk))


def overdue_and_completion(round: ReportingRound, *, today: dt.date | None = None):
    """The overdue duties of a round (a queryset) and its per-department completion."""
    rows = duty_rows(round, today=today)
    return rows.filter(overdue=True), completion(round, today=today)


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
    round: ReportingRound,
    *,
    today: dt.date | None = None,
    department: Department | None = None,
) -> list[Completion]:
    """Per department: how many duties, submitted, approved, returned, overdue — counted from
    one query of (department, status) pairs, whatever the number of duties."""
    today = today or timezone.localdate()
    rows = duty_rows(round, department=department, today=today).order_by()
    pairs = Counter(rows.values_list("department_id", "record_status"))
    departments = Department.all_objects.only("name").in_bulk({d for d, _ in pairs})
    late = round.is_overdue(today)
    table: dict[int, Completion] = {}
    for (department_id, status), n in pairs.items():
        c = table.setdefault(department_id, Completion(departments[department_id]))
        c.total += n
        c.submitted += n if status == ReviewStatus.SUBMITTED else 0
        c.approved += n if status == ReviewStatus.APPROVED else 0
        c.returned += n if status == ReviewStatus.RETURNED else 0
        c.overdue += n if late and status not in DONE else 0
    return sorted(table.values(), key=lambda c: c.department.name)
