"""Read and bump the data revision (see ``history.models.revision``): the key of every cache.

A page reads :func:`current` once, first, then the data; a tracked write calls :func:`bump`
inside its transaction. Cached values are therefore always named after a state at least as old
as the data they hold, and a new write makes every key built before it unreachable.

Each key is kept in :data:`SHARDS` rows (``plan:5``, ``plan:5#1`` … ``plan:5#7``) and a key's
token is made of all of them. A write replaces the row of its own worker (process and thread),
so on PostgreSQL two transactions writing to one plan wait for each other's row lock only when
their workers share a shard, not always: writers are no longer serialised to one plan. Any
committed write still changes the token, since it changed one of its rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import NamedTuple

from django.db import connection

from planwatch.web.history.models import Revision

GLOBAL = "global"

#: Inside :func:`deferred`: plan id (None for the global key) → whether judged data changed.
_pending: ContextVar[dict[int | None, bool] | None] = ContextVar("pending_bumps", default=None)


class PlanRevision(NamedTuple):
    """Tokens naming one state of a plan's data: all of it, and the part that is judged."""

    every: str
    judged: str


#: Rows per key (see the module's docstring).
SHARDS = 8


def _keys(plan_id: int) -> tuple[str, str]:
    return f"plan:{plan_id}", f"plan:{plan_id}:judged"


def _shard_of(key: str, shard: int) -> str:
    return key if shard == 0 else f"{key}#{shard}"


def _own_shard() -> int:
    """This worker's shard: the same for every bump of one transaction (one thread), so a
    transaction locks one row per key and two transactions cannot deadlock over shards."""
    return hash((os.getpid(), threading.get_ident())) % SHARDS


def bump(plan_id: int | None, *, judged: bool = True) -> None:
    """New tokens for the plan (only ``every`` for a draft's edit); for no plan, the global one."""
    pending = _pending.get()
    if pending is not None:
        pending[plan_id] = pending.get(plan_id, False) or judged
        return
    if plan_id is None:
        keys: tuple[str, ...] = (GLOBAL,)
    else:
        every, judged_key = _keys(plan_id)
        keys = (every, judged_key) if judged else (every,)
    shard = _own_shard()
    for key in (_shard_of(each, shard) for each in keys):
        token = uuid.uuid4().hex
        if not Revision.objects.filter(key=key).update(token=token):
            Revision.objects.bulk_create([Revision(key=key, token=token)], ignore_conflicts=True)
            Revision.objects.filter(key=key).update(token=token)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect the bumps of a bulk load (the demo's ~1,300 records) and make each once, at the
    end. Use it inside the load's transaction: the data and its new revision then commit
    together, and every cache built before still becomes unreachable — once, not per record.
    Nothing is bumped when the block fails (its transaction is rolled back anyway)."""
    if _pending.get() is not None:  # nested: the outer block bumps
        yield
        return
    pending: dict[int | None, bool] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for plan_id, judged in pending.items():
        bump(plan_id, judged=judged)


def current(plan_id: int) -> PlanRevision:
    """The plan's two revisions, each joined with the global one: one query (plain SQL: it is
    the one query every cached page makes)."""
    every, judged = _keys(plan_id)
    wanted = [_shard_of(key, n) for key in (GLOBAL, every, judged) for n in range(SHARDS)]
    placeholders = ", ".join(["%s"] * len(wanted))
    return _of_plan(dict(_rows(f"WHERE {{key}} IN ({placeholders})", wanted)), plan_id)


class Snapshot:
    """Every revision row, read in one query: the token of all of the data, and each plan's
    revisions as :func:`current` gives them — for a page that needs both (the portal's index
    finds the published plan, then shows it) at the cost of one round trip to the database."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self._tokens = dict(rows)
        self.everything = hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:32]

    def plan(self, plan_id: int) -> PlanRevision:
        return _of_plan(self._tokens, plan_id)


def snapshot() -> Snapshot:
    return Snapshot(_rows())


def everything() -> str:
    """One token for all of the data (every key's rows): what a page listing plans keys on."""
    return snapshot().everything


def _rows(where: str = "", params: list[str] | None = None) -> list[tuple[str, str]]:
    table = connection.ops.quote_name(Revision._meta.db_table)
    key_column, token_column = (connection.ops.quote_name(c) for c in ("key", "token"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key_column}, {token_column} FROM {table} " + where.format(key=key_column),
            params or [],
        )
        return cursor.fetchall()


def _of_plan(tokens: dict[str, str], plan_id: int) -> PlanRevision:
    every, judged = _keys(plan_id)
    shared = _token(tokens, GLOBAL)
    return PlanRevision(f"{_token(tokens, every)}.{shared}", f"{_token(tokens, judged)}.{shared}")


def _token(tokens: dict[str, str], key: str) -> str:
    """The key's token: its shards' tokens together ("-" while it has none)."""
    parts = [tokens.get(_shard_of(key, n), "") for n in range(SHARDS)]
    if not any(parts):
        return "-"
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:32]
