"""What the annual implementation plan gets of roadmaps and projects: plain data per year."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from planwatch.web.roadmap.annual_plan import milestones_in_year, projects_in_year

pytestmark = pytest.mark.django_db


def test_milestones_and_projects_of_a_year_and_department(roadmap, departments):
    roadmap.report_approved(
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


def _rows_under(doc, headers: list[str]) -> list[list[str]]:
    """The body rows of every table whose header row begins with ``headers``."""
    found = []
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][: len(headers)] == headers:
            found += rows[1:]
    return found


def test_the_annual_plan_download_lists_the_departments_milestones_and_projects(roadmap, login):
    from docx import Document

    roadmap.report_approved(
        roadmap.users["reporter"], roadmap.round, roadmap.plan_m1, state="done",
        done_on=dt.date(2023, 3, 20),
    )  # fmt: skip
    answer = login(roadmap.users["coordinator"]).get(f"/annual/plans/{roadmap.plan.pk}/2023.docx")
    assert answer.status_code == 200
    doc = Document(io.BytesIO(answer.content))
    milestones = _rows_under(doc, ["任务", "节点", "完成时限"])
    assert [(row[0].split()[0], row[1], row[4]) for row in milestones] == [
        ("M1", "方案", "已完成"),
        ("M1", "试点", "未开始"),
    ]  # 验收 is due in 2024
    projects = _rows_under(doc, ["项目", "对应任务", "年度计划投资（亿元）"])
    assert [(row[0].split()[-1], row[2]) for row in projects] == [("示例园区", "4")]
