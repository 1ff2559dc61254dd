"""The background tasks (Django's tasks API; the database backend by default).

Enqueued after a commit by ``events`` and by ``planwatch remind``; run by ``planwatch worker``
(or the worker ``planwatch serve`` starts). Arguments are JSON; each task re-reads the records.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from planwatch.web.notifications.notify import handle
from planwatch.web.notifications.reminders import send_reminders as remind


@task()
def deliver_events(events: list[dict]) -> int:
    """Notices for the events of one committed transaction (events.Batch)."""
    return handle(events)


@task()
def send_reminders(day: str) -> int:
    """Deadline and overdue reminders for ``day`` (ISO date), and a check of every verdict."""
    return remind(dt.date.fromisoformat(day))
