"""A page shows no link or button that its visitor may not use, and no form breaks on bad input.

Every page a role can open is read; each link on it is followed and each form is sent back as
the page filled it in. A 403 means the page offered the role something it is refused. Each
form is then sent with hostile values in every field (over-long text with a bidi override, a
NUL byte, a number beyond any integer, a spreadsheet formula): the answer is never a 5xx.
Sign-out and the language switch are left alone (they change the visitor, not the data).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from .site import ROLES, addresses, fill

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

_LEFT_ALONE = ("/accounts/logout/", "/i18n/setlang/", "/admin/")
#: Every field of a form but its hidden bookkeeping gets each of these in turn: never a 5xx.
HOSTILE_VALUES = (
    "\u202e" + "长" * 6000,
    "abc\x00def",
    "99999999999999999999",
    '=HYPERLINK("http://evil.example")',
)
_KEPT = {"csrfmiddlewaretoken", "token", "version"}


def form_data(form) -> dict:
    """What the browser would send for ``form`` unchanged: its fields' current values."""
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "select":
            chosen = [o for o in field.find_all("option") if o.get("selected") is not None]
            chosen = chosen or field.find_all("option")[:1]
            data.setdefault(name, []).extend(o.get("value", o.get_text()) for o in chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.get_text())
        else:
            kind = (field.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and field.get("checked") is None:
                continue
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            data.setdefault(name, []).append(field.get("value", ""))
    return data


def test_no_role_is_shown_a_link_or_button_it_may_not_use(world, users):
    ids, codes = world
    refused: list[str] = []
    tried = 0
    for role in ROLES:
        with transaction.atomic():  # what one role's forms changed is undone for the next
            tried += _follow(role, users, ids, codes, refused)
            transaction.set_rollback(True)
        cache.clear()  # the data revision rolled back too: cached pages would be stale
    print(f"{tried} links and forms followed")
    assert tried > 200
    assert not refused, "\n".join(refused)


def _follow(role, users, ids, codes, refused: list[str]) -> int:
    tried = 0
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(users[role])
    links: set[str] = set()
    forms: list[tuple[str, str, dict]] = []
    for address in addresses():
        page = fill(address, ids, codes)
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        for a in soup.find_all("a", href=True):
            target = urljoin(page, a["href"])
            if not urlsplit(target).netloc and not target.startswith(_LEFT_ALONE):
                links.add(target.split("#")[0])
        for form in soup.find_all("form"):
            if (form.get("method") or "get").lower() != "post":
                continue
            action = urljoin(page, form.get("action") or page)
            if not action.startswith(_LEFT_ALONE):
                forms.append((page, action, form_data(form)))
    for link in sorted(links):
        tried += 1
        if client.get(link).status_code == 403:
            refused.append(f"{role}: link to {link}")
    for page, action, data in forms:
        tried += 1
        if client.post(action, data).status_code == 403:
            refused.append(f"{role}: form on {page} posting to {action}")
        for hostile in HOSTILE_VALUES:
            tried += 1
            sent = {k: (v if k in _KEPT else [hostile] * len(v)) for k, v in data.items()}
            answer = client.post(action, sent)
            if answer.status_code >= 500:
                exc = getattr(answer, "exc_info", None)
                refused.append(f"{role}: {action} with {hostile[:20]!r}: {exc and exc[1]!r}")
    return tried
