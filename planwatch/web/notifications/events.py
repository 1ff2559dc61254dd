"""The events notices are made of, read from the change log as it is written.

``save_tracked`` is the one way any record changes (web forms, the Excel upload, the API, the
demo loader), and each change writes a ChangeRecord with the record's state before and after.
One receiver here turns the records that matter — a round opened, a figure or progress report
approved or returned, a comment from the public, anything that can move a verdict — into
events, collects those of one transaction, and enqueues one background task for them after the
commit (nothing is enqueued for a change that is rolled back). No other app calls into this one.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from planwatch.web.history.models import Action, ChangeRecord
from planwatch.web.notifications.tasks import deliver_events

logger = logging.getLogger(__name__)

REVIEWED = {Action.APPROVE: "approved", Action.RETURN: "returned"}
#: Changes that can move a binding indicator's or a key project's verdict.
JUDGED = {"reporting.manualverdict", "reporting.keyproject", "plans.measurableitem"}


def events_of(record: ChangeRecord) -> list[dict]:
    """What the change means for the people to tell, as JSON-ready events."""
    label = f"{record.content_type.app_label}.{record.content_type.model}"
    before, after = record.before or {}, record.after or {}
    events: list[dict] = []
    if label == "reporting.reportinground":
        opened = after.get("status") == "open" and before.get("status") != "open"
        if opened and not after.get("deleted_at"):
            events.append({"kind": "round_opened", "round": record.object_id, "change": record.pk})
    elif label in ("reporting.observation", "reporting.taskprogress", "roadmap.milestonereport"):
        if record.action in REVIEWED:
            events.append(
                {
                    "kind": REVIEWED[record.action],
                    "model": label.split(".")[1],
                    "id": record.object_id,
                    "change": record.pk,
                }
            )
        approved = "approved" in (before.get("status"), after.get("status"))
        if label == "reporting.observation" and approved and record.plan_id:
            events.append({"kind": "course", "plan": record.plan_id})
    elif label in JUDGED and record.plan_id:
        events.append({"kind": "course", "plan": record.plan_id})
    elif label == "portal.feedback" and _new_and_pending(record):
        events.append({"kind": "feedback", "id": record.object_id})
    return events


def _new_and_pending(record: ChangeRecord) -> bool:
    return record.action == Action.CREATE and (record.after or {}).get("status") == "pending"


class Batch:
    """The events of one transaction, enqueued as one task once it commits."""

    def __init__(self) -> None:
        self.events: list[dict] = []

    def add(self, event: dict) -> None:
        if event not in self.events:
            self.events.append(event)

    def flush(self) -> None:
        if self.events:
            deliver_events.enqueue(self.events)


def _current_batch() -> Batch | None:
    """The batch waiting for this transaction's commit (a new one if none), or None outside a
    transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    batch = getattr(connection, "_planwatch_events", None)
    waiting = batch is not None and any(
        entry[1] == batch.flush for entry in connection.run_on_commit
    )
    if not waiting:
        batch = Batch()
        connection._planwatch_events = batch
        # robust: a queue that cannot be written to never fails the user's change
        transaction.on_commit(batch.flush, robust=True)
    return batch


@receiver(post_save, sender=ChangeRecord, dispatch_uid="notifications.events")
def _on_change(sender, instance: ChangeRecord, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    events = events_of(instance)
    if not events:
        return
    batch = _current_batch()
    if batch is None:
        batch = Batch()
        for event in events:
            batch.add(event)
        batch.flush()
        return
    for event in events:
        batch.add(event)
