"""Headings that join a label to the plan's own data read as English in English: found in the QA
pass, where "Annual target：…（2022年）" and "中埠镇：Approved 0，Submitted 49" kept the Chinese
punctuation and 年 around the translated words."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def english(client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_plan_overview_and_the_round_page_in_english(reported, users, login):
    client = login(users["coordinator"])
    plan = reported.plan
    overview = english(client, f"/plans/{plan.pk}/")
    assert "Item monitoring (2022)" in overview and "（2022年）" not in overview
    assert "approved 0, submitted" in overview or "approved 1, submitted" in overview
    assert "：已审核" not in overview and "：Approved" not in overview
    round_page = english(client, f"/reporting/rounds/{reported.rounds[2023].pk}/")
    assert "Status: " in round_page and "deadline: " in round_page
    assert "Status：" not in round_page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(f"/reporting/rounds/{reported.rounds[2023].pk}/").content.decode()
    assert "状态：" in chinese and "截止日期：" in chinese


def test_the_annual_targets_and_evaluation_headings_in_english(reported, users, login):
    client = login(users["coordinator"])
    plan = reported.plan
    targets = english(client, f"/annual/plans/{plan.pk}/targets/?year=2023")
    assert f"Annual targets: {plan} (2023)" in targets
    notes = english(client, f"/evaluation/plans/{plan.pk}/notes/")
    assert f"Evaluation notes: {plan}</h1>" in notes
    commissions = english(client, f"/evaluation/plans/{plan.pk}/commissions/")
    assert f"Third-party evaluation: {plan}</h1>" in commissions
    dashboard = english(client, "/dashboard/")
    assert "Current round: " in dashboard and "Current round：" not in dashboard


def test_the_demo_banner_reads_as_one_english_sentence(reported, users, login):
    type(reported.plan).objects.filter(pk=reported.plan.pk).update(is_demo=True)
    client = login(users["coordinator"])
    page = english(client, "/dashboard/")
    assert "Demo data: synthetic demo data is loaded" in page and "Demo data：" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "示例数据：本系统已载入演示用的合成数据" in client.get("/dashboard/").content.decode()
