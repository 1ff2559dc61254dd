"""Records that keep their history: versioned, soft-deleted, scoped by role.

Every model users edit derives from :class:`Tracked` (the user model from :class:`Versioned`).
Changes go through ``planwatch.web.history.services`` (``save_tracked`` / ``soft_delete``), which
checks the version (so a concurrent edit becomes a conflict, never a silent overwrite) and writes
a change record.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.rules import scope


class TrackedQuerySet(models.QuerySet):
    def alive(self) -> TrackedQuerySet:
        return self.filter(deleted_at__isnull=True)

    def restrict(self, user, action: str = "view") -> TrackedQuerySet:
        """Only the rows ``user`` may ``action`` (NetBox style); the policy: core.rules."""
        return scope(self, user, action)

    def delete(self):
        raise TypeError("tracked records are soft-deleted: use history.services.soft_delete")


class AliveManager(models.Manager.from_queryset(TrackedQuerySet)):
    """The default manager: soft-deleted rows do not exist for ordinary code."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Versioned(models.Model):
    """A record whose changes go through history.services: version-checked and logged.

    :class:`Tracked` adds timestamps and soft deletion; the user model is Versioned only
    (an account is deactivated, never deleted).
    """

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    #: Fields left out of the change log (bookkeeping, not content).
    HISTORY_EXCLUDE: frozenset[str] = frozenset({"created_at", "updated_at", "version"})

    class Meta:
        abstract = True

    def snapshot(self) -> dict[str, Any]:
        """The record's content as JSON-safe values, foreign keys by id."""
        data: dict[str, Any] = {}
        for field in self._meta.concrete_fields:
            if field.name in self.HISTORY_EXCLUDE or field.primary_key:
                continue
            data[field.attname] = json_value(getattr(self, field.attname))
        return data

    def changes_what_is_judged(self, before: dict | None, after: dict | None) -> bool:
        """Whether this change can alter an assessment or a published page (the "judged" data
        revision, see history.revision); a draft being edited cannot."""
        return True

    def history_parent(self) -> models.Model | None:
        """The record whose history should also show this record's changes."""
        return None

    def history_plan_id(self) -> int | None:
        """The plan this record belongs to, so a plan's whole change log can be listed."""
        return getattr(self, "plan_id", None)


class Tracked(Versioned):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    deleted_at = models.DateTimeField(_("删除时间"), null=True, blank=True, editable=False)

    objects = AliveManager()
    all_objects = models.Manager.from_queryset(TrackedQuerySet)()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise TypeError("tracked records are soft-deleted: use history.services.soft_delete")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def unique_alive(*fields: str, name: str, condition: models.Q | None = None):
    """Unique among records not soft-deleted: a deleted row never blocks a new one."""
    alive = models.Q(deleted_at__isnull=True)
    return models.UniqueConstraint(
        fields=list(fields), condition=alive & condition if condition else alive, name=name
    )


def json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    return value
