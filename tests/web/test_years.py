"""One home for a plan's years: the same default everywhere, and a bad ``?year=`` is a 400
with a Chinese message on every page and in the API, never a 500."""

from __future__ import annotations

import pytest

from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting import years


def test_the_period_is_the_years_after_the_base_year(plan):
    assert years.period(plan) == (2021, 2025)
    assert years.years(plan) == [2021, 2022, 2023, 2024, 2025]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "年份应为四位数字"),
        ("２０２３", "年份应为四位数字"),
        ("2019", "不在规划期 2021–2025 年内"),
    ],
)
def test_a_bad_year_is_refused_in_chinese(plan, raw, message):
    with pytest.raises(years.YearError) as caught:
        years.parse_year(raw, plan)
    assert message in caught.value.message


def test_with_nothing_reported_a_plan_opens_at_its_open_rounds_year(open_round, users):
    assert years.default_year(open_round.plan, users["coordinator"]) == open_round.year


@pytest.mark.parametrize(
    "page", ["overview", "verdict", "dashboard", "dashboard item", "api", "downloads"]
)
def test_year_abc_is_a_400_in_chinese_everywhere(plan, users, login, page):
    item = MeasurableItem.objects.get(plan=plan, code="I1")
    url = {
        "overview": f"/plans/{plan.pk}/",
        "verdict": f"/reporting/plans/{plan.pk}/items/I1/verdict/",
        "dashboard": f"/dashboard/?plan={plan.pk}",
        "dashboard item": f"/dashboard/items/{item.pk}/",
        "downloads": f"/evaluation/plans/{plan.pk}/reports/",
        "api": f"/api/plans/{plan.pk}/assessment/",
    }[page]
    response = login(users["coordinator"]).get(url, {"year": "abc"})
    assert response.status_code == 400
    assert "年份应为四位数字" in response.content.decode()
