"""The change log as people read it: field labels, names, values as the pages show them.

A change record stores its before and after as JSON with the model's attribute names and raw
values (``reviewed_by_id: 2``, ``status: "approved"``, ISO timestamps in UTC). This turns one
page of records into rows of (label, before, after): the field's verbose_name, a foreign key
as the name of the record it points to (read in one query per model for the whole page, soft
deleted ones included), a choice by its label, yes/no, numbers without trailing zeros and
times in the site's time zone (Beijing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planwatch.web.history.models import ChangeRecord

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableChange:
    record: ChangeRecord
    at: str  # local time, "2024-03-31 08:30"
    person: str
    action: str
    model_label: str
    changes: tuple[FieldChange, ...]


def local_time(value: dt.datetime) -> str:
    """A moment as the site shows it: the site's time zone (TIME_ZONE, Asia/Shanghai)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def readable(records: list[ChangeRecord]) -> list[ReadableChange]:
    """The page's records with every changed field labelled and formatted."""
    names = _related_names(records)
    rows = []
    for record in records:
        model = record.content_type.model_class()
        fields = _fields(model)
        changes = []
        for key in record.changed_fields or ():
            field = fields.get(key)
            changes.append(
                FieldChange(
                    label=str(field.verbose_name) if field is not None else key,
                    before=_shown(model, key, field, record.before, names),
                    after=_shown(model, key, field, record.after, names),
                )
            )
        rows.append(
            ReadableChange(
                record=record,
                at=local_time(record.at),
                person=person(record.user),
                action=record.get_action_display(),
                model_label=str(model._meta.verbose_name) if model else "",
                changes=tuple(changes),
            )
        )
    return rows


def _shown(model, key: str, field, values: dict | None, names: dict) -> str:
    """One side of a change; "" when there is no such side (a creation has no before)."""
    if values is None:
        return ""
    # A model whose label for a value depends on another field says so (history_value).
    own = getattr(model, "history_value", None)
    custom = own(key, values) if own is not None else None
    return custom if custom is not None else show(field, values.get(key), names)


def person(user) -> str:
    if user is None:
        return _("系统")
    full = getattr(user, "full_name", "") or ""
    return f"{full}（{user.username}）" if full else user.username


def _fields(model) -> dict[str, models.Field]:
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def _related_names(records: list[ChangeRecord]) -> dict[tuple[type, object], str]:
    """Every foreign key's target named in the page's records: one query per target model."""
    wanted: dict[type, set] = defaultdict(set)
    for record in records:
        fields = _fields(record.content_type.model_class())
        for key in record.changed_fields or ():
            field = fields.get(key)
            if field is None or not field.is_relation:
                continue
            for values in (record.before, record.after):
                value = (values or {}).get(key)
                if value is not None:
                    wanted[field.related_model].add(value)
    names = {}
    for model, ids in wanted.items():
        for obj in model._base_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = person(obj) if _is_user(model) else str(obj)
    return names


def _is_user(model) -> bool:
    from django.contrib.auth import get_user_model

    return model is get_user_model()


def show(field: models.Field | None, value, names: dict) -> str:
    """One stored value as the pages show it."""
    if value is None or value == "":
        return EMPTY
    if field is None:
        return str(value)
    if field.is_relation:
        model = field.related_model
        return names.get((model, value), _("（已不存在：%(id)s）") % {"id": value})
    if field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        return labels.get(str(value), str(value))
    if isinstance(field, models.BooleanField):
        return _("是") if value else _("否")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return local_time(moment) if moment else str(value)
    if isinstance(field, models.DateField):
        day = parse_date(str(value))
        return date_format(day, "Y-m-d") if day else str(value)
    if isinstance(field, models.FloatField | models.DecimalField):
        return number(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return "；".join(f"{k}：{v}" for k, v in value.items()) or EMPTY
    return str(value)


def number(value) -> str:
    """A figure as the pages write it (core's ``number`` filter): no trailing zeros."""
    try:
        text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    except (TypeError, ValueError):
        return str(value)
    return text if text not in ("-0", "") else "0"
