"""The one way to change a tracked record: version-checked, logged, never hard-deleted.

The records are core.tracked's Versioned and Tracked models; this app, the change log, sits
below core and knows them only by the methods it calls (snapshot, history_parent, …).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F, Model, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch.web.history import revision
from planwatch.web.history.middleware import current_request_id
from planwatch.web.history.models import Action, ChangeRecord


class EditConflict(Exception):
    """Someone saved the record after this editor loaded it; their change is not overwritten."""

    def __init__(self, obj: Model, expected: int, current: int | None) -> None:
        self.obj, self.expected, self.current = obj, expected, current
        super().__init__(
            _(
                "「%(obj)s」已被他人修改（您打开的是第 %(expected)s 版，当前为第 %(current)s 版），"
                "请刷新后重新修改。"
            )
            % {"obj": obj, "expected": expected, "current": current}
        )


def save_tracked(
    obj: Model,
    *,
    user=None,
    reason: str = "",
    expected_version: int | None = None,
    action: str | None = None,
) -> Model:
    """Create or update ``obj`` and log the change.

    ``expected_version`` is the version the editor loaded; if the row has moved on since,
    :class:`EditConflict` is raised and nothing is written.
    """
    with transaction.atomic():
        if obj.pk is None:
            obj.version = 1
            obj.save()
            return _log(obj, action or Action.CREATE, None, obj.snapshot(), user, reason)
        model = type(obj)
        rows = model._base_manager.select_for_update(of=("self",)).filter(pk=obj.pk).order_by()
        current = rows.first()
        if current is None:
            raise model.DoesNotExist(f"{model.__name__} {obj.pk} does not exist")
        expected = current.version if expected_version is None else expected_version
        # The compare-and-increment is one UPDATE, so two writers cannot both pass it.
        if not model._base_manager.filter(pk=obj.pk, version=expected).update(
            version=F("version") + 1
        ):
            raise EditConflict(obj, expected, current.version)
        before = current.snapshot()
        obj.version = expected + 1
        obj.save()
        after = obj.snapshot()
        if action is None and before == after:
            return obj
        return _log(obj, action or Action.UPDATE, before, after, user, reason)


def soft_delete(obj: Model, *, user=None, reason: str = "", expected_version=None) -> Model:
    obj.deleted_at = timezone.now()
    return save_tracked(
        obj, user=user, reason=reason, expected_version=expected_version, action=Action.DELETE
    )


def restore(obj: Model, *, user=None, reason: str = "") -> Model:
    obj.deleted_at = None
    return save_tracked(obj, user=user, reason=reason, action=Action.RESTORE)


def create_tracked_many(objs: list[Model], *, user=None, reason: str = "") -> list[Model]:
    """Create new records of one model and log each, as ``save_tracked`` would one by one, in
    two INSERTs: the records, then their change records.

    For loaders of many new rows at once (the demo). Each change record is announced with
    ``post_save`` as if it had been saved on its own, so what reads the log as it is written
    (notifications) reads every one; the revision of each plan touched is bumped once.
    """
    if not objs:
        return objs
    model = type(objs[0])
    if any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError("create_tracked_many takes new records of one model")
    with transaction.atomic(using=router.db_for_write(model)), revision.deferred():
        for obj in objs:
            obj.version = 1
        model._base_manager.bulk_create(objs)
        if any(obj.pk is None for obj in objs):  # a database that returns no keys
            raise RuntimeError(f"{model.__name__}: bulk insert returned no primary keys")
        records = []
        for obj in objs:
            after = obj.snapshot()
            revision.bump(obj.history_plan_id(), judged=obj.changes_what_is_judged(None, after))
            records.append(_record(obj, Action.CREATE, None, after, user, reason))
        ChangeRecord.objects.bulk_create(records)
        using = router.db_for_write(ChangeRecord)
        for record in records:
            post_save.send(
                sender=ChangeRecord,
                instance=record,
                created=True,
                update_fields=None,
                raw=False,
                using=using,
            )
    return objs


def _log(obj: Model, action: str, before, after, user, reason: str) -> Model:
    revision.bump(obj.history_plan_id(), judged=obj.changes_what_is_judged(before, after))
    _record(obj, action, before, after, user, reason).save()
    return obj


def _record(obj: Model, action: str, before, after, user, reason: str) -> ChangeRecord:
    parent = obj.history_parent()
    return ChangeRecord(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        before=before,
        after=after,
        changed_fields=changed_fields(before, after),
        reason=reason or "",
        request_id=current_request_id.get(),
        parent_type=ContentType.objects.get_for_model(type(parent)) if parent else None,
        parent_id=parent.pk if parent else None,
        plan_id=obj.history_plan_id(),
    )


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    if before is None or after is None:
        return sorted((before or after or {}).keys())
    return sorted(k for k in after if before.get(k) != after.get(k))


def history_of(obj) -> Any:
    """The change records of ``obj`` and of its children, newest first."""
    ct = ContentType.objects.get_for_model(type(obj))
    return (
        ChangeRecord.objects.filter(
            Q(content_type=ct, object_id=obj.pk) | Q(parent_type=ct, parent_id=obj.pk)
        )
        .select_related("user", "content_type")
        .order_by("-at", "-id")
    )
