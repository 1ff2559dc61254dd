"""The portal's public pages: a plan's home, its indicators, search, tasks, key projects,
one page per indicator or target, and the downloads.

Everything is read as the anonymous public (``published``). The parts that are the same for
every visitor are rendered once per state of the published data and language
(``core.fragments``: keyed on the plan's "judged" revision), so a cached page costs a few
queries; the feedback form (a fresh challenge each time) and comments are added per request.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.assess.status import BY_CODE, OUTLOOKS
from planwatch.web.core.fragments import cache_key, cached_html
from planwatch.web.core.responses import cached_page
from planwatch.web.core.uploads import XLSX
from planwatch.web.dashboard import progress as pg
from planwatch.web.dashboard.charts import item_chart, status_overview
from planwatch.web.dashboard.figures import METHOD_LABELS, target_text
from planwatch.web.dashboard.tasks import chapter_progress
from planwatch.web.history import revision
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services.places import places_of
from planwatch.web.portal import downloads, headline
from planwatch.web.portal.published import (
    PUBLIC,
    authority_of,
    metadata_by_item,
    metadata_of,
    published_plans,
    published_values,
)
from planwatch.web.portal.search import search, words_of
from planwatch.web.portal.tasks import tasks_by_chapter
from planwatch.web.reporting import years
from planwatch.web.reporting.models import KeyProject


def chrome(plan: Plan, section: str) -> dict:
    """What every portal page of a plan has: the plan, its authority, the section shown."""
    return {"plan": plan, "authority": authority_of(plan), "section": section, "public": True}


def fragment(name: str, plan: Plan, build, *parts) -> str:
    data = revision.current(plan.pk)  # read first: the fragment is never newer than its key
    today = timezone.localdate()  # with no round yet, the year judged follows the date
    return cached_html(name, cache_key(plan, PUBLIC, data.judged, today, *parts), build)


def cached(request, name: str, plan: Plan, build, *parts, fill=None, data=None):
    """The whole page ``build(values)`` renders, stored per (page, reader's scope, language,
    published state of the plan, date) for readers not signed in (``core.responses``).
    ``data``: the plan's revision, if the caller read it before anything else."""
    if data is None:
        data = revision.current(plan.pk)  # read first: the page is never newer than its key
    today = timezone.localdate()
    # The authority's name in the header may come from the settings (published.authority_of).
    key = cache_key(plan, request.user, data.judged, today, settings.PORTAL_AUTHORITY, *parts)
    return cached_page(request, name, key, build, fill)


def _plan(pk: int) -> Plan:
    return get_object_or_404(published_plans(), pk=pk)


def home_html(plan: Plan) -> str:
    def build() -> str:
        progress = pg.plan_progress(PUBLIC, plan)
        binding, other = pg.warnings(progress.rows)
        groups = pg.by_category(progress.rows)
        return render_to_string(
            "portal/_home.html",
            {
                "plan": plan,
                "progress": progress,
                "headlines": headline.headlines(progress.rows),
                "categories": [(c, len(rows)) for c, rows in groups],
                "chapters": chapter_progress(PUBLIC, plan, progress.round),
                "binding_warnings": binding,
                "other_warnings": other,
                "overview": status_overview(pg.counted(progress.rows)) if progress.rows else None,
                "projects": KeyProject.objects.restrict(PUBLIC, "view").filter(plan=plan).count(),
                "public": True,
            },
        )

    return fragment("portal-home", plan, build)


def indicators(request, pk: int):
    plan = _plan(pk)
    group = request.GET.get("group", "")
    wanted = {
        "category": request.GET.get("category", "")[:100],
        "group": group if group in headline.GROUPS else "",
        "binding": "1" if request.GET.get("binding") == "1" else "",
    }

    def build() -> str:
        progress = pg.plan_progress(PUBLIC, plan)
        rows = [r for r in progress.rows if _kept(r, wanted)]
        return render_to_string(
            "portal/_indicators.html",
            {
                "plan": plan,
                "progress": progress,
                "categories": [c for c, _r in pg.by_category(progress.rows)],
                "indicator_groups": pg.by_category([r for r in rows if r.item.kind == "indicator"]),
                "target_groups": pg.by_category([r for r in rows if r.item.kind == "target"]),
                "wanted": wanted,
                "group_labels": headline.GROUP_LABELS,
                "filtered": any(wanted.values()),
                "shown": len(rows),
                "public": True,
            },
        )

    def page(_values):
        html = fragment("portal-indicators", plan, build, *sorted(wanted.items()))
        context = {**chrome(plan, "indicators"), "body_html": html}
        return render(request, "portal/indicators.html", context)

    return cached(request, "portal-indicators", plan, page)


def _kept(row, wanted: dict) -> bool:
    if wanted["category"] and row.category != wanted["category"]:
        return False
    if wanted["group"] and headline.group_of(row.result.status) != wanted["group"]:
        return False
    return not (wanted["binding"] and not row.binding)


def search_page(request, pk: int):
    plan = _plan(pk)
    query = " ".join(words_of(request.GET.get("q", "")))

    def build() -> str:
        result = search(plan, query, pg.chapter_names(plan))
        progress = pg.plan_progress(PUBLIC, plan) if result.items else None
        rows = {r.item.pk: r for r in progress.rows} if progress else {}
        return render_to_string(
            "portal/_search.html",
            {
                "plan": plan,
                "result": result,
                "item_rows": [(i, rows.get(i.pk)) for i in result.items],
            },
        )

    def page(_values):
        html = fragment("portal-search", plan, build, query)
        context = {**chrome(plan, "search"), "query": query, "body_html": html}
        return render(request, "portal/search.html", context)

    return cached(request, "portal-search", plan, page)


def tasks(request, pk: int):
    plan = _plan(pk)

    def build() -> str:
        round = pg.current_round(PUBLIC, plan)
        return render_to_string(
            "portal/_tasks.html",
            {
                "plan": plan,
                "round": round,
                "chapters": chapter_progress(PUBLIC, plan, round),
                "by_chapter": tasks_by_chapter(plan, round),
            },
        )

    def page(_values):
        html = fragment("portal-tasks", plan, build)
        return render(request, "portal/tasks.html", {**chrome(plan, "tasks"), "body_html": html})

    return cached(request, "portal-tasks", plan, page)


def projects(request, pk: int):
    plan = _plan(pk)

    def page(_values):
        rows = (
            KeyProject.objects.restrict(PUBLIC, "view")
            .filter(plan=plan)
            .select_related("department", "task")
        )
        context = {**chrome(plan, "projects"), "projects": rows}
        return render(request, "portal/projects.html", context)

    return cached(request, "portal-projects", plan, page)


def public_item(pk: int) -> MeasurableItem:
    items = MeasurableItem.objects.restrict(PUBLIC, "view").filter(plan__is_published=True)
    return get_object_or_404(items.select_related("plan").defer("plan__source_json"), pk=pk)


def item_html(stored: MeasurableItem) -> str:
    plan = stored.plan

    def build() -> str:
        progress = pg.plan_progress(PUBLIC, plan)
        row = next((r for r in progress.rows if r.item.pk == stored.pk), None)
        values = published_values(plan, progress.year, items=[stored])
        metadata = metadata_of(stored)
        return render_to_string(
            "portal/_item.html",
            {
                "item": stored,
                "plan": plan,
                "progress": progress,
                "row": row,
                "chart": item_chart(row.result, plan.base_year).as_json() if row else None,
                "values": values,
                "metadata": metadata,
                "sources": _sources(metadata, row),
                "restated_at": places_of(stored)[1],
                "public": True,
            },
        )

    return fragment("portal-item", plan, build, stored.pk)


def _sources(metadata, row) -> list[str]:
    if metadata is not None and metadata.source:
        return [metadata.source]
    return list(row.result.sources) if row else []


def item_values(request, pk: int, kind: str):
    """One item's published values as CSV or .xlsx."""
    stored = public_item(pk)
    year = years.default_year(stored.plan, PUBLIC)
    rows = downloads.value_rows(published_values(stored.plan, year, items=[stored]))
    name = f"plan{stored.plan.pk}-{stored.code}-values"
    if kind == "csv":
        return downloads.csv_response(downloads.value_header(), rows, name)
    return downloads.xlsx_response([(stored.code, downloads.value_header(), rows)], name)


def plan_data(request, pk: int):
    """The whole plan's published data as one workbook: the items with their verdicts and
    metadata, and every published value."""
    plan = _plan(pk)

    def build() -> bytes:
        progress = pg.plan_progress(PUBLIC, plan)
        metadata = metadata_by_item(plan)
        items = [_item_line(r, metadata.get(r.item.pk), progress.year) for r in progress.rows]
        values = downloads.value_rows(published_values(plan, progress.year))
        return downloads.xlsx_bytes(
            [
                (_("指标和目标"), item_header(), items),
                (_("各年数据"), downloads.value_header(), values),
            ]
        )

    data = revision.current(plan.pk)
    key = cache_key(plan, PUBLIC, data.judged, timezone.localdate(), get_language())
    workbook = downloads.cached_file("plan-xlsx", key, build)
    return downloads.attachment(workbook, f"plan{plan.pk}-open-data.xlsx", XLSX.content_type)


def item_header() -> list[str]:
    return [
        _("编码"),
        _("指标或目标"),
        _("单位"),
        _("类别"),
        _("属性"),
        _("基期年"),
        _("基期值"),
        _("目标"),
        _("目标年"),
        _("评估年度"),
        _("状态"),
        _("预计能否如期完成"),
        _("评估方法"),
        _("牵头部门"),
        _("指标定义"),
        _("统计口径"),
        _("数据来源"),
    ]


def _item_line(row, metadata, year: int | None) -> list:
    language = get_language() or "zh-hans"
    r = row.result
    outlook = OUTLOOKS.get(r.outlook or "")
    return [
        row.item.code,
        row.item.name,
        row.item.unit,
        row.category,
        row.item.get_attribute_display() if row.item.attribute else "",
        r.baseline_year,
        r.baseline_value,
        target_text(r),
        r.target_year,
        year,
        BY_CODE[r.status].label(language),
        outlook.label(language) if outlook else "",
        str(METHOD_LABELS.get(r.method, r.method or "")),
        "、".join(str(d) for d in row.lead),
        metadata.definition if metadata else "",
        metadata.caliber if metadata else "",
        "；".join(_sources(metadata, row)),
    ]
