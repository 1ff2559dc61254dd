"""Approved figures → the assessment engine, at once: nothing is cached past a change.

Builds the engine's inputs from the database — observations (approved only), targets recorded
later, manual verdicts and per-item path overrides — and calls ``planwatch.assess.assess_plan``.
"""

from __future__ import annotations

from planwatch.assess import model as assess
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.choices import Period, ReviewStatus
from planwatch.web.reporting.models import ManualVerdict, Observation


def assess_stored_plan(
    plan: Plan, year: int, *, options: assess.AssessOptions | None = None
) -> assess.PlanAssessment:
    from planwatch.assess import assess_plan

    items = list(MeasurableItem.objects.filter(plan=plan))
    return assess_plan(
        to_outline(plan, with_tree=False),
        approved_observations(plan, year),
        year,
        later_targets=later_targets(items),
        verdicts=verdicts(plan, year),
        overrides=overrides(items),
        options=options or assess.AssessOptions(),
    )


def approved_observations(plan: Plan, up_to_year: int) -> list[assess.Observation]:
    """Yearly approved figures up to the assessment year: what counts (DOMAIN.md §3.4)."""
    rows = (
        Observation.objects.filter(
            item__plan=plan,
            status=ReviewStatus.APPROVED,
            period=Period.YEAR,
            year__lte=up_to_year,
        )
        .select_related("item")
        .order_by("item__code", "year")
    )
    return [
        assess.Observation(
            item=o.item.code,
            year=o.year,
            value=o.value,
            unit=o.unit or None,
            source=o.source or None,
            note=o.note or None,
        )
        for o in rows
    ]


def later_targets(items: list[MeasurableItem]) -> list[assess.LaterTarget]:
    return [
        assess.LaterTarget(
            item=i.code,
            value=i.later_target_value,
            comparator=i.later_target_comparator or None,
            year=i.later_target_year,
            note=i.later_target_note or None,
        )
        for i in items
        if i.later_target_value is not None
    ]


def verdicts(plan: Plan, year: int) -> list[assess.ManualVerdict]:
    rows = ManualVerdict.objects.filter(item__plan=plan, year=year).select_related("item", "author")
    return [
        assess.ManualVerdict(
            item=v.item.code,
            status=v.status,
            reason=v.reason,
            author=str(v.author),
            recorded_at=v.updated_at.isoformat(),
        )
        for v in rows
    ]


def overrides(items: list[MeasurableItem]) -> list[assess.ItemOverride]:
    return [
        assess.ItemOverride(item=i.code, path=i.path_override) for i in items if i.path_override
    ]
