"""A target in words a row has beside its number (12th outline note ④, attached to the two income
rows) shows on the item page as printed and with its comparison, in both languages; the review
queue's target column prints it after the number. Made-up figures: GDP 39.8 → 43.8 → 47.2 万亿元
(10.05%, 7.76%; 8.90% a year), 城镇居民人均可支配收入 19109 → 20500 → 22200 元 (7.28%, 8.29%;
7.78% a year): 1.12 points below GDP → 滞后于预期 for both clauses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planwatch.outline import parse_outline
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.reporting.bulk import target_of
from planwatch.web.reporting.models import Observation, ReportingRound

pytestmark = pytest.mark.django_db

OUTLINE = Path(__file__).resolve().parents[1] / "fixtures/outlines/national-12th-main-objectives.md"


@pytest.fixture
def plan(departments):
    plan = import_plan(parse_outline(OUTLINE), source_name="12th.md")
    round = save_tracked(
        ReportingRound(
            plan=plan, name="2012年度", year=2012, status="open",
            deadline=dt.date.today() + dt.timedelta(days=10),
        )
    )  # fmt: skip
    for code, values in {"I1": (43.8, 47.2), "I20": (20500, 22200)}.items():
        item = MeasurableItem.objects.get(plan=plan, code=code)
        for year, value in zip((2011, 2012), values, strict=True):
            save_tracked(
                Observation(
                    round=round, item=item, year=year, value=value,
                    status="approved", department=departments["econ"],
                )
            )  # fmt: skip
    plan.is_published = True
    save_tracked(plan)
    return plan


def test_the_item_page_shows_the_note_target_and_its_comparison(plan, users, login, settings):
    item = MeasurableItem.objects.get(plan=plan, code="I20")
    client = login(users["coordinator"])
    page = client.get(f"/dashboard/items/{item.pk}/").content.decode()
    assert "“城乡居民收入增长按照不低于国内生产总值增长预期目标确定”" in page  # the 目标 cell
    assert "<strong>滞后于预期</strong> · 目标为“在实施中要努力实现和经济发展同步”" in page
    assert "年均增长7.8%，低于同期国内生产总值年均增长8.9%" in page
    assert "相差1.12个百分点（基本同步的幅度为±0.5个百分点）" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/dashboard/items/{item.pk}/").content.decode()
    assert "<dt>Targets in words</dt>" in page
    assert "<strong>Lagging</strong> · The target reads" in page
    assert "a difference of 1.12 percentage points" in page


def test_the_review_queue_prints_the_words_after_the_number(plan):
    item = MeasurableItem.objects.get(plan=plan, code="I20")
    assert target_of(item) == (
        ">26810元（2015）"
        "；“城乡居民收入增长按照不低于国内生产总值增长预期目标确定”"
        "；“在实施中要努力实现和经济发展同步”"
    )
