"""Filters on the list endpoints, and the assessment each caller is given."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def codes(response):
    assert response.status_code == 200, response.content
    return sorted(
        (r.get("item") or r.get("code"), r.get("year")) for r in response.json()["results"]
    )


def test_observations_filter_by_plan_item_year_status_and_department(world, api):
    client = api("coordinator")
    plan = world.plan.pk
    assert codes(client.get(f"/api/observations/?plan={plan}&item=I2")) == [
        ("I2", 2022),
        ("I2", 2023),
    ]
    assert codes(client.get("/api/observations/?year=2022")) == [("I2", 2022)]
    assert codes(client.get("/api/observations/?status=submitted")) == [("I1", 2023)]
    env = world.departments["env"].pk
    assert codes(client.get(f"/api/observations/?department={env}")) == [("I3", 2023)]
    assert codes(client.get(f"/api/observations/?plan={plan + 1}")) == []


def test_items_and_tasks_filter_by_department_through_assignments(world, api):
    client = api("leader")
    science = world.departments["science"].pk
    assert codes(client.get(f"/api/items/?department={science}")) == [("I2", None), ("T1", None)]
    assert codes(client.get(f"/api/tasks/?department={science}")) == [("M1", None), ("M2", None)]
    assert codes(client.get("/api/items/?code=I3&attribute=binding")) == [("I3", None)]
    assert codes(client.get("/api/items/?kind=target")) == [("T1", None)]


def test_rounds_and_assignments_filter_too(world, api):
    client = api("evaluator")
    rounds = client.get("/api/rounds/?status=open").json()["results"]
    assert [r["year"] for r in rounds] == [2023]
    rows = client.get("/api/assignments/?item=I2").json()["results"]
    assert sorted((r["department_name"], r["role"]) for r in rows) == [
        ("县生态环境分局", "support"),
        ("县科学技术局", "lead"),
    ]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("status=published", "status"), ("year=last", "year"), ("department=科技局", "department")],
)
def test_a_malformed_filter_is_a_400_naming_it(world, api, query, parameter):
    response = api("coordinator").get(f"/api/observations/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def _item(body, code):
    return next(i for i in [*body["indicators"], *body["targets"]] if i["code"] == code)


def test_the_coordinator_is_assessed_on_every_approved_figure(world, api):
    """I2: 60 % (2020) → target ≥ 65 % (2025); 65.5 % approved for 2023 → target already met."""
    body = api("coordinator").get(f"/api/plans/{world.plan.pk}/assessment/").json()
    assert body["year"] == 2023 and body["plan"] == world.plan.pk
    i2 = _item(body, "I2")
    assert (i2["latest_year"], i2["latest_value"], i2["status"]) == (2023, 65.5, "achieved")
    assert {i["code"] for i in [*body["indicators"], *body["targets"]]} == {"I1", "I2", "I3", "T1"}


def test_the_public_is_assessed_on_published_figures_only(world, api):
    """2023's round is not published: the public sees 62 % for 2022 (2/5 of the way in 2/5 of
    the time: on track), not the approved but unpublished 65.5 %."""
    body = api().get(f"/api/plans/{world.plan.pk}/assessment/").json()
    assert body["year"] == 2022
    i2 = _item(body, "I2")
    assert (i2["latest_year"], i2["latest_value"], i2["status"]) == (2022, 62.0, "on_track")
    asked = api().get(f"/api/plans/{world.plan.pk}/assessment/?year=2023").json()
    assert _item(asked, "I2")["latest_value"] == 62.0


def test_a_reporter_is_shown_only_their_items_assessment(world, api):
    body = api("reporter").get(f"/api/plans/{world.plan.pk}/assessment/?year=2023").json()
    assert {i["code"] for i in [*body["indicators"], *body["targets"]]} == {"I2", "T1"}


@pytest.mark.parametrize("year", ["2020", "2026", "abc"])
def test_an_assessment_year_outside_the_plan_is_a_400(world, api, year):
    response = api("coordinator").get(f"/api/plans/{world.plan.pk}/assessment/?year={year}")
    assert response.status_code == 400
    assert "year" in response.json()


def test_the_chapter_filter_means_what_it_means_on_the_dashboard(world, api):
    """T1 is stated in 第一章; the indicator table sits in no chapter (as on the dashboard)."""
    from planwatch.web.plans.models import Node

    chapters = Node.objects.filter(plan=world.plan, level="chapter")
    first, second = chapters.get(number="第一章"), chapters.get(number="第二章")
    body = api("coordinator").get(f"/api/items/?chapter={first.pk}").json()
    assert [i["code"] for i in body["results"]] == ["T1"]
    assert api("coordinator").get(f"/api/items/?chapter={second.pk}").json()["results"] == []


def test_an_items_outlook_comes_with_its_label(world, api):
    """I2 at 62 % in 2022 on the way from 60 % to ≥ 65 % by 2025: its outlook has a code of
    planwatch.assess.status.OUTLOOKS and that outlook's label, Chinese by default."""
    from planwatch.assess.status import OUTLOOKS

    i2 = _item(api().get(f"/api/plans/{world.plan.pk}/assessment/").json(), "I2")
    assert i2["outlook"] in OUTLOOKS
    assert i2["outlook_label"] == OUTLOOKS[i2["outlook"]].label_zh


def test_the_portal_and_dashboard_item_pages_show_the_outlook(world, api, client, users):
    from django.urls import reverse

    from planwatch.assess.status import OUTLOOKS
    from planwatch.web.plans.models import MeasurableItem

    code = _item(api().get(f"/api/plans/{world.plan.pk}/assessment/").json(), "I2")["outlook"]
    item = MeasurableItem.objects.get(plan=world.plan, code="I2")
    public = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert f'预计能否如期完成：<span class="outlook outlook-{code}"' in public
    assert OUTLOOKS[code].label_zh in public
    client.force_login(users["coordinator"])
    page = client.get(reverse("dashboard:item", args=[item.pk])).content.decode()
    assert 'class="outlook outlook-' in page
