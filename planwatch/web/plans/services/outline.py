"""The one mapping between the core's outline dataclasses and the stored rows, both ways.

Rows from an outline (:func:`plan_row`, :func:`node_row`, :func:`task_row`, :func:`indicator_row`,
:func:`target_row`) are what an import stores; :func:`to_outline` turns the stored plan, as
corrected by the coordinator, back into dataclasses — what the assessment engine and the reports
read, so a correction made in the web system changes every result at once.

A text longer than its column holds is refused with a message naming the row and the field
(:func:`fit`), never cut short: a cut target sentence would be a different target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, fields
from typing import Any

from planwatch.errors import InputError, text
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


#: Child lists of each outline level, in the order they are stored, and the level they hold.
CHILDREN: tuple[tuple[str, str], ...] = (
    ("sections", NodeLevel.SECTION),
    ("subsections", NodeLevel.SUBSECTION),
    ("items", NodeLevel.ITEM),
)

#: Fields of a measurable item the web system adds to what the outline says (a later target,
#: the reading path, the reporting basis): an import or a re-import never writes them.
WEB_ONLY_FIELDS = frozenset(
    {
        "path_override",
        "default_basis",
        "later_target_value",
        "later_target_comparator",
        "later_target_year",
        "later_target_note",
    }
)
#: Fields that are bookkeeping or identity, not what the outline says.
_NOT_CONTENT = frozenset(
    {"id", "plan", "code", "order", "version", "created_at", "updated_at", "deleted_at"}
)


def content_fields(model) -> list[str]:
    """The fields of ``model`` that an import writes from the outline (a re-import compares)."""
    return [
        f.name for f in model._meta.concrete_fields if f.name not in _NOT_CONTENT | WEB_ONLY_FIELDS
    ]


# -- outline → rows --------------------------------------------------------------------------


def headings(parsed: outline.Plan) -> Iterator[tuple[tuple[str, ...], str, Any]]:
    """Every heading in document order as (path, level, heading): the path is the heading
    numbers from the chapter down (a number repeated under one parent gets ``#2``…), so it
    names one heading and its parent's path is ``path[:-1]``; parents come before children."""

    def descend(path: tuple[str, ...], level: str, heading) -> Iterator:
        yield path, level, heading
        seen: dict[str, int] = {}
        for attribute, child_level in CHILDREN:
            for child in getattr(heading, attribute, None) or []:
                yield from descend((*path, _once(child.number, seen)), child_level, child)

    seen: dict[str, int] = {}
    for chapter in parsed.chapters:
        yield from descend((_once(chapter.number, seen),), NodeLevel.CHAPTER, chapter)


def _once(number: str, seen: dict[str, int]) -> str:
    seen[number] = seen.get(number, 0) + 1
    return number if seen[number] == 1 else f"{number}#{seen[number]}"


def fit(model, field: str, value: str | None, where: str) -> str:
    """``value`` ("" for None) if it fits ``model.field``; InputError naming ``where`` if not."""
    value = value or ""
    limit = model._meta.get_field(field).max_length
    if limit is not None and len(value) > limit:
        raise InputError(
            text(
                "web.text_too_long",
                "{where}的“{label}”有 {length} 个字，超过可保存的 {limit} 个字：请在纲要中核对"
                "（可能是几段文字连在了一起），改正后重新导入。",
                "{where}: {field} has {length} characters, more than the {limit} that can be "
                "stored; check the outline (paragraphs run together?) and import again.",
                where=where,
                label=str(model._meta.get_field(field).verbose_name),
                field=field,
                length=len(value),
                limit=limit,
            )
        )
    return value


#: Longest footnote kept, and most footnotes per indicator table or row: a longer one is two
#: notes run together (or body text read as a note), refused like an over-long field.
NOTE_LENGTH = 1000
MAX_NOTES = 50


def fit_notes(model, field: str, notes: list[str] | None, where: str) -> list[str]:
    """``notes`` (a list of texts) if each fits NOTE_LENGTH and there are at most MAX_NOTES;
    InputError naming ``where`` and the note if not."""
    notes = [str(note) for note in notes or []]
    label = str(model._meta.get_field(field).verbose_name)
    if len(notes) > MAX_NOTES:
        raise InputError(
            text(
                "web.too_many_notes",
                "{where}的“{label}”有 {count} 条，超过可保存的 {limit} 条：请在纲要中核对"
                "（可能把正文读成了表注），改正后重新导入。",
                "{where}: {field} has {count} notes, more than the {limit} that can be "
                "stored; check the outline (body text read as notes?) and import again.",
                where=where,
                label=label,
                field=field,
                count=len(notes),
                limit=MAX_NOTES,
            )
        )
    for number, note in enumerate(notes, start=1):
        if len(note) > NOTE_LENGTH:
            raise InputError(
                text(
                    "web.note_too_long",
                    "{where}的“{label}”第 {number} 条有 {length} 个字，超过可保存的 {limit} "
                    "个字：请在纲要中核对（可能是几段文字连在了一起），改正后重新导入。",
                    "{where}: note {number} of {field} has {length} characters, more than the "
                    "{limit} that can be stored; check the outline (paragraphs run together?) "
                    "and import again.",
                    where=where,
                    label=label,
                    field=field,
                    number=number,
                    length=len(note),
                    limit=NOTE_LENGTH,
                )
            )
    return notes


def plan_row(parsed: outline.Plan, *, source_name: str, is_demo: bool) -> Plan:
    where = "规划"
    return Plan(
        title=fit(Plan, "title", parsed.title, where),
        document_number=fit(Plan, "document_number", parsed.document_number, where),
        issuer=fit(Plan, "issuer", parsed.issuer, where),
        base_year=parsed.base_year,
        target_year=parsed.target_year,
        issued_on=_date(parsed.issued_on),
        published_on=_date(parsed.published_on),
        source_name=fit(Plan, "source_name", source_name, where),
        indicator_notes=fit_notes(Plan, "indicator_notes", parsed.indicator_notes, where),
        source_json=parsed.to_dict(),
        is_demo=is_demo,
    )


def node_row(plan: Plan, level: str, heading, *, parent: Node | None, order: int) -> Node:
    where = f"标题“{heading.number}”"
    return Node(
        plan=plan,
        parent=parent,
        level=level,
        number=fit(Node, "number", heading.number, where),
        title=fit(Node, "title", heading.title, where),
        text=heading.text or "",
        part=fit(Node, "part", getattr(heading, "part", None), where),
        order=order,
    )


def task_row(plan: Plan, task: outline.Task, *, node: Node, chapter: Node, order: int) -> Task:
    where = f"任务 {task.code}"
    return Task(
        plan=plan,
        node=node,
        chapter=chapter,
        code=fit(Task, "code", task.code, where),
        title=fit(Task, "title", task.title, where),
        text=task.text,
        order=order,
    )


def indicator_row(plan: Plan, ind: outline.Indicator, order: int) -> MeasurableItem:
    base, target = ind.baseline, ind.target
    growth, cumulative = ind.annual_growth, ind.cumulative_change
    where = f"指标 {ind.code}"

    def fits(field: str, value: str | None) -> str:
        return fit(MeasurableItem, field, value, where)

    return MeasurableItem(
        plan=plan,
        kind=ItemKind.INDICATOR,
        code=fits("code", ind.code),
        number=ind.number,
        name=fits("name", ind.name),
        unit=fits("unit", ind.unit),
        category=fits("category", ind.category),
        attribute=ind.attribute or "",
        direction=ind.direction or "",
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        baseline_text=fits("baseline_text", base.text if base else None),
        target_year=target.year if target else None,
        target_value=target.value if target else None,
        target_comparator=(target.comparator or "") if target else "",
        target_text=fits("target_text", target.text if target else None),
        growth_value=growth.value if growth else None,
        growth_comparator=(growth.comparator or "") if growth else "",
        growth_text=fits("growth_text", growth.text if growth else None),
        cumulative_value=cumulative.value if cumulative else None,
        cumulative_comparator=(cumulative.comparator or "") if cumulative else "",
        cumulative_text=fits("cumulative_text", cumulative.text if cumulative else None),
        notes=fit_notes(MeasurableItem, "notes", ind.notes, where),
        word_targets=[asdict(w) for w in ind.word_targets or []],
        order=order,
    )


def target_row(plan: Plan, t: outline.ProseTarget, order: int) -> MeasurableItem:
    base = t.baseline
    where = f"目标 {t.code}"

    def fits(field: str, value: str | None) -> str:
        return fit(MeasurableItem, field, value, where)

    return MeasurableItem(
        plan=plan,
        kind=ItemKind.TARGET,
        code=fits("code", t.code),
        name=fits("name", t.subject),
        unit=fits("unit", t.unit),
        category="",
        baseline_year=base.year if base else None,
        baseline_value=base.value if base else None,
        baseline_text=fits("baseline_text", base.text if base else None),
        target_year=t.year,
        target_value=t.value,
        target_comparator=t.comparator or "",
        target_text=fits("target_text", t.text),
        target_high=t.high,
        year_defaulted=bool(t.year_defaulted),
        target_kind=t.kind or "",
        source_text=t.text,
        location=list(t.location or []),
        also_at=[list(place) for place in t.also_at or []],
        restates=fits("restates", t.restates),
        order=order,
    )


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- rows → outline --------------------------------------------------------------------------


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
        indicator_notes=list(plan.indicator_notes or []),
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
        notes=list(item.notes or []),
        word_targets=word_targets(item.word_targets),
    )


def word_targets(stored) -> list[outline.WordTarget]:
    """The stored dicts as the outline model's word targets (unknown keys left out)."""
    known = {f.name for f in fields(outline.WordTarget)}
    return [outline.WordTarget(**{k: v for k, v in w.items() if k in known}) for w in stored or []]


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
        high=item.target_high,
        year_defaulted=item.year_defaulted,
        restates=item.restates or None,
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


def node_paths(nodes: list[Node]) -> dict[tuple[str, ...], Node]:
    """Stored nodes (in document order) by the path :func:`headings` gives the same heading."""
    paths: dict[int, tuple[str, ...]] = {}
    seen: dict[int | None, dict[str, int]] = {}
    found: dict[tuple[str, ...], Node] = {}
    for node in nodes:
        parent = paths.get(node.parent_id, ()) if node.parent_id else ()
        paths[node.pk] = path = (*parent, _once(node.number, seen.setdefault(node.parent_id, {})))
        found[path] = node
    return found
