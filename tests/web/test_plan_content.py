"""The plan tree on the pages: headings corrected with history and conflicts; restatements shown."""

from __future__ import annotations

import dataclasses

import pytest
from django.test import Client

from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Node
from planwatch.web.plans.services.outline import to_outline
from tests.web.conftest import outline_plan

pytestmark = pytest.mark.django_db


def _section(plan) -> Node:
    return Node.objects.get(plan=plan, number="第一节")


def test_the_outline_page_shows_the_tree_with_its_tasks(plan, users, login):
    page = login(users["coordinator"]).get(f"/plans/{plan.pk}/outline/").content.decode()
    chapter, section = page.index("第一章 发展目标"), page.index("第一节 创新驱动")
    m1, second = page.index("M1 壮大高新技术企业。"), page.index("第二章 绿色发展")
    assert chapter < section < m1 < second  # document order, tasks under their heading
    assert f"/plans/{plan.pk}/outline/{_section(plan).pk}/edit/" in page
    assert f"/plans/{plan.pk}/tasks/M1/edit/" in page


def test_a_heading_correction_is_versioned_and_logged(plan, users, login):
    client = login(users["coordinator"])
    section = _section(plan)
    url = f"/plans/{plan.pk}/outline/{section.pk}/edit/"
    assert client.get(url).context["form"].initial["version"] == 1
    response = client.post(
        url,
        {"title": "创新驱动发展", "text": "坚持创新在现代化建设全局中的核心地位。", "version": 1,
         "reason": "与印发稿核对"},
    )  # fmt: skip
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.title, section.version) == ("创新驱动发展", 2)
    change = ChangeRecord.objects.get(content_type__model="node", object_id=section.pk)
    assert change.before["title"] == "创新驱动" and change.after["title"] == "创新驱动发展"
    assert change.changed_fields == ["text", "title"]
    assert change.user == users["coordinator"] and change.reason == "与印发稿核对"
    assert change.plan_id == plan.pk  # listed in the plan's whole change log
    assert "创新驱动发展" in client.get(f"/plans/{plan.pk}/outline/").content.decode()
    # The corrected tree is what assessment and reports read.
    assert to_outline(plan).chapters[0].sections[0].title == "创新驱动发展"


def test_the_second_of_two_heading_editors_gets_a_conflict(plan, users):
    section = _section(plan)
    url = f"/plans/{plan.pk}/outline/{section.pk}/edit/"
    first, second = Client(), Client()
    first.force_login(users["coordinator"])
    second.force_login(users["admin"])
    loaded = [c.get(url).context["form"].initial["version"] for c in (first, second)]
    assert (
        first.post(url, {"title": "创新引领", "text": "", "version": loaded[0]}).status_code == 302
    )
    response = second.post(url, {"title": "科技创新", "text": "", "version": loaded[1]})
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    section.refresh_from_db()
    assert section.title == "创新引领"


@pytest.mark.parametrize("role", ["reporter", "leader", "evaluator"])
def test_only_managers_change_headings(plan, users, login, role):
    client = login(users[role])
    section = _section(plan)
    page = client.get(f"/plans/{plan.pk}/outline/")
    assert page.status_code == 200
    assert "/outline/" + str(section.pk) + "/edit/" not in page.content.decode()
    url = f"/plans/{plan.pk}/outline/{section.pk}/edit/"
    assert client.post(url, {"title": "改名", "text": "", "version": 1}).status_code == 403
    section.refresh_from_db()
    assert section.title == "创新驱动"
    assert Client().get(url).status_code == 302  # anonymous: to the sign-in page


@pytest.fixture
def restated(db):
    """T1 stated in 第一章第一节 and restated in 第二章 (as the reader merges restatements)."""
    from django.utils import timezone

    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.services.importer import import_plan

    parsed = outline_plan()
    parsed.targets[0] = dataclasses.replace(parsed.targets[0], also_at=[["第二章"]])
    stored = import_plan(parsed, source_name="county.txt")
    stored.confirmed_at = timezone.now()
    return save_tracked(stored)


def test_restatements_are_stored_and_given_back_to_the_core(restated):
    t1 = MeasurableItem.objects.get(plan=restated, code="T1")
    assert t1.location == ["第一章", "第一节"] and t1.also_at == [["第二章"]]
    (target,) = to_outline(restated).targets
    assert target.also_at == [["第二章"]]


def test_the_item_pages_show_where_a_target_is_stated_and_restated(restated, users, login):
    client = login(users["coordinator"])
    page = client.get(f"/plans/{restated.pk}/items/T1/edit/").content.decode()
    assert "位置：第一章 发展目标 › 第一节 创新驱动" in page
    assert "另见（同一目标的重复表述）：第二章 绿色发展" in page
    review = client.get(f"/plans/{restated.pk}/review/").content.decode()
    assert "另见：第二章 绿色发展" in review
    indicator = client.get(f"/plans/{restated.pk}/items/I1/edit/").content.decode()
    assert "另见" not in indicator  # table indicators have no place in the prose


def test_the_api_dashboard_and_public_item_pages_show_the_restatements(
    restated, users, login, client
):
    t1 = MeasurableItem.objects.get(plan=restated, code="T1")
    body = login(users["coordinator"]).get(f"/api/items/{t1.pk}/").json()
    assert body["location"] == ["第一章", "第一节"] and body["also_at"] == [["第二章"]]
    dashboard = client.get(f"/dashboard/items/{t1.pk}/").content.decode()
    assert "原文另见" in dashboard and "第二章 绿色发展" in dashboard
    client.logout()
    restated.is_published = True
    save_tracked(restated)
    public = client.get(f"/public/items/{t1.pk}/").content.decode()
    assert "原文另见" in public and "第二章 绿色发展" in public


def test_a_text_too_long_for_its_column_is_refused_not_cut(db):
    """The importer used to cut a 300-character name silently; now the user is told where."""
    import dataclasses

    from planwatch.errors import InputError
    from planwatch.web.plans.models import Plan as StoredPlan
    from planwatch.web.plans.services.importer import import_plan
    from tests.web.conftest import outline_plan

    parsed = outline_plan()
    first = parsed.indicators[0]
    parsed.indicators[0] = dataclasses.replace(first, name="很长的指标名称" * 50)
    with pytest.raises(InputError) as refused:
        import_plan(parsed, source_name="county.txt")
    message = str(refused.value)
    assert message.startswith(f"指标 {first.code}的“名称”有 350 个字，超过可保存的 300 个字")
    assert "has 350 characters, more than the 300" in refused.value.render("en")
    assert not StoredPlan.all_objects.exists()  # nothing stored


def test_a_department_name_found_in_the_text_is_never_cut(plan, users, login):
    from planwatch.web.plans.models import Department

    client = login(users["coordinator"])
    long_name = "县" + "很长的机构名称" * 20  # 141 characters: more than the 100 a name holds
    page = client.post(
        "/plans/departments/", {"found": [long_name, " 县文化和旅游局 "]}, follow=True
    ).content.decode()
    assert "有 141 个字，超过可保存的 100 个字" in page
    assert not Department.objects.filter(name__startswith="县很长").exists()
    assert Department.objects.filter(name="县文化和旅游局").exists()
