"""Records of the apps above reporting that go through the same review cycle as figures and task
progress reports: drafted, submitted with the department's other drafts, approved or returned
in the round page's review queue.

Reporting may not import the apps above it (tests/web/test_layers.py), so each registers its kind
here from its ``AppConfig.ready()`` — roadmap its milestone reports — and the submission page
(``bulk.submit``), the review queue (``bulk.queue_context``) and the review step (``bulk.review``)
handle every registered kind as they handle figures and progress reports. The model needs the
fields of ``models.base.Reviewed`` (``status``, ``submitted_by``/``_at``, ``reviewed_by``/``_at``,
``review_comment``), a ``round`` and a ``department``; its access rule decides ``submit`` and
``review`` (services.workflow checks them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from planwatch.web.reporting.choices import EDITABLE


@dataclass(frozen=True)
class Reviewable:
    """One kind of record: ``key`` names its rows in the forms (``<key>-<pk>`` on the
    submission page, ``<key>`` and ``comment-<key>-<pk>`` in the review queue)."""

    key: str
    model: type
    #: what a row names (the subject) and what was reported, as plain text
    subject: Callable[[object], str]
    content: Callable[[object], str]
    #: the lookups of its department id and of the words the queue's search looks into
    department_field: str
    search_fields: tuple[str, ...] = ()
    related: tuple[str, ...] = field(default=())


_KINDS: dict[str, Reviewable] = {}


def register(kind: Reviewable) -> None:
    _KINDS[kind.key] = kind


def kinds() -> list[Reviewable]:
    return list(_KINDS.values())


def drafts(user, round) -> list[tuple[Reviewable, object]]:
    """Every registered record ``user`` may submit in ``round`` (drafts and returns)."""
    found = []
    for kind in kinds():
        rows = kind.model.objects.restrict(user, "submit").filter(
            round=round, status__in=list(EDITABLE)
        )
        found += [(kind, r) for r in rows.select_related(*kind.related)]
    return found


def waiting(user, round, *, department: int | None = None, q: str = "") -> list:
    """The registered submissions ``user`` may review in ``round``, as (kind, record) pairs,
    limited as the queue's filter asks (its department and search words)."""
    found = []
    for kind in kinds():
        rows = kind.model.objects.restrict(user, "review").filter(round=round)
        if department:
            rows = rows.filter(**{kind.department_field: department})
        for word in q.split()[:5]:
            match = Q()
            for name in kind.search_fields:
                match |= Q(**{f"{name}__icontains": word})
            rows = rows.filter(match)
        found += [(kind, r) for r in rows.select_related(*kind.related).order_by("pk")]
    return found
