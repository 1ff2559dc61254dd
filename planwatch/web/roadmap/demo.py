"""Demo roadmaps and major projects (every figure 示例数据): milestones for a handful of tasks —
most done on time, one late — and projects with planned and reported investment per year."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, Task
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import KeyProject, ReportingRound
from planwatch.web.roadmap import services

NOTE = "示例数据：合成的节点和进展，仅供演示。"
#: (total investment, planned start, planned finish, planned per year, invested per year)
PROJECTS = (
    (12.0, dt.date(2021, 3, 1), dt.date(2023, 12, 31),
     {2021: 3.0, 2022: 5.0, 2023: 4.0}, {2021: 2.8, 2022: 5.1, 2023: 3.6}),
    (20.0, dt.date(2021, 6, 1), dt.date(2025, 6, 30),
     {2021: 2.0, 2022: 4.0, 2023: 5.0, 2024: 5.0, 2025: 4.0}, {2021: 1.5, 2022: 3.2, 2023: 2.1}),
    (8.0, dt.date(2022, 3, 1), dt.date(2024, 12, 31),
     {2022: 2.0, 2023: 3.0, 2024: 3.0}, {}),  # never started: off schedule on screen
)  # fmt: skip


def load_roadmap_demo(plan, user, today: dt.date) -> None:
    """Milestones of the plan's first five tasks and three projects, with round reports."""
    rounds = {r.year: r for r in ReportingRound.objects.filter(plan=plan)}
    tasks = [
        t
        for t in Task.objects.filter(plan=plan).order_by("order")
        if Assignment.objects.filter(task=t, role="lead").exists()
    ][:5]
    later = max(dt.date(2023, 12, 31), today + dt.timedelta(days=180))
    for n, task in enumerate(tasks):
        title = task.title.rstrip("。")[:24]
        steps = [
            (f"示例数据：制定{title}工作方案", dt.date(2021, 12, 31), "工作方案印发文件"),
            (f"示例数据：{title}年度重点工作完成", dt.date(2022, 12, 31), "年度工作总结"),
            (
                f"示例数据：{title}阶段目标达成",
                later if n != 3 else dt.date(2023, 6, 30),
                "验收材料",
            ),
        ]
        if n == 4:  # the late one: its second step slipped past its date
            steps[1] = (f"示例数据：{title}配套政策出台", dt.date(2022, 6, 30), "政策文件")
        milestones = [
            services.add_milestone(user, task, what=w, due=d, evidence=e, reason=NOTE, is_demo=True)
            for w, d, e in steps
        ]
        _report(user, rounds, milestones, late=n == 4, all_done=n == 3)
    _projects(plan, user, rounds, tasks)


def _report(user, rounds, milestones, *, late: bool, all_done: bool) -> None:
    first, second, third = milestones
    plan = {
        2021: [(first, "done", dt.date(2021, 11, 20)), (second, "in_progress", None)],
        2022: [(second, "late", None) if late else (second, "done", dt.date(2022, 12, 10))],
        2023: [(third, "done", dt.date(2023, 6, 15)) if all_done else (third, "in_progress", None)],
    }
    if late:
        plan[2023].append((second, "in_progress", None))
    for year, entries in plan.items():
        round = rounds.get(year)
        if round is None:
            continue
        for milestone, state, done_on in entries:
            _approved_report(user, round, milestone, state=state, done_on=done_on)


def _projects(plan, user, rounds, tasks) -> None:
    for n, (total, start, finish, planned, invested) in enumerate(PROJECTS, start=1):
        task = tasks[(n - 1) % len(tasks)] if tasks else None
        project = save_tracked(
            KeyProject(
                plan=plan,
                code=f"XM{n:02d}",
                name=f"示例重大项目{n}（{task.title.rstrip('。')[:20] if task else '示例'}）",
                task=task,
                department=services.lead_of(task) if task else None,
                investment=total,
                planned_by_year={str(y): v for y, v in planned.items()},
                planned_start=start,
                planned_finish=finish,
                percent=min(100, int(sum(invested.values()) / total * 100)),
                progress=Progress.IN_PROGRESS if invested else Progress.NOT_STARTED,
                note="示例数据：合成的项目信息，仅供演示。",
                is_demo=True,
            ),
            user=user,
            reason="示例数据",
        )
        steps = []
        if project.department is not None:
            steps = [
                services.add_milestone(
                    user, project, what=what, due=due, evidence=evidence, reason=NOTE, is_demo=True
                )
                for what, due, evidence in (
                    ("示例数据：项目开工", start, "施工许可证"),
                    ("示例数据：主体工程竣工", finish, "竣工验收报告"),
                )
            ]
        cumulative = 0.0
        for year in sorted(invested):
            round = rounds.get(year)
            if round is None:
                continue
            cumulative = round_to(cumulative + invested[year])
            done = finish if finish.year == year else None
            services.record_project(
                user,
                round,
                project,
                year_invested=invested[year],
                cumulative_invested=cumulative,
                actual_start=start + dt.timedelta(days=45),
                actual_finish=done,
                is_late=n == 2 and year == 2023,
                note=f"示例数据：{year}年完成投资{invested[year]:g}亿元。",
                is_demo=True,
            )
            for milestone, day in zip(steps, (start + dt.timedelta(days=45), done), strict=True):
                if day is not None and (milestone.due.year == year or day == done):
                    _approved_report(user, round, milestone, state="done", done_on=day)


def _approved_report(user, round, milestone, *, state: str, done_on) -> None:
    """A milestone report entered through the service, then stored as approved (only approved
    reports set a task's state), as the demo's figures are: no one is told of a review."""
    report = services.record_milestone(
        user, round, milestone, state=state, done_on=done_on, note=NOTE, reason=NOTE, is_demo=True
    )
    if report.status != ReviewStatus.APPROVED:
        now = timezone.now()
        report.status = ReviewStatus.APPROVED
        report.submitted_by, report.submitted_at = user, now
        report.reviewed_by, report.reviewed_at = user, now
        save_tracked(report, user=user, reason=NOTE)


def round_to(value: float) -> float:
    return round(value, 2)
