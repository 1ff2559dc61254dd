"""The open-data portal: search, indicator pages, metadata, downloads and the open-data API.

The published figures (tests/web/dashboard/progress_data.py, rounds 2021 and 2022, approved
and published) by hand: I1 6 and 8, I2 59.5, I3 2 and 1, T1 110 and 115, all from
县统计局统计年鉴. The open 2023 round is not published: nothing of it may appear anywhere.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from planwatch.web.history.services import save_tracked
from planwatch.web.portal.models import ItemMetadata, PortalBranding

pytestmark = pytest.mark.django_db

SOURCE = "县统计局统计年鉴"
PUBLISHED = {
    ("I1", 2021): 6.0,
    ("I1", 2022): 8.0,
    ("I2", 2022): 59.5,
    ("I3", 2021): 2.0,
    ("I3", 2022): 1.0,
    ("T1", 2021): 110.0,
    ("T1", 2022): 115.0,
}


@pytest.fixture
def unpublished(reported):
    """Figures that must never reach the public: approved in the unpublished open round,
    and submitted but not approved."""
    reported.figure("T1", 160.0, "approved")
    reported.figure("I2", 61.25, "submitted")
    return reported


def search(client, reported, q: str) -> str:
    url = reverse("portal:search", args=[reported.plan.pk])
    return client.get(url, {"q": q}).content.decode()


def found_codes(html: str) -> list[str]:
    return re.findall(r'<span class="code">(\w+)</span>', html)


def test_search_finds_an_item_by_name_and_by_code(reported, client):
    assert found_codes(search(client, reported, "城镇化")) == ["I2"]
    assert found_codes(search(client, reported, "t1"))[0] == "T1"
    by_code = search(client, reported, "I3")
    assert found_codes(by_code) == ["I3"] and "单位地区生产总值能耗降低" in by_code


def test_search_covers_categories_and_task_texts_and_says_when_nothing_matches(reported, client):
    assert sorted(found_codes(search(client, reported, "经济发展"))) == ["I1", "I2"]
    assert found_codes(search(client, reported, "扬尘")) == ["M4"]  # in M4's text only
    empty = search(client, reported, "不存在的词")
    assert found_codes(empty) == [] and "没有找到匹配的指标或任务" in empty


def test_search_works_from_the_form_on_every_page_without_javascript(reported, client):
    html = client.get(reverse("portal:index")).content.decode()
    form = re.search(
        r'<form class="portal-search" role="search" method="get" action="([^"]+)"', html
    )
    assert form.group(1) == reverse("portal:search", args=[reported.plan.pk])
    assert '<label for="portal-q">' in html and 'name="q" id="portal-q"' in html


def test_search_never_finds_an_unpublished_plan(reported, draft_plan, client):
    assert (
        client.get(reverse("portal:search", args=[draft_plan.pk]), {"q": "I1"}).status_code == 404
    )


def test_the_home_counts_ahead_on_track_behind_binding_first(reported, client):
    html = client.get(reverse("portal:index")).content.decode()
    table = html.split('class="headline"', 1)[1].split("</table>", 1)[0]
    lines = re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S)
    counts = {
        label: re.findall(r'class="num group-\w+">(?:<a [^>]*>)?(\d+)', row) for label, row in lines
    }
    # binding: only I3 (seriously lagging); all: I1 roughly on track, I2 regressing,
    # I3 and T1 seriously lagging → ahead 0, on track 1, behind 3, other 0
    assert [label for label, _row in lines] == ["约束性指标", "全部指标和目标"]
    assert counts == {"约束性指标": ["0", "0", "1", "0"], "全部指标和目标": ["0", "1", "3", "0"]}


def test_the_indicator_list_filters_by_category_group_and_binding(reported, client):
    url = reverse("portal:indicators", args=[reported.plan.pk])
    codes = lambda **q: re.findall(r'class="code">(\w+)</td>', client.get(url, q).content.decode())  # noqa: E731
    assert codes(category="经济发展") == ["I1", "I2"]
    assert codes(group="behind") == ["I2", "I3", "T1"]
    assert codes(group="behind", binding="1") == ["I3"]


def test_an_indicator_page_shows_only_published_figures(unpublished, client):
    page = client.get(reverse("portal:item", args=[unpublished.item("T1").pk])).content.decode()
    values = page.split('id="values-heading"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<td data-label="年份">(\d{4})</td>\s*<td[^>]*>([\d.]+)', values)
    assert shown == [("2021", "110"), ("2022", "115")]
    assert "160" not in page
    i2 = client.get(reverse("portal:item", args=[unpublished.item("I2").pk])).content.decode()
    assert "61.25" not in i2 and "59.5" in i2


def test_the_indicator_page_has_status_outlook_chart_metadata_and_downloads(reported, client):
    item = reported.item("T1")
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert "status-seriously_lagging" in page and 'id="item-chart-data"' in page
    assert "指标定义" in page and "统计口径" in page and "牵头部门尚未公布" in page
    assert reverse("portal:item-csv", args=[item.pk]) in page
    assert reverse("portal:item-xlsx", args=[item.pk]) in page
    assert "评估方法" in page


def test_metadata_appears_only_once_the_coordinator_publishes_it(reported, client, login, users):
    item = reported.item("I2")
    url = reverse("portal:metadata", args=[item.pk])
    coordinator = login(users["coordinator"])
    answer = coordinator.post(
        url,
        {
            "definition": "城镇常住人口占常住人口的比重。",
            "caliber": "按第七次人口普查口径，年末数。",
            "source": "县统计局人口抽样调查",
        },
    )
    assert answer.status_code == 302
    page = lambda: client.get(reverse("portal:item", args=[item.pk])).content.decode()  # noqa: E731
    assert "按第七次人口普查口径" not in page()  # saved, not yet published
    metadata = ItemMetadata.objects.get(item=item)
    coordinator.post(
        url,
        {
            "definition": metadata.definition,
            "caliber": metadata.caliber,
            "source": metadata.source,
            "is_published": "on",
            "version": metadata.version,
        },
    )
    shown = page()
    assert "按第七次人口普查口径，年末数。" in shown and "县统计局人口抽样调查" in shown
    from planwatch.web.history.models import ChangeRecord

    assert (
        ChangeRecord.objects.filter(object_id=str(metadata.pk), user=users["coordinator"]).count()
        == 2
    )


def test_a_reporter_cannot_write_metadata(reported, login, users):
    reporter = login(users["reporter"])  # science leads I2, yet metadata is the coordinator's
    answer = reporter.post(reverse("portal:metadata", args=[reported.item("I2").pk]), {})
    assert answer.status_code == 403
    assert not ItemMetadata.objects.exists()


def rows_of_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Chinese
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_download_parses_back_to_exactly_the_published_figures(unpublished, client):
    for code in ("T1", "I2"):
        response = client.get(reverse("portal:item-csv", args=[unpublished.item(code).pk]))
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        header, *rows = rows_of_csv(response.content)
        assert header[:6] == ["编码", "指标或目标", "单位", "年份", "期间", "数值"]
        got = {(r[0], int(r[3])): float(r[5]) for r in rows}
        assert got == {k: v for k, v in PUBLISHED.items() if k[0] == code}
        assert {r[6] for r in rows} == {SOURCE}


def test_the_xlsx_download_parses_back_to_exactly_the_published_figures(unpublished, client):
    response = client.get(reverse("portal:item-xlsx", args=[unpublished.item("T1").pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[5]) for r in rows] == [("T1", 2021, 110.0), ("T1", 2022, 115.0)]


def test_the_whole_plan_workbook_holds_every_published_figure_and_nothing_else(unpublished, client):
    response = client.get(reverse("portal:plan-data", args=[unpublished.plan.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    items, values = book.worksheets
    assert [r[0] for r in items.iter_rows(min_row=2, values_only=True)] == ["I1", "I2", "I3", "T1"]
    statuses = {r[0]: r[10] for r in items.iter_rows(min_row=2, values_only=True)}
    assert statuses == {"I1": "基本符合预期", "I2": "逆向变化", "I3": "严重滞后", "T1": "严重滞后"}
    got = {(r[0], r[3]): r[5] for r in values.iter_rows(min_row=2, values_only=True)}
    assert got == PUBLISHED


def test_the_open_data_api_serves_published_figures_to_anyone(unpublished, client, login, users):
    plan = unpublished.plan
    answer = client.get(f"/api/open-data/plans/{plan.pk}/").json()
    got = {(i["code"], v["year"]): v["value"] for i in answer["items"] for v in i["values"]}
    assert got == PUBLISHED and answer["year"] == 2022
    t1 = next(i for i in answer["items"] if i["code"] == "T1")
    assert t1["status"] == "seriously_lagging"
    # a signed-in coordinator gets the same published answer, never the open round's 160
    as_coordinator = login(users["coordinator"]).get(f"/api/open-data/items/{t1['id']}/").json()
    assert [v["value"] for v in as_coordinator["values"]] == [110.0, 115.0]
    listed = client.get("/api/open-data/items/", {"plan": plan.pk}).json()
    assert [i["code"] for i in listed] == ["I1", "I2", "I3", "T1"]


def test_the_open_data_api_carries_the_indicator_pages_metadata(reported, client, settings):
    """I2 (常住人口城镇化率, 60 → 65 by 2025, ≥): its published 指标说明 as written, led by
    科学技术局 (环境分局 only supports it), judged as a level target along the linear path. T1's
    texts are not published: blank, and its source falls back to its figures' 县统计局统计年鉴."""
    i2, t1 = reported.item("I2"), reported.item("T1")
    save_tracked(
        ItemMetadata(
            item=i2,
            definition="城镇常住人口占常住人口的比重。",
            caliber="按第七次人口普查口径，年末数。",
            source="县统计局人口抽样调查",
            is_published=True,
        )
    )
    save_tracked(ItemMetadata(item=t1, definition="草稿定义", caliber="草稿口径"))
    got = client.get(f"/api/open-data/items/{i2.pk}/").json()["metadata"]
    assert got == {
        "definition": "城镇常住人口占常住人口的比重。",
        "caliber": "按第七次人口普查口径，年末数。",
        "source": "县统计局人口抽样调查",
        "lead_departments": ["县科学技术局"],
        "method": "level",
        "method_label": "水平目标（按预期路径比较）",
        "path": "linear",
        "path_label": "线性路径",
    }
    plan = client.get(f"/api/open-data/plans/{reported.plan.pk}/").json()
    t1_meta = next(i for i in plan["items"] if i["code"] == "T1")["metadata"]
    assert (t1_meta["definition"], t1_meta["caliber"]) == ("", "")
    assert t1_meta["source"] == SOURCE and t1_meta["lead_departments"] == ["县科学技术局"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/api/open-data/items/{i2.pk}/").json()["metadata"]
    assert english["method_label"] == "Level target (compared with the expected path)"
    assert english["definition"] == "城镇常住人口占常住人口的比重。"  # as written


def test_the_open_data_csv_parses_back_to_the_published_figures(unpublished, client):
    response = client.get(f"/api/open-data/plans/{unpublished.plan.pk}/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = rows_of_csv(response.content)
    assert header[:6] == ["code", "name", "unit", "year", "period", "value"]
    assert {(r[0], int(r[3])): float(r[5]) for r in rows} == PUBLISHED


def test_the_open_data_api_knows_no_unpublished_plan(reported, draft_plan, client):
    assert client.get(f"/api/open-data/plans/{draft_plan.pk}/").status_code == 404
    item = draft_plan.items.first()
    assert client.get(f"/api/open-data/items/{item.pk}/").status_code == 404
    assert client.get("/api/open-data/items/", {"plan": draft_plan.pk}).json() == []


def test_the_open_data_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/open-data/plans/{id}/",
        "/api/open-data/items/",
        "/api/open-data/items/{id}/",
    ):
        assert path in schema
    for field in ("OpenMetadata", "caliber", "lead_departments", "method_label"):
        assert field in schema


def test_the_header_names_the_authority_the_coordinator_published(reported, client, settings):
    settings.PORTAL_AUTHORITY = ""
    home = lambda: client.get(reverse("portal:index")).content.decode()  # noqa: E731

    def brand(html):
        return re.search(r'<a class="brand portal-brand"[^>]*>(.*?)</a>', html, re.S).group(1)

    assert brand(home()).strip() == "示例县人民政府"  # the plan's issuer by default
    settings.PORTAL_AUTHORITY = "示例县发展和改革局"
    assert brand(home()).strip() == "示例县发展和改革局"
    branding = save_tracked(PortalBranding(plan=reported.plan, authority="示例县人民政府办公室"))
    assert "示例县人民政府办公室" not in home()  # not yet published
    branding.is_published = True
    save_tracked(branding)
    assert brand(home()).strip() == "示例县人民政府办公室"
    assert "planwatch" not in brand(home())


def test_a_logo_must_be_a_small_png_or_jpeg(reported, login, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator = login(users["coordinator"])
    url = reverse("portal:branding", args=[reported.plan.pk])
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    answer = coordinator.post(url, {"authority": "示例县", "logo": fake, "is_published": "on"})
    assert answer.status_code == 200 and "标志图片须为 PNG 或 JPEG 格式" in answer.content.decode()
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    answer = coordinator.post(
        url,
        {"authority": "示例县", "logo": SimpleUploadedFile("l.png", png), "is_published": "on"},
    )
    assert answer.status_code == 302
    logo = coordinator.get(reverse("portal:logo", args=[reported.plan.pk]))
    assert logo["Content-Type"] == "image/png" and logo.content == png


def test_key_projects_and_tasks_pages(reported, client):
    tasks = client.get(reverse("portal:tasks", args=[reported.plan.pk])).content.decode()
    # M4 completed in the published 2022 round; M1's approved reports are in the open round
    m4 = tasks.split('<span class="code">M4</span>', 1)[1].split("</li>", 1)[0]
    assert "已完成" in m4 and "M4 进展" in m4
    m1 = tasks.split('<span class="code">M1</span>', 1)[1].split("</li>", 1)[0]
    assert "未报告" in m1 and "M1 进展" not in m1
    projects = client.get(reverse("portal:projects", args=[reported.plan.pk]))
    assert projects.status_code == 200


def test_every_portal_page_has_a_language_and_english_works(reported, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/public/"})
    for url in (
        reverse("portal:index"),
        reverse("portal:indicators", args=[reported.plan.pk]),
        reverse("portal:tasks", args=[reported.plan.pk]),
        reverse("portal:item", args=[reported.item("T1").pk]),
    ):
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html
    assert "Indicators and targets" in client.get(reverse("portal:index")).content.decode()


def test_text_that_a_spreadsheet_could_run_is_written_as_text():
    from planwatch.web.portal.downloads import csv_bytes, xlsx_bytes

    rows = [["I9", '=HYPERLINK("http://x","y")', "%", 2022, "全年", -1.5, "@SUM(A1)", ""]]
    parsed = list(csv.reader(io.StringIO(csv_bytes(["a"] * 8, rows).decode("utf-8-sig"))))
    assert parsed[1][1] == '\'=HYPERLINK("http://x","y")' and parsed[1][6] == "'@SUM(A1)"
    assert parsed[1][5] == "-1.5"  # a negative number stays a number
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([("s", ["a"] * 8, rows)]))).active
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == '=HYPERLINK("http://x","y")'
    assert sheet["F2"].value == -1.5
