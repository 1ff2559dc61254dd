"""A roadmap on the shared county plan: science leads M1 (env supports it), env leads M3.

Milestones of M1 (science): 方案 due 2023-03-31, 试点 due 2023-09-30; of M3 (env): 验收 due
2024-06-30. One project, 示例园区 (science), total 10 亿元, 2023 plan 4 亿元.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Task
from planwatch.web.reporting.models import KeyProject
from planwatch.web.reporting.services import workflow
from planwatch.web.roadmap import services


@pytest.fixture
def roadmap(open_round, users, departments):
    plan = open_round.plan
    tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
    science, env = users["reporter"], users["other_reporter"]
    plan_m1 = services.add_milestone(science, tasks["M1"], what="方案", due=dt.date(2023, 3, 31))
    pilot = services.add_milestone(science, tasks["M1"], what="试点", due=dt.date(2023, 9, 30))
    check = services.add_milestone(env, tasks["M3"], what="验收", due=dt.date(2024, 6, 30))
    project = save_tracked(
        KeyProject(
            plan=plan,
            code="XM01",
            name="示例园区",
            task=tasks["M1"],
            department=departments["science"],
            investment=10.0,
            planned_by_year={"2023": 4.0},
            planned_start=dt.date(2023, 1, 1),
            planned_finish=dt.date(2024, 12, 31),
        )
    )

    def report_approved(user, round, milestone, **fields):
        """A report entered by ``user``, submitted by them and approved by the coordinator:
        only approved reports set a task's state."""
        report = services.record_milestone(user, round, milestone, **fields)
        workflow.submit(user, [report])
        workflow.approve(users["coordinator"], [report])
        report.refresh_from_db()
        return report

    return SimpleNamespace(
        report_approved=report_approved,
        plan=plan,
        round=open_round,
        tasks=tasks,
        plan_m1=plan_m1,
        pilot=pilot,
        check=check,
        project=project,
        users=users,
    )
