"""The signed-in dashboard and the item page.

Both show only rows the user may view (``Model.objects.restrict``); a row outside the user's
scope is a 404, never a page with holes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from planwatch.errors import InputError
from planwatch.web.annual.services import shares_rollup
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.fragments import cache_key, cached_html
from planwatch.web.core.rules import scope
from planwatch.web.dashboard import progress as pg
from planwatch.web.dashboard.charts import item_chart
from planwatch.web.dashboard.filtersets import DashboardFilter, keep
from planwatch.web.dashboard.tasks import chapter_progress, department_completion
from planwatch.web.history import revision
from planwatch.web.history.models import ChangeRecord
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services.places import places_of
from planwatch.web.reporting import years
from planwatch.web.reporting.choices import RoundStatus
from planwatch.web.reporting.models import Observation


@login_required
def index(request):
    user = request.user
    # The raw parse result is large and never shown here.
    plans = Plan.objects.restrict(user, "view").defer("source_json")
    plan = _chosen_plan(plans, request.GET.get("plan"), request.session)
    if plan is not None:
        try:  # the one year reader: a bad year is a 400, never silently another year
            years.parse_year(request.GET.get("year"), plan)
        except years.YearError as exc:
            return bad_request_page(request, exc.message)
    form = DashboardFilter(request.GET or None, user=user, plan=plan)
    filters = form.cleaned_data if form.is_valid() else {}
    context = {"form": form, "plan": plan}
    if plan is None:
        return render(request, "dashboard/index.html", context)
    # Read first, then the data: fragments are filed under a state no newer than they show.
    data = revision.current(plan.pk)
    round = pg.current_round(user, plan)
    department = filters.get("department")
    department_id = department.pk if department else None
    chapter = filters.get("chapter")
    year = filters.get("year") or years.default_year(plan, user)
    scope = cache_key(plan, user, round.pk if round else None, year)
    wanted = [(k, getattr(v, "pk", v)) for k, v in sorted(filters.items())]

    def items() -> str:
        progress = pg.plan_progress(user, plan, year=year, round=round)
        rows = keep(progress.rows, filters, user)
        binding, other = pg.warnings(rows)
        return render_to_string(
            "dashboard/_dashboard_items.html",
            {
                "progress": progress,
                "rows": rows,
                "groups": pg.by_category(rows),
                "counts": pg.status_counts(rows),
                "binding_warnings": binding,
                "other_warnings": other,
                "filtered": any(filters.get(k) for k in FILTERS),
            },
        )

    def chapters() -> str:
        table = chapter_progress(user, plan, round, chapter=chapter, department_id=department_id)
        return render_to_string("dashboard/_chapters.html", {"chapters": table})

    def completion() -> str:
        table = department_completion(user, round, department_id=department_id)
        return render_to_string("dashboard/_completion.html", {"completion": table, "round": round})

    context.update(
        round=round,
        items_html=cached_html("dashboard-items", (data.judged, *scope, wanted), items),
        chapters_html=cached_html(
            "dashboard-chapters",
            (data.judged, *scope, chapter and chapter.pk, department_id),
            chapters,
        ),
        # Counts drafts and submissions: the revision of every change.
        completion_html=cached_html(
            "dashboard-completion", (data.every, *scope, department_id), completion
        ),
    )
    return render(request, "dashboard/index.html", context)


#: Filters that narrow the rows shown (the year chooses which assessment instead).
FILTERS = ("chapter", "department", "status", "attribute")


@login_required
def item(request, pk: int):
    user = request.user
    stored = get_object_or_404(
        MeasurableItem.objects.restrict(user, "view")
        .select_related("plan")
        .defer("plan__source_json"),
        pk=pk,
    )
    try:
        year = years.parse_year(request.GET.get("year"), stored.plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    progress = pg.plan_progress(user, stored.plan, year=year)
    row = next((r for r in progress.rows if r.item.pk == stored.pk), None)
    if row is None and progress.error is None:
        raise Http404
    observations = list(
        Observation.objects.restrict(user, "view")
        .filter(item=stored)
        .select_related("round", "department", "entered_by", "reviewed_by")
        .order_by("year", "period")
    )
    return render(
        request,
        "dashboard/item.html",
        {
            "item": stored,
            "plan": stored.plan,
            "progress": progress,
            "row": row,
            "chart": item_chart(row.result, stored.plan.base_year).as_json() if row else None,
            "values": value_histories(user, observations),
            "lead_role": AssignmentRole.LEAD,
            "restated_at": places_of(stored)[1],
            "shares": _shares_of(user, stored, progress.year),
        },
    )


def _shares_of(user, item: MeasurableItem, year: int | None):
    """The item's shares rolled up at ``year`` (None when it is not split, or cannot be)."""
    if year is None:
        return None
    try:
        return shares_rollup(item, year, user)[0]
    except InputError:  # e.g. a weighted item with a share missing its weight: said on its page
        return None


def value_histories(user, observations: list[Observation]) -> list[tuple[Observation, list]]:
    """Each figure with its change records (newest first) that the user may see."""
    if not observations:
        return []
    records = scope(
        ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Observation),
            object_id__in=[o.pk for o in observations],
        ).select_related("user"),
        user,
        "view",
    ).order_by("-at", "-id")
    by_object: dict[int, list[ChangeRecord]] = {}
    for record in records:
        by_object.setdefault(record.object_id, []).append(record)
    return [(o, by_object.get(o.pk, [])) for o in observations]


#: The session key of the plan the user last opened on the dashboard.
LAST_PLAN = "dashboard_plan"


def _chosen_plan(plans, wanted: str | None, session) -> Plan | None:
    """The plan asked for; else the one the user last used; else one with an open round (the
    current cycle); else the newest. Never silently a newer, possibly empty plan."""
    if wanted and wanted.isdigit():
        chosen = plans.filter(pk=int(wanted)).first()
        if chosen is not None:
            session[LAST_PLAN] = chosen.pk
            return chosen
    last = session.get(LAST_PLAN)
    if isinstance(last, int):
        chosen = plans.filter(pk=last).first()
        if chosen is not None:
            return chosen
    current = plans.filter(rounds__status=RoundStatus.OPEN, rounds__deleted_at__isnull=True)
    return current.order_by("-pk").first() or plans.first()
