"""``create_tracked_many``: new records in two INSERTs, logged as ``save_tracked`` logs them."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import create_tracked_many, save_tracked


class _Undo(Exception):
    pass


LOGGED = ("object_repr", "action", "before", "after", "changed_fields", "reason", "plan_id")


def _figures(round, items, department):
    from planwatch.web.reporting.models import Observation

    return [
        Observation(round=round, item=item, year=2023, value=10.5 + n, department=department)
        for n, item in enumerate(items)
    ]


def _logged(record: ChangeRecord) -> tuple:
    after = {k: v for k, v in record.after.items() if k != "id"}
    return (
        *(getattr(record, f) for f in LOGGED if f != "after"),
        after,
        record.content_type_id,
        record.parent_type_id,
        record.user_id,
    )


def test_many_new_records_are_logged_as_one_by_one(open_round, departments, users):
    from planwatch.web.plans.models import MeasurableItem
    from planwatch.web.reporting.models import Observation

    items = list(MeasurableItem.objects.filter(plan=open_round.plan, code__in=["I1", "I2"]))
    coordinator = users["coordinator"]
    ct = ContentType.objects.get_for_model(Observation)

    def log_of(figures):
        return [_logged(ChangeRecord.objects.get(content_type=ct, object_id=f.pk)) for f in figures]

    try:  # one by one, then rolled back: the same figures can be made again
        with transaction.atomic():
            one_by_one = [
                save_tracked(f, user=coordinator, reason="导入")
                for f in _figures(open_round, items, departments["science"])
            ]
            singly = log_of(one_by_one)
            raise _Undo
    except _Undo:
        pass

    heard = []

    def hear(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(hear, sender=ChangeRecord)
    try:
        with CaptureQueriesContext(connection) as queries:
            made = create_tracked_many(
                _figures(open_round, items, departments["science"]),
                user=coordinator,
                reason="导入",
            )
    finally:
        post_save.disconnect(hear, sender=ChangeRecord)
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert sum('"reporting_observation"' in sql for sql in inserts) == 1
    assert sum('"history_changerecord"' in sql for sql in inserts) == 1
    assert all(f.pk is not None and f.version == 1 for f in made)
    assert log_of(made) == singly
    together = ChangeRecord.objects.filter(content_type=ct, object_id__in=[f.pk for f in made])
    # each announced, as if saved alone
    assert heard == [(r.pk, True) for r in together.order_by("pk")]


def test_only_new_records_of_one_model(open_round, departments):
    from planwatch.web.plans.models import MeasurableItem

    items = list(MeasurableItem.objects.filter(plan=open_round.plan, code__in=["I1", "I2"]))
    saved = save_tracked(_figures(open_round, items[:1], departments["science"])[0])
    with pytest.raises(ValueError):
        create_tracked_many([saved])
    with pytest.raises(ValueError):
        create_tracked_many(
            [*_figures(open_round, items[1:], departments["env"]), departments["env"]]
        )
    assert create_tracked_many([]) == []
