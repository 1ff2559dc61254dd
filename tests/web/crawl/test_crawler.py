"""Every address as every role, with real ids and hostile parameters: never a 5xx.

The URL resolver is walked, so an address added later is visited too. Path parameters get
real ids from the test data (the segment before a parameter says what it names: ``rounds/<pk>``
is a round), then each is replaced in turn by a hostile value; hostile query strings are added
to every address. Each answer must be below 500, carry no traceback, weigh under 1 MB and, as
the session is Chinese, show no English sentence (crawl/english.py).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from .english import english_sentences, json_text, visible_text
from .site import ROLES, addresses, admin_addresses, fill

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Query strings added to every address.
HOSTILE_QUERIES = (
    "year=abc",
    "year=-1",
    "year=99999999999",
    "page=99999",
    "page=abc&limit=abc&offset=-5",
    "q=" + "长" * 3000,
    "status=%E2%80%AEx&code=%E2%80%AE",
    "year=%00&code=%00&kind=%00",
    "plan=99999999999999999999&department=abc&chapter=-1&item=%00&period=x&attribute=x",
    "year=nan&plan=inf&department=1e400&status=" + "x" * 5000,
)
#: Each id-like parameter alone, beyond any database integer (coordinator only: sees most).
HUGE_IDS = tuple(
    f"{name}=99999999999999999999"
    for name in ("plan", "department", "chapter", "round", "item", "task", "year")
)
#: Values put in place of one path parameter at a time.
HOSTILE_INTS = ("0", "-1", "99999999999999999999")
HOSTILE_STRS = ("A" * 3000, "\u202eT1", "%00", "..%2F..")
#: Never checked for English: machine-readable descriptions of the API for developers.
DEVELOPER_DOCS = ("/api/schema/",)
MAX_BYTES = 1024 * 1024
#: What the Content-Security-Policy would refuse in a page: inline code and style attributes.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|<style\b|<[^>]+\sstyle=|<[^>]+\son[a-z]+=",
    re.I,
)


class Crawl:
    def __init__(self, users) -> None:
        self.clients = {}
        for role in ROLES:
            client = Client(raise_request_exception=False, HTTP_ACCEPT="text/html,*/*")
            if role != "anonymous":
                client.force_login(users[role])
            self.clients[role] = client
        self.count = Counter()
        self.statuses = Counter()
        self.failures: list[str] = []

    def visit(self, role: str, path: str, kind: str) -> None:
        response = self.clients[role].get(path)
        self.count[kind] += 1
        self.statuses[response.status_code // 100 * 100] += 1
        where = f"{role} GET {path[:120]}"
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            self.failures.append(f"{where}: {response.status_code} {exc[1]!r}" if exc else where)
            return
        if response.streaming:
            return
        body = response.content
        content_type = response.get("Content-Type", "")
        if b"Traceback" in body:
            self.failures.append(f"{where}: traceback in the page")
        if not content_type.startswith(("text/html", "application/json")):
            return
        if len(body) > MAX_BYTES:
            self.failures.append(f"{where}: {len(body)} bytes")
        if path.startswith(DEVELOPER_DOCS):
            return
        text = body.decode(response.charset or "utf-8")
        if content_type.startswith("text/html") and INLINE.search(text):
            self.failures.append(f"{where}: inline {INLINE.search(text).group()[:60]}")
        shown = json_text(text) if content_type.startswith("application/json") else text
        if content_type.startswith("text/html"):
            shown = visible_text(shown)
        dashes = content_type.startswith("text/html") and ">---------<" in text
        if dashes and not path.startswith(reverse("admin:index")):  # the admin's own way
            self.failures.append(f"{where}: a choice labelled '---------'")
        english = english_sentences(shown)
        if english:
            self.failures.append(f"{where}: English {english[:3]}")


def test_every_address_as_every_role_with_hostile_parameters(world, users, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    ids, codes = world
    crawl = Crawl(users)
    found = addresses()
    assert len(found) > 60  # the walk really found the site
    for address in found:
        plain = fill(address, ids, codes)
        for role in ROLES:
            crawl.visit(role, plain, "real ids")
        for query in HOSTILE_QUERIES:
            for role in ("anonymous", "reporter", "coordinator"):
                crawl.visit(role, f"{plain}?{query}", "hostile query")
        for query in HUGE_IDS:
            crawl.visit("coordinator", f"{plain}?{query}", "hostile query")
        for name, _segment in address.params:
            hostile = HOSTILE_STRS if name in ("code", "kind", "ext", "model") else HOSTILE_INTS
            for value in hostile:
                path = fill(address, ids, codes, replace=(name, value))
                for role in ("reporter", "coordinator"):
                    crawl.visit(role, path, "hostile path")
    for path in admin_addresses(ids):
        for role in ("anonymous", "reporter", "admin"):
            crawl.visit(role, path, "admin")
        crawl.visit("admin", f"{path}?q=%E2%80%AE{'x' * 2000}&o=abc&p=99999", "admin")
    report = (
        f"{len(found)} addresses; requests {dict(crawl.count)}; statuses {dict(crawl.statuses)}"
    )
    print(report)
    assert not crawl.failures, report + "\n" + "\n".join(crawl.failures[:60])
    assert crawl.statuses[500] == 0
