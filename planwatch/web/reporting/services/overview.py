"""The coordinator's overview of one plan: item statuses, rounds, completion, overdue duties."""

from __future__ import annotations

from django.db.models import Max

from planwatch.errors import PlanwatchError
from planwatch.web.accounts.roles import MANAGE, REVIEW
from planwatch.web.accounts.rules import role_of
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services.assessment import assess_stored_plan
from planwatch.web.reporting.services.duties import overdue_and_completion


def default_year(plan: Plan) -> int:
    """The latest year with an approved figure; else the latest round's; else the base year."""
    latest = Observation.objects.filter(item__plan=plan, status=ReviewStatus.APPROVED).aggregate(
        Max("year")
    )["year__max"]
    if latest:
        return latest
    round = ReportingRound.objects.filter(plan=plan).order_by("-year").first()
    if round:
        return round.year
    return (plan.base_year or 2020) + 1


def plan_overview(plan: Plan, user, year: int | None = None) -> dict:
    role = role_of(user)
    year = year or default_year(plan)
    visible_codes = set(
        MeasurableItem.objects.restrict(user, "view")
        .filter(plan=plan)
        .values_list("code", flat=True)
    )
    assessment, assessment_error, problems = None, None, {}
    try:
        stored = assess_stored_plan(plan, year, user)
    except PlanwatchError as exc:
        assessment_error = str(exc)
    else:
        assessment, problems = stored.result, stored.problems
    items = [i for i in assessment.items if i.code in visible_codes] if assessment else []
    rounds = list(ReportingRound.objects.restrict(user, "view").filter(plan=plan))
    context = {
        "plan": plan,
        "year": year,
        "years": list(range((plan.base_year or year - 1) + 1, (plan.target_year or year) + 1)),
        "assessment": assessment,
        "assessment_error": assessment_error,
        "problems": {code: "；".join(why) for code, why in problems.items()},
        "items": items,
        "warnings": [i for i in items if i.binding and i.off_course],
        "rounds": rounds,
        "can_manage": role in MANAGE,
        "can_review": role in REVIEW,
    }
    if role in REVIEW:
        context["completion"], context["overdue"] = {}, []
        for r in rounds:
            if r.is_open:
                overdue, context["completion"][r.pk] = overdue_and_completion(r)
                context["overdue"].extend(overdue)
        context["pending"] = (
            Observation.objects.filter(round__plan=plan, status=ReviewStatus.SUBMITTED).count()
            + TaskProgress.objects.filter(round__plan=plan, status=ReviewStatus.SUBMITTED).count()
        )
    return context
