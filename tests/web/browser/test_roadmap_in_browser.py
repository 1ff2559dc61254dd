"""A task's roadmap in the browser: the lead department adds a milestone, sees it overdue and
the task late, reports it done in the round — a draft that changes nothing until it is
submitted and approved — and then sees the task done; the supporting department reads the
roadmap but cannot change it."""

from __future__ import annotations

import pytest

from planwatch.web.reporting.services import workflow
from planwatch.web.roadmap.models import MilestoneReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_department_plans_and_reports_a_milestone(open_round, users, visitors):
    plan = open_round.plan
    visitor = visitors()
    visitor.login("reporter")  # the science bureau leads M1
    page = visitor.open(f"/roadmap/plans/{plan.pk}/tasks/M1/")
    assert "尚未制定节点" in page.content()
    page.get_by_label("节点内容").fill("制定高新技术企业培育方案")
    page.get_by_label("完成时限").fill("2023-01-31")
    page.get_by_label("预期佐证").fill("印发文件")
    page.get_by_role("button", name="添加").click()
    page.wait_for_load_state()
    assert "已添加节点" in page.content()
    row = page.locator("tbody tr").filter(has_text="制定高新技术企业培育方案")
    assert "已逾期" in row.inner_text() and "县科学技术局" in row.inner_text()
    assert "按节点判断：滞后" in page.locator("main p").first.inner_text()

    page = visitor.open(f"/roadmap/rounds/{open_round.pk}/")
    page.get_by_role("link", name="制定高新技术企业培育方案").click()
    page.wait_for_load_state()
    page.get_by_label("节点状态").select_option("done")
    page.get_by_label("完成日期").fill("2023-01-20")
    page.get_by_label("进展说明").fill("方案已印发")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "已保存节点进展" in page.content()

    page = visitor.open(f"/roadmap/plans/{plan.pk}/tasks/M1/")
    row = page.locator("tbody tr").filter(has_text="制定高新技术企业培育方案")
    assert "已逾期" in row.inner_text()  # a draft is not yet what the task follows
    report = MilestoneReport.objects.get(
        round=open_round, milestone__what="制定高新技术企业培育方案"
    )
    workflow.submit(users["reporter"], [report])
    workflow.approve(users["coordinator"], [report])

    page = visitor.open(f"/roadmap/plans/{plan.pk}/tasks/M1/")
    row = page.locator("tbody tr").filter(has_text="制定高新技术企业培育方案")
    assert "已完成 2023-01-20" in row.inner_text() and "已逾期" not in row.inner_text()
    assert "按节点判断：已完成" in page.locator("main p").first.inner_text()
    visitor.logout()

    visitor.login("other_reporter")  # the environment bureau only supports M1
    page = visitor.open(f"/roadmap/plans/{plan.pk}/tasks/M1/")
    row = page.locator("tbody tr").filter(has_text="制定高新技术企业培育方案")
    assert row.count() == 1
    assert row.get_by_role("link", name="修改").count() == 0
    assert page.get_by_role("button", name="添加").count() == 0
