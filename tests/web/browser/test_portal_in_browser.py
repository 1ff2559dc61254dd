"""The open-data portal as a visitor uses it, in Chromium: search, an indicator page, a CSV.

Published figures of T1 (progress_data.py): 110 in 2021 and 115 in 2022, from
县统计局统计年鉴; the approved 2023 figure of the unpublished open round must not appear.
Set PORTAL_SCREENSHOTS=1 to keep screenshots of the indicator page at 390 and 1280 px in
test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import os

import pytest

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_open_an_indicator_and_download_its_csv(reported, visitors):
    reported.figure("T1", 160.0, "approved")  # the open round: not published
    visitor = visitors(DESKTOP)
    page = visitor.open("/public/")
    page.get_by_label("搜索指标和任务").fill("高新技术")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("ul.results li")
    assert "T1 高新技术企业数量" in results.first.inner_text()
    results.first.get_by_role("link").click()

    page.wait_for_selector("html[data-charts-ready='1']")
    assert page.locator("#item-chart canvas").count() >= 1  # drawn by the portal's ECharts
    assert page.locator("h1").inner_text().startswith("T1 高新技术企业数量")
    assert "严重滞后" in page.locator(".verdict").inner_text()
    values = page.locator("table.values").inner_text()
    assert "110" in values and "115" in values and "160" not in values
    assert "统计口径" in page.locator("dl.metadata").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV（UTF-8，可用 Excel 打开）").click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[3] == "年份" and header[5] == "数值"
    assert [(r[0], r[3], float(r[5]), r[6]) for r in rows] == [
        ("T1", "2021", 110.0, "县统计局统计年鉴"),
        ("T1", "2022", 115.0, "县统计局统计年鉴"),
    ]
    if os.environ.get("PORTAL_SCREENSHOTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "portal-item-1280.png", full_page=True)
        phone = visitors(PHONE)
        small = phone.open(page.url.removeprefix(visitor.base_url))
        small.wait_for_selector("html[data-charts-ready='1']")
        assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        small.screenshot(path=ARTIFACTS / "portal-item-390.png", full_page=True)
        home = phone.open("/public/")
        home.wait_for_selector("html[data-charts-ready='1']")
        home.screenshot(path=ARTIFACTS / "portal-home-390.png", full_page=True)


LEGEND_AND_GRID = """() => {
  const chart = echarts.getInstanceByDom(document.querySelector("[data-kind='overview']"));
  const legend = chart._componentsViews.find(v => v.type === "legend.plain");
  const box = legend.group.getBoundingRect();
  const grid = chart.getModel().getComponent("grid").coordinateSystem.getRect();
  return [legend.group.y + box.y + box.height, grid.y];
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_overview_legend_never_covers_the_bars_on_a_phone(reported, visitors, language):
    """Found in the QA pass: on a 390 px phone the legend wrapped to four rows and covered the
    first bars (a fixed 64 px top)."""
    phone = visitors(PHONE)
    phone.context.add_cookies(
        [{"name": "django_language", "value": language, "url": phone.base_url}]
    )
    home = phone.open("/public/")
    home.wait_for_selector("html[data-charts-ready='1']")
    legend_bottom, grid_top = home.evaluate(LEGEND_AND_GRID)
    assert legend_bottom <= grid_top
    assert home.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
