"""An evaluator can never change departments' data: every write path, pages and API, refuses.

The write paths are found, not listed: every page of the site is opened as the coordinator and
as a reporter (who between them see every form that changes plans, figures, progress, evidence,
rounds, assignments and accounts), and every form found is sent back as the evaluator; every API
address gets POST, PUT, PATCH and DELETE with a plausible body. Afterwards no record of the
departments' apps (plans, reporting, accounts) has a new version, a new row or a deletion, and
the change log shows nothing written there.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.test import Client
from rest_framework.test import APIClient

from planwatch.web.evaluation.models import Commission, CommissionEvaluator
from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import save_tracked

from ..crawl.conftest import world  # noqa: F401  (fixture)
from ..crawl.site import addresses, fill
from ..crawl.test_buttons import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DEPARTMENTAL_APPS = ("plans", "reporting", "accounts")
_LEFT_ALONE = ("/accounts/logout/", "/i18n/setlang/", "/admin/")


def fingerprint() -> dict:
    """Every row of the departments' apps: (pk, version, deleted) — any write changes it."""
    rows = {}
    for label in DEPARTMENTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [f for f in ("pk", "version", "deleted_at") if f == "pk" or hasattr(model, f)]
            rows[model._meta.label] = sorted(model._base_manager.values_list(*fields))
    return rows


def forms_seen_by(client: Client, ids, codes) -> list[tuple[str, dict]]:
    found = []
    for address in addresses():
        page = fill(address, ids, codes)
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in BeautifulSoup(response.content, "html.parser").find_all("form"):
            if (form.get("method") or "get").lower() != "post":
                continue
            action = urljoin(page, form.get("action") or page)
            if not action.startswith(_LEFT_ALONE):
                found.append((action, form_data(form)))
    return found


@pytest.fixture
def evaluator_on_commission(world, users):  # noqa: F811
    ids, _codes = world
    commission = save_tracked(
        Commission(
            plan_id=int(ids["plans"]),
            title="评估",
            year=2023,
            commissioned_by=users["coordinator"],
        )
    )
    save_tracked(CommissionEvaluator(commission=commission, user=users["evaluator"]))
    return users["evaluator"]


def test_no_page_form_changes_departments_data_for_the_evaluator(
    world,  # noqa: F811
    users,
    evaluator_on_commission,
):
    ids, codes = world
    forms = []
    for role in ("coordinator", "reporter"):
        seer = Client(raise_request_exception=False)
        seer.force_login(users[role])
        forms += forms_seen_by(seer, ids, codes)
    assert len(forms) > 30, "the crawl found too few forms to prove anything"
    before, last_change = fingerprint(), ChangeRecord.objects.order_by("-pk").first().pk
    evaluator = Client(raise_request_exception=False)
    evaluator.force_login(evaluator_on_commission)
    statuses = []
    for action, data in forms:
        response = evaluator.post(action, data)
        statuses.append(response.status_code)
        assert response.status_code < 500, action
    assert fingerprint() == before
    written = ChangeRecord.objects.filter(
        pk__gt=last_change, content_type__app_label__in=DEPARTMENTAL_APPS
    )
    assert list(written.values_list("content_type__model", "object_id")) == []
    assert statuses.count(403) > 20  # refused, not merely missed


def plausible_bodies(ids) -> list[dict]:
    """A figure pushed for an item (what /api/observations/ takes), and the fields of an edit."""
    return [
        {"plan": int(ids["plans"]), "item": "I3", "year": 2023, "value": 55.5, "unit": "%"},
        {"value": 55.5, "note": "评估机构改写", "name": "改名", "title": "改名", "percent": 100},
    ]


def test_no_api_write_changes_departments_data_for_the_evaluator(
    world,  # noqa: F811
    users,
    evaluator_on_commission,
    settings,
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    ids, codes = world
    api = [
        a
        for a in addresses()
        if a.template.startswith("/api/") and not any(x in a.name for x in ("schema", "token"))
    ]
    assert len(api) > 10
    before, last_change = fingerprint(), ChangeRecord.objects.order_by("-pk").first().pk
    client = APIClient()
    client.raise_request_exception = False
    client.force_authenticate(evaluator_on_commission)
    accepted = []
    for address in api:
        path = fill(address, ids, codes)
        for method in (client.post, client.put, client.patch, client.delete):
            for body in plausible_bodies(ids):
                response = method(path, json.dumps(body), content_type="application/json")
                assert response.status_code < 500, path
                if 200 <= response.status_code < 300:
                    accepted.append(f"{method.__name__.upper()} {path}")
    assert accepted == []
    assert fingerprint() == before
    assert not ChangeRecord.objects.filter(
        pk__gt=last_change, content_type__app_label__in=DEPARTMENTAL_APPS
    ).exists()
