"""Key projects on schedule in the departments' scorecard (supervision), on a hand-built round.

The conftest's 示例园区 (XM01, science, planned 2023-01-01 → 2024-12-31, 2023 plan 4 亿元) and
four projects added here, judged at the end of 2023 (default weights):

* XM01 started 2023-02-01, invested 3 of its 4 亿元 in 2023 (≥ half): on schedule. A 2024
  report calling it 进度滞后 comes after the year and does not count.
* XM02 (science) planned to start 2023-05-01, started only 2024-03-01: not started at the end
  of 2023 → off schedule.
* XM03 (env) planned 2022-01-01 → 2023-06-30, finished 2023-06-20: on schedule.
* XM04 (env) planned to start 2025-01-01: not under way in 2023, not judged.
* XM05 (env) started 2022-09-01, its 2023 report says 进度滞后 → off schedule.
* XM06 (env) finished 2022-11-30: not under way in 2023, not judged.

Science: 1 of 2 on schedule = 50. Env: XM03 on, XM05 off = 1 of 2 = 50.
Science's other components on this round: nothing submitted → on time 0/5 duties (I2, T1, M1,
M2 figures and reports) = 0; returned and items do not apply (nothing submitted, no figure);
tasks M1, M2 unreported → 0; milestones 方案 and 试点 due in 2023, neither reported → 0/2 = 0.
Total = (20×0 + 25×0 + 10×0 + 10×50) / (20 + 25 + 10 + 10) = 500 / 65 = 7.69.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import KeyProject, ReportingRound
from planwatch.web.roadmap import services
from planwatch.web.supervision.services.scorecard import build_scorecard

pytestmark = pytest.mark.django_db


def _project(plan, department, code, **dates):
    return save_tracked(
        KeyProject(plan=plan, code=code, name=f"项目{code}", department=department, **dates)
    )


def _component(card, name, code):
    row = next(r for r in card.rows if r.department == name)
    return row, next(c for c in row.components if c.code == code)


def test_key_projects_on_schedule_at_the_year_end(roadmap, departments):
    plan, round = roadmap.plan, roadmap.round
    science, env = roadmap.users["reporter"], roadmap.users["other_reporter"]
    d = dt.date
    _project(plan, departments["science"], "XM02", planned_start=d(2023, 5, 1),
             actual_start=d(2024, 3, 1))  # fmt: skip
    _project(plan, departments["env"], "XM03", planned_start=d(2022, 1, 1),
             planned_finish=d(2023, 6, 30))  # fmt: skip
    _project(plan, departments["env"], "XM04", planned_start=d(2025, 1, 1))
    xm05 = _project(plan, departments["env"], "XM05", planned_start=d(2022, 9, 1))
    _project(plan, departments["env"], "XM06", planned_start=d(2021, 3, 1),
             planned_finish=d(2022, 12, 31), actual_start=d(2021, 3, 1),
             actual_finish=d(2022, 11, 30))  # fmt: skip
    xm03 = KeyProject.objects.get(code="XM03")
    services.record_project(
        science, round, roadmap.project, year_invested=3.0, cumulative_invested=3.0,
        actual_start=d(2023, 2, 1),
    )  # fmt: skip
    services.record_project(
        env, round, xm03, year_invested=None, cumulative_invested=None,
        actual_start=d(2022, 1, 10), actual_finish=d(2023, 6, 20),
    )  # fmt: skip
    services.record_project(
        env, round, xm05, year_invested=None, cumulative_invested=None,
        actual_start=d(2022, 9, 1), is_late=True,
    )  # fmt: skip
    later = save_tracked(
        ReportingRound(plan=plan, name="2024年度", year=2024, status="open",
                       deadline=timezone.localdate() + dt.timedelta(days=40))
    )  # fmt: skip
    services.record_project(
        science, later, roadmap.project, year_invested=None, cumulative_invested=5.0,
        is_late=True,
    )  # fmt: skip

    card = build_scorecard(plan, 2023)
    row, science_projects = _component(card, departments["science"].name, "projects")
    assert (science_projects.score, science_projects.measure.counted) == (50.0, 2)
    assert science_projects.weight == 10
    assert row.computed == pytest.approx(500 / 65)
    _row, env_projects = _component(card, departments["env"].name, "projects")
    assert (env_projects.score, env_projects.measure.counted) == (50.0, 2)
    _row, econ_projects = _component(card, departments["econ"].name, "projects")
    assert econ_projects.measure is None
