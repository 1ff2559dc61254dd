"""Milestone reports go through the review cycle of figures and progress reports: a draft, then
submitted with the department's other drafts, then approved or returned by the coordinator in
the round's review queue; only an approved report moves a task's state (methodology §16a)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from planwatch.web.reporting.services import workflow
from planwatch.web.roadmap import services
from planwatch.web.roadmap.models import MilestoneReport
from tests.web.test_lists import rows

pytestmark = pytest.mark.django_db

# M1's milestones are 方案 (due 2023-03-31) and 试点 (due 2023-09-30); by 2023-06-01 方案 is past
# its date, so M1 is late until a report of 方案 done is approved.
JUNE = dt.date(2023, 6, 1)


def _done(roadmap, milestone=None, day=dt.date(2023, 3, 20)):
    return services.record_milestone(
        roadmap.users["reporter"],
        roadmap.round,
        milestone or roadmap.plan_m1,
        state="done",
        done_on=day,
        note="方案已印发",
    )


def _m1_state(roadmap) -> str:
    m1 = roadmap.tasks["M1"]
    return services.task_states([m1], today=JUNE)[m1.pk]


def test_submit_then_approve_moves_the_task_state(roadmap):
    report = _done(roadmap)
    assert report.status == "draft"
    assert _m1_state(roadmap) == "late"  # a draft does not count
    workflow.submit(roadmap.users["reporter"], [report])
    report.refresh_from_db()
    assert (report.status, report.submitted_by) == ("submitted", roadmap.users["reporter"])
    assert _m1_state(roadmap) == "late"  # nor does a submission
    workflow.approve(roadmap.users["coordinator"], [report])
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == ("approved", roadmap.users["coordinator"])
    assert report.reviewed_at is not None
    assert _m1_state(roadmap) == "on_schedule"


def test_a_returned_report_does_not_count_and_is_a_draft_again_once_corrected(roadmap):
    report = _done(roadmap)
    workflow.submit(roadmap.users["reporter"], [report])
    workflow.return_for_revision(roadmap.users["coordinator"], [report], "请附印发文件")
    report.refresh_from_db()
    assert (report.status, report.review_comment) == ("returned", "请附印发文件")
    assert _m1_state(roadmap) == "late"
    again = _done(roadmap, day=dt.date(2023, 3, 25))
    assert (again.pk, again.status, again.done_on) == (report.pk, "draft", dt.date(2023, 3, 25))
    assert _m1_state(roadmap) == "late"


def test_an_approved_report_of_late_makes_the_task_late_before_its_date(roadmap):
    m1 = roadmap.tasks["M1"]
    february = dt.date(2023, 2, 1)  # before either of M1's dates
    draft = services.record_milestone(
        roadmap.users["reporter"], roadmap.round, roadmap.pilot, state="late"
    )
    assert services.task_states([m1], today=february)[m1.pk] == "on_schedule"
    assert services.latest_reports([roadmap.pilot]) == {}
    assert services.latest_reports([roadmap.pilot], approved_only=False)[roadmap.pilot.pk] == draft
    workflow.submit(roadmap.users["reporter"], [draft])
    workflow.approve(roadmap.users["coordinator"], [draft])
    assert services.task_states([m1], today=february)[m1.pk] == "late"


def test_a_department_cannot_approve_nor_submit_another_departments_report(roadmap):
    report = _done(roadmap)  # science's milestone
    with pytest.raises(PermissionDenied):
        workflow.submit(roadmap.users["other_reporter"], [report])
    workflow.submit(roadmap.users["reporter"], [report])
    with pytest.raises(PermissionDenied):
        workflow.approve(roadmap.users["reporter"], [report])
    with pytest.raises(PermissionDenied):
        workflow.approve(roadmap.users["other_reporter"], [report])
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_submitted_report_is_locked_for_its_department(roadmap):
    report = _done(roadmap)
    workflow.submit(roadmap.users["reporter"], [report])
    with pytest.raises(PermissionDenied) as refused:
        _done(roadmap, day=dt.date(2023, 3, 21))
    assert str(refused.value) == "这份节点进展已报送或已审核，不能修改（审核退回后可以修改）。"


def test_the_department_submits_milestone_reports_with_its_other_drafts(roadmap, login):
    report = _done(roadmap)
    other = services.record_milestone(
        roadmap.users["other_reporter"], roadmap.round, roadmap.check, state="in_progress"
    )
    client = login(roadmap.users["reporter"])
    url = f"/reporting/rounds/{roadmap.round.pk}/submit/"
    page = client.get(url).content.decode()
    assert "将报送以下 1 条草稿" in page
    assert "节点 M1：方案" in page and "已完成（2023-03-20 完成）" in page
    assert "验收" not in page  # environment's milestone is not science's to submit
    # A forged row of another department's report is left out, with a warning.
    answer = client.post(
        url,
        {"confirm": "1", "record": [f"milestone-{report.pk}", f"milestone-{other.pk}"]},
        follow=True,
    )
    text = answer.content.decode()
    assert "已报送 1 条" in text and "部分记录在确认前已变化" in text
    report.refresh_from_db()
    other.refresh_from_db()
    assert (report.status, other.status) == ("submitted", "draft")


def test_the_review_queue_shows_and_approves_a_milestone_report(roadmap, login, departments):
    report = _done(roadmap)
    workflow.submit(roadmap.users["reporter"], [report])
    client = login(roadmap.users["coordinator"])
    round_url = f"/reporting/rounds/{roadmap.round.pk}/"
    html = client.get(round_url).content.decode()
    (row,) = [r for r in rows(html, "review-queue") if "方案" in r]
    assert "节点 M1：方案" in row and "县科学技术局" in row and "已完成" in row
    assert f'name="milestone" value="{report.pk}"' in html
    # The queue's department filter leaves it out for another department.
    env = departments["env"]
    filtered = client.get(round_url, {"queue-department": env.pk}).content.decode()
    assert f'name="milestone" value="{report.pk}"' not in filtered
    answer = client.post(
        f"/reporting/rounds/{roadmap.round.pk}/review/",
        {"milestone": [report.pk], "decision": "approve"},
        follow=True,
    )
    assert "已审核通过 1 条" in answer.content.decode()
    report.refresh_from_db()
    assert report.status == "approved"
    assert _m1_state(roadmap) == "on_schedule"


def test_the_queue_returns_a_selection_each_with_a_comment(roadmap, login):
    first = _done(roadmap)
    second = services.record_milestone(
        roadmap.users["reporter"], roadmap.round, roadmap.pilot, state="in_progress"
    )
    workflow.submit(roadmap.users["reporter"], [first, second])
    client = login(roadmap.users["coordinator"])
    url = f"/reporting/rounds/{roadmap.round.pk}/review/"
    refused = client.post(
        url, {"milestone": [first.pk, second.pk], "decision": "return"}, follow=True
    )
    assert "须填写审核意见" in refused.content.decode()
    assert set(MilestoneReport.objects.values_list("status", flat=True)) == {"submitted"}
    client.post(
        url,
        {
            "milestone": [first.pk, second.pk],
            "decision": "return",
            "comment": "请补充佐证",
            f"comment-milestone-{first.pk}": "完成日期与文件不符",
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.review_comment) == ("returned", "完成日期与文件不符")
    assert (second.status, second.review_comment) == ("returned", "请补充佐证")


def test_a_reporter_cannot_review_through_the_queue(roadmap, login):
    report = _done(roadmap)
    workflow.submit(roadmap.users["reporter"], [report])
    answer = login(roadmap.users["reporter"]).post(
        f"/reporting/rounds/{roadmap.round.pk}/review/",
        {"milestone": [report.pk], "decision": "approve"},
    )
    assert answer.status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


def test_the_queue_speaks_english_too(roadmap, login):
    report = _done(roadmap)
    workflow.submit(roadmap.users["reporter"], [report])
    client = login(roadmap.users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/reporting/rounds/{roadmap.round.pk}/").content.decode()
    assert "Milestone M1: 方案" in html and "(completed 2023-03-20)" in html


def test_reports_saved_before_the_review_cycle_become_approved_with_their_reporter(roadmap):
    """The data migration (roadmap 0002) on a report stored as entered, before review states."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("planwatch.web.roadmap.migrations.0002_milestone_report_review")
    report = _done(roadmap)
    MilestoneReport.objects.filter(pk=report.pk).update(status="draft")  # as the default gave it
    before = MilestoneReport.objects.get(pk=report.pk)
    migration.approve_existing(apps, None)
    after = MilestoneReport.objects.get(pk=report.pk)
    assert after.status == "approved"
    assert after.entered_by == after.submitted_by == roadmap.users["reporter"]
    assert after.submitted_at == before.updated_at == after.updated_at
    assert after.reviewed_by is None and after.version == before.version
    assert _m1_state(roadmap) == "on_schedule"  # it counts, as it did before


def test_the_roadmap_round_page_shows_the_review_state_and_the_return_comment(roadmap, login):
    report = _done(roadmap)
    client = login(roadmap.users["reporter"])
    url = f"/roadmap/rounds/{roadmap.round.pk}/"
    page = client.get(url).content.decode()
    assert "草稿" in page and "审核通过后才计入任务状态" in page
    workflow.submit(roadmap.users["reporter"], [report])
    workflow.return_for_revision(roadmap.users["coordinator"], [report], "请附印发文件")
    page = client.get(url).content.decode()
    assert "已退回" in page and "审核意见：请附印发文件" in page
