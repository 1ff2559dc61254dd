"""Store a parsed outline (planwatch.outline.model.Plan) as a plan the web system tracks.

The rows come from the one outline ↔ rows mapping (plans.services.outline); this module saves
them in order, in one transaction. A corrected outline for a plan already stored goes through
plans.services.reimport instead, which keeps codes, assignments and figures.
"""

from __future__ import annotations

from django.db import transaction

from planwatch.outline import model as outline
from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task
from planwatch.web.plans.services.outline import (
    headings,
    indicator_row,
    node_row,
    plan_row,
    target_row,
    task_row,
)


def import_plan(
    parsed: outline.Plan,
    *,
    user=None,
    source_name: str = "",
    is_demo: bool = False,
    reason: str = "",
) -> Plan:
    """Create the plan, its tree, tasks and measurable items in one transaction.

    One change record (action ``import``) covers the whole import; the parse result is kept
    on the plan as ``source_json``. Later corrections are logged one by one. A text too long
    for its column is an InputError and nothing is stored.
    """
    with transaction.atomic():
        plan = plan_row(parsed, source_name=source_name, is_demo=is_demo)
        items = [indicator_row(plan, ind, i) for i, ind in enumerate(parsed.indicators)]
        items += [target_row(plan, t, i) for i, t in enumerate(parsed.targets)]
        save_tracked(plan, user=user, reason=reason or source_name, action=Action.IMPORT)
        _store_tree(plan, parsed)
        for item in items:
            item.plan = plan  # saved after the rows were checked
        MeasurableItem.objects.bulk_create(items)
    return plan


def _store_tree(plan: Plan, parsed: outline.Plan) -> None:
    """Nodes are saved one by one in document order (each needs its parent's id); tasks in
    bulk."""
    stored: dict[tuple[str, ...], Node] = {}
    tasks: list[Task] = []
    for order, (path, level, heading) in enumerate(headings(parsed)):
        node = node_row(plan, level, heading, parent=stored.get(path[:-1]), order=order)
        node.save()
        stored[path] = node
        chapter = stored[path[:1]]
        for task in heading.tasks:
            tasks.append(task_row(plan, task, node=node, chapter=chapter, order=len(tasks) + 1))
    Task.objects.bulk_create(tasks)
