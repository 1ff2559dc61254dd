"""The small traps of the yearly cycle, one test each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services import workflow

pytestmark = pytest.mark.django_db


def test_a_refused_evidence_upload_keeps_the_progress_form_as_typed(open_round, users, login):
    reporter = users["reporter"]
    m1 = open_round.plan.tasks.get(code="M1")
    workflow.record_progress(
        reporter, open_round, m1, narrative="已存的草稿", percent=40, progress="in_progress"
    )
    client = login(reporter)
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/tasks/M1/",
        {
            "upload": "1",
            "progress-progress": "delayed",
            "progress-percent": "45",
            "progress-narrative": "刚改了一半的说明",
            "evidence-file": SimpleUploadedFile("x.exe", b"MZ\x90\x00not a document"),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form["narrative"].value() == "刚改了一半的说明"
    assert str(form["percent"].value()) == "45"
    assert form["progress"].value() == "delayed"
    assert "佐证材料未上传" in response.content.decode()


def test_cancelling_an_assignment_asks_and_keeps_the_reason(assigned, users, login):
    client = login(users["coordinator"])
    assignment = Assignment.objects.filter(plan=assigned).first()
    url = f"/plans/{assigned.pk}/assignments/{assignment.pk}/remove/"
    page = client.get(url)
    assert page.status_code == 200 and "将取消分工" in page.content.decode()
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert client.post(url, {"confirmed": "1", "reason": ""}).status_code == 400
    assert client.post(url, {"confirmed": "1", "reason": "职能调整"}).status_code == 302
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    from planwatch.web.history.models import ChangeRecord

    assert ChangeRecord.objects.filter(object_id=assignment.pk, reason="职能调整").exists()


def test_deactivating_an_account_asks_first(users, login):
    reporter = users["reporter"]
    admin = login(users["admin"])
    url = f"/accounts/users/{reporter.pk}/active/"
    page = admin.post(url, {"active": "0", "version": reporter.version})
    assert page.status_code == 200 and "将停用账号" in page.content.decode()
    reporter.refresh_from_db()
    assert reporter.is_active


def test_the_conflict_shows_the_other_value_who_and_when_and_offers_both(open_round, users, login):
    reporter = users["reporter"]
    item = open_round.plan.items.get(code="I2")
    obs = workflow.record_observation(reporter, open_round, item, value=60.0)
    client = login(reporter)
    url = f"/reporting/rounds/{open_round.pk}/items/I2/"
    loaded = obs.version
    workflow.record_observation(
        users["coordinator"], open_round, item, value=63.5, expected_version=loaded
    )
    response = client.post(url, {"value": "61", "version": loaded, "unit": "", "basis": ""})
    page = response.content.decode()
    assert "已被他人修改" in page
    assert "63.5" in page and "coordinator" in page
    local = timezone.localtime(Observation.objects.get().updated_at).strftime("%Y-%m-%d %H:")
    assert local in page  # Beijing time
    assert "保留对方的内容" in page and "保留我的内容" in page
    # Keeping mine: the page now carries the current version, so saving again overwrites.
    form = response.context["form"]
    again = client.post(
        url, {"value": "61", "version": form["version"].value(), "unit": "", "basis": ""}
    )
    assert again.status_code == 302
    assert Observation.objects.get().value == 61


def test_the_dashboard_opens_the_plan_last_used(plan, users, login):
    from planwatch.web.plans.models import Plan

    newer = save_tracked(Plan(title="另一个规划", base_year=2020, target_year=2025))
    client = login(users["coordinator"])
    assert client.get("/dashboard/").context["plan"] == newer  # nothing used yet: the newest
    client.get(f"/dashboard/?plan={plan.pk}")
    assert client.get("/dashboard/").context["plan"] == plan


def test_without_a_last_plan_the_dashboard_opens_the_one_with_the_current_round(
    open_round, users, login
):
    from planwatch.web.plans.models import Plan

    save_tracked(Plan(title="尚无数据的新规划", base_year=2025, target_year=2030))
    client = login(users["coordinator"])
    assert client.get("/dashboard/").context["plan"] == open_round.plan


def test_a_round_renamed_after_the_download_accepts_the_template_by_id(open_round, users):
    # (the end-to-end upload is in test_excel_progress; here the reader's rule)
    from planwatch.reports.template import TemplateMeta
    from planwatch.web.reporting.services.excel import Problem, _rows_of_sheets_for

    class Row:
        sheet, row = "S", 4
        meta = TemplateMeta(str(open_round.plan_id), None, "旧名称", str(open_round.pk))

    problems: list[Problem] = []
    assert _rows_of_sheets_for(users["coordinator"], open_round, [Row()], problems) and not problems
    other = save_tracked(
        ReportingRound(
            plan=open_round.plan,
            name=open_round.name,
            year=2024,
            deadline=timezone.localdate() + dt.timedelta(days=1),
        )
    )
    Row.meta = TemplateMeta(str(open_round.plan_id), None, open_round.name, str(other.pk))
    assert not _rows_of_sheets_for(users["coordinator"], open_round, [Row()], problems)
    assert problems[0].column == "F"


def test_the_cancel_confirmation_of_an_unknown_plan_is_a_404(assigned, users, login):
    client = login(users["coordinator"])
    assert client.get("/plans/99999999999999999999/assignments/1/remove/").status_code == 404
