"""The round page's duty list on a phone, in Chromium: search, filter, sort and page through
34 duties without JavaScript doing any of it (plain GET forms and links)."""

from __future__ import annotations

import re

import pytest

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Assignment, Node, Task
from planwatch.web.reporting.services.duties import add_to_open_rounds

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_page_search_and_sort_the_round_page(open_round, departments, users, visitors):
    plan = open_round.plan
    node = Node.objects.filter(plan=plan, level="chapter").order_by("order").first()
    added = []
    for n in range(1, 26):
        task = save_tracked(
            Task(
                plan=plan,
                node=node,
                chapter=node,
                code=f"X{n:02d}",
                title=f"批量任务{n}",
                order=900 + n,
            )
        )
        added.append(
            save_tracked(
                Assignment(plan=plan, department=departments["science"], role="lead", task=task)
            )
        )
    add_to_open_rounds(plan, added)  # made after the round opened: added to it explicitly
    coordinator = visitors(PHONE)
    coordinator.login("coordinator")
    page = coordinator.open(f"/reporting/rounds/{open_round.pk}/?per_page=20")
    duties = page.locator("table.duties tbody tr")
    assert duties.count() == 20
    assert "共 34 条，第 1–20 条" in page.locator("nav.pager").inner_text()

    page.get_by_role("link", name="下一页").click()
    page.wait_for_load_state()
    assert duties.count() == 14 and "page=2" in page.url and "per_page=20" in page.url

    page.get_by_label("搜索").fill("批量任务2")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert duties.count() == 7  # 批量任务2, 20…25; back on the first page
    assert "q=" in page.url and not re.search(r"[?&]page=", page.url)

    # A phone hides the sortable headers: the form's 排序 list sorts, keeping the search.
    page.get_by_label("排序").select_option(label="事项（升序）")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    codes = [duties.nth(i).locator("td").nth(1).inner_text().split()[0] for i in range(7)]
    assert codes == ["X02", "X20", "X21", "X22", "X23", "X24", "X25"]
    page.get_by_label("排序").select_option(label="事项（降序）")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert duties.first.locator("td").nth(1).inner_text().startswith("X25")
    assert "sort=-target" in page.url and "q=" in page.url


def test_page_search_and_approve_a_page_of_the_review_queue(
    open_round, departments, users, visitors
):
    """25 submitted task reports: the queue shows 20 a page, searches under its own
    parameters (the duty list's stay), select-all ticks the page shown and approves exactly
    those."""
    from planwatch.web.reporting.models import TaskProgress
    from planwatch.web.reporting.services import workflow

    plan = open_round.plan
    node = Node.objects.filter(plan=plan, level="chapter").order_by("order").first()
    added = []
    for n in range(1, 26):
        task = save_tracked(
            Task(plan=plan, node=node, chapter=node, code=f"X{n:02d}", title=f"批量任务{n}")
        )
        added.append(
            save_tracked(
                Assignment(plan=plan, department=departments["science"], role="lead", task=task)
            )
        )
    add_to_open_rounds(plan, added)
    reporter = users["reporter"]
    reports = [
        workflow.record_progress(
            reporter, open_round, a.task, narrative="推进", percent=50, progress="in_progress"
        )
        for a in added
    ]
    workflow.submit(reporter, reports)

    coordinator = visitors()
    coordinator.login("coordinator")
    page = coordinator.open(f"/reporting/rounds/{open_round.pk}/?per_page=20&page=2")
    queue = page.locator("table.review-queue tbody tr")
    page.get_by_label("每页").first.select_option("20")  # the queue's form comes first
    page.get_by_role("button", name="筛选").first.click()
    page.wait_for_load_state()
    assert queue.count() == 20 and "queue-per_page=20" in page.url
    assert "page=2" in page.url  # the duty list below kept its page
    assert "共 25 条，第 1–20 条" in page.locator("nav.pager").first.inner_text()
    page.get_by_role("link", name="下一页").first.click()
    page.wait_for_load_state()
    assert queue.count() == 5 and "queue-page=2" in page.url

    page.locator("#id_queue-q").fill("批量任务2")
    page.get_by_role("button", name="筛选").first.click()
    page.wait_for_load_state()
    assert queue.count() == 7  # 批量任务2, 20…25; back on the queue's first page
    assert "queue-page" not in page.url

    page.get_by_label("全选本页").check()
    boxes = page.locator("input[data-selectable]")
    assert boxes.count() == 7 and all(boxes.nth(i).is_checked() for i in range(7))
    assert "选中本页显示的 7 条（筛选结果共 7 条，待审核共 25 条）" in page.content()
    page.get_by_label("审核结果").select_option("approve")
    page.get_by_role("button", name="提交审核结果").click()
    page.wait_for_load_state()
    assert "已审核通过 7 条" in page.locator(".messages").inner_text()
    assert "queue-q=" in page.url  # back where the review was sent from
    approved = set(
        TaskProgress.objects.filter(status="approved").values_list("task__code", flat=True)
    )
    assert approved == {"X02", "X20", "X21", "X22", "X23", "X24", "X25"}
    assert TaskProgress.objects.filter(status="submitted").count() == 18


def test_a_phone_in_english_labels_the_card_cells_with_an_english_colon(
    open_round, users, visitors
):
    """Found in the QA pass: on a phone the duty cards read "Department：中埠镇" in English."""
    coordinator = visitors(PHONE)
    coordinator.login("coordinator")
    page = coordinator.page
    with page.expect_navigation():
        page.select_option("#language", "en")
    page = coordinator.open(f"/reporting/rounds/{open_round.pk}/")
    assert page.evaluate("document.documentElement.lang") == "en"
    before = page.evaluate(
        "getComputedStyle(document.querySelector('table.responsive td[data-label]'),"
        " '::before').content"
    )
    assert before.endswith(': "') and "：" not in before
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    with page.expect_navigation():
        page.select_option("#language", "zh-hans")
    chinese = page.evaluate(
        "getComputedStyle(document.querySelector('table.responsive td[data-label]'),"
        " '::before').content"
    )
    assert chinese.endswith('："')
