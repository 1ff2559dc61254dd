"""Annual targets and shares: propose, confirm, approve; a department's year; the roll-up.

Every write goes through history.services (versioned, logged); each step checks the access
rule of its action on the record (core.rules, registered in reporting.rules): the coordinator
proposes, edits and approves ("change", "review"), the lead department confirms ("submit").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.assess import annual as core
from planwatch.assess import model as assess
from planwatch.assess.items import MeasurableItem as CoreItem
from planwatch.assess.items import measurable_items
from planwatch.assess.shares import RollUp, Share, roll_up
from planwatch.reports.annual_plan import AnnualPlan, DepartmentPlan, PlanItem, PlanTask
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Plan
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.models import AnnualTarget, TargetShare, TargetState
from planwatch.web.reporting.services.assessment import (
    current_language,
    later_targets,
    overrides,
)


def core_items(plan: Plan) -> dict[str, CoreItem]:
    """The plan's items as the engine sees them (rule, path, direction), by code."""
    stored = list(MeasurableItem.objects.filter(plan=plan))
    outline = to_outline(plan, with_tree=False)
    found = measurable_items(
        outline, later_targets=later_targets(stored), overrides=overrides(stored)
    )
    return {i.code: i for i in found}


def propose_all(plan: Plan, user, *, is_demo: bool = False) -> tuple[int, int]:
    """Every item's proposed target for every year of the period, in one step.

    A year that already has a target (edited, confirmed or approved) is left as it is: nothing
    anyone entered is overwritten. Returns (created, kept).
    """
    if role_of(user) not in MANAGE:
        raise PermissionDenied(_("只有规划牵头部门可以测算年度目标。"))
    items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}
    existing = set(AnnualTarget.objects.filter(item__plan=plan).values_list("item__code", "year"))
    proposals = core.propose(to_outline(plan, with_tree=False), **_records(items))
    created = kept = 0
    with transaction.atomic():
        for p in proposals:
            if (p.item, p.year) in existing or p.item not in items:
                kept += 1
                continue
            row = AnnualTarget(
                item=items[p.item],
                year=p.year,
                value=p.value,
                comparator=p.comparator or "",
                # the proposal's source by its code, shown in the reader's language
                source="" if p.source == core.PROPOSED_SOURCE else p.source or "",
                source_code=core.PROPOSED_CODE if p.source == core.PROPOSED_SOURCE else "",
                is_demo=is_demo,
            )
            save_tracked(row, user=user, reason=_("按规划路径测算"))
            created += 1
    return created, kept


def _records(items: dict[str, MeasurableItem]) -> dict:
    stored = list(items.values())
    return {"later_targets": later_targets(stored), "overrides": overrides(stored)}


def confirm(user, target: AnnualTarget, expected_version: int | None = None) -> AnnualTarget:
    """The lead department agrees a proposal (or the coordinator does it for them)."""
    if not allowed(user, "submit", target):
        raise PermissionDenied(_("只有该指标的牵头部门可以确认待确认的年度目标。"))
    target.state, target.confirmed_by = TargetState.CONFIRMED, user
    return save_tracked(
        target, user=user, reason=_("确认年度目标"), expected_version=expected_version
    )


def approve(user, target: AnnualTarget, expected_version: int | None = None) -> AnnualTarget:
    """The coordinator approves: from now on the year is judged by this target."""
    if not allowed(user, "review", target):
        raise PermissionDenied(_("只有规划牵头部门可以批准年度目标。"))
    target.state, target.approved_by = TargetState.APPROVED, user
    return save_tracked(
        target, user=user, reason=_("批准年度目标"), expected_version=expected_version
    )


def target_phrase(item: CoreItem | None, row: AnnualTarget) -> str:
    """The target in words ("达到92.3%", "增长15%"), as the annual plan prints it."""
    if item is None:
        return f"{row.value:g}"
    measure = core.measure_of(item) or "level"
    return core.target_phrase(item, row.value, row.comparator or None, measure)


def five_year_target(item: MeasurableItem) -> str:
    if item.target_text:
        return item.target_text
    if item.target_value is not None:
        return f"{item.target_value:g}{item.unit}"
    if item.growth_text:
        return item.growth_text
    return item.cumulative_text or ""


# --- a department's year ----------------------------------------------------------------


#: Rows of further sections of a department's plan (reports.annual_plan.SECTIONS) by section
#: key, contributed by the apps above at start-up (the roadmap's milestones and projects).
MORE_ROWS: dict[str, Callable[[Plan, Department, int, Any], list[tuple]]] = {}


def contribute_rows(key: str, rows: Callable[[Plan, Department, int, Any], list[tuple]]) -> None:
    MORE_ROWS[key] = rows


def department_year(plan: Plan, department: Department, year: int, user) -> DepartmentPlan:
    """The department's items (with this year's target) and tasks, as the user may see them."""
    by_code = core_items(plan)
    assignments = (
        Assignment.objects.filter(plan=plan, department=department)
        .select_related("item", "task", "task__chapter")
        .order_by("item__order", "task__order")
    )
    targets = {
        t.item_id: t
        for t in AnnualTarget.objects.restrict(user, "view").filter(item__plan=plan, year=year)
    }
    result = DepartmentPlan(department.name)
    for a in assignments:
        role = AssignmentRole(a.role).label
        if a.item_id and a.item.deleted_at is None:
            row = targets.get(a.item_id)
            result.items.append(
                PlanItem(
                    code=a.item.code,
                    name=a.item.name,
                    unit=a.item.unit,
                    binding=a.item.attribute == "binding",
                    role=str(role),
                    five_year_target=five_year_target(a.item),
                    annual_target=target_phrase(by_code.get(a.item.code), row) if row else "",
                    source=row.source_in("zh-hans") if row else "",  # a Chinese document
                    state=str(row.get_state_display()) if row else "",
                )
            )
        elif a.task_id and a.task.deleted_at is None:
            chapter = a.task.chapter
            result.tasks.append(
                # the chapter's short form (第八章): its title in full wraps the table
                PlanTask(a.task.code, a.task.title, str(role), chapter.number or chapter.title)
            )
    for key, rows in MORE_ROWS.items():
        result.more[key] = rows(plan, department, year, user)
    return result


def annual_plan(plan: Plan, year: int, user) -> AnnualPlan:
    """The year's implementation plan: every department with an assignment, in name order."""
    ids = Assignment.objects.filter(plan=plan).values("department_id")
    departments = Department.objects.filter(pk__in=ids).order_by("name")
    return AnnualPlan(
        plan_name=f"《{plan.title}》",
        year=year,
        issuer=plan.issuer,
        departments=[department_year(plan, d, year, user) for d in departments],
        note="注：本计划含示例数据。" if plan.is_demo else "",
    )


# --- shares -------------------------------------------------------------------------------


def shares_rollup(item: MeasurableItem, year: int, user) -> tuple[RollUp | None, list]:
    """The item's shares the user may see, rolled up by the item's rule, judged at ``year``."""
    rows = list(
        TargetShare.objects.restrict(user, "view")
        .filter(item=item)
        .select_related("department")
        .prefetch_related("figures")
    )
    if not rows:
        return None, rows
    core_item = core_items(item.plan)[item.code]
    figures = defaultdict(dict)
    for share in rows:
        for f in share.figures.all():
            if f.deleted_at is None and f.year <= year:
                figures[share.pk][f.year] = f.value
    shares = [Share(s.holder_name, s.baseline, s.target, s.weight, figures[s.pk]) for s in rows]
    options = assess.AssessOptions(language=current_language())
    return roll_up(core_item, shares, year, options), rows
