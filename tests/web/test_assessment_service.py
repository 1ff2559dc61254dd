"""One assessment service for every page and the API: the figures the reader may see, at once.

Expected figures are the ones each test stores; which reader sees which follows issue 4's roles.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import Observation
from planwatch.web.reporting.services.assessment import assess_stored_plan
from planwatch.web.reporting.services.workflow import record_observation

pytestmark = pytest.mark.django_db


def _approved(round, code, value, departments, dept, year=2021, unit=""):
    item = MeasurableItem.objects.get(plan=round.plan, code=code)
    return save_tracked(
        Observation(
            round=round,
            item=item,
            year=year,
            value=value,
            unit=unit,
            status="approved",
            department=departments[dept],
        )
    )


def _latest(assessed, code):
    return next(i.latest_value for i in assessed.items if i.code == code)


@pytest.fixture
def figures(open_round, departments):
    return {
        "I2": _approved(open_round, "I2", 61.0, departments, "science"),
        "I1": _approved(open_round, "I1", 7.5, departments, "econ"),
    }


def test_each_reader_is_judged_on_the_figures_they_may_see(figures, open_round, users):
    plan = open_round.plan
    everything = assess_stored_plan(plan, 2021, users["coordinator"])
    assert (_latest(everything, "I2"), _latest(everything, "I1")) == (61.0, 7.5)
    science = assess_stored_plan(plan, 2021, users["reporter"])
    assert (_latest(science, "I2"), _latest(science, "I1")) == (61.0, None)
    public = assess_stored_plan(plan, 2021, AnonymousUser())
    assert (_latest(public, "I2"), _latest(public, "I1")) == (None, None)  # not published yet
    plan.is_published = True
    save_tracked(plan)
    open_round.is_published = True
    save_tracked(open_round)
    public = assess_stored_plan(plan, 2021, AnonymousUser())
    assert (_latest(public, "I2"), _latest(public, "I1")) == (61.0, 7.5)


def test_a_changed_figure_flows_into_the_next_assessment_at_once(figures, open_round, users):
    plan, coordinator = open_round.plan, users["coordinator"]
    assert _latest(assess_stored_plan(plan, 2021, coordinator), "I2") == 61.0
    figure = figures["I2"]
    figure.value = 63.5
    save_tracked(figure, reason="统计局更正")
    assert _latest(assess_stored_plan(plan, 2021, coordinator), "I2") == 63.5


def test_a_unit_the_engine_cannot_convert_is_refused_when_entered(open_round, users):
    i2 = MeasurableItem.objects.get(plan=open_round.plan, code="I2")
    with pytest.raises(ValidationError) as refused:
        record_observation(users["reporter"], open_round, i2, value=61.0, unit="万人")
    assert "unit" in refused.value.message_dict
    assert not Observation.objects.filter(item=i2).exists()
    kept = record_observation(users["reporter"], open_round, i2, value=61.0, unit="％")
    assert kept.value == 61.0  # a full-width per cent is the same unit


def test_the_web_form_explains_a_bad_unit(open_round, users, login):
    client = login(users["reporter"])
    response = client.post(
        f"/reporting/rounds/{open_round.pk}/items/I2/", {"value": "61", "unit": "万人"}
    )
    assert response.status_code == 200
    assert "无法换算" in response.content.decode()
    assert not Observation.objects.filter(item__code="I2").exists()


def test_one_bad_stored_row_never_takes_a_page_down(figures, open_round, departments, users, login):
    plan = open_round.plan
    # stored before the check existed (or by hand): a count of people for a percentage
    _approved(open_round, "I2", 62.0, departments, "science", year=2022, unit="万人")
    assessed = assess_stored_plan(plan, 2022, users["coordinator"])
    assert "万人" in assessed.problem_of("I2")
    assert _latest(assessed, "I2") == 61.0  # the good 2021 figure still counts
    assert _latest(assessed, "I1") == 7.5 and assessed.problem_of("I1") is None
    client = login(users["coordinator"])
    overview = client.get(f"/plans/{plan.pk}/?year=2022")
    assert overview.status_code == 200
    assert "有数据无法使用" in overview.content.decode()
    item = MeasurableItem.objects.get(plan=plan, code="I2")
    page = client.get(f"/dashboard/items/{item.pk}/?year=2022")
    assert page.status_code == 200 and "万人" in page.content.decode()
    body = client.get(f"/api/plans/{plan.pk}/assessment/?year=2022").json()
    assert list(body["problems"]) == ["I2"]
    assert {i["code"]: i["latest_value"] for i in body["indicators"]}["I1"] == 7.5


def test_cached_pages_show_a_change_on_the_next_request(open_round, users, departments, login):
    """Round page (every change) and dashboard (judged changes) after a draft and an approval."""
    client = login(users["coordinator"])
    round_page = f"/reporting/rounds/{open_round.pk}/"
    assert "61.25" not in client.get(round_page).content.decode()
    i2 = MeasurableItem.objects.get(plan=open_round.plan, code="I2")
    draft = record_observation(users["reporter"], open_round, i2, value=61.25, year=2023)
    assert "61.25" in client.get(round_page).content.decode()  # a draft: every-change key
    dashboard = f"/dashboard/?plan={open_round.plan_id}"
    assert "61.25" not in client.get(dashboard).content.decode()  # not approved: not judged
    draft.status = "approved"
    save_tracked(draft)
    assert "61.25" in client.get(dashboard).content.decode()
    assert "61.25" in client.get(f"/plans/{open_round.plan_id}/").content.decode()


def test_an_item_reported_cumulatively_is_judged_on_its_cumulative_figure(open_round, users):
    # 能耗降低 14.5 % by 2025, reported as 累计下降 3.2 / 6.5 / 9.6 % (the item's default basis):
    # 9.6 % against 1 − 0.855^0.6 = 8.97 % expected by 2023 is on track (tests/assess), whereas
    # compounding the three as yearly rates would give 18.2 % and 提前完成.
    item = MeasurableItem.objects.get(plan=open_round.plan, code="I3")
    item.target_value, item.target_year, item.target_text = 14.5, 2025, "14.5"
    item.default_basis = "cumulative"
    save_tracked(item)
    for year, value in {2021: 3.2, 2022: 6.5, 2023: 9.6}.items():
        obs = record_observation(users["coordinator"], open_round, item, value=value, year=year)
        assert obs.basis == "cumulative"
        obs.status = "approved"
        save_tracked(obs)
    judged = next(
        i
        for i in assess_stored_plan(open_round.plan, 2023, users["coordinator"]).items
        if i.code == "I3"
    )
    assert judged.judged_value == pytest.approx(9.6)
    assert judged.status == "on_track"


def test_a_year_outside_the_period_is_refused_in_the_readers_language(open_round, users):
    from planwatch.errors import InputError
    from planwatch.web.plans.services.outline import to_outline
    from planwatch.web.reporting.services.assessment import usable_inputs

    outline = to_outline(open_round.plan, with_tree=False)
    with pytest.raises(InputError) as refused:
        usable_inputs(outline, 2030, observations=[], later_targets=[], verdicts=[], overrides=[])
    assert str(refused.value) == "评估年份2030年不在规划期2021—2025年内"
    assert "outside the plan period 2021–2025" in refused.value.render("en")


def test_a_stored_row_the_engine_refuses_is_explained_in_the_readers_language(
    open_round, departments, users
):
    from django.utils import translation

    _approved(open_round, "I2", 61.0, departments, "science", unit="亿元")  # 亿元 is not %
    with translation.override("zh-hans"):
        chinese = assess_stored_plan(open_round.plan, 2021, users["coordinator"]).problem_of("I2")
    assert chinese and "cannot convert" not in chinese and "亿元" in chinese
    with translation.override("en"):
        english = assess_stored_plan(open_round.plan, 2021, users["coordinator"]).problem_of("I2")
    assert english and english != chinese
