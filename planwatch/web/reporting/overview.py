"""Reporting's part of a plan's page (plans.overview): rounds, completion, overdue duties and
the status of every item in the page's year.

plans owns the page and imports nothing of reporting; this module registers the part at
start-up (ReportingConfig.ready) and settles the page's ``year`` for the parts after it.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.errors import PlanwatchError
from planwatch.web.core.fragments import cache_key, cached_html
from planwatch.web.core.listing import Chain
from planwatch.web.core.roles import MANAGE, REVIEW
from planwatch.web.core.rules import role_of
from planwatch.web.history import revision
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.overview import BadParameter, Part, contribute
from planwatch.web.reporting import years
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services.assessment import assess_stored_plan
from planwatch.web.reporting.services.duties import duties_of, overdue_and_completion


def overview_part(request, plan: Plan, shared: dict) -> Part:
    """The rounds and the item statuses, and the links to key projects and a new round."""
    try:
        year = years.parse_year(request.GET.get("year"), plan)
    except years.YearError as exc:
        raise BadParameter(exc.message) from exc
    context = plan_overview(plan, request.user, year)
    shared["year"] = context["year"]
    links = [(_("重大项目"), reverse("reporting:key_projects", args=[plan.pk]))]
    if context["can_manage"]:
        links.append((_("新建报送轮次"), reverse("reporting:round_create", args=[plan.pk])))
    return Part(html=(context["rounds_html"], context["items_html"]), links=tuple(links))


def register() -> None:
    contribute("reporting", 10, overview_part)


def plan_overview(plan: Plan, user, year: int | None = None) -> dict:
    """The overview's context; its two tables come rendered, cached under the data revision."""
    role = role_of(user)
    data = revision.current(plan.pk)  # first: fragments never name a state newer than they show
    year = year or years.default_year(plan, user)  # None only for a plan without a period
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
        if year is None:
            raise PlanwatchError(_("规划没有基期年和目标年，无法评估进度。"))
        stored = assess_stored_plan(plan, year, user)
    except PlanwatchError as exc:
        assessment_error = exc.render(get_language())
    else:
        assessment, problems = stored.result, stored.problems
    items = [i for i in assessment.items if i.code in visible_codes] if assessment else []
    context = {
        "plan": plan,
        "year": year,
        "years": years.years(plan) or [y for y in (year,) if y],
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
        overdue = []
        for r in rounds:
            if r.is_open:
                late, context["completion"][r.pk] = overdue_and_completion(r)
                # In the order they were assigned: the database stops at the 50th instead of
                # sorting thousands (the full list sorts, on the to-do page).
                overdue.append(late.order_by("pk"))
        # The first rows only, read as one page: the whole list is 逾期未报 on the to-do page.
        chain = Chain(overdue)
        context["overdue_count"] = sum(
            c.overdue for lines in context["completion"].values() for c in lines
        )
        context["overdue"] = duties_of({r.pk: r for r in rounds}, chain[:OVERDUE_SHOWN])
        context["overdue_shown"] = OVERDUE_SHOWN
    return render_to_string("reporting/_overview_rounds.html", context)


#: Overdue duties the plan's page lists before pointing to the full list.
OVERDUE_SHOWN = 50
