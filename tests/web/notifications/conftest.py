"""Notification tests commit for real (the events are enqueued after a commit) and run the
real database worker in this process, in batch mode: it takes every queued task, then stops."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def run_worker():
    from django.core.management import call_command

    def run() -> int:
        from django_tasks_db.models import DBTaskResult

        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        failed = DBTaskResult.objects.exclude(status="SUCCESSFUL")
        assert not failed.exists(), [(r.task_path, r.exception_class_path) for r in failed]
        return DBTaskResult.objects.count()

    return run


@pytest.fixture
def emails(users):
    """Every test user has an address, so every notice may go by e-mail too."""
    for user in users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    return users


@pytest.fixture
def round_in(assigned):
    """Make an open round of the plan whose deadline is ``days`` from today."""
    from django.utils import timezone

    from planwatch.web.history.services import save_tracked
    from planwatch.web.reporting.models import ReportingRound

    def make(days: int, *, status: str = "open", year: int = 2023):
        return save_tracked(
            ReportingRound(
                plan=assigned,
                name=f"{year}年度",
                year=year,
                status=status,
                deadline=timezone.localdate() + dt.timedelta(days=days),
            )
        )

    return make
