"""Under the strict Content-Security-Policy the pages still work: charts draw, the language
switch submits, Swagger UI starts, and the browser reports no violation at all.

Every violation is caught where the browser reports it (a ``securitypolicyviolation`` event,
listened to by a script Playwright adds outside the page's policy).
"""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__violations || []")


def open_checked(session, path: str):
    page = session.open(path)
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], f"{path}: {violations(page)}"
    return page


def test_pages_draw_their_charts_with_no_policy_violation(reported, visitors):
    t1 = reported.item("T1")
    visitor = visitors()
    visitor.context.add_init_script(LISTEN)
    page = open_checked(visitor, "/public/")
    page.wait_for_selector("html[data-charts-ready='1']")
    page = open_checked(visitor, f"/public/items/{t1.pk}/")
    page.wait_for_selector("html[data-charts-ready='1']")
    chart = page.locator("#item-chart")
    assert chart.locator("canvas").count() >= 1
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 150
    # a tooltip is HTML that ECharts writes; hovering over the chart must not break the policy
    chart.hover(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    page.wait_for_timeout(300)
    assert violations(page) == []

    visitor.login("coordinator")
    for path in ("/dashboard/", f"/dashboard/items/{t1.pk}/", "/plans/", "/no/such/page/"):
        open_checked(visitor, path)
    page = open_checked(visitor, f"/reporting/rounds/{reported.rounds[2023].pk}/")
    assert page.locator("progress.bar, .status").count() > 0


def test_the_language_switch_works_without_inline_script(reported, visitors):
    visitor = visitors(PHONE)
    visitor.context.add_init_script(LISTEN)
    page = open_checked(visitor, "/public/")
    with page.expect_navigation():  # the switch submits its form from site.js
        page.select_option("#language", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations(page) == []


def test_swagger_ui_starts_under_the_policy(reported, visitors):
    visitor = visitors()
    visitor.context.add_init_script(LISTEN)
    page = visitor.open("/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)
    assert violations(page) == []
