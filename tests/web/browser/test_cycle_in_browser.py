"""The reporting cycle and public feedback as people do them, in Chromium.

The county plan's T1 (high-tech firms, 100 → 200 by 2025) is lagging on the 2022 figure
(progress_data.py). 160 firms in 2023 is ln 1.6 / ln 2 = 0.68 of the way at τ = 0.6, above
τ − 0.1: on track.
"""

from __future__ import annotations

import re

import pytest

from planwatch.web.reporting.models import Observation

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def status_of(page, code: str) -> str:
    row = page.locator("table.items tr").filter(has=page.locator(f"td:text-is('{code}')"))
    return row.locator(".status").first.inner_text().strip("● ")


def test_report_review_and_publish_a_figure(reported, visitors, users):
    t1 = reported.item("T1")
    round = reported.rounds[2023]

    public = visitors()
    listing = f"/public/plans/{reported.plan.pk}/indicators/"
    assert public.open("/").url.endswith("/public/")  # the site root is the portal
    # 2022: 115 firms, ln 1.15 / ln 2 = 0.20 of the way at τ = 0.4, r = 0.5 → 严重滞后
    assert status_of(public.open(listing), "T1") == "严重滞后"

    # the science reporter enters the 2023 figure and submits it
    reporter = visitors()
    page = reporter.login("reporter")
    assert page.url.endswith("/reporting/todo/")
    duty = page.locator("tr").filter(has_text="T1 高新技术企业数量")
    duty.get_by_role("link", name="填报").click()
    page.get_by_label("数值").fill("160")
    page.get_by_label("数据来源").fill("县科技局2023年统计")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="报送本部门全部草稿").click()
    page.get_by_role("button", name="确认报送").click()
    assert page.locator(".messages").inner_text().startswith("已报送")
    assert Observation.objects.get(item=t1, year=2023).status == "submitted"

    # a reporter of another department can neither see the item nor change the figure
    other = visitors()
    page = other.login("other_reporter")
    dashboard = other.open("/dashboard/")
    assert dashboard.locator("table.items td:text-is('T1')").count() == 0
    entry = other.base_url + f"/reporting/rounds/{round.pk}/items/T1/"
    assert page.goto(entry).status == 404
    assert page.goto(other.base_url + f"/dashboard/items/{t1.pk}/").status == 404
    csrf = next(c["value"] for c in other.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        entry,
        form={"value": "1", "unit": "家", "source": "", "note": "", "reason": ""},
        headers={"X-CSRFToken": csrf, "Referer": other.base_url + "/"},
    )
    assert forged.status == 404
    assert Observation.objects.get(item=t1, year=2023).value == 160

    # the coordinator approves; the dashboard shows the new status at once
    coordinator = visitors()
    page = coordinator.login("coordinator")
    page = coordinator.open(f"/reporting/rounds/{round.pk}/")
    page.get_by_role("checkbox", name="T1 高新技术企业数量").check()
    page.get_by_label("审核结果").select_option("approve")
    page.get_by_role("button", name="提交审核结果").click()
    assert "已审核通过 1 条" in page.locator(".messages").inner_text()
    page = coordinator.open("/dashboard/")
    assert status_of(page, "T1") == "符合预期"  # 160: ln 1.6 / ln 2 = 0.68 at τ = 0.6, r = 1.13

    # the public sees it once the round's results are published
    assert status_of(public.open(listing), "T1") == "严重滞后"
    page = coordinator.open(f"/reporting/rounds/{round.pk}/edit/")
    page.get_by_label("结果已公开").check()
    page.get_by_role("button", name="保存").click()
    page = public.open(listing)
    assert status_of(page, "T1") == "符合预期"
    page.get_by_role("link", name="高新技术企业数量").click()
    page.wait_for_selector("html[data-charts-ready='1']")
    assert page.locator("#item-chart canvas").count() >= 1  # drawn by the bundled ECharts
    assert "160" in page.locator("table.values").inner_text()


def test_a_public_comment_waits_for_moderation(reported, visitors, users):
    t1 = reported.item("T1")
    citizen = visitors()
    page = citizen.open(f"/public/items/{t1.pk}/")
    page.get_by_label("满意", exact=True).check()
    page.get_by_label("意见建议").fill("希望公布更多企业培育的做法。")
    question = page.locator("label[for='id_answer']").inner_text()
    a, b = map(int, re.findall(r"\d+", question))
    page.get_by_label(question).fill(str(a + b))
    page.wait_for_timeout(1100)  # a person needs a moment; the form refuses faster answers
    page.get_by_role("button", name="提交评价").click()
    assert "审核通过后将公开显示" in page.locator(".messages").inner_text()
    assert "希望公布更多企业培育的做法" not in page.locator("#feedback").inner_text()

    coordinator = visitors()
    coordinator.login("coordinator")
    page = coordinator.open("/public/moderation/")
    comment = page.locator("article.comment").filter(has_text="希望公布更多企业培育的做法")
    comment.get_by_role("button", name="公开", exact=True).click()
    assert "已公开该评价" in page.locator(".messages").inner_text()

    page = citizen.open(f"/public/items/{t1.pk}/")
    assert "希望公布更多企业培育的做法" in page.locator("#feedback").inner_text()


def test_the_portal_on_a_phone_by_keyboard(reported, visitors):
    phone = visitors(PHONE)
    page = phone.open("/public/")
    page.wait_for_selector("html[data-charts-ready='1']")
    # nothing wider than the screen: wide tables scroll inside their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    listing = phone.open(f"/public/plans/{reported.plan.pk}/indicators/")
    assert listing.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    statuses = listing.locator("table.items .status")
    assert statuses.count() == 4
    for text in statuses.all_inner_texts():
        assert text.strip("● ")  # every status carries words, not only a colour
    page = phone.open("/public/")
    # the form is reachable by keyboard, and the hidden trap field is not
    page.get_by_label("意见建议").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "answer"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "comment"


def test_the_guard_catches_a_request_to_another_host(reported, visitors):
    """The no-CDN check itself: a page that reaches out is caught (then forgiven here)."""
    visitor = visitors()
    page = visitor.open("/public/")
    # A script's fetch is refused by the Content-Security-Policy before it leaves the page;
    # a navigation is not governed by the policy, so it shows the guard at work.
    refused = page.evaluate(
        "fetch('https://cdn.example.net/echarts.min.js').then(() => false, () => true)"
    )
    assert refused and visitor.foreign == []
    with pytest.raises(Exception, match="ERR_FAILED"):
        page.goto("https://cdn.example.net/echarts.min.js")
    assert visitor.foreign == ["https://cdn.example.net/echarts.min.js"]
    visitor.foreign.clear()
