"""A reminder task whose worker was killed mid-task is queued again and delivered once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from planwatch.web.core.background import requeue_abandoned
from planwatch.web.notifications.models import Notification
from planwatch.web.notifications.tasks import send_reminders

pytestmark = pytest.mark.django_db(transaction=True)


def claimed_by_a_killed_worker(minutes_ago: int) -> DBTaskResult:
    """Enqueue today's reminders and claim the task as a worker would, started minutes ago."""
    send_reminders.enqueue(timezone.localdate().isoformat())
    task = DBTaskResult.objects.get(status="READY")
    task.claim("killed-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return task


def test_an_abandoned_reminder_is_queued_again_and_delivered_once(emails, round_in, run_worker):
    round_in(-1)  # overdue: the reminders tell the departments
    run_worker()  # the round's own notices
    task = claimed_by_a_killed_worker(minutes_ago=120)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"  # no worker takes it
    assert not Notification.objects.filter(kind="overdue").exists()

    assert requeue_abandoned() == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"
    run_worker()
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"
    overdue = Notification.objects.filter(kind="overdue")
    assert sorted(overdue.values_list("recipient__username", flat=True)) == [
        "coordinator",
        "other_reporter",
        "reporter",
    ]
    assert requeue_abandoned() == 0  # nothing left running


def test_a_task_claimed_recently_is_left_to_its_worker(emails, round_in):
    task = claimed_by_a_killed_worker(minutes_ago=5)
    assert requeue_abandoned() == 0
    assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"
    assert requeue_abandoned(dt.timedelta(minutes=1)) == 1
