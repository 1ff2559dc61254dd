"""The data revision is kept in shards, one per worker: whichever worker writes, the token
changes, and a reader joins every shard."""

from __future__ import annotations

import threading

import pytest

from planwatch.web.history import revision
from planwatch.web.history.models import Revision

pytestmark = pytest.mark.django_db


def test_a_write_to_any_shard_changes_the_token():
    revision.bump(3)
    seen = {revision.current(3)}
    for shard in range(revision.SHARDS):  # as a worker on each shard would write
        key = revision._shard_of("plan:3", shard)
        Revision.objects.update_or_create(key=key, defaults={"token": f"t{shard}"})
        seen.add(revision.current(3))
    assert len(seen) == revision.SHARDS + 1  # each shard's write gave a new token
    judged_before = revision.current(3).judged
    Revision.objects.update_or_create(key="global#5", defaults={"token": "g"})
    assert revision.current(3).judged != judged_before  # the global key joins both


def test_a_bump_from_another_thread_is_seen(transactional_db):
    revision.bump(4)
    before = revision.current(4)
    worker = threading.Thread(target=revision.bump, args=(4,))
    worker.start()
    worker.join()
    from django.db import connections

    connections.close_all()
    assert revision.current(4).every != before.every
    assert revision.current(5).every.startswith("-")  # a plan never written has no token
