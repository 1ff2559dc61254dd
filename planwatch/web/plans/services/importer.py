"""Store a parsed outline (planwatch.outline.model.Plan) as a plan the web system tracks.

The rows come from the one outline ↔ rows mapping (plans.services.outline); this module saves
them in order, in one transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from planwatch.outline import model as outline
from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task
from planwatch.web.plans.services.outline import (
    indicator_row,
    node_row,
    plan_row,
    target_row,
    task_row,
)

#: Child lists of each outline level, in the order they are stored, and the level they hold.
CHILDREN: tuple[tuple[str, str], ...] = (
    ("sections", NodeLevel.SECTION),
    ("subsections", NodeLevel.SUBSECTION),
    ("items", NodeLevel.ITEM),
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
    """Nodes are saved level by level (each needs its parent's id); tasks in bulk."""
    order = 0
    tasks: list[Task] = []
    counter = itertools.count()
    for chapter in parsed.chapters:
        chapter_node = node_row(plan, NodeLevel.CHAPTER, chapter, parent=None, order=next(counter))
        chapter_node.save()
        for node, heading in _descend(plan, chapter_node, chapter, counter):
            for task in heading.tasks:
                order += 1
                tasks.append(task_row(plan, task, node=node, chapter=chapter_node, order=order))
    Task.objects.bulk_create(tasks)


def _descend(
    plan: Plan, node: Node, heading: Any, counter: Iterator[int]
) -> Iterator[tuple[Node, Any]]:
    """Yield (stored node, outline heading) for ``heading`` and everything under it."""
    yield node, heading
    for attribute, level in CHILDREN:
        for child in getattr(heading, attribute, None) or []:
            child_node = node_row(plan, level, child, parent=node, order=next(counter))
            child_node.save()
            yield from _descend(plan, child_node, child, counter)
