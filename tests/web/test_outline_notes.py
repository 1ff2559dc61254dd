"""The indicator table's footnotes kept by the web import (per row and for the table), shown on
the review and item pages, compared and updated by a re-import; the reading warnings of cells
and 分别 lists the reader could not read shown on the review page in both languages.

The outline is written by hand (a city plan's table with three kinds of footnote mark, two
unreadable cells and a 分别 sentence whose subjects and values do not pair up).
"""

from __future__ import annotations

from html import unescape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from planwatch.errors import InputError
from planwatch.outline import parse_outline_bytes
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services import reimport
from planwatch.web.plans.services.importer import import_plan
from planwatch.web.plans.services.outline import NOTE_LENGTH, to_outline

pytestmark = pytest.mark.django_db

OUTLINE = """# 某市国民经济和社会发展第十四个五年规划纲要

## 第一章　发展目标

到2025年，全市综合实力明显增强。城乡居民养老保险参保率分别达到90%和80%。

专栏1　“十四五”主要指标

| 类别 | 指标 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性 |
|---|---|---|---|---|---|
| 经济发展 | 1. 地区生产总值(亿元) | 600* | 1000 | 6 | 预期性 |
| | 2. 常住人口城镇化率(%) | 60.6[1] | 65 | 〔4.4〕 | 预期性 |
| 民生福祉 | 3. 城镇调查失业率(%) | 5.2 | 六 | — | 约束性 |
| | 4. 空气质量优良天数比率(%) | 85 | 完成省下达任务 | n/a | 约束性 |

注：1.〔〕内为五年累计数；2.*为2019年数据。
[1] 按第七次全国人口普查口径。

## 第二章　重点任务

加快发展。推进工作。
"""
NOTES = ["1.〔〕内为五年累计数", "2.*为2019年数据。", "[1] 按第七次全国人口普查口径。"]


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def _parse(text: str = OUTLINE):
    return parse_outline_bytes(text.encode(), "city.md")


def test_the_import_stores_each_rows_notes_and_the_tables():
    plan = import_plan(_parse(), source_name="city.md")
    notes = dict(MeasurableItem.objects.filter(plan=plan).values_list("code", "notes"))
    assert notes == {"I1": [NOTES[1]], "I2": [NOTES[2]], "I3": [], "I4": [], "T1": [], "T2": []}
    assert plan.indicator_notes == NOTES
    back = to_outline(plan)  # what the engine and the reports read
    assert back.indicator_notes == NOTES
    assert [i.notes for i in back.indicators] == [[NOTES[1]], [NOTES[2]], [], []]


def test_a_note_too_long_to_keep_is_refused_naming_the_row_and_nothing_is_stored():
    parsed = _parse()
    parsed.indicators[1].notes = ["注" * (NOTE_LENGTH + 1)]
    with pytest.raises(InputError) as refused:
        import_plan(parsed, source_name="city.md")
    assert "指标 I2" in str(refused.value) and "表注" in str(refused.value)
    assert str(NOTE_LENGTH) in str(refused.value)
    assert not Plan.objects.exists()


def test_the_review_page_shows_notes_and_the_new_reading_warnings_in_both_languages(users, login):
    client = login(users["coordinator"])
    upload = SimpleUploadedFile("city.md", OUTLINE.encode(), content_type="text/markdown")
    response = client.post("/plans/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:500]
    review = response["Location"]
    page = unescape(client.get(review).content.decode())
    assert "表注：2.*为2019年数据。" in page  # I1's own note, on its row
    assert "[1] 按第七次全国人口普查口径。" in page and "1.〔〕内为五年累计数" in page
    assert 'data-code="outline.unreadable_cell"' in page
    assert "“六”不是数字、“—”或可识别的文字目标" in page
    assert 'data-code="outline.unpaired_values"' in page
    assert "未按顺序配对" in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = unescape(client.get(review).content.decode())
    assert "'六' is neither a number, a dash nor a target in words" in english
    assert "'n/a' is neither a number" in english
    assert "do not pair up was not paired by guess" in english
    assert "未按顺序配对" not in english


def test_the_item_pages_show_its_notes(users, login):
    plan = import_plan(_parse(), source_name="city.md")
    client = login(users["coordinator"])
    page = client.get(f"/plans/{plan.pk}/items/I2/edit/").content.decode()
    assert "[1] 按第七次全国人口普查口径。" in page and "表注" in page
    i2 = MeasurableItem.objects.get(plan=plan, code="I2")
    facts = client.get(f"/dashboard/items/{i2.pk}/").content.decode()
    assert '<dd class="item-notes">[1] 按第七次全国人口普查口径。</dd>' in facts


def test_a_reimport_compares_and_updates_the_notes(users):
    plan = import_plan(_parse(), source_name="city.md")
    corrected = OUTLINE.replace("2.*为2019年数据。", "2.*为2019年快报数据。")
    comparison = reimport.compare(plan, _parse(corrected), source_name="city-2.md")
    changed = {c.code: c.fields for c in comparison.changed}
    assert changed == {"I1": ["表注"]}  # the row whose mark points to the corrected note
    assert comparison.plan_fields == ["指标表注"]
    reimport.apply(comparison, user=users["coordinator"], reason="表注更正")
    plan.refresh_from_db()
    assert plan.indicator_notes[1] == "2.*为2019年快报数据。"
    assert MeasurableItem.objects.get(plan=plan, code="I1").notes == ["2.*为2019年快报数据。"]
    again = reimport.compare(plan, _parse(corrected), source_name="city-2.md")
    assert not again.has_changes
