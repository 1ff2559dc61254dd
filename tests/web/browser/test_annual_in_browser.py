"""A department's annual plan in the browser: the coordinator proposes the year's targets, the
lead department reads its plan and confirms its own target."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_department_reads_and_confirms_its_annual_plan(assigned, users, departments, visitors):
    visitor = visitors()
    visitor.login("coordinator")
    page = visitor.open(f"/annual/plans/{assigned.pk}/targets/?year=2023")
    page.get_by_role("button", name="按规划路径测算全部年度目标").click()
    page.wait_for_load_state()
    assert "已按规划路径测算 15 个年度目标" in page.content()
    visitor.logout()

    visitor.login("reporter")  # the science bureau leads T1 and I2, M1 and M2
    page = visitor.open(
        f"/annual/plans/{assigned.pk}/departments/{departments['science'].pk}/?year=2023"
    )
    items = page.locator("table.annual-items tbody tr")
    t1 = items.filter(has_text="高新技术企业数量")
    assert "达到152家" in t1.inner_text() and "测算待确认" in t1.inner_text()
    assert page.locator("table.annual-tasks").get_by_text("壮大高新技术企业").count() == 1

    page = visitor.open(f"/annual/plans/{assigned.pk}/targets/?year=2023")
    row = page.locator("tbody tr").filter(has_text="高新技术企业数量")
    row.get_by_role("button", name="确认").click()
    page.wait_for_load_state()
    row = page.locator("tbody tr").filter(has_text="高新技术企业数量")
    assert "部门已确认" in row.inner_text()
    # the environment bureau's row offers this reporter nothing to confirm
    other = page.locator("tbody tr").filter(has_text="单位地区生产总值能耗降低")
    assert other.count() == 0 or other.get_by_role("button", name="确认").count() == 0
