"""Targets in words in the web system: their kind survives import → database → to_outline, and
an outside reference figure the coordinator records (versioned, on the item's page) changes the
verdict from 待明确目标 to a judgement.

The outline is the test fixture typed after the national 14th table's cells (made-up figures).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from planwatch.outline import parse_outline
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.models import Observation, ReferenceFigure, ReportingRound
from planwatch.web.reporting.services.assessment import assess_stored_plan

pytestmark = pytest.mark.django_db

OUTLINE = Path(__file__).resolve().parents[1] / "fixtures/outlines/word-targets-main-indicators.md"


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def plan():
    return import_plan(parse_outline(OUTLINE), source_name="word-targets.md")


def _approve(plan, department, code, figures):
    round = ReportingRound.objects.filter(plan=plan).first() or save_tracked(
        ReportingRound(
            plan=plan, name="2022年度", year=2022, status="open",
            deadline=dt.date.today() + dt.timedelta(days=10),
        )
    )  # fmt: skip
    item = MeasurableItem.objects.get(plan=plan, code=code)
    for year, value in figures:
        save_tracked(
            Observation(
                round=round, item=item, year=year, value=value,
                status="approved", department=department,
            )
        )  # fmt: skip


def _judged(plan, user, code):
    return next(i for i in assess_stored_plan(plan, 2022, user).items if i.code == code)


def test_word_targets_survive_the_database(plan):
    parsed = parse_outline(OUTLINE)
    back = to_outline(plan, with_tree=False)
    assert [i.word_targets for i in back.indicators] == [i.word_targets for i in parsed.indicators]
    stored = MeasurableItem.objects.get(plan=plan, code="I2").word_targets
    assert stored == [
        {
            "kind": "relative", "text": "高于GDP增长", "relation": "above", "reference": "I1",
            "reference_name": "GDP增长", "subject": None, "location": [],
        }
    ]  # fmt: skip


def test_a_recorded_reference_figure_changes_the_verdict(plan, users, departments, login):
    _approve(plan, departments["econ"], "I5", [(2021, 7.0), (2022, 5.0)])
    coordinator = users["coordinator"]
    before = _judged(plan, coordinator, "I5")
    assert before.status == "needs_target"
    assert "缺少全省平均水平2021、2022年的数值" in before.explanation
    client = login(coordinator)
    url = f"/reporting/plans/{plan.pk}/items/I5/references/"
    page = client.get(url).content.decode()
    assert "快于全省平均水平" in page
    posted = client.post(
        url, {"kind": "reference", "year": "", "value": "4.9", "source": "省统计公报"}
    )
    assert posted.status_code == 302
    figure = ReferenceFigure.objects.get(item__plan=plan, item__code="I5")
    assert (figure.year, figure.value, figure.source) == (None, 4.9, "省统计公报")
    after = _judged(plan, coordinator, "I5")
    assert (after.status, after.compared_with) == ("on_track", "全省平均水平")
    # changed later: versioned, and the verdict follows (2022's 5.0 no longer above 5.5)
    client.post(url, {"kind": "reference", "year": "", "value": "5.5", "version": figure.version})
    assert ReferenceFigure.objects.get(pk=figure.pk).version == figure.version + 1
    assert _judged(plan, coordinator, "I5").status == "roughly_on_track"


def test_a_range_form_refuses_an_inverted_range_and_other_items(plan, users, login):
    client = login(users["coordinator"])
    url = f"/reporting/plans/{plan.pk}/items/I1/references/"
    refused = client.post(url, {"kind": "range", "year": "2022", "low": "6", "high": "5"})
    assert refused.status_code == 200 and "区间上限不能低于下限" in refused.content.decode()
    assert not ReferenceFigure.objects.exists()
    assert (
        client.post(url, {"kind": "range", "year": "2022", "low": "5", "high": "6"}).status_code
        == 302
    )
    no_words = client.get(f"/reporting/plans/{plan.pk}/items/I3/references/")
    assert no_words.status_code == 400
    other = client.post(f"/reporting/plans/{plan.pk}/items/I3/references/", {"low": "1"})
    assert other.status_code == 400 and ReferenceFigure.objects.count() == 1
    reporter = login(users["reporter"])
    assert reporter.get(url).status_code in (403, 404)  # a reporter records none
