"""The demo plan shows a target in words with its comparison: the sample's blank rows
全员劳动生产率增速 and 居民人均可支配收入增长 get the national 14th table's 高于GDP增长 and
与GDP增长基本同步, labelled 示例数据, and the item page says what they were compared with."""

from __future__ import annotations

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_demo_has_relative_targets_with_their_verdict(client, settings):
    from planwatch.web.accounts.models import User
    from planwatch.web.demo import load_demo
    from planwatch.web.plans.models import MeasurableItem, Plan
    from planwatch.web.reporting.models import Observation

    load_demo()
    plan = Plan.objects.get(is_demo=True)
    items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan, kind="indicator")}
    assert items["I1"].name == "地区生产总值增长速度"
    words = {c: [(w["kind"], w["relation"], w["reference"]) for w in i.word_targets]
             for c, i in items.items() if i.word_targets}  # fmt: skip
    assert words == {
        "I3": [("relative", "above", "I1")],
        "I8": [("relative", "in_step", "I1")],
    }
    assert items["I8"].growth_text == "与GDP增长基本同步（示例数据）"
    figures = Observation.objects.filter(item=items["I8"], status="approved")
    assert figures.count() == 2 and all("示例数据" in o.source for o in figures)

    client.force_login(User.objects.get(username="coordinator"))
    with translation.override("zh-hans"):
        page = client.get(f"/dashboard/items/{items['I3'].pk}/").content.decode()
    assert "目标为“高于GDP增长（示例数据）”" in page
    assert "高于同期地区生产总值年均增长" in page and "其中2022年未高于" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/dashboard/items/{items['I8'].pk}/").content.decode()
    assert "The target reads" in page and "in step within ±0.5 percentage points" in page
