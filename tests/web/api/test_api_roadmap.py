"""/api/milestones/ and /api/key-projects/: the access rules, filters, versions and 409."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Task
from planwatch.web.reporting.models import KeyProject
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(world):
    tasks = {t.code: t for t in Task.objects.filter(plan=world.plan)}
    science, env = world.users["reporter"], world.users["other_reporter"]
    project = save_tracked(
        KeyProject(
            plan=world.plan,
            name="示例园区",
            department=world.departments["science"],
            investment=10.0,
            planned_by_year={"2023": 4.0},
            planned_start=dt.date(2023, 1, 1),
            planned_finish=dt.date(2024, 12, 31),
        )
    )
    return {
        "m1": services.add_milestone(science, tasks["M1"], what="方案", due=dt.date(2023, 3, 31)),
        "m3": services.add_milestone(env, tasks["M3"], what="验收", due=dt.date(2030, 6, 30)),
        "project": project,
    }


def test_list_filters_and_state(world, steps, api):
    client = api("coordinator")
    listed = client.get(f"/api/milestones/?plan={world.plan.pk}&task=M1").json()
    assert [m["what"] for m in listed["results"]] == ["方案"]
    first = listed["results"][0]
    assert (first["task"], first["state"], first["overdue"]) == ("M1", None, True)
    by_department = client.get(f"/api/milestones/?department={world.departments['env'].pk}")
    assert [m["what"] for m in by_department.json()["results"]] == ["验收"]
    assert client.get("/api/milestones/?department=abc").status_code == 400


def test_create_and_edit_with_versions_and_a_409(world, steps, api):
    science = api("reporter")
    made = science.post(
        "/api/milestones/",
        {"plan": world.plan.pk, "task": "M1", "what": "试点", "due": "2023-09-30"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["department_name"], body["order"], body["version"]) == ("县科学技术局", 2, 1)
    url = f"/api/milestones/{body['id']}/"
    ok = science.patch(url, {"what": "试点推广", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = science.patch(url, {"what": "旧稿", "version": 1}, format="json")
    assert stale.status_code == 409
    assert Milestone.objects.get(pk=body["id"]).what == "试点推广"
    assert science.patch(url, {"what": "无版本"}, format="json").status_code == 400


def test_a_department_may_not_touch_another_departments_milestones(world, steps, api):
    env = api("other_reporter")
    url = f"/api/milestones/{steps['m1'].pk}/"
    assert env.patch(url, {"what": "改写", "version": 1}, format="json").status_code == 403
    refused = env.post(
        "/api/milestones/",
        {"plan": world.plan.pk, "task": "M1", "what": "x", "due": "2024-01-01"},
        format="json",
    )
    assert refused.status_code == 403  # env supports M1; only its lead plans it
    assert Milestone.objects.get(pk=steps["m1"].pk).what == "方案"
    assert api().post("/api/milestones/", {}, format="json").status_code in (401, 403)


def test_key_projects_read_and_a_stale_edit(world, steps, api):
    client = api("coordinator")
    listed = client.get(f"/api/key-projects/?plan={world.plan.pk}").json()["results"]
    assert [(p["name"], p["planned_by_year"]) for p in listed] == [("示例园区", {"2023": 4.0})]
    url = f"/api/key-projects/{steps['project'].pk}/"
    ok = client.patch(url, {"planned_by_year": {"2024": 6}, "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["planned_by_year"] == {"2024": 6.0}
    assert client.patch(url, {"name": "旧名", "version": 1}, format="json").status_code == 409
    bad = client.patch(url, {"planned_by_year": {"明年": 1}, "version": 2}, format="json")
    assert bad.status_code == 400
    made = client.post(
        "/api/key-projects/", {"plan": world.plan.pk, "name": "新区管网", "task": "M3"},
        format="json",
    )  # fmt: skip
    assert made.status_code == 201 and made.json()["task"] == "M3"
    refused = api("reporter").post(
        "/api/key-projects/", {"plan": world.plan.pk, "name": "自建"}, format="json"
    )
    assert refused.status_code == 403


def test_the_schema_lists_the_new_endpoints(api):
    schema = api().get("/api/schema/?format=json").json()
    assert {"/api/milestones/", "/api/milestones/{id}/", "/api/key-projects/"} <= set(
        schema["paths"]
    )


def test_only_the_coordinator_names_another_owner(world, steps, api):
    env = world.departments["env"].pk
    body = {"plan": world.plan.pk, "task": "M1", "what": "联合检查", "due": "2024-03-31"}
    by_coordinator = api("coordinator").post(
        "/api/milestones/", {**body, "department": env}, format="json"
    )
    assert by_coordinator.json()["department_name"] == "县生态环境分局"
    by_science = api("reporter").post(
        "/api/milestones/", {**body, "what": "自查", "department": env}, format="json"
    )
    assert by_science.json()["department_name"] == "县科学技术局"  # its own, whatever it asks
