"""The annual report's 政策措施落实情况: issued policies with their approved implementation; a
draft report never appears, and without policies there is no such section."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.web.plans.models import Task
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services import workflow
from planwatch.web.supervision.models import Policy
from planwatch.web.supervision.services.policies import record_report, save_policy
from tests.web.evaluation.conftest import reported  # noqa: F401  (the fixture)
from tests.web.evaluation.test_downloads import docx_text, url

pytestmark = pytest.mark.django_db


def test_the_report_has_the_policies_and_their_approved_implementation(
    reported,  # noqa: F811
    users,
    departments,
    login,
):
    plan, coordinator = reported.plan, users["coordinator"]
    client = login(coordinator)
    assert "政策措施落实情况" not in docx_text(client.get(url(plan)).content)
    m1 = Task.objects.get(plan=plan, code="M1")
    issued = save_policy(
        coordinator,
        Policy(
            plan=plan,
            title="科技创新若干政策",
            document_number="示政发〔2021〕8号",
            department=departments["science"],
            status="issued",
            issued_on=dt.date(2021, 6, 1),
        ),
        tasks=[m1],
        items=[],
    )
    pending = save_policy(
        coordinator,
        Policy(plan=plan, title="节能降耗实施方案", department=departments["env"], status="issued"),
        tasks=[],
        items=[],
    )
    save_policy(
        coordinator,
        Policy(plan=plan, title="监督办法", department=departments["econ"], status="drafting"),
        tasks=[],
        items=[],
    )
    round = ReportingRound.objects.get(plan=plan, year=2023)
    done = record_report(
        users["reporter"], round, issued, progress="completed", narrative="兑现研发补助资金3000万元"
    )
    workflow.submit(users["reporter"], [done])
    workflow.approve(coordinator, [type(done).objects.get(pk=done.pk)])
    record_report(
        users["other_reporter"], round, pending, progress="in_progress", narrative="草稿：尚未审核"
    )
    text = docx_text(client.get(url(plan)).content)
    section = text[text.index("政策措施落实情况") : text.index("存在的问题")]
    assert (
        "已登记政策措施3项，其中已出台2项、制定中1项；已出台的政策中1项报送了经审核的落实情况"
        in section
    )
    assert (
        "《科技创新若干政策》（示政发〔2021〕8号）由县科学技术局制定，2021年6月1日印发，落实情况：已完成。兑现研发补助资金3000万元。"
        in section
    )
    assert "《节能降耗实施方案》由县生态环境分局制定，尚未报送经审核的落实情况。" in section
    assert "草稿" not in section and "监督办法" not in section
