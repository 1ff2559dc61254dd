"""The supervision pages and API with hostile parameters, as each role: never a 5xx."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

QUERIES = ("", "?year=abc", "?year=-1", "?year=99999999999", "?year=%00", "?year=2019")


def test_no_address_answers_5xx(open_round, users, login, client):
    plan, round = open_round.plan, open_round
    paths = [
        f"/supervision/plans/{plan.pk}/policies/",
        f"/supervision/plans/{plan.pk}/policies/new/",
        f"/supervision/plans/{plan.pk}/policies/99999999999999999999/",
        f"/supervision/plans/{plan.pk}/policies/template.xlsx",
        f"/supervision/plans/{plan.pk}/policies/import/",
        f"/supervision/rounds/{round.pk}/policies/99999/",
        f"/supervision/plans/{plan.pk}/scorecard/",
        f"/supervision/plans/{plan.pk}/scorecard.xlsx",
        f"/supervision/plans/{plan.pk}/scorecard.pdf",
        f"/supervision/plans/{plan.pk}/scorecard/weights/",
        f"/supervision/plans/{plan.pk}/scorecard/adjustments/new/",
        f"/api/scorecards/{plan.pk}/",
        "/api/scorecards/99999999999999999999/",
        "/api/scorecards/²/",
        "/api/policies/?plan=99999999999999999999&status=x",
    ]
    for name in ("coordinator", "reporter", "leader", None):
        browser = login(users[name]) if name else client
        for path in paths:
            for query in QUERIES:
                joined = path + (query.replace("?", "&") if "?" in path else query)
                assert browser.get(joined).status_code < 500, (name, joined)
