"""The stored plan, as corrected by the coordinator, in the core's dataclasses.

This is what the assessment engine and the reports read, so a correction made in the web
system (a unit, a target, a direction) changes every result at once.
"""

from __future__ import annotations

from planwatch.outline import model as outline
from planwatch.web.plans.choices import ItemKind, NodeLevel
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task

#: Which list of the parent dataclass a stored node of each level goes into.
_PARENT_LIST: dict[tuple[str, str], str] = {
    (NodeLevel.CHAPTER, NodeLevel.SECTION): "sections",
    (NodeLevel.CHAPTER, NodeLevel.SUBSECTION): "subsections",
    (NodeLevel.SECTION, NodeLevel.SUBSECTION): "subsections",
    (NodeLevel.SECTION, NodeLevel.ITEM): "items",
    (NodeLevel.SUBSECTION, NodeLevel.ITEM): "items",
    (NodeLevel.ITEM, NodeLevel.ITEM): "items",
}
_CLASS = {
    NodeLevel.CHAPTER: outline.Chapter,
    NodeLevel.SECTION: outline.Section,
    NodeLevel.SUBSECTION: outline.Subsection,
    NodeLevel.ITEM: outline.Item,
}


def to_outline(plan: Plan, *, with_tree: bool = True) -> outline.Plan:
    items = list(MeasurableItem.objects.filter(plan=plan).order_by("kind", "order"))
    return outline.Plan(
        title=plan.title,
        document_number=plan.document_number or None,
        issuer=plan.issuer or None,
        base_year=plan.base_year,
        target_year=plan.target_year,
        issued_on=plan.issued_on.isoformat() if plan.issued_on else None,
        published_on=plan.published_on.isoformat() if plan.published_on else None,
        chapters=_chapters(plan) if with_tree else [],
        indicators=[to_indicator(i) for i in items if i.kind == ItemKind.INDICATOR],
        targets=[to_target(i) for i in items if i.kind == ItemKind.TARGET],
    )


def to_indicator(item: MeasurableItem) -> outline.Indicator:
    return outline.Indicator(
        number=item.number or 0,
        code=item.code,
        name=item.name,
        unit=item.unit or None,
        category=item.category or None,
        baseline=_baseline(item),
        target=_target(item),
        annual_growth=_rate(item.growth_value, item.growth_comparator, item.growth_text),
        cumulative_change=_rate(
            item.cumulative_value, item.cumulative_comparator, item.cumulative_text
        ),
        attribute=item.attribute or None,
        direction=item.direction or None,
    )


def to_target(item: MeasurableItem) -> outline.ProseTarget:
    return outline.ProseTarget(
        code=item.code,
        subject=item.name,
        value=item.target_value,
        unit=item.unit or None,
        comparator=item.target_comparator or None,
        year=item.target_year,
        kind=item.target_kind or "level",
        text=item.source_text or item.target_text,
        location=list(item.location or []),
        baseline=_baseline(item),
        also_at=[list(place) for place in item.also_at or []],
    )


def _baseline(item: MeasurableItem) -> outline.YearValue | None:
    if item.baseline_year is None and item.baseline_value is None and not item.baseline_text:
        return None
    return outline.YearValue(item.baseline_year, item.baseline_value, item.baseline_text or None)


def _target(item: MeasurableItem) -> outline.TargetValue | None:
    if item.target_value is None and not item.target_text and item.target_year is None:
        return None
    return outline.TargetValue(
        item.target_year,
        item.target_value,
        item.target_comparator or None,
        item.target_text or None,
    )


def _rate(value, comparator, text) -> outline.Rate | None:
    if value is None and not text:
        return None
    return outline.Rate(value, comparator or None, text or None)


def _chapters(plan: Plan) -> list[outline.Chapter]:
    nodes = list(Node.objects.filter(plan=plan).order_by("order", "pk"))
    built: dict[int, object] = {}
    chapters: list[outline.Chapter] = []
    for node in sorted(nodes, key=lambda n: (n.parent_id is not None, n.order, n.pk)):
        built[node.pk] = _CLASS[node.level](number=node.number, title=node.title, text=node.text)
        if node.level == NodeLevel.CHAPTER:
            built[node.pk].part = node.part or None
    by_pk = {n.pk: n for n in nodes}
    for node in nodes:
        obj = built[node.pk]
        if node.parent_id is None:
            chapters.append(obj)
            continue
        parent = by_pk.get(node.parent_id)
        if parent is None:
            continue
        attribute = _PARENT_LIST.get((parent.level, node.level))
        if attribute and hasattr(built[parent.pk], attribute):
            getattr(built[parent.pk], attribute).append(obj)
    for task in Task.objects.filter(plan=plan).order_by("order"):
        holder = built.get(task.node_id)
        if holder is not None:
            holder.tasks.append(outline.Task(code=task.code, title=task.title, text=task.text))
    return chapters
