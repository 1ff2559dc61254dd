"""API fixtures: the shared county plan, published, with figures in every review state.

Figures (written by hand): I2 常住人口城镇化率 (baseline 60 %, target ≥ 65 % in 2025) is 62.0 in
2022 (approved, published round) and 65.5 in 2023 (approved, round still open and unpublished);
I3 has a 2023 draft of the environment bureau; I1 a 2023 figure submitted by the coordinator's
bureau. T1 (science bureau) has no figure yet: it is what pushes create.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem
from planwatch.web.reporting.models import Observation, ReportingRound

ROLES = ("admin", "coordinator", "reporter", "other_reporter", "leader", "evaluator")


@pytest.fixture(autouse=True)
def _fast_and_unthrottled(settings):
    """Cheap password hashing; a fresh throttle count (it lives in the cache) for each test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture
def world(open_round, users, departments):
    plan = open_round.plan
    plan.is_published = True
    save_tracked(plan)
    closed = save_tracked(
        ReportingRound(
            plan=plan,
            name="2022年度",
            year=2022,
            status="closed",
            is_published=True,
            deadline=dt.date(2023, 3, 31),
        )
    )
    items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}

    def figure(code, year, value, status, dept, round=open_round):
        return save_tracked(
            Observation(
                round=round,
                item=items[code],
                year=year,
                value=value,
                unit=items[code].unit,
                status=status,
                department=departments[dept],
                source="县统计局",
            )
        )

    return SimpleNamespace(
        plan=plan,
        open_round=open_round,
        closed_round=closed,
        items=items,
        published=figure("I2", 2022, 62.0, "approved", "science", round=closed),
        approved=figure("I2", 2023, 65.5, "approved", "science"),
        draft=figure("I3", 2023, 3.1, "draft", "env"),
        submitted=figure("I1", 2023, 6.5, "submitted", "econ"),
        users=users,
        departments=departments,
    )


@pytest.fixture
def api(users):
    """``api("reporter")`` is a client sending that user's token; ``api()`` is anonymous."""

    def client_for(role: str | None = None) -> APIClient:
        client = APIClient()
        if role is not None:
            token, _ = Token.objects.get_or_create(user=users[role])
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for
