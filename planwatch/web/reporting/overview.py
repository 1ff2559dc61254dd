"""The coordinator's overview of one plan: item statuses, rounds, completion, overdue duties.

The page sits at the plan's own address (``plans:detail``) but lives here, with the rounds and
figures it reads: plans is below reporting and imports nothing of it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from planwatch.errors import PlanwatchError
from planwatch.web.core.access import get_visible
from planwatch.web.core.error_pages import bad_request_page
from planwatch.web.core.fragments import cache_key, cached_html
from planwatch.web.core.roles import MANAGE, REVIEW
from planwatch.web.core.rules import role_of
from planwatch.web.history import revision
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services.assessment import assess_stored_plan
from planwatch.web.reporting.services.duties import overdue_and_completion


@login_required
def plan_detail(request, pk: int):
    """The coordinator's overview: status of every item, rounds, completion, overdue duties."""
    plan = get_visible(Plan.objects.all(), request.user, pk=pk)
    try:
        year = years.parse_year(request.GET.get("year"), plan)
    except years.YearError as exc:
        return bad_request_page(request, exc.message)
    return render(request, "reporting/overview.html", plan_overview(plan, request.user, year))


def plan_overview(plan: Plan, user, year: int | None = None) -> dict:
    """The overview's context; its two tables come rendered, cached under the data revision."""
    role = role_of(user)
    data = revision.current(plan.pk)  # first: fragments never name a state newer than they show
    year = year or years.default_year(plan, user) or timezone.localdate().year - 1
    scope = cache_key(plan, user, year)
    today = timezone.localdate()  # "overdue" moves with the date, not only with the data
    return {
        "plan": plan,
        "year": year,
        "can_manage": role in MANAGE,
        "can_review": role in REVIEW,
        # Item statuses change only with judged data; duties with every draft and submission.
        "items_html": cached_html(
            "overview-items", (data.judged, *scope), lambda: _items_html(plan, user, year, role)
        ),
        "rounds_html": cached_html(
            "overview-rounds", (data.every, today, *scope), lambda: _rounds_html(plan, user, role)
        ),
    }


def _items_html(plan: Plan, user, year: int, role) -> str:
    visible_codes = set(
        MeasurableItem.objects.restrict(user, "view")
        .filter(plan=plan)
        .values_list("code", flat=True)
    )
    assessment, assessment_error, problems = None, None, {}
    try:
        stored = assess_stored_plan(plan, year, user)
    except PlanwatchError as exc:
        assessment_error = exc.render(get_language())
    else:
        assessment, problems = stored.result, stored.problems
    items = [i for i in assessment.items if i.code in visible_codes] if assessment else []
    context = {
        "plan": plan,
        "year": year,
        "years": years.years(plan) or [year],
        "assessment": assessment,
        "assessment_error": assessment_error,
        "problems": {code: "；".join(why) for code, why in problems.items()},
        "items": items,
        "warnings": [i for i in items if i.binding and i.off_course],
        "can_manage": role in MANAGE,
    }
    return render_to_string("reporting/_overview_items.html", context)


def _rounds_html(plan: Plan, user, role) -> str:
    rounds = list(ReportingRound.objects.restrict(user, "view").filter(plan=plan))
    context: dict = {"plan": plan, "rounds": rounds, "completion": {}, "overdue": []}
    if role in REVIEW:
        for r in rounds:
            if r.is_open:
                overdue, context["completion"][r.pk] = overdue_and_completion(r)
                context["overdue"].extend(overdue)
    return render_to_string("reporting/_overview_rounds.html", context)
