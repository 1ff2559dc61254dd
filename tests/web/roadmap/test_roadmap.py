"""Milestones: the task's state follows them, the lead department keeps them, pages show them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from planwatch.web.history.models import ChangeRecord
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import Milestone

pytestmark = pytest.mark.django_db


def test_the_task_state_follows_its_milestones(roadmap):
    science = roadmap.users["reporter"]
    m1 = roadmap.tasks["M1"]
    on = dt.date(2023, 6, 1)
    # 方案 (due 03-31) not reported by June: M1 is late; M3's only step is not yet due.
    states = services.task_states([m1, roadmap.tasks["M3"], roadmap.tasks["M2"]], today=on)
    assert states == {m1.pk: "late", roadmap.tasks["M3"].pk: "on_schedule",
                      roadmap.tasks["M2"].pk: None}  # fmt: skip
    roadmap.report_approved(
        science, roadmap.round, roadmap.plan_m1, state="done", done_on=dt.date(2023, 3, 20)
    )
    assert services.task_states([m1], today=on)[m1.pk] == "on_schedule"
    roadmap.report_approved(
        science, roadmap.round, roadmap.pilot, state="done", done_on=dt.date(2023, 5, 20)
    )
    assert services.task_states([m1], today=on)[m1.pk] == "done"


def test_overdue_milestones_for_the_dashboard_and_reminders(roadmap):
    on = dt.date(2023, 10, 1)
    overdue = services.overdue_milestones(roadmap.plan, today=on)
    assert [m.what for m in overdue] == ["方案", "试点"]
    env = roadmap.users["other_reporter"]
    assert services.overdue_milestones(roadmap.plan, today=on, department=env.department) == []


def test_a_department_edits_only_its_own_milestones(roadmap):
    science, env = roadmap.users["reporter"], roadmap.users["other_reporter"]
    # env supports M1 but does not lead it: it may not plan M1, nor change science's steps
    with pytest.raises(PermissionDenied):
        services.add_milestone(env, roadmap.tasks["M1"], what="x", due=dt.date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        services.change_milestone(env, roadmap.plan_m1, what="改写")
    with pytest.raises(PermissionDenied):
        services.remove_milestone(env, roadmap.plan_m1, reason="不需要")
    with pytest.raises(PermissionDenied):
        services.record_milestone(env, roadmap.round, roadmap.plan_m1, state="in_progress")
    assert Milestone.objects.get(pk=roadmap.plan_m1.pk).what == "方案"
    # … its own, it may
    services.change_milestone(env, roadmap.check, what="竣工验收", reason="更准确")
    assert Milestone.objects.get(pk=roadmap.check.pk).what == "竣工验收"
    services.change_milestone(science, roadmap.plan_m1, what="工作方案")


def test_the_web_refuses_another_departments_milestone(roadmap, login):
    client = login(roadmap.users["other_reporter"])
    url = f"/roadmap/milestones/{roadmap.plan_m1.pk}/edit/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"what": "改写", "due": "2023-03-31", "version": 1})
    assert response.status_code == 403
    adding = client.post(
        f"/roadmap/plans/{roadmap.plan.pk}/tasks/M1/", {"what": "x", "due": "2024-01-01"}
    )
    assert adding.status_code == 403
    assert Milestone.objects.filter(task=roadmap.tasks["M1"]).count() == 2


def test_delete_asks_a_reason_and_keeps_the_record(roadmap, login):
    client = login(roadmap.users["reporter"])
    url = f"/roadmap/milestones/{roadmap.pilot.pk}/remove/"
    assert "确认删除" in client.get(url).content.decode()
    refused = client.post(url, {"version": 1, "reason": ""})
    assert refused.status_code == 200 and Milestone.objects.filter(pk=roadmap.pilot.pk).exists()
    done = client.post(url, {"version": 1, "reason": "并入方案"})
    assert done.status_code == 302
    assert not Milestone.objects.filter(pk=roadmap.pilot.pk).exists()
    assert Milestone.all_objects.get(pk=roadmap.pilot.pk).deleted_at is not None
    assert ChangeRecord.objects.filter(reason="并入方案").exists()


def test_adding_reordering_and_a_stale_edit_on_the_task_page(roadmap, login):
    client = login(roadmap.users["reporter"])
    page = f"/roadmap/plans/{roadmap.plan.pk}/tasks/M1/"
    response = client.post(page, {"what": "推广", "due": "2024-06-30", "evidence": "总结"})
    assert response.status_code == 302
    assert list(services.roadmap_of(roadmap.tasks["M1"]).values_list("what", flat=True)) == [
        "方案", "试点", "推广",
    ]  # fmt: skip
    client.post(f"/roadmap/milestones/{roadmap.pilot.pk}/move/", {"direction": "up"})
    assert list(services.roadmap_of(roadmap.tasks["M1"]).values_list("what", flat=True)) == [
        "试点", "方案", "推广",
    ]  # fmt: skip
    text = client.get(page).content.decode()
    assert "试点" in text and "滞后" in text  # 方案 was due 2023-03-31: late by now
    # someone else saved 方案 meanwhile (version 2 → 3 after the move): a form at 1 is refused
    stale = client.post(
        f"/roadmap/milestones/{roadmap.plan_m1.pk}/edit/",
        {"what": "旧稿", "due": "2023-03-31", "version": 1},
    )
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    assert Milestone.objects.get(pk=roadmap.plan_m1.pk).what == "方案"


def test_reporting_a_milestone_in_the_round(roadmap, login):
    client = login(roadmap.users["reporter"])
    url = f"/roadmap/rounds/{roadmap.round.pk}/milestones/{roadmap.plan_m1.pk}/"
    missing = client.post(url, {"state": "done", "note": "已印发"})
    assert "已完成的节点须填写完成日期" in missing.content.decode()
    ok = client.post(url, {"state": "done", "done_on": "2023-03-20", "note": "已印发"})
    assert ok.status_code == 302
    report = roadmap.plan_m1.reports.get()
    assert (report.state, report.done_on, report.note) == ("done", dt.date(2023, 3, 20), "已印发")


def test_pages_show_overdue_milestones_and_projects(roadmap, login):
    client = login(roadmap.users["coordinator"])
    plan_page = client.get(f"/plans/{roadmap.plan.pk}/").content.decode()
    assert "逾期未完成的节点" in plan_page and "方案" in plan_page
    dashboard = client.get(f"/dashboard/?plan={roadmap.plan.pk}").content.decode()
    assert "节点和重大项目" in dashboard and "重大项目 1 个" in dashboard
    projects = client.get(f"/roadmap/plans/{roadmap.plan.pk}/projects/").content.decode()
    assert "示例园区" in projects and "开工率" in projects
    round_page = client.get(f"/roadmap/rounds/{roadmap.round.pk}/").content.decode()
    # M1's 方案 was due 2023-03-31 and is not reported: M1 is late
    assert "任务状态（按节点判断）" in round_page
    m1 = round_page.index("M1 ")
    assert "滞后" in round_page[m1 : m1 + 300]
    tasks = client.get(f"/plans/{roadmap.plan.pk}/tasks/").content.decode()
    assert f"/roadmap/plans/{roadmap.plan.pk}/tasks/M1/" in tasks


def test_overdue_milestones_are_reminded_once_to_their_department(roadmap):
    from planwatch.web.notifications.milestones import remind_overdue
    from planwatch.web.notifications.models import Notification

    day = dt.date(2023, 10, 1)  # 方案 and 试点 (science) are past due; 验收 (env) is not
    assert remind_overdue(day) == 2
    assert remind_overdue(day + dt.timedelta(days=1)) == 0  # once per milestone and person
    notices = Notification.objects.filter(kind="milestone_overdue")
    assert {n.recipient.username for n in notices} == {"reporter"}
    assert sorted(n.params["what"] for n in notices) == ["方案", "试点"]
