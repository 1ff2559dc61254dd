"""Task progress per chapter and each department's share of the current round.

A task with milestones (时间表和路线图) follows its milestones (planwatch.assess.milestones):
done → completed, late → delayed, on schedule → in progress once a milestone is reported started
or done (not started when only 未开始 is reported, not reported when nothing is), with the latest
milestone reports of the round shown or earlier, as of the end of that round's year (or today,
if sooner); its percentage is the share of its milestones done.

Any other task's state comes from the latest approved progress report of each assigned
department, in the round shown or an earlier one (a task's progress is cumulative, so the last
approved word stands until a newer one is approved): delayed if any department reports a delay,
completed when every report says completed, in progress when any work has started, otherwise not
started. See docs/dashboards.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from planwatch.assess import milestones as roadmap_rule
from planwatch.web.core.roles import Role
from planwatch.web.core.rules import role_of
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Assignment, Department, Node, Plan, Task
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import ReportingRound, TaskProgress
from planwatch.web.reporting.services.duties import Completion, completion
from planwatch.web.roadmap.models import Milestone, MilestoneReport

#: Task states in the order the table shows them; "unreported" has no approved report yet.
UNREPORTED = "unreported"


@dataclass
class ChapterProgress:
    chapter: Node
    tasks: int = 0
    completed: int = 0
    in_progress: int = 0
    delayed: int = 0
    not_started: int = 0
    unreported: int = 0
    #: Mean completion percentage over the tasks with an approved report (None: none has one).
    percent: float | None = None

    @property
    def reported(self) -> int:
        return self.tasks - self.unreported


def task_state(reports: list[tuple[int, str]]) -> str:
    """One task's state from its approved reports, each (percent, progress state)."""
    if not reports:
        return UNREPORTED
    states = {state for _, state in reports}
    if Progress.DELAYED in states:
        return Progress.DELAYED
    if states == {Progress.COMPLETED}:
        return Progress.COMPLETED
    if states & {Progress.IN_PROGRESS, Progress.COMPLETED}:
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


#: A task's state from its milestones, as the chapter table counts it.
BY_MILESTONES = {roadmap_rule.DONE: Progress.COMPLETED, roadmap_rule.LATE: Progress.DELAYED}


def milestone_states(user, tasks, round: ReportingRound | None) -> dict[int, tuple[str, float]]:
    """(state, percent done) of each task of ``tasks`` that has milestones ``user`` may see."""
    milestones = list(
        Milestone.objects.restrict(user, "view").filter(task__in=tasks).only("pk", "task_id", "due")
    )
    if not milestones:
        return {}
    # Only approved reports count (methodology §16a): a draft, submission or return does not.
    reports = MilestoneReport.objects.restrict(user, "view").filter(
        milestone__in=milestones,
        round__year__lte=round.year if round else 0,
        status=ReviewStatus.APPROVED,
    )
    latest: dict[int, tuple[str, dt.date | None]] = {}
    rows = reports.order_by("round__year", "round__deadline", "updated_at").values_list(
        "milestone_id", "state", "done_on"
    )
    for milestone_id, state, done_on in rows:
        latest[milestone_id] = (state, done_on)  # a later round overwrites
    today = timezone.localdate()
    as_of = min(today, dt.date(round.year, 12, 31)) if round else today
    by_task: dict[int, list] = defaultdict(list)
    for m in milestones:
        state, done_on = latest.get(m.pk, (None, None))
        by_task[m.task_id].append(roadmap_rule.MilestoneFacts(m.due, state, done_on))
    found = {}
    for task_id, facts in by_task.items():
        state = roadmap_rule.task_state(facts, as_of)
        reported = {f.state for f in facts if f.state}
        if state in BY_MILESTONES:
            shown = BY_MILESTONES[state]
        elif reported & {roadmap_rule.IN_PROGRESS, roadmap_rule.DONE}:
            shown = Progress.IN_PROGRESS
        else:
            shown = Progress.NOT_STARTED if reported else UNREPORTED
        done = sum(f.state == roadmap_rule.DONE for f in facts)
        found[task_id] = (shown, 100 * done / len(facts))
    return found


def chapter_progress(
    user,
    plan: Plan,
    round: ReportingRound | None,
    *,
    chapter: Node | None = None,
    department_id: int | None = None,
) -> list[ChapterProgress]:
    """Per chapter: how many tasks, in which state, how far on average, as of ``round``."""
    chapters = (
        Node.objects.restrict(user, "view")
        .filter(plan=plan, level=NodeLevel.CHAPTER)
        .only("pk", "number", "title", "order")
    )
    if chapter is not None:
        chapters = chapters.filter(pk=chapter.pk)
    tasks = Task.objects.restrict(user, "view").filter(plan=plan)
    reports = TaskProgress.objects.restrict(user, "view").filter(
        status=ReviewStatus.APPROVED, task__plan=plan, round__year__lte=round.year if round else 0
    )
    if department_id is not None:
        assigned = Assignment.objects.filter(department_id=department_id, task__isnull=False)
        tasks = tasks.filter(pk__in=assigned.values("task_id"))
        reports = reports.filter(department_id=department_id)
    latest: dict[tuple[int, int | None], tuple[int, str]] = {}
    rows = reports.order_by("round__year", "round__deadline", "updated_at").values_list(
        "task_id", "department_id", "percent", "progress"
    )
    for task_id, department, percent, state in rows:
        latest[(task_id, department)] = (percent, state)  # a later round overwrites
    by_task: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (task_id, _department), report in latest.items():
        by_task[task_id].append(report)
    table = {c.pk: ChapterProgress(c) for c in chapters.order_by("order")}
    percents: dict[int, list[float]] = defaultdict(list)
    by_milestones = milestone_states(user, tasks, round)
    for task_id, chapter_id in tasks.values_list("pk", "chapter_id"):
        row = table.get(chapter_id)
        if row is None:
            continue
        row.tasks += 1
        if task_id in by_milestones:
            state, percent = by_milestones[task_id]
            setattr(row, state, getattr(row, state) + 1)
            if state != UNREPORTED:
                percents[chapter_id].append(percent)
            continue
        state = task_state(by_task[task_id])
        setattr(row, state, getattr(row, state) + 1)
        if by_task[task_id]:
            percents[chapter_id].append(sum(p for p, _ in by_task[task_id]) / len(by_task[task_id]))
    for chapter_id, values in percents.items():
        table[chapter_id].percent = sum(values) / len(values)
    return [r for r in table.values() if r.tasks]


def department_completion(
    user, round: ReportingRound | None, *, department_id: int | None = None
) -> list[Completion]:
    """Each department's duties in ``round``: submitted, approved, returned, overdue.

    A reporter sees only their own department's line.
    """
    if round is None:
        return []
    if role_of(user) == Role.REPORTER:
        department_id = user.department_id
    if department_id is None:
        return completion(round)
    department = Department.all_objects.filter(pk=department_id).first()
    return completion(round, department=department) if department else []
