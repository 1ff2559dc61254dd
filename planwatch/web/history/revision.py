"""Read and bump the data revision (see ``history.models.revision``): the key of every cache.

A page reads :func:`current` once, first, then the data; a tracked write calls :func:`bump`
inside its transaction. Cached values are therefore always named after a state at least as old
as the data they hold, and a new write makes every key built before it unreachable.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from typing import NamedTuple

from planwatch.web.history.models import Revision

GLOBAL = "global"

#: Inside :func:`deferred`: plan id (None for the global key) → whether judged data changed.
_pending: ContextVar[dict[int | None, bool] | None] = ContextVar("pending_bumps", default=None)


class PlanRevision(NamedTuple):
    """Tokens naming one state of a plan's data: all of it, and the part that is judged."""

    every: str
    judged: str


def _keys(plan_id: int) -> tuple[str, str]:
    return f"plan:{plan_id}", f"plan:{plan_id}:judged"


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
    for key in keys:
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
    """The plan's two revisions, each joined with the global one: one query."""
    every, judged = _keys(plan_id)
    tokens = dict(
        Revision.objects.filter(key__in=(GLOBAL, every, judged)).values_list("key", "token")
    )
    shared = tokens.get(GLOBAL, "-")
    return PlanRevision(f"{tokens.get(every, '-')}.{shared}", f"{tokens.get(judged, '-')}.{shared}")
