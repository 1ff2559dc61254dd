"""Stored figures → the assessment engine, as one reader may see them.

The one way the web judges a plan: the coordinator's overview, the dashboard, the public portal
and the API all call :func:`assess_stored_plan` with the user. It feeds the engine the approved
yearly figures that user may view under ``core.rules`` (the public: approved figures of
published rounds of published plans; a reporter: their department's items), the targets recorded
later, the approved annual targets, the manual verdicts the user may view and the per-item
path overrides.

A stored row the engine refuses (a unit that cannot be converted exactly, a growth rate below
−100 %) never takes the page down: that row is left out, its item carries the reason in
``problems``, and every other item is judged.

Results are cached per (plan, year, visibility scope, language) under the plan's "judged" data
revision, which every tracked write that can change a verdict replaces (``history.revision``):
approved figures still flow into the assessment at once. See docs/deployment.md, "Caching".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language

from planwatch.assess import assess_plan
from planwatch.assess import model as assess
from planwatch.assess.engine import group_observations, manual_verdicts
from planwatch.assess.items import measurable_items, plan_period
from planwatch.errors import InputError, text
from planwatch.web.core.fragments import cache_key
from planwatch.web.history import revision
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.choices import Period, ReviewStatus
from planwatch.web.reporting.models import (
    AnnualTarget,
    ManualVerdict,
    Observation,
    ReferenceFigure,
    ReferenceKind,
    TargetState,
)

#: Seconds a cached assessment is kept; a new revision makes it unreachable long before.
CACHE_SECONDS = 3600


@dataclass
class StoredAssessment:
    """The engine's result, plus why some stored rows could not be used (item code → reasons)."""

    result: assess.PlanAssessment
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def items(self) -> list[assess.ItemAssessment]:
        return self.result.items

    def problem_of(self, code: str) -> str | None:
        return "；".join(self.problems[code]) if code in self.problems else None


def current_language() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh-hans"


def assess_stored_plan(
    plan: Plan, year: int, user, *, data_revision: str | None = None
) -> StoredAssessment:
    """The plan judged at ``year`` from what ``user`` may see. InputError: no year to judge."""
    data_revision = data_revision or revision.current(plan.pk).judged
    language = current_language()
    parts = cache_key(plan, user, year, language, data_revision)
    key = "assessment:" + ":".join(map(str, parts))
    found = cache.get(key)
    if found is None:
        found = _assess(plan, year, user, assess.AssessOptions(language=language))
        cache.set(key, found, CACHE_SECONDS)
    return found


def _assess(plan: Plan, year: int, user, options: assess.AssessOptions) -> StoredAssessment:
    outline = to_outline(plan, with_tree=False)
    items = list(MeasurableItem.objects.filter(plan=plan))
    inputs = {
        "observations": visible_observations(user, plan, year),
        "later_targets": later_targets(items),
        "verdicts": verdicts(user, plan, year),
        "overrides": overrides(items),
        **reference_figures(plan),
        "annual_targets": approved_annual_targets(plan),
    }
    problems: dict[str, list[str]] = {}
    try:
        result = _engine(outline, year, options, **inputs)
    except InputError:
        inputs, problems = usable_inputs(outline, year, **inputs)
        result = _engine(outline, year, options, **inputs)
    return StoredAssessment(result, problems)


def _engine(outline, year, options, *, observations, **others) -> assess.PlanAssessment:
    return assess_plan(outline, observations, year, options=options, **others)


def usable_inputs(
    outline,
    year,
    *,
    observations,
    later_targets,
    verdicts,
    overrides,
    reference_values=(),
    range_bounds=(),
    annual_targets=(),
):
    """Each input row checked alone by the engine's own checks; the refused ones set aside.

    Raises InputError only for what concerns the whole plan (no period, a year outside it).
    """
    base, target = plan_period(outline)
    if not base < year <= target:
        raise InputError(
            text(
                "web.year_outside_period",
                "评估年份{year}年不在规划期{first}—{target}年内",
                "the assessment year {year} is outside the plan period {first}–{target}",
                year=year,
                first=base + 1,
                target=target,
            )
        )
    problems: dict[str, list[str]] = defaultdict(list)

    def keep(rows, check):
        kept = []
        for row in rows:
            try:
                check(row)
            except InputError as exc:
                problems[row.item].append(exc.render(current_language()))
            else:
                kept.append(row)
        return kept

    later_kept = keep(later_targets, lambda t: measurable_items(outline, later_targets=[t]))
    overrides_kept = keep(overrides, lambda o: measurable_items(outline, overrides=[o]))
    by_code = {
        i.code: i
        for i in measurable_items(outline, later_targets=later_kept, overrides=overrides_kept)
    }
    return {
        "observations": keep(
            observations, lambda o: group_observations([o], by_code, base, target)
        ),
        "later_targets": later_kept,
        "verdicts": keep(verdicts, lambda v: manual_verdicts([v], by_code)),
        "overrides": overrides_kept,
        **_kept_references(outline, reference_values, range_bounds, keep),
        "annual_targets": keep(
            annual_targets, lambda t: measurable_items(outline, annual_targets=[t])
        ),
    }, dict(problems)


def _kept_references(outline, reference_values, range_bounds, keep) -> dict:
    """Reference figures and ranges the engine accepts one by one, then together (two for the
    same item and year: both set aside, neither silently preferred)."""
    values = keep(reference_values, lambda r: measurable_items(outline, reference_values=[r]))
    bounds = keep(range_bounds, lambda r: measurable_items(outline, range_bounds=[r]))
    seen = defaultdict(int)
    for record in [*values, *bounds]:
        seen[(type(record), record.item, record.year)] += 1
    twice = {key for key, count in seen.items() if count > 1}

    def once(record) -> None:
        if (type(record), record.item, record.year) in twice:
            raise InputError(
                text(
                    "web.reference_twice",
                    "指标“{item}”{year}有不止一条参照值或区间，均未使用",
                    "{item} has more than one reference figure or range for {year}; none is used",
                    item=record.item,
                    year=f"{record.year}年" if record.year else "全期",
                )
            )

    return {"reference_values": keep(values, once), "range_bounds": keep(bounds, once)}


def reference_figures(plan: Plan) -> dict[str, list]:
    """The coordinator's outside reference figures and ranges, as the engine's records."""
    rows = ReferenceFigure.objects.filter(
        item__plan=plan, item__deleted_at__isnull=True
    ).select_related("item")
    values, bounds = [], []
    for r in rows:
        if r.kind == ReferenceKind.REFERENCE and r.value is not None:
            values.append(assess.ReferenceValue(r.item.code, r.year, r.value, r.source or None))
        elif r.kind == ReferenceKind.RANGE:
            bounds.append(assess.RangeBound(r.item.code, r.low, r.high, r.year, r.source or None))
    return {"reference_values": values, "range_bounds": bounds}


def visible_observations(user, plan: Plan, up_to_year: int) -> list[assess.Observation]:
    """Approved yearly figures up to ``up_to_year`` among those ``user`` may view (§3.4)."""
    rows = (
        Observation.objects.restrict(user, "view")
        .filter(
            item__plan=plan,
            item__deleted_at__isnull=True,  # an item a re-import removed keeps its figures
            status=ReviewStatus.APPROVED,
            period=Period.YEAR,
            year__lte=up_to_year,
        )
        .values_list("item__code", "year", "value", "unit", "source", "note", "basis")
        .order_by("item__code", "year")
    )
    return [
        assess.Observation(code, year, value, unit or None, source or None, note or None, basis)
        for code, year, value, unit, source, note, basis in rows
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


def verdicts(user, plan: Plan, year: int) -> list[assess.ManualVerdict]:
    rows = (
        ManualVerdict.objects.restrict(user, "view")
        .filter(item__plan=plan, item__deleted_at__isnull=True, year=year)
        .select_related("item", "author")
    )
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


def approved_annual_targets(plan: Plan) -> list[assess.AnnualTarget]:
    """Approved annual targets only: a proposal nobody has agreed is no one's target yet
    (docs/methodology.md §18). They are the plan's, so every reader is judged by the same."""
    rows = (
        AnnualTarget.objects.filter(
            item__plan=plan, item__deleted_at__isnull=True, state=TargetState.APPROVED
        )
        .order_by("item__code", "year")
        .select_related("item")
    )
    return [
        assess.AnnualTarget(
            r.item.code, r.year, r.value, r.comparator or None, r.source_in("zh-hans") or None
        )
        for r in rows
    ]


def overrides(items: list[MeasurableItem]) -> list[assess.ItemOverride]:
    return [
        assess.ItemOverride(
            item=i.code, path=i.path_override or None, basis=i.default_basis or None
        )
        for i in items
        if i.path_override or i.default_basis
    ]
