"""Which assessment an API caller gets: the engine's verdicts over the figures they may see.

The same service as the pages (``reporting.services.assessment``): the anonymous public gets an
assessment made only from published figures, so an approved but not yet published figure cannot
leak through a status; a reporter one from their department's figures. Only the items the
caller may see are listed.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import get_language

from planwatch.assess.status import OUTLOOKS
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.reporting.services import assessment as stored
from planwatch.web.reporting.years import default_year


def assessment_for(plan: Plan, user, year: int | None = None) -> dict:
    """``PlanAssessment.to_dict()`` for ``user`` (its items only), plus the plan's id."""
    year = year or default_year(plan, user)
    assessed = stored.assess_stored_plan(plan, year, user)
    result = assessed.result
    visible = set(
        MeasurableItem.objects.restrict(user, "view")
        .filter(plan=plan)
        .values_list("code", flat=True)
    )
    return {
        "plan": plan.pk,
        "year": result.year,
        "indicators": [shown(i) for i in result.indicators if i.code in visible],
        "targets": [shown(i) for i in result.targets if i.code in visible],
        "summary": result.summary,
        "problems": {c: why for c, why in assessed.problems.items() if c in visible},
    }


def shown(item) -> dict:
    """An item's assessment with its outlook's label (预计能否如期完成), in the reader's tongue."""
    outlook = OUTLOOKS.get(item.outlook or "")
    label = outlook.label(get_language() or "zh-hans") if outlook else None
    return {**plain(item), "outlook_label": label}


def plain(value):
    """``dataclasses.asdict`` without its deep copy of every leaf (a third of the request)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
