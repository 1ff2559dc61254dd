"""Each task's published progress, by chapter: the last approved word of each department.

The same reading as the dashboard's chapter table (``dashboard.tasks.task_state``), but per
task and from what the public may see: approved reports of published rounds up to the round
shown. A report's narrative is shown as the department wrote it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from planwatch.web.dashboard.tasks import UNREPORTED, task_state
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import Node, Plan, Task
from planwatch.web.portal.published import PUBLIC
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import ReportingRound, TaskProgress


@dataclass
class TaskLine:
    task: Task
    state: str = UNREPORTED
    percent: float | None = None
    #: (department, round, percent, narrative) of each department's latest approved report.
    reports: list[tuple] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return _("未报告") if self.state == UNREPORTED else Progress(self.state).label


@dataclass
class ChapterTasks:
    chapter: Node
    lines: list[TaskLine]


def tasks_by_chapter(plan: Plan, round: ReportingRound | None) -> list[ChapterTasks]:
    chapters = Node.objects.restrict(PUBLIC, "view").filter(plan=plan, level=NodeLevel.CHAPTER)
    tasks = Task.objects.restrict(PUBLIC, "view").filter(plan=plan).order_by("order")
    reports = (
        TaskProgress.objects.restrict(PUBLIC, "view")
        .filter(
            status=ReviewStatus.APPROVED,
            task__plan=plan,
            round__year__lte=round.year if round else 0,
        )
        .select_related("department", "round")
        .order_by("round__year", "round__deadline", "updated_at")
    )
    latest: dict[tuple[int, int | None], TaskProgress] = {}
    for report in reports:
        latest[(report.task_id, report.department_id)] = report  # a later round overwrites
    by_task: dict[int, list[TaskProgress]] = defaultdict(list)
    for (task_id, _d), report in latest.items():
        by_task[task_id].append(report)
    lines: dict[int, list[TaskLine]] = defaultdict(list)
    for task in tasks:
        found = by_task.get(task.pk, [])
        line = TaskLine(task, task_state([(r.percent, r.progress) for r in found]))
        if found:
            line.percent = sum(r.percent for r in found) / len(found)
            line.reports = [(r.department, r.round, r.percent, r.narrative) for r in found]
        lines[task.chapter_id].append(line)
    return [ChapterTasks(c, lines[c.pk]) for c in chapters.order_by("order") if lines[c.pk]]
