"""A prose target that restates a table indicator reaches the core with its link, so every
count (dashboard, public page, reports) takes it once. The county fixture states 城镇调查失业率
控制在5.5%以内 and 森林覆盖率达到36.5%以上 in the prose and again in the table (I5, I7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from planwatch.outline import parse_outline
from planwatch.web.dashboard import progress as pg
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.services.assessment import assess_stored_plan

pytestmark = pytest.mark.django_db

COUNTY = Path(__file__).resolve().parents[1] / "fixtures" / "outlines"
COUNTY = COUNTY / "qinghe-county-14th-fyp-outline.txt"


@pytest.fixture
def county(db):
    plan = import_plan(parse_outline(COUNTY), source_name=COUNTY.name)
    plan.confirmed_at = timezone.now()
    return save_tracked(plan)


def test_the_link_range_and_defaulted_year_are_stored_and_given_back(county):
    stored = {i.code: i for i in MeasurableItem.objects.filter(plan=county, kind="target")}
    assert (stored["T3"].restates, stored["T4"].restates, stored["T1"].restates) == (
        "I5",
        "I7",
        "",
    )
    assert stored["T6"].year_defaulted and not stored["T1"].year_defaulted
    back = {t.code: t for t in to_outline(county).targets}
    assert (back["T3"].restates, back["T1"].restates) == ("I5", None)
    assert back["T6"].year_defaulted is True and back["T6"].year == 2025


def test_a_range_keeps_its_upper_end(county):
    t1 = MeasurableItem.objects.get(plan=county, code="T1")
    t1.target_high = 200.0  # as the reader stores 50－100家 (value 50, high 100)
    save_tracked(t1)
    assert {t.code: t.high for t in to_outline(county).targets}["T1"] == 200.0


def test_the_engine_gets_the_link_and_the_dashboard_counts_each_item_once(county, users):
    result = assess_stored_plan(county, 2023, users["coordinator"]).result
    assert {t.code: t.restates for t in result.targets}["T3"] == "I5"
    rows = pg.plan_progress(users["coordinator"], county, year=2023).rows
    assert len(rows) == 9 + 14  # every item is still listed with its own verdict
    assert sum(n for _, n in pg.status_counts(rows)) == 9 + 14 - 2  # T3 and T4 counted once
