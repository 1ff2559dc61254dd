"""The report downloads of a plan: a page listing them, and the files themselves.

Readers of everything (administrator, coordinator, leader, evaluator) may download; reporters
have their own template download on the round page, and the public has none.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from planwatch.web.core.access import get_visible, require_role
from planwatch.web.core.downloads import attachment
from planwatch.web.core.roles import READ_ALL
from planwatch.web.evaluation import downloads as service
from planwatch.web.plans.models import Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.models import ReportingRound

#: What the page offers: (kind, extension, label, what it holds).
OFFERED = (
    ("annual", "docx"),
    ("midterm", "docx"),
    ("annual", "xlsx"),
)


def _plan(request, plan_pk: int) -> Plan:
    plan = get_visible(Plan.objects.all(), request.user, pk=plan_pk)
    require_role(request.user, READ_ALL)
    return plan


def _year(request, plan: Plan) -> int | None:
    """The year asked for, else the year every page opens at (reporting.years)."""
    try:
        return years.year_asked(request.GET.get("year"), plan, request.user)
    except years.YearError as exc:
        raise service.ReportUnavailable(exc.message, status=400) from None


def _page(request, plan: Plan, year: int | None, error: str | None = None, status: int = 200):
    """The downloads page; a year outside the period shows the default year's links instead."""
    period = years.period(plan)
    if period is None:
        year = None
    elif year is None or not period[0] <= year <= period[1]:
        year = years.default_year(plan, request.user)
    rounds = ReportingRound.objects.restrict(request.user, "view").filter(plan=plan)
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(period[0], period[1] + 1)) if period else [],
        "round": next((r for r in rounds if r.year == year and r.period == "Y"), None),
        "offered": [
            {"kind": kind, "ext": ext, "label": service.KINDS[kind]} for kind, ext in OFFERED
        ],
        "error": error,
    }
    return render(request, "evaluation/downloads.html", context, status=status)


@login_required
def downloads(request, plan_pk: int):
    plan = _plan(request, plan_pk)
    year = None
    try:
        year = _year(request, plan)
        service.check_year(plan, year)
    except service.ReportUnavailable as exc:
        return _page(request, plan, year, exc.message, exc.status)
    return _page(request, plan, year)


@login_required
def download(request, plan_pk: int, kind: str, ext: str):
    plan = _plan(request, plan_pk)
    year = None
    try:
        year = _year(request, plan)
        made = service.build(request.user, plan, kind, ext, year)
    except service.ReportUnavailable as exc:
        return _page(request, plan, year, exc.message, exc.status)
    response = attachment(made.content, made.filename, made.content_type, fallback=made.fallback)
    # Figures not yet published: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response
