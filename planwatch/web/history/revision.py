"""Read and bump the data revision (see ``history.models.revision``): the key of every cache.

A page reads :func:`current` once, first, then the data; a tracked write calls :func:`bump`
inside its transaction. Cached values are therefore always named after a state at least as old
as the data they hold, and a new write makes every key built before it unreachable.
"""

from __future__ import annotations

import uuid

from planwatch.web.history.models import Revision

#: The scope of records that belong to no plan (departments, users).
GLOBAL = 0


def bump(plan_id: int | None) -> None:
    """Give the plan (and, for records of no plan, everything) a new revision token."""
    scope = plan_id or GLOBAL
    token = uuid.uuid4().hex
    if not Revision.objects.filter(scope=scope).update(token=token):
        Revision.objects.bulk_create([Revision(scope=scope, token=token)], ignore_conflicts=True)
        Revision.objects.filter(scope=scope).update(token=token)


def current(plan_id: int) -> str:
    """The revision of ``plan_id`` together with the global one: one query."""
    tokens = dict(
        Revision.objects.filter(scope__in=(GLOBAL, plan_id)).values_list("scope", "token")
    )
    return f"{tokens.get(plan_id, '-')}.{tokens.get(GLOBAL, '-')}"
