"""The plan's page is plans' (plans.overview); reporting and evaluation add their parts to it.

Plans imports neither (tests/web/test_layers.py): the parts are registered at start-up.
"""

from __future__ import annotations

import pytest

from planwatch.web.plans import overview

pytestmark = pytest.mark.django_db


def test_the_apps_registered_their_parts_in_order():
    assert [name for name, _ in sorted(overview._PARTS.items(), key=lambda p: p[1][0])] == [
        "reporting",
        "annual",
        "roadmap",
        "supervision",
        "evaluation",
        "surveys",
    ]


def test_the_page_shows_the_rounds_and_the_items_of_the_year(open_round, users, login):
    page = login(users["coordinator"]).get(f"/plans/{open_round.plan_id}/?year=2023")
    body = page.content.decode()
    assert page.status_code == 200
    assert "plans/overview.html" in [t.name for t in page.templates]
    assert "指标监测（2023年）" in body and "2023年度" in body  # items part, rounds part
    assert f"/reporting/plans/{open_round.plan_id}/rounds/new/" in body  # a manager's link
    assert f"/evaluation/plans/{open_round.plan_id}/reports/?year=2023" in body
    assert f"/plans/{open_round.plan_id}/reimport/" in body


def test_a_reporter_gets_neither_managers_nor_evaluators_links(open_round, users, login):
    body = login(users["reporter"]).get(f"/plans/{open_round.plan_id}/").content.decode()
    assert "/rounds/new/" not in body and "/evaluation/" not in body
    assert "/reimport/" not in body
    assert f"/reporting/plans/{open_round.plan_id}/projects/" in body


def test_the_evaluator_sees_the_evaluation_links(open_round, users, login):
    body = login(users["evaluator"]).get(f"/plans/{open_round.plan_id}/").content.decode()
    assert f"/evaluation/plans/{open_round.plan_id}/notes/" in body
    assert "/rounds/new/" not in body


@pytest.mark.parametrize("year", ["abc", "20233", "2019", "２０２３"])
def test_a_bad_year_is_a_400_in_chinese(open_round, users, login, year):
    page = login(users["coordinator"]).get(f"/plans/{open_round.plan_id}/", {"year": year})
    assert page.status_code == 400
    assert "年份应为四位数字" in page.content.decode() or "不在规划期" in page.content.decode()
