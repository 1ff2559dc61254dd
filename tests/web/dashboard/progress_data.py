"""Approved figures and progress reports on the shared county plan (tests/web/conftest.py).

Imported by the dashboard, portal and browser tests' conftest files. The figures are chosen
so that each item lands in a known status; the expected statuses are worked out by hand in
the comments (docs/methodology.md gives the rules), never by running the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Plan, Task
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress

#: Yearly figures approved in the closed, published rounds of 2021 and 2022. Grades follow
#: docs/methodology.md: the progress ratio r = p / τ (growth targets: realised average growth
#: over the target rate) against the default bands 1.2 / 1.0 / 0.9 / 0.6.
#: I1 growth rates 6 % and 8 % against "about 7 % a year": realised (1.06 × 1.08)^½ − 1 = 6.995 %,
#:   r = 6.995 / 7 = 0.999, just under 1.0 and above 0.9 → roughly on track (基本符合预期).
#: I2 urbanisation 60 → 65 (linear); 59.5 in 2022 is (59.5 − 60) / 5 = −0.1 → regressing.
#: I3 energy intensity, binding, target 14.5 % assigned later; reductions 2 % and 1 % leave
#:   0.98 × 0.99 = 0.9702, ln 0.9702 / ln 0.855 = 0.193 of the way at τ = 0.4: r = 0.48 < 0.6
#:   → seriously lagging (严重滞后).
#: T1 high-tech firms 100 → 200 (geometric); 115 in 2022 is ln 1.15 / ln 2 = 0.202 of the way
#:   at τ = 0.4: r = 0.50 < 0.6 → seriously lagging.
FIGURES = {
    2021: {"I1": 6.0, "I3": 2.0, "T1": 110.0},
    2022: {"I1": 8.0, "I2": 59.5, "I3": 1.0, "T1": 115.0},
}
SOURCE = "县统计局统计年鉴"


@dataclass
class Reported:
    plan: Plan
    rounds: dict[int, ReportingRound]

    def item(self, code: str) -> MeasurableItem:
        return MeasurableItem.objects.get(plan=self.plan, code=code)

    def figure(self, code: str, value: float, status: str, year: int = 2023) -> Observation:
        """A figure of ``code`` for ``year``, in that year's round, in review state ``status``."""
        return save_tracked(
            Observation(
                round=self.rounds[year],
                item=self.item(code),
                year=year,
                value=value,
                source=SOURCE,
                status=status,
            )
        )


@pytest.fixture
def reported(assigned, open_round, departments, users) -> Reported:
    """The plan published, two closed published rounds of figures, progress in the open one."""
    plan = assigned
    plan.is_published, plan.published_at = True, timezone.now()
    save_tracked(plan)
    energy = MeasurableItem.objects.get(plan=plan, code="I3")
    energy.later_target_value, energy.later_target_comparator = 14.5, ">="
    save_tracked(energy)
    rounds = {2023: open_round}
    for year in FIGURES:
        rounds[year] = save_tracked(
            ReportingRound(
                plan=plan,
                name=f"{year}年度",
                year=year,
                status="closed",
                deadline=dt.date(year + 1, 3, 31),
                is_published=True,
            )
        )
    reported = Reported(plan, rounds)
    for year, figures in FIGURES.items():
        for code, value in figures.items():
            reported.figure(code, value, "approved", year)
    science, env = departments["science"], departments["env"]
    for round_year, code, department, percent, state, status in (
        (2023, "M1", science, 50, "in_progress", "approved"),
        (2023, "M1", env, 30, "in_progress", "approved"),
        (2023, "M2", science, 100, "completed", "submitted"),
        (2023, "M3", env, 10, "delayed", "approved"),
        (2022, "M4", env, 100, "completed", "approved"),
    ):
        save_tracked(
            TaskProgress(
                round=rounds[round_year],
                task=Task.objects.get(plan=plan, code=code),
                department=department,
                percent=percent,
                progress=state,
                status=status,
                narrative=f"{code} 进展",
            )
        )
    return reported


@pytest.fixture
def draft_plan(db):
    """A second plan, never published: the public must not see a trace of it."""
    from planwatch.web.plans.services.importer import import_plan

    from ..conftest import outline_plan

    parsed = outline_plan()
    parsed.title = "未公开的专项规划"
    return import_plan(parsed, source_name="draft.txt")
