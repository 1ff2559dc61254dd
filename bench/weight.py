"""How much a browser downloads to show a page: the HTML and every file it references here.

Officials on slow government intranets and citizens on phones pay for every byte; the public
page must stay under 1.5 MB with ECharts included. ``page_weight`` takes any way of fetching a
path (Django's test client, or HTTP against a running server — see ``http_fetcher``), so the
benchmarks in ``bench/`` can measure the same thing in-process or under load.
"""

from __future__ import annotations

import gzip
import http.client
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

#: The budget of the public page, ECharts included (issue 5).
BUDGET_BYTES = 1_500_000
#: The budget of every page of the open-data portal (issue 16), with its smaller ECharts.
PORTAL_BUDGET_BYTES = 1_000_000

_REFERENCES = re.compile(
    r"<script[^>]+src=\"([^\"]+)\"|<link[^>]+rel=\"stylesheet\"[^>]+href=\"([^\"]+)\""
    r"|<link[^>]+href=\"([^\"]+)\"[^>]+rel=\"stylesheet\"|<img[^>]+src=\"([^\"]+)\"",
    re.I,
)

Fetch = Callable[[str], bytes]


@dataclass(frozen=True)
class Resource:
    path: str
    size: int
    gzip_size: int


@dataclass
class PageWeight:
    page: Resource
    resources: list[Resource] = field(default_factory=list)
    #: References to another host: a page that makes any is broken on an intranet.
    foreign: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.page.size + sum(r.size for r in self.resources)

    @property
    def total_gzip(self) -> int:
        return self.page.gzip_size + sum(r.gzip_size for r in self.resources)

    @property
    def within_budget(self) -> bool:
        return self.total <= BUDGET_BYTES and not self.foreign

    def lines(self) -> list[str]:
        rows = [self.page, *self.resources]
        width = max(len(r.path) for r in rows)
        out = [f"  {r.path:<{width}}  {r.size:>9,} B  {r.gzip_size:>9,} B gzip" for r in rows]
        out.append(f"  {'total':<{width}}  {self.total:>9,} B  {self.total_gzip:>9,} B gzip")
        out.extend(f"  FOREIGN {url}" for url in self.foreign)
        return out


def page_weight(fetch: Fetch, path: str) -> PageWeight:
    """Fetch ``path`` and each script, stylesheet and image it references (each once)."""
    html = fetch(path)
    weight = PageWeight(_resource(path, html))
    seen: set[str] = set()
    for reference in referenced(html.decode("utf-8", "replace")):
        if urlsplit(reference).netloc or reference.startswith("//"):
            weight.foreign.append(reference)
            continue
        local = urljoin(path, reference)
        if local not in seen:
            seen.add(local)
            weight.resources.append(_resource(local, fetch(local)))
    return weight


def referenced(html: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in _REFERENCES.finditer(html)]


def client_fetcher(client) -> Fetch:
    """Fetch through a Django test client (whitenoise serves collected static files)."""

    def fetch(path: str) -> bytes:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    return fetch


def http_fetcher(host: str, port: int, cookie: str | None = None) -> Fetch:
    """Fetch over HTTP from a running server (uncompressed: the raw size is what is counted)."""

    def fetch(path: str) -> bytes:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        try:
            headers = {"Accept-Encoding": "identity"}
            if cookie:
                headers["Cookie"] = cookie
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return body

    return fetch


def _resource(path: str, body: bytes) -> Resource:
    return Resource(path, len(body), len(gzip.compress(body, compresslevel=6)))
