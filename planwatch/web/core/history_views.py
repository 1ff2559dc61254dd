"""The change log of one record (and of its children), and of a whole plan, as pages.

The log itself is the history app (below core); these pages read it through the access rules,
filter it (:class:`ChangeFilter`: object, person, date range, action), page it
(core/listing.py), show it readable (core/history_format.py) and export it to Excel
(``?export=xlsx``, the filtered records, every cell through ``planwatch.reports.cells.put``).
"""

from __future__ import annotations

import io
import urllib.parse

import django_filters as filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.reports.cells import put_row
from planwatch.web.core.filters import IdFilter
from planwatch.web.core.history_format import person, readable
from planwatch.web.core.listing import list_context, offer_choices
from planwatch.web.core.rules import scope
from planwatch.web.core.tracked import Versioned
from planwatch.web.history.models import Action, ChangeRecord
from planwatch.web.history.services import history_of

#: Most records one export writes (a plan's whole log for years is far below).
EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ChangeFilter(filters.FilterSet):
    """The change log's filters: what changed (a kind of record, words of its name), who,
    when (dates in the site's time zone), which action."""

    q = filters.CharFilter(
        field_name="object_repr", lookup_expr="icontains", label=gettext_lazy("对象")
    )
    model = IdFilter(field_name="content_type_id", label=gettext_lazy("类别"))
    user = IdFilter(field_name="user_id", label=gettext_lazy("操作人"))
    action = filters.ChoiceFilter(choices=Action.choices, label=gettext_lazy("操作"))
    since = filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=gettext_lazy("起始日期")
    )
    until = filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=gettext_lazy("截止日期")
    )

    class Meta:
        model = ChangeRecord
        fields = ("q", "model", "user", "action", "since", "until")


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
    label = model_class._meta.verbose_name
    return history_page(request, obj, visible_history(obj, request.user), label)


def visible_history(obj, user):
    """The record's own changes (its visibility is checked by the caller) and those of its
    children that the user may see too: an evaluator's note under an item stays hidden from a
    reporter. A queryset, newest first."""
    records = history_of(obj)
    own = ContentType.objects.get_for_model(type(obj))
    mine = Q(content_type=own, object_id=obj.pk)
    visible = mine
    child_types = (
        records.exclude(mine).order_by().values_list("content_type_id", flat=True).distinct()
    )
    for ct_id in child_types:
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        seen = scope(model._base_manager.all(), user, "view").values("pk")
        visible |= Q(content_type_id=ct_id, object_id__in=seen)
    return records.filter(visible)


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
    ).order_by("-at", "-id")
    return history_page(request, plan, records, plan._meta.verbose_name)


def history_page(request, obj, records, model_label):
    filterset = ChangeFilter(request.GET or None, queryset=records)
    kinds = records.order_by().values_list("content_type_id", flat=True).distinct()
    offer_choices(
        filterset.form,
        "model",
        sorted(
            (ct, str(ContentType.objects.get_for_id(ct).model_class()._meta.verbose_name))
            for ct in kinds
            if ContentType.objects.get_for_id(ct).model_class() is not None
        ),
        everything=_("全部类别"),
    )
    people = get_user_model()._base_manager.filter(
        pk__in=records.order_by().exclude(user=None).values("user_id")
    )
    offer_choices(
        filterset.form,
        "user",
        [(u.pk, person(u)) for u in people.order_by("username")],
        everything=_("全部人员"),
    )
    for name in ("since", "until"):
        filterset.form.fields[name].widget.input_type = "date"
    listed = filterset.qs.select_related("user", "content_type").order_by("-at", "-id")
    if request.GET.get("export") == "xlsx":
        return export(listed, obj)
    context = list_context(request.GET, listed, None, filterset)
    context.update(
        object=obj,
        model_label=model_label,
        changes=readable(list(context["page"].object_list)),
        export_query=export_query(request),
    )
    return render(request, "core/object_history.html", context)


def export_query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return params.urlencode()


def export(records, obj) -> HttpResponse:
    """The filtered records as a workbook: one row per changed field, as the page shows it."""
    from openpyxl import Workbook  # loaded when a workbook is asked for

    book = Workbook()
    sheet = book.active
    sheet.title = _("变更记录")
    heads = [_("时间"), _("操作人"), _("操作"), _("类别"), _("对象")]
    heads += [_("字段"), _("修改前"), _("修改后"), _("原因")]
    put_row(sheet, 1, heads)
    row = 2
    batch = 500
    chosen = list(records[:EXPORT_LIMIT])
    for start in range(0, len(chosen), batch):
        for change in readable(chosen[start : start + batch]):
            r = change.record
            head = [change.at, change.person, change.action, change.model_label, r.object_repr]
            for field in change.changes or (None,):
                cells = [field.label, field.before, field.after] if field else ["", "", ""]
                put_row(sheet, row, [*head, *cells, r.reason])
                row += 1
    for column, width in zip("ABCDEFGHI", (17, 18, 10, 12, 40, 16, 30, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    name = f"{_('变更记录')}-{obj}.xlsx"
    response = HttpResponse(data.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"history.xlsx\"; filename*=UTF-8''{urllib.parse.quote(name)}"
    )
    return response
