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
