"""落实情况 through the pages: the issuing department enters and submits, another department
cannot, a reviewer approves; the approved state then shows on the task and item pages."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.web.plans.models import MeasurableItem, Task
from planwatch.web.supervision.models import Policy, PolicyReport
from planwatch.web.supervision.services.policies import save_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(open_round, users, departments):
    plan = open_round.plan
    return save_policy(
        users["coordinator"],
        Policy(
            plan=plan,
            title="高新技术企业培育办法",
            document_number="示科发〔2021〕2号",
            department=departments["science"],
            status="issued",
            issued_on=dt.date(2021, 4, 1),
        ),
        tasks=[Task.objects.get(plan=plan, code="M1")],
        items=[MeasurableItem.objects.get(plan=plan, code="I2")],
    )


def test_the_issuing_department_reports_and_a_reviewer_approves(open_round, policy, users, login):
    address = f"/supervision/rounds/{open_round.pk}/policies/{policy.pk}/"
    other = login(users["other_reporter"])
    assert other.post(address, {"progress": "completed", "narrative": "x"}).status_code == 403
    assert not PolicyReport.objects.exists()

    science = login(users["reporter"])
    response = science.post(address, {"progress": "in_progress", "narrative": "已认定企业12家"})
    assert response.status_code == 302
    report = PolicyReport.objects.get()
    assert report.status == "draft" and report.department_id == policy.department_id
    science.post(address, {"submit": "1"})
    report.refresh_from_db()
    assert report.status == "submitted"

    assert (
        login(users["reporter"])
        .post(
            f"/supervision/plans/{open_round.plan_id}/policies/review/",
            {"report": report.pk, "decision": "approve"},
        )
        .status_code
        == 403
    )
    login(users["leader"]).post(
        f"/supervision/plans/{open_round.plan_id}/policies/review/",
        {"report": report.pk, "decision": "approve", "comment": ""},
    )
    report.refresh_from_db()
    assert report.status == "approved"

    task_page = login(users["reporter"]).get(f"/reporting/rounds/{open_round.pk}/tasks/M1/")
    assert "高新技术企业培育办法" in task_page.content.decode()
    assert "落实情况：推进中" in task_page.content.decode()
    item = MeasurableItem.objects.get(plan=open_round.plan, code="I2")
    item_page = login(users["leader"]).get(f"/dashboard/items/{item.pk}/?year=2023")
    assert "示科发〔2021〕2号" in item_page.content.decode()


def test_a_drafting_policy_takes_no_report(open_round, policy, users, login):
    policy.status = "drafting"
    policy.save()
    response = login(users["reporter"]).post(
        f"/supervision/rounds/{open_round.pk}/policies/{policy.pk}/",
        {"progress": "in_progress", "narrative": ""},
    )
    assert response.status_code == 403
    assert not PolicyReport.objects.exists()
