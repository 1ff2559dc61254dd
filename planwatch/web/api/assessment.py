"""Which assessment an API caller gets: the engine's verdicts over the figures they may see.

Signed-in callers get the assessment the overview page shows (every approved figure). The
anonymous public gets one made only from figures the coordinator has published (approved, in a
published round), so an approved but not yet published figure cannot leak through a status.
Either way only the items the caller may see are listed.
"""

from __future__ import annotations

import dataclasses

from django.db.models import Max

from planwatch.assess import model as engine
from planwatch.web.accounts.rules import role_of
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.choices import Period, ReviewStatus
from planwatch.web.reporting.models import Observation
from planwatch.web.reporting.services import assessment as stored
from planwatch.web.reporting.services.overview import default_year


def assessment_for(plan: Plan, user, year: int | None = None) -> dict:
    """``PlanAssessment.to_dict()`` for ``user`` (its items only), plus the plan's id."""
    year = year or latest_visible_year(plan, user)
    if role_of(user) is None:
        result = published_assessment(plan, user, year)
    else:
        result = stored.assess_stored_plan(plan, year)
    visible = set(
        MeasurableItem.objects.restrict(user, "view")
        .filter(plan=plan)
        .values_list("code", flat=True)
    )
    return {
        "plan": plan.pk,
        "year": result.year,
        "indicators": [plain(i) for i in result.indicators if i.code in visible],
        "targets": [plain(i) for i in result.targets if i.code in visible],
        "summary": result.summary,
    }


def plain(value):
    """``dataclasses.asdict`` without its deep copy of every leaf (a third of the request)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def latest_visible_year(plan: Plan, user) -> int:
    """The latest year with an approved figure the user may see; else the overview's default."""
    latest = (
        Observation.objects.restrict(user, "view")
        .filter(item__plan=plan, status=ReviewStatus.APPROVED)
        .aggregate(Max("year"))["year__max"]
    )
    return latest or default_year(plan)


def published_assessment(plan: Plan, user, year: int) -> engine.PlanAssessment:
    from planwatch.assess import assess_plan

    rows = (
        Observation.objects.restrict(user, "view")
        .filter(item__plan=plan, period=Period.YEAR, year__lte=year)
        .select_related("item")
        .order_by("item__code", "year")
    )
    observations = [
        engine.Observation(o.item.code, o.year, o.value, o.unit or None, o.source or None)
        for o in rows
    ]
    items = list(MeasurableItem.objects.filter(plan=plan))
    return assess_plan(
        to_outline(plan, with_tree=False),
        observations,
        year,
        later_targets=stored.later_targets(items),
        verdicts=stored.verdicts(plan, year),
        overrides=stored.overrides(items),
    )
