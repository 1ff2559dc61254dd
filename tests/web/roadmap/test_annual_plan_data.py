"""What the annual implementation plan gets of roadmaps and projects: plain data per year."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.web.roadmap import services
from planwatch.web.roadmap.annual_plan import milestones_in_year, projects_in_year

pytestmark = pytest.mark.django_db


def test_milestones_and_projects_of_a_year_and_department(roadmap, departments):
    services.record_milestone(
        roadmap.users["reporter"], roadmap.round, roadmap.plan_m1, state="done",
        done_on=dt.date(2023, 3, 20),
    )  # fmt: skip
    in_2023 = milestones_in_year(roadmap.plan, 2023)
    assert [(m.owner_code, m.what, m.state) for m in in_2023] == [
        ("M1", "方案", "done"),
        ("M1", "试点", None),
    ]
    assert [m.what for m in milestones_in_year(roadmap.plan, 2024)] == ["验收"]
    assert milestones_in_year(roadmap.plan, 2023, departments["env"]) == []
    (project,) = projects_in_year(roadmap.plan, 2023, departments["science"])
    assert (project.name, project.planned_investment, project.starts_this_year) == (
        "示例园区",
        4.0,
        True,
    )
    assert projects_in_year(roadmap.plan, 2026) == []  # finished by plan in 2024, no 2026 plan
    assert projects_in_year(roadmap.plan, 2023, departments["env"]) == []
