"""The public portal shows what has been published, and only that."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from planwatch.web.history.services import save_tracked

pytestmark = pytest.mark.django_db


def statuses(html: str) -> dict[str, str]:
    rows = re.findall(
        r'<td data-label="[^"]+" class="code">(\w+)</td>.*?class="status status-(\w+)"',
        html,
        re.S,
    )
    return dict(rows)


def test_anonymous_visitors_to_the_site_root_go_to_the_portal(reported, client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/public/"


def indicators_page(client, reported) -> str:
    return client.get(reverse("portal:indicators", args=[reported.plan.pk])).content.decode()


def test_the_published_plan_with_statuses_explanations_and_warnings(reported, client):
    html = client.get(reverse("portal:index")).content.decode()
    assert "示例县国民经济和社会发展第十四个五年规划纲要" in html
    binding = html.split('id="binding-warnings"', 1)[1].split("</section>", 1)[0]
    assert "I3 单位地区生产总值能耗降低" in binding
    assert 'data-kind="overview"' in html and 'id="overview-data"' in html
    html = indicators_page(client, reported)
    # the latest published round is 2022; the statuses are those worked out in progress_data
    assert statuses(html) == {
        "I1": "roughly_on_track",
        "I2": "regressing",
        "I3": "seriously_lagging",
        "T1": "seriously_lagging",
    }
    assert "2022年" in html and "严重滞后" in html  # an explanation names year and verdict


def test_task_progress_by_chapter_counts_published_rounds_only(reported, client):
    html = client.get(reverse("portal:tasks", args=[reported.plan.pk])).content.decode()
    table = html.split('class="responsive chapters"', 1)[1].split("</table>", 1)[0]
    rows = dict(re.findall(r"<tr>\s*<td[^>]*>(第.章)[^<]*</td>(.*?)</tr>", table, re.S))
    numbers = {ch: re.findall(r'class="num[^"]*">(\d+)</td>', row) for ch, row in rows.items()}
    # the open 2023 round is not published: only M4 (completed, 2022) counts
    assert numbers["第一章"] == ["2", "0", "0", "0", "0", "2"]
    assert numbers["第二章"] == ["2", "1", "0", "0", "0", "1"]


def test_figures_of_an_unpublished_round_stay_private(reported, client):
    reported.figure("T1", 160.0, "approved")  # in the open round, not published
    page = client.get(reverse("portal:item", args=[reported.item("T1").pk])).content.decode()
    assert "160" not in page and "2023" not in page.split('id="values-heading"', 1)[1]
    assert statuses(indicators_page(client, reported))["T1"] == "seriously_lagging"


def test_an_unpublished_plan_leaves_no_trace(reported, draft_plan, client):
    html = client.get(reverse("portal:index")).content.decode()
    assert "未公开的专项规划" not in html
    assert client.get(reverse("portal:plan", args=[draft_plan.pk])).status_code == 404
    item = draft_plan.items.first()
    assert client.get(reverse("portal:item", args=[item.pk])).status_code == 404


def test_a_signed_in_official_sees_exactly_what_the_public_sees(reported, login, users):
    reported.figure("T1", 160.0, "approved")  # in the open round, not published
    html = indicators_page(login(users["coordinator"]), reported)
    # not the 2023 figure of the unpublished round
    assert statuses(html)["T1"] == "seriously_lagging"


def test_the_item_page_has_chart_data_values_sources_and_departments(reported, client):
    import json

    page = client.get(reverse("portal:item", args=[reported.item("I2").pk])).content.decode()
    chart = json.loads(re.search(r'id="item-chart-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert chart["observed"] == [[2022, 59.5]]
    assert chart["target"] == 65 and chart["baseline"] == [2020, 60]
    # the linear path from 60 in 2020 to 65 in 2025
    assert chart["expected"] == [[2020 + i, 60 + i] for i in range(6)]
    assert "县统计局统计年鉴" in page
    assert "县科学技术局" in page and "县生态环境分局" in page
    assert "修改记录" not in page  # the change log is for officials


def test_pages_load_nothing_from_another_host(reported, client):
    for url in (
        reverse("portal:index"),
        reverse("portal:item", args=[reported.item("T1").pk]),
    ):
        html = client.get(url).content.decode()
        for address in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert address.startswith(("/", "#", "?")), address
        assert "/static/vendor/echarts/echarts.portal.min.js" in html


def test_english_pages(reported, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/public/"})
    html = client.get(reverse("portal:index")).content.decode()
    assert "Give your view" in html and "Moving away from target" in html
    assert "What is" in html  # the challenge question
    # the QA pass: the portal's 首页 read "First" (the pager's word) and 本页： kept its "："
    assert '"page">Home</a>' in html and ">First</a>" not in html
    assert "<span>On this page:</span>" in html


def test_the_pager_still_says_first_in_english():
    from django.utils import translation

    with translation.override("en"):
        assert translation.pgettext("pager", "首页") == "First"
        assert translation.gettext("首页") == "Home"
    with translation.override("zh-hans"):
        assert translation.pgettext("pager", "首页") == "首页"


def test_the_feedback_form_is_labelled_for_every_field(reported, client):
    html = client.get(reverse("portal:index")).content.decode()
    form = html.split('class="stacked card feedback-form"', 1)[1].split("</form>", 1)[0]
    for name in ("item", "comment", "answer", "website"):
        tag = re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', form).group(0)
        field_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'for="{field_id}"' in form, name
    assert "<fieldset" in form and "<legend>满意程度</legend>" in form


def test_with_several_published_plans_the_portal_lists_them(reported, draft_plan, client):
    draft_plan.is_published = True
    save_tracked(draft_plan)
    html = client.get(reverse("portal:index")).content.decode()
    assert reverse("portal:plan", args=[draft_plan.pk]) in html
    assert reverse("portal:plan", args=[reported.plan.pk]) in html
    plan_page = client.get(reverse("portal:plan", args=[draft_plan.pk]))
    assert plan_page.status_code == 200 and "未公开的专项规划" in plan_page.content.decode()
