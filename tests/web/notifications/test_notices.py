"""Each kind of notice from the change that causes it to the inbox and the e-mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.notifications.models import Notification
from planwatch.web.notifications.reminders import send_reminders

pytestmark = pytest.mark.django_db(transaction=True)


def notices(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return list(rows.filter(kind=kind) if kind else rows)


def test_a_round_opened_reaches_its_reporters_inbox_and_mail(emails, round_in, run_worker, login):
    users = emails
    round = round_in(10, status="draft")
    run_worker()
    assert notices(users["reporter"]) == []  # a draft round tells nobody
    round.status = "open"
    save_tracked(round, user=users["coordinator"])
    run_worker()
    [notice] = notices(users["reporter"], "round_opened")
    assert notice.params["count"] == 4  # science: I2, T1, M1, M2
    other = notices(users["other_reporter"], "round_opened")
    # env: figure I3, progress on M3, M4 and (as support) M1; supporting I2 is no figure to enter
    assert len(other) == 1 and other[0].params["count"] == 4
    sent = [m for m in mail.outbox if m.to == ["reporter@example.invalid"]]
    assert len(sent) == 1 and "2023年度开始填报" in sent[0].subject
    assert "本部门应报4项" in sent[0].body and f"/reporting/rounds/{round.pk}/" in sent[0].body

    client = login(users["reporter"])
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "2023年度开始填报" in page and "本部门应报4项" in page
    assert 'class="badge unread"' in page  # the unread count in the header
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.status_code == 302 and opened["Location"] == f"/reporting/rounds/{round.pk}/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'class="badge unread"' not in client.get(reverse("home"), follow=True).content.decode()

    client.cookies["django_language"] = "en"
    english = client.get(reverse("notifications:inbox")).content.decode()
    assert "2023年度 opened for reporting" in english


def test_approving_two_figures_is_one_notice_per_reporter_and_a_return_carries_the_comment(
    emails, round_in, run_worker
):
    from planwatch.web.plans.models import MeasurableItem
    from planwatch.web.reporting.services import workflow

    users = emails
    round = round_in(10)
    reporter, coordinator = users["reporter"], users["coordinator"]
    records = [
        workflow.record_observation(
            reporter, round, MeasurableItem.objects.get(plan=round.plan, code=code), value=v
        )
        for code, v in (("I2", 61.0), ("T1", 120))
    ]
    workflow.submit(reporter, records)
    run_worker()
    mail.outbox.clear()
    workflow.approve(coordinator, records, "")
    run_worker()
    [notice] = notices(reporter, "approved")
    assert notice.params["count"] == 2
    assert "I2 常住人口城镇化率" in notice.params["subjects"]
    assert "T1 高新技术企业数量" in notice.params["subjects"]
    assert notices(users["other_reporter"], "approved") == []  # env only supports I2
    assert [m.to for m in mail.outbox if "审核通过" in m.subject] == [["reporter@example.invalid"]]

    again = workflow.record_observation(
        coordinator, round, records[0].item, value=62.0, reason="更正"
    )
    again.status = "draft"
    save_tracked(again, user=coordinator)
    workflow.submit(reporter, [again])
    workflow.return_for_revision(coordinator, [again], "请附统计公报页码")
    run_worker()
    [returned] = notices(reporter, "returned")
    assert returned.params["comment"] == "请附统计公报页码"


def test_a_returned_and_an_approved_milestone_report_tell_its_department(
    emails, round_in, run_worker
):
    from planwatch.web.plans.models import Task
    from planwatch.web.reporting.services import workflow
    from planwatch.web.roadmap import services

    users = emails
    round = round_in(10)
    reporter, coordinator = users["reporter"], users["coordinator"]
    task = Task.objects.get(plan=round.plan, code="M1")  # science leads M1
    milestone = services.add_milestone(reporter, task, what="方案", due=dt.date(2023, 3, 31))
    report = services.record_milestone(
        reporter, round, milestone, state="done", done_on=dt.date(2023, 3, 20)
    )
    workflow.submit(reporter, [report])
    workflow.return_for_revision(coordinator, [report], "请附印发文件")
    run_worker()
    [returned] = notices(reporter, "returned")
    assert returned.params["subjects"] == "M1 方案"
    assert returned.params["comment"] == "请附印发文件"
    assert notices(users["other_reporter"], "returned") == []  # env only supports M1
    report = services.record_milestone(
        reporter, round, milestone, state="done", done_on=dt.date(2023, 3, 21)
    )
    workflow.submit(reporter, [report])
    workflow.approve(coordinator, [report])
    run_worker()
    [approved] = notices(reporter, "approved")
    assert (approved.params["count"], approved.params["subjects"]) == (1, "M1 方案")


def test_a_change_that_is_rolled_back_tells_nobody(emails, round_in, run_worker):
    from django_tasks_db.models import DBTaskResult

    round = round_in(10, status="draft")
    run_worker()
    queued = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        round.status = "open"
        save_tracked(round, user=emails["coordinator"])
        raise RuntimeError("the request failed after the save")
    assert DBTaskResult.objects.count() == queued
    run_worker()
    assert Notification.objects.filter(kind="round_opened").count() == 0


def test_public_feedback_waiting_tells_the_coordinator(emails, assigned, run_worker):
    from planwatch.web.portal.models import Feedback

    save_tracked(Feedback(plan=assigned, rating=2, comment="进度太慢", challenge="x" * 64))
    run_worker()
    [notice] = notices(emails["coordinator"], "feedback")
    assert notice.params == {"plan": assigned.title, "rating": 2}
    assert notice.url == reverse("portal:moderation")
    assert notices(emails["reporter"], "feedback") == []


def test_a_key_project_newly_delayed_tells_its_department_and_the_coordinator_once(
    emails, assigned, departments, run_worker
):
    from planwatch.web.reporting.models import KeyProject

    project = save_tracked(
        KeyProject(
            plan=assigned, name="示例园区", department=departments["env"], progress="in_progress"
        )
    )
    run_worker()
    assert Notification.objects.filter(kind="off_course").count() == 0
    project.progress = "delayed"
    save_tracked(project)
    project.note = "仍滞后"
    save_tracked(project)  # still delayed: not news
    run_worker()
    told = sorted(n.recipient.username for n in Notification.objects.filter(kind="off_course"))
    assert told == ["coordinator", "other_reporter"]
    project.progress = "in_progress"
    save_tracked(project)
    run_worker()  # each check compares with the verdict the one before it saw
    project.progress = "delayed"
    save_tracked(project)  # off course again: a second departure, a second notice
    run_worker()
    assert len(notices(emails["other_reporter"], "off_course")) == 2


def test_a_binding_indicator_newly_off_course_uses_the_web_assessment(
    emails, open_round, run_worker
):
    from planwatch.web.plans.models import MeasurableItem
    from planwatch.web.reporting.services import workflow

    users = emails
    item = MeasurableItem.objects.get(plan=open_round.plan, code="I2")
    item.attribute = "binding"
    save_tracked(item)
    # 60 % in 2020, at least 65 % by 2025: 58 % in 2023 is moving away from the target.
    obs = workflow.record_observation(users["reporter"], open_round, item, value=58.0)
    workflow.submit(users["reporter"], [obs])
    workflow.approve(users["coordinator"], [obs])
    run_worker()
    [notice] = notices(users["reporter"], "off_course")
    assert notice.params["subject"] == "I2 常住人口城镇化率"
    assert notice.params["status"] in {"regressing", "seriously_lagging", "lagging", "worsening"}
    assert len(notices(users["coordinator"], "off_course")) == 1
    assert notices(users["other_reporter"], "off_course") == []  # env only supports I2


def test_reminders_go_once_per_person_round_and_day(emails, round_in, run_worker):
    round_in(3)  # REMIND_DAYS are 7, 3 and 1
    run_worker()
    today = timezone.localdate()
    first = send_reminders(today)
    assert send_reminders(today) == 0  # the second run of the day finds it done
    deadline = Notification.objects.filter(kind="deadline")
    assert first >= 2 and sorted(n.recipient.username for n in deadline) == [
        "other_reporter",
        "reporter",
    ]
    assert send_reminders(today + dt.timedelta(days=1)) == 0  # 2 days left: not a reminder day
    assert send_reminders(today + dt.timedelta(days=2)) == 2  # 1 day left: again


def test_overdue_is_told_to_the_departments_and_counted_for_the_coordinator(
    emails, round_in, run_worker
):
    round_in(-1)
    run_worker()
    send_reminders(timezone.localdate())
    overdue = {n.recipient.username: n.params for n in Notification.objects.filter(kind="overdue")}
    assert set(overdue) == {"reporter", "other_reporter", "coordinator"}
    # science 4, env 4 and the coordinating department's own I1
    assert overdue["coordinator"]["count"] == 9 and overdue["coordinator"]["departments"] == 3


def test_each_user_chooses_what_they_receive(emails, round_in, run_worker, login):
    users = emails
    client = login(users["reporter"])
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200 and "报送轮次开启" in page.content.decode()
    wanted = {"round_opened_inbox": "on"}  # round opened: inbox only; everything else: off
    assert client.post(reverse("notifications:preferences"), wanted).status_code == 302
    round = round_in(3, status="draft")
    round.status = "open"
    save_tracked(round)
    run_worker()
    send_reminders(timezone.localdate())
    mine = notices(users["reporter"])
    assert [n.kind for n in mine] == ["round_opened"] and not mine[0].wants_email
    assert not [m for m in mail.outbox if m.to == ["reporter@example.invalid"]]
    assert len(notices(users["other_reporter"])) == 2  # the defaults: everything


def test_a_notice_is_its_recipients_alone(emails, round_in, run_worker, login):
    round_in(10)
    run_worker()
    notice = Notification.objects.filter(recipient=emails["reporter"]).first()
    client = login(emails["other_reporter"])
    assert client.get(reverse("notifications:open", args=[notice.pk])).status_code == 404
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.count("2023年度开始填报") == 1  # their own notice, not the science reporter's
