"""Store a parsed outline (planwatch.outline.model.Plan) as a plan the web system tracks."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from planwatch.outline import model as outline
from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import ItemKind, NodeLevel
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task

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
    on the plan as ``source_json``. Later corrections are logged one by one.
    """
    with transaction.atomic():
        plan = Plan(
            title=parsed.title[:300],
            document_number=(parsed.document_number or "")[:100],
            issuer=(parsed.issuer or "")[:200],
            base_year=parsed.base_year,
            target_year=parsed.target_year,
            issued_on=_date(parsed.issued_on),
            published_on=_date(parsed.published_on),
            source_name=source_name[:255],
            source_json=parsed.to_dict(),
            is_demo=is_demo,
        )
        save_tracked(plan, user=user, reason=reason or source_name, action=Action.IMPORT)
        _store_tree(plan, parsed)
        MeasurableItem.objects.bulk_create(
            [indicator_row(plan, ind, i) for i, ind in enumerate(parsed.indicators)]
            + [target_row(plan, t, i) for i, t in enumerate(parsed.targets)]
        )
    return plan


def _store_tree(plan: Plan, parsed: outline.Plan) -> None:
    """Nodes are saved level by level (each needs its parent's id); tasks in bulk."""
    order = 0
    tasks: list[Task] = []
    counter = itertools.count()
    for chapter in parsed.chapters:
        chapter_node = Node.objects.create(
            plan=plan,
            level=NodeLevel.CHAPTER,
            number=chapter.number[:20],
            title=chapter.title[:300],
            text=chapter.text or "",
            part=(chapter.part or "")[:40],
            order=next(counter),
        )
        for node, heading in _descend(plan, chapter_node, chapter, counter):
            for task in heading.tasks:
                order += 1
                tasks.append(
                    Task(
                        plan=plan,
                        node=node,
                        chapter=chapter_node,
                        code=task.code,
                        title=task.title[:300],
                        text=task.text,
                        order=order,
                    )
                )
    Task.objects.bulk_create(tasks)


def _descend(
    plan: Plan, node: Node, heading: Any, counter: Iterator[int]
) -> Iterator[tuple[Node, Any]]:
    """Yield (stored node, outline heading) for ``heading`` and everything under it."""
    yield node, heading
    for attribute, level in CHILDREN:
        for child in getattr(heading, attribute, None) or []:
            child_node = Node.objects.create(
                plan=plan,
                parent=node,
                level=level,
                number=child.number[:20],
                title=child.title[:300],
                text=child.text or "",
                order=next(counter),
            )
            yield from _descend(plan, child_node, child, counter)


def indicator_row(plan: Plan, ind: outline.Indicator, order: int) -> MeasurableItem:
    base, target = ind.baseline, ind.target
    growth, cumulative = ind.annual_growth, ind.cumulative_change
    return MeasurableItem(
        plan=plan,
        kind=ItemKind.INDICATOR,
        code=ind.code,
        number=ind.number,
        name=ind.name[:300],
        unit=(ind.unit or "")[:40],
        category=(ind.category or "")[:60],
        attribute=ind.attribute or "",
        direction=ind.direction or "",
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        baseline_text=(base.text or "")[:500] if base else "",
        target_year=target.year if target else None,
        target_value=target.value if target else None,
        target_comparator=(target.comparator or "") if target else "",
        target_text=(target.text or "")[:500] if target else "",
        growth_value=growth.value if growth else None,
        growth_comparator=(growth.comparator or "") if growth else "",
        growth_text=(growth.text or "")[:100] if growth else "",
        cumulative_value=cumulative.value if cumulative else None,
        cumulative_comparator=(cumulative.comparator or "") if cumulative else "",
        cumulative_text=(cumulative.text or "")[:100] if cumulative else "",
        order=order,
    )


def target_row(plan: Plan, t: outline.ProseTarget, order: int) -> MeasurableItem:
    base = t.baseline
    return MeasurableItem(
        plan=plan,
        kind=ItemKind.TARGET,
        code=t.code,
        name=t.subject[:300],
        unit=(t.unit or "")[:40],
        category="",
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        baseline_text=(base.text or "")[:500] if base else "",
        target_year=t.year,
        target_value=t.value,
        target_comparator=t.comparator or "",
        target_text=t.text[:500],
        target_kind=t.kind or "",
        source_text=t.text,
        location=list(t.location or []),
        also_at=[list(place) for place in t.also_at or []],
        order=order,
    )


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
