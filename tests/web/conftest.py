"""Shared fixtures of the web tests: a hand-built plan, departments, users for every role."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """When the suite is meant to run on PostgreSQL, refuse to pass quietly on SQLite."""
    from django.db import connection

    if os.environ.get("PLANWATCH_TEST_DB") == "postgresql":
        assert connection.vendor == "postgresql", "DATABASE_URL does not point to PostgreSQL"
