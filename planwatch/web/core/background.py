"""Background tasks a worker claimed and never finished go back to the queue.

The database backend marks a task RUNNING when a worker claims it; a worker killed mid-task
(out of memory, a machine lost, ``kill -9``) leaves it RUNNING for ever and nothing retries it.
Every planwatch task re-reads its records and delivers under a unique key (once per person,
event and day), so running an abandoned one again is safe. A task still RUNNING after
``PLANWATCH_TASK_STALE_MINUTES`` (default 30; no planwatch task takes more than seconds) is
taken as abandoned: it is made READY again when a worker starts and by the daily
``planwatch remind``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_abandoned(older_than: dt.timedelta | None = None) -> int:
    """Queue again the tasks claimed before ``older_than`` ago and never finished; how many."""
    if older_than is None:
        older_than = dt.timedelta(minutes=settings.TASK_STALE_MINUTES)
    cutoff = timezone.now() - older_than
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
