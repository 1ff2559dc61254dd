"""Open data: the published figures of published plans, for anyone, read-only.

Every caller is served as the anonymous public — whoever signs in gets the same answer — so
these endpoints publish exactly what the public portal shows: items of published plans,
approved figures of published rounds, the engine's verdicts on those figures only
(``reporting/rules.py``, ``reporting.services.assessment``). Throttled per address like the
rest of the API; answers are cached under the plan's "judged" data revision and the language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from planwatch.assess.status import BY_CODE
from planwatch.reports.cells import is_formula_like
from planwatch.web.api.errors import api_exception_handler
from planwatch.web.api.serializers.opendata import OpenItemSerializer, OpenPlanSerializer
from planwatch.web.api.throttling import AnonThrottle
from planwatch.web.core.fragments import cache_key
from planwatch.web.history import revision
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, MeasurableItem, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.methods import METHOD_LABELS, PATH_LABELS
from planwatch.web.reporting.models import Observation
from planwatch.web.reporting.services.assessment import assess_stored_plan

PUBLIC = AnonymousUser()
CACHE_SECONDS = 3600

#: ``plan`` → ``{item id: {"definition", "caliber", "source"}}``: what the coordinator wrote and
#: published about the plan's items. The portal (above this app) keeps those texts and
#: contributes them at start-up (``portal.apps``); without it they are blank.
MetadataHook = Callable[[Plan], dict[int, dict[str, str]]]
_METADATA: list[MetadataHook] = []


def contribute_metadata(hook: MetadataHook) -> None:
    if hook not in _METADATA:
        _METADATA.append(hook)


CSV_COLUMNS = ("code", "name", "unit", "year", "period", "value", "source", "demo")


class CSVRenderer(BaseRenderer):
    """``?format=csv``: the plan's published values, one per row, UTF-8 with a BOM (Excel)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for item in data.get("items", []) if isinstance(data, dict) else []:
            for v in item["values"]:
                row = [item["code"], item["name"], v["unit"] or item["unit"], v["year"]]
                row += [v["period"], v["value"], v["source"], "1" if v["demo"] else ""]
                writer.writerow(["'" + c if is_formula_like(c) else c for c in row])
        if not isinstance(data, dict) or "items" not in data:  # an error: say it in one line
            writer.writerow([str(data)])
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class OpenDataView(APIView):
    authentication_classes = ()  # anonymous for everyone: the same published answer
    permission_classes = (AllowAny,)
    throttle_classes = (AnonThrottle,)

    def get_exception_handler(self):
        return api_exception_handler


def published_plans():
    return Plan.objects.restrict(PUBLIC, "view").filter(is_published=True).defer("source_json")


def plan_payload(plan: Plan) -> dict:
    """Every public item of ``plan`` with its verdict and published values (cached)."""
    data = revision.current(plan.pk)
    key = "opendata:" + ":".join(map(str, cache_key(plan, PUBLIC, data.judged, get_language())))
    found = cache.get(key)
    if found is None:
        found = _build(plan)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _build(plan: Plan) -> dict:
    year = years.default_year(plan, PUBLIC)
    verdicts = {}
    if year is not None:
        try:
            verdicts = {r.code: r for r in assess_stored_plan(plan, year, PUBLIC).items}
        except Exception:
            verdicts = {}
    values: dict[int, list[dict]] = {}
    rows = (
        Observation.objects.restrict(PUBLIC, "view")
        .filter(item__plan=plan, item__deleted_at__isnull=True, year__lte=year or 0)
        .order_by("year", "period")
    )
    for obs in rows:
        values.setdefault(obs.item_id, []).append(
            {
                "year": obs.year,
                "period": obs.period,
                "value": obs.value,
                "unit": obs.unit,
                "source": obs.source,
                "demo": obs.is_demo,
            }
        )
    language = get_language() or "zh-hans"
    items = MeasurableItem.objects.restrict(PUBLIC, "view").filter(plan=plan)
    written: dict[int, dict[str, str]] = {}
    for hook in _METADATA:
        for item_id, texts in hook(plan).items():
            written.setdefault(item_id, {}).update(texts)
    leads: dict[int, list[str]] = {}
    assignments = Assignment.objects.restrict(PUBLIC, "view").filter(
        plan=plan, item__isnull=False, role=AssignmentRole.LEAD
    )
    for item_id, name in assignments.order_by("pk").values_list("item_id", "department__name"):
        leads.setdefault(item_id, []).append(name)
    return {
        "id": plan.pk,
        "title": plan.title,
        "issuer": plan.issuer,
        "base_year": plan.base_year,
        "target_year": plan.target_year,
        "year": year,
        "items": [
            _item(i, verdicts.get(i.code), values.get(i.pk, []), year, language)
            | {"metadata": _metadata(verdicts.get(i.code), written.get(i.pk, {}), leads.get(i.pk))}
            for i in items.order_by("kind", "order")
        ],
    }


def _item(item: MeasurableItem, verdict, values: list[dict], year, language: str) -> dict:
    status = BY_CODE.get(verdict.status) if verdict else None
    return {
        "id": item.pk,
        "plan": item.plan_id,
        "code": item.code,
        "kind": item.kind,
        "name": item.name,
        "unit": item.unit,
        "category": item.category,
        "attribute": item.attribute,
        "baseline_year": item.baseline_year,
        "baseline_value": item.baseline_value,
        "target_year": item.target_year,
        "target_value": item.target_value,
        "target_text": item.target_text,
        "year": year if verdict else None,
        "status": verdict.status if verdict else None,
        "status_label": status.label(language) if status else None,
        "outlook": verdict.outlook if verdict else None,
        "explanation": verdict.explanation if verdict else None,
        "method": verdict.method if verdict else None,
        "values": values,
    }


def _metadata(verdict, written: dict[str, str], leads: list[str] | None) -> dict:
    """The indicator page's 指标说明: definition and 统计口径 as published by the coordinator,
    the source (theirs, else the figures' own), the lead departments and the method."""
    method = verdict.method if verdict else None
    path = verdict.path if verdict else None
    source = written.get("source") or "；".join(verdict.sources if verdict else ())
    return {
        "definition": written.get("definition", ""),
        "caliber": written.get("caliber", ""),
        "source": source,
        "lead_departments": leads or [],
        "method": method,
        "method_label": str(METHOD_LABELS.get(method, method)) if method else None,
        "path": path,
        "path_label": str(PATH_LABELS[path]) if path in PATH_LABELS else None,
    }


class OpenDataPlanView(OpenDataView):
    renderer_classes = (JSONRenderer, CSVRenderer)  # no browsable page: inline style, English

    @extend_schema(
        summary="A published plan's open data (JSON, or CSV with ?format=csv)",
        responses={(200, "application/json"): OpenPlanSerializer, (200, "text/csv"): str},
        parameters=[OpenApiParameter("format", str, enum=["json", "csv"], required=False)],
    )
    def get(self, request, pk: int):
        """Every item of a published plan, its verdict and its published values by year."""
        return Response(plan_payload(get_object_or_404(published_plans(), pk=pk)))


class OpenDataItemsView(OpenDataView):
    @extend_schema(
        summary="Items of published plans with their published values",
        responses=OpenItemSerializer(many=True),
        parameters=[OpenApiParameter("plan", int, description="only this plan's items")],
    )
    def get(self, request):
        """Items of published plans, each with its verdict and its published values."""
        plans = published_plans()
        wanted = request.query_params.get("plan", "")
        if wanted:
            plans = plans.filter(pk=int(wanted)) if wanted.isdigit() else plans.none()
        return Response([i for plan in plans for i in plan_payload(plan)["items"]])


class OpenDataItemView(OpenDataView):
    @extend_schema(summary="One published item's series", responses=OpenItemSerializer)
    def get(self, request, pk: int):
        """One item of a published plan: its verdict and published values by year."""
        items = MeasurableItem.objects.restrict(PUBLIC, "view").filter(plan__is_published=True)
        item = get_object_or_404(items.select_related("plan"), pk=pk)
        found = next(i for i in plan_payload(item.plan)["items"] if i["id"] == item.pk)
        return Response(found)
