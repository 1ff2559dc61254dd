"""Figures, progress and a key project on the shared county plan (tests/web/conftest.py).

Entered through the same workflow services as the web forms: a department records, submits,
the coordinator approves. Some records stay draft or submitted on purpose; their values are
chosen to be unmistakable (777.7, 88.8) so a test can show they never reach a report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Plan, Task
from planwatch.web.reporting.models import KeyProject, Observation, ReportingRound
from planwatch.web.reporting.services import workflow

#: Approved figures: (round year, item, value, unit, source).
APPROVED = (
    (2022, "I2", 61.2, "%", "县统计局统计年鉴2022"),
    (2023, "T1", 150.0, "家", "县科学技术局台账"),
)
#: Never approved: (item, value, final state) in the 2023 round.
UNAPPROVED = (("I1", 777.7, "submitted"), ("I2", 88.8, "draft"))
APPROVED_PROGRESS = "孵化器二期主体完工，新认定高新技术企业12家"
#: The supporting department's word on M1, approved a year earlier (2022 round).
SUPPORT_PROGRESS = "配合完成孵化器用地环评"
UNAPPROVED_PROGRESS = "尚未审核的进展叙述"


@dataclass
class Reported:
    plan: Plan
    rounds: dict[int, ReportingRound]

    def figure(self, code: str, year: int) -> Observation:
        return Observation.objects.get(item__plan=self.plan, item__code=code, year=year)


@pytest.fixture
def reported(assigned, open_round, departments, users) -> Reported:
    plan = assigned
    coordinator = users["coordinator"]
    rounds = {
        2023: open_round,
        2022: save_tracked(
            ReportingRound(
                plan=plan,
                name="2022年度",
                year=2022,
                status="closed",
                deadline=dt.date(2023, 3, 31),
            )
        ),
    }

    def item(code):
        return MeasurableItem.objects.get(plan=plan, code=code)

    for year, code, value, unit, source in APPROVED:
        obs = workflow.record_observation(
            coordinator, rounds[year], item(code), value=value, year=year, unit=unit, source=source
        )
        workflow.submit(coordinator, [obs])
        workflow.approve(coordinator, [Observation.objects.get(pk=obs.pk)])
    for code, value, state in UNAPPROVED:
        obs = workflow.record_observation(coordinator, open_round, item(code), value=value)
        if state == "submitted":
            workflow.submit(coordinator, [obs])

    m1, m3 = (Task.objects.get(plan=plan, code=c) for c in ("M1", "M3"))
    reporter, other = users["reporter"], users["other_reporter"]
    done = workflow.record_progress(
        reporter, open_round, m1, narrative=APPROVED_PROGRESS, percent=60, progress="in_progress"
    )
    workflow.submit(reporter, [done])
    workflow.approve(coordinator, [type(done).objects.get(pk=done.pk)])
    earlier = workflow.record_progress(
        coordinator,
        rounds[2022],
        m1,
        narrative=SUPPORT_PROGRESS,
        percent=30,
        progress="in_progress",
        department=departments["env"],
    )
    workflow.submit(coordinator, [earlier])
    workflow.approve(coordinator, [type(earlier).objects.get(pk=earlier.pk)])
    waiting = workflow.record_progress(
        other, open_round, m3, narrative=UNAPPROVED_PROGRESS, percent=90, progress="in_progress"
    )
    workflow.submit(other, [waiting])

    save_tracked(
        KeyProject(
            plan=plan,
            code="XM-01",
            name="高新区科创中心",
            task=m1,
            department=departments["science"],
            investment=12.5,
            planned_start=dt.date(2022, 3, 1),
            planned_finish=dt.date(2024, 12, 31),
            actual_start=dt.date(2022, 5, 1),
            percent=40,
            progress="in_progress",
        )
    )
    return Reported(plan, rounds)
