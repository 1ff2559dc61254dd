"""Hostile writes to every API address: never a 5xx, and every message Chinese."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from .english import english_sentences, json_text
from .site import addresses, fill

pytestmark = [pytest.mark.django_db]

HOSTILE = "\u202e" + "长" * 3000 + "\x00"
BODIES = (
    {"username": "a\x00b", "password": HOSTILE},
    {"item": "99999999999999999999", "year": "abc", "value": "1e400", "source": HOSTILE},
    {"plan": -1, "code": HOSTILE, "round": None, "department": [1, 2]},
    [{"item": 1, "year": 2023, "value": "NaN", "note": "\x00"}],
)


def test_hostile_json_to_every_api_address(world, users, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    ids, codes = world
    failures, sent = [], 0
    api = [a for a in addresses() if a.template.startswith("/api/") and "schema" not in a.name]
    for role in ("anonymous", "reporter", "coordinator"):
        client = APIClient()
        client.raise_request_exception = False
        if role != "anonymous":
            client.force_login(users[role])
        for address in api:
            path = fill(address, ids, codes)
            for body in (*BODIES, "{not json"):
                for method in (client.post, client.patch):
                    data = body if isinstance(body, str) else json.dumps(body)
                    response = method(path, data, content_type="application/json")
                    sent += 1
                    where = f"{role} {method.__name__.upper()} {path}"
                    if response.status_code >= 500:
                        exc = getattr(response, "exc_info", None)
                        failures.append(f"{where}: {response.status_code} {exc and exc[1]!r}")
                    elif response.get("Content-Type", "").startswith("application/json"):
                        english = english_sentences(json_text(response.content.decode()))
                        if english:
                            failures.append(f"{where}: English {english[:2]}")
    print(f"{sent} hostile API writes")
    assert not failures, "\n".join(failures[:40])
