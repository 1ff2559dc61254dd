"""The public page's weight: everything a browser downloads, ECharts included."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from bench.weight import PORTAL_BUDGET_BYTES, client_fetcher, page_weight, referenced

pytestmark = pytest.mark.django_db


def test_the_public_page_stays_within_its_budget(reported, client):
    pages = client_fetcher(client)

    def fetch(path: str) -> bytes:
        if path.startswith("/static/"):  # tests do not collect static files
            with open(finders.find(path.removeprefix("/static/")), "rb") as fh:
                return fh.read()
        return pages(path)

    for path in ("/public/", f"/public/items/{reported.item('I2').pk}/"):
        weight = page_weight(fetch, path)
        paths = [r.path for r in weight.resources]
        assert "/static/vendor/echarts/echarts.portal.min.js" in paths
        assert "/static/dashboard/charts.js" in paths
        assert weight.foreign == []
        assert weight.total == weight.page.size + sum(r.size for r in weight.resources)
        assert weight.total < PORTAL_BUDGET_BYTES and weight.within_budget


def test_a_reference_to_another_host_is_reported_not_fetched():
    html = (
        b'<link rel="stylesheet" href="/static/a.css">'
        b'<script src="https://cdn.example.net/echarts.js"></script>'
        b'<script src="//cdn.example.net/x.js"></script><img src="logo.png">'
    )
    files = {"/p/": html, "/static/a.css": b"a{}", "/p/logo.png": b"\x89PNG"}
    weight = page_weight(files.__getitem__, "/p/")
    assert [r.path for r in weight.resources] == ["/static/a.css", "/p/logo.png"]
    assert weight.foreign == ["https://cdn.example.net/echarts.js", "//cdn.example.net/x.js"]
    assert not weight.within_budget


def test_references_in_either_attribute_order():
    html = '<link href="/b.css" rel="stylesheet"><link rel="icon" href="/i.png">'
    assert referenced(html) == ["/b.css"]
