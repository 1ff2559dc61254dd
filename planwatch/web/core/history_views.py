"""The change log of one record (and of its children), and of a whole plan, as pages.

The log itself is the history app (below core); these pages read it through the access rules.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from planwatch.web.core.rules import scope
from planwatch.web.core.tracked import Versioned
from planwatch.web.history.models import ChangeRecord
from planwatch.web.history.services import history_of


@login_required
def object_history(request, model: str, pk: int):
    """``model`` is an ``app_label.model`` label, e.g. ``reporting.observation``."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if not issubclass(model_class, Versioned):
        raise Http404
    obj = scope(model_class._base_manager.filter(pk=pk), request.user, "view").first()
    if obj is None:
        raise Http404
    records = visible_history(obj, request.user)
    return render(
        request,
        "core/object_history.html",
        {"object": obj, "records": records, "model_label": model_class._meta.verbose_name},
    )


def visible_history(obj, user, limit: int = 500) -> list[ChangeRecord]:
    """The record's own changes (its visibility is checked by the caller) and those of its
    children that the user may see too: an evaluator's note under an item stays hidden from a
    reporter."""
    records = list(history_of(obj)[:limit])
    children: dict[type, set[int]] = {}
    for r in records:
        if not _is_own(r, obj):
            children.setdefault(_model(r), set()).add(r.object_id)
    visible = {
        model: set(
            scope(model._base_manager.filter(pk__in=ids), user, "view").values_list("pk", flat=True)
        )
        for model, ids in children.items()
    }
    return [r for r in records if _is_own(r, obj) or r.object_id in visible[_model(r)]]


def _is_own(record: ChangeRecord, obj) -> bool:
    return _model(record) is type(obj) and record.object_id == obj.pk


def _model(record: ChangeRecord) -> type:
    return record.content_type.model_class()


@login_required
def plan_history(request, plan_pk: int):
    """Every change within one plan, newest first."""
    plan_model = ChangeRecord._meta.get_field("plan").related_model
    plan = scope(plan_model.all_objects.filter(pk=plan_pk), request.user, "view").first()
    if plan is None:
        raise Http404
    records = scope(
        ChangeRecord.objects.filter(plan=plan).select_related("user", "content_type"),
        request.user,
        "view",
    )[:500]
    return render(
        request,
        "core/object_history.html",
        {"object": plan, "records": records, "model_label": plan._meta.verbose_name},
    )
