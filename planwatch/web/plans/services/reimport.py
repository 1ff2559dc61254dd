"""A corrected outline read into a plan already stored: what is new, changed and removed.

The tasks and items of the new reading are paired with the stored ones by content
(planwatch.outline.matching.match_plans), not by position: a measure inserted in chapter 3
renumbers every later one in the parse, but each stored task keeps its code, its assignments
(分工), its reported figures and its history. :func:`compare` says what a re-import would do —
the coordinator sees it before anything is written — and :func:`apply` does it, in one
transaction, every row through the change log.

What the new outline no longer has is never dropped silently: it is listed, and on confirming
it is soft-deleted (restorable from its history) with its assignments; whatever was reported on
it (figures, progress, verdicts) stays stored with its history, "archived" with the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from planwatch.outline import model as outline
from planwatch.outline.matching import match_plans
from planwatch.web.history.models import Action
from planwatch.web.history.services import save_tracked, soft_delete
from planwatch.web.plans.models import Assignment, MeasurableItem, Node, Plan, Task
from planwatch.web.plans.services.outline import (
    content_fields,
    headings,
    indicator_row,
    node_paths,
    node_row,
    plan_row,
    target_row,
    task_row,
    to_outline,
)

#: Fields of a task a re-import compares (where it sits is compared by heading, not by id).
TASK_FIELDS = ("title", "text")
#: What the web system keeps of its own on the plan (a re-import takes the rest from the text).
PLAN_KEPT = frozenset({"short_title", "confirmed_at", "is_published", "published_at", "is_demo"})
#: The plan's own fields taken from the text but not compared: where it came from and the raw
#: parse (which differs whenever the reader does).
PLAN_NOT_COMPARED = frozenset({"source_name", "source_json"})


@dataclass
class Change:
    """One task or item: added, changed (which fields) or removed (with what hangs on it)."""

    code: str  # the code it has (kept) or will have (new)
    label: str
    stored: Model | None = None  # None for an added one
    row: Model | None = None  # the new reading's row; None for a removed one
    fields: list[str] = field(default_factory=list)  # verbose names of changed fields
    parsed_code: str = ""  # its code in the new reading, where that differs
    #: Rows reported on a removed one (figures, progress, verdicts): kept when it goes.
    records: int = 0

    @property
    def archived(self) -> bool:
        """A removed one with something reported on it: that stays stored, with its history."""
        return self.records > 0


@dataclass
class Comparison:
    """What a re-import of ``parsed`` into ``plan`` would do; :func:`apply` carries it out."""

    plan: Plan
    parsed: outline.Plan
    source_name: str
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    #: New-reading code → the code stored (kept for matched ones, fresh for added ones).
    codes: dict[str, str] = field(default_factory=dict)
    #: Verbose names of the plan's own fields the new reading changes (title, table notes …).
    plan_fields: list[str] = field(default_factory=list)

    @property
    def archived(self) -> list[Change]:
        return [c for c in self.removed if c.archived]

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.plan_fields)


def compare(plan: Plan, parsed: outline.Plan, *, source_name: str = "") -> Comparison:
    """What re-importing ``parsed`` would add, change and remove; writes nothing.

    A text too long for its column is an InputError (as on a first import), before anything
    is shown as a change.
    """
    match = match_plans(to_outline(plan), parsed)
    result = Comparison(plan, parsed, source_name)
    paths = {node.pk: path for path, node in _stored_nodes(plan).items()}
    tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
    items = {i.code: i for i in MeasurableItem.objects.filter(plan=plan)}
    result.codes = {
        **_codes(match.tasks, [t.code for _, t in parsed.iter_tasks()], Task, plan),
        **_codes(
            match.items,
            [i.code for i in parsed.indicators] + [t.code for t in parsed.targets],
            MeasurableItem,
            plan,
        ),
    }
    new_rows = _task_rows(plan, parsed, result.codes) + _item_rows(plan, parsed, result.codes)
    kept = {**match.tasks, **match.items}  # old code → parse code
    by_parse = {row.parsed_code: row for row in new_rows}
    for stored in [*tasks.values(), *items.values()]:
        if stored.code not in kept:
            result.removed.append(
                Change(stored.code, _label(stored), stored, records=records_on(stored))
            )
            continue
        new = by_parse.pop(kept[stored.code])
        differs = _differences(stored, new.row, paths)
        if differs:
            new.stored, new.code, new.fields = stored, stored.code, differs
            result.changed.append(new)
        else:
            result.unchanged += 1
    result.added = list(by_parse.values())
    result.plan_fields = _plan_differences(plan, parsed, source_name)
    return result


def apply(comparison: Comparison, *, user=None, reason: str = "") -> Plan:
    """Carry out ``comparison`` in one transaction; each row's change is logged."""
    plan, parsed = comparison.plan, comparison.parsed
    reason = reason or _("重新导入：%(name)s") % {"name": comparison.source_name}
    with transaction.atomic():
        fresh = plan_row(parsed, source_name=comparison.source_name, is_demo=plan.is_demo)
        for name in set(content_fields(Plan)) - PLAN_KEPT:
            setattr(plan, name, getattr(fresh, name))
        save_tracked(plan, user=user, reason=reason, action=Action.IMPORT)
        nodes = _store_tree(plan, parsed, user, reason)
        orders = _orders(parsed, comparison.codes)
        for change in comparison.changed + comparison.added:
            row = change.stored or change.row
            if change.stored is not None:
                for name in _compared(row):
                    setattr(row, name, getattr(change.row, name))
            row.plan, row.code = plan, change.code
            if isinstance(row, Task):
                row.node, row.chapter = nodes[change.row._path], nodes[change.row._path[:1]]
            row.order = orders[change.code]
            save_tracked(row, user=user, reason=reason)
        _move_unchanged(comparison, nodes, orders, user, reason)
        for change in comparison.removed:
            _remove(change, user, reason)
    return plan


def records_on(row: Model) -> int:
    """How many live rows were reported on ``row`` (figures, progress, verdicts …), found
    through the reverse relations so that plans need not know the apps above it; the
    assignments are plans' own and go with the row."""
    return sum(
        relation.related_model._default_manager.filter(**{relation.field.name: row}).count()
        for relation in row._meta.related_objects
        if relation.one_to_many and relation.related_model is not Assignment
    )


# -- building the comparison ---------------------------------------------------------------


def _codes(kept: dict[str, str], parsed: list[str], model, plan: Plan) -> dict[str, str]:
    """New-reading code → stored code: the old code for a matched one; for an added one its
    own code if no row of the plan ever had it, else the next free number of its letter."""
    codes = {new: old for old, new in kept.items()}
    used = set(model.all_objects.filter(plan=plan).values_list("code", flat=True))
    used |= set(codes.values())
    for code in parsed:
        if code in codes:
            continue
        if code in used:
            letter = re.match(r"\D*", code).group()
            numbers = [int(c[len(letter) :]) for c in used if re.fullmatch(rf"{letter}\d+", c)]
            code_given = f"{letter}{max(numbers, default=0) + 1}"
        else:
            code_given = code
        codes[code] = code_given
        used.add(code_given)
    return codes


def _task_rows(plan: Plan, parsed: outline.Plan, codes: dict[str, str]) -> list[Change]:
    rows: list[Change] = []
    for path, _level, heading in headings(parsed):
        for task in heading.tasks:
            row = task_row(plan, task, node=None, chapter=None, order=0)
            row._path = path
            rows.append(_new(row, codes, task.code))
    return rows


def _item_rows(plan: Plan, parsed: outline.Plan, codes: dict[str, str]) -> list[Change]:
    rows = [_new(indicator_row(plan, i, 0), codes, i.code) for i in parsed.indicators]
    for t in parsed.targets:
        row = target_row(plan, t, 0)
        row.restates = codes.get(row.restates, row.restates) if row.restates else ""
        rows.append(_new(row, codes, t.code))
    return rows


def _new(row: Model, codes: dict[str, str], parsed_code: str) -> Change:
    return Change(codes[parsed_code], _label(row), row=row, parsed_code=parsed_code)


def _compared(row: Model) -> list[str]:
    return list(TASK_FIELDS) if isinstance(row, Task) else content_fields(MeasurableItem)


def _differences(stored: Model, new: Model, paths: dict[int, tuple[str, ...]]) -> list[str]:
    names = [n for n in _compared(stored) if getattr(stored, n) != getattr(new, n)]
    if isinstance(stored, Task) and paths.get(stored.node_id) != new._path:
        names.append("node")
    return [str(type(stored)._meta.get_field(n).verbose_name) for n in names]


def _plan_differences(plan: Plan, parsed: outline.Plan, source_name: str) -> list[str]:
    fresh = plan_row(parsed, source_name=source_name, is_demo=plan.is_demo)
    names = sorted(set(content_fields(Plan)) - PLAN_KEPT - PLAN_NOT_COMPARED)
    return [
        str(Plan._meta.get_field(n).verbose_name)
        for n in names
        if getattr(plan, n) != getattr(fresh, n)
    ]


def _stored_nodes(plan: Plan) -> dict[tuple[str, ...], Node]:
    return node_paths(list(Node.objects.filter(plan=plan).order_by("order", "pk")))


def _label(row: Model) -> str:
    return getattr(row, "title", None) or getattr(row, "name", "")


def _orders(parsed: outline.Plan, codes: dict[str, str]) -> dict[str, int]:
    """Stored code → its place in the new reading (tasks from 1, each item list from 0)."""
    orders = {codes[t.code]: n for n, (_, t) in enumerate(parsed.iter_tasks(), start=1)}
    orders.update({codes[i.code]: n for n, i in enumerate(parsed.indicators)})
    orders.update({codes[t.code]: n for n, t in enumerate(parsed.targets)})
    return orders


# -- writing it ------------------------------------------------------------------------------


def _store_tree(plan: Plan, parsed: outline.Plan, user, reason: str) -> dict:
    """Headings matched by their numbers from the chapter down: a matched one is updated
    (title, text, place), a new one created; the stored ones left over are soft-deleted once
    the tasks have moved. Returns path → stored node."""
    stored = _stored_nodes(plan)
    nodes: dict[tuple[str, ...], Node] = {}
    for order, (path, level, heading) in enumerate(headings(parsed)):
        new = node_row(plan, level, heading, parent=nodes.get(path[:-1]), order=order)
        node = stored.pop(path, None)
        if node is None:
            nodes[path] = save_tracked(new, user=user, reason=reason)
            continue
        fields = ("level", "title", "text", "part", "order", "parent_id")
        if any(getattr(node, name) != getattr(new, name) for name in fields):
            for name in fields:
                setattr(node, name, getattr(new, name))
            save_tracked(node, user=user, reason=reason)
        nodes[path] = node
    plan._leftover_nodes = list(stored.values())
    return nodes


def _move_unchanged(comparison: Comparison, nodes, orders, user, reason) -> None:
    """Unchanged tasks and items keep everything but their place, which the new reading sets
    (an insertion earlier in the outline moves them down), and their node's new id."""
    touched = {c.code for c in comparison.changed + comparison.added}
    gone = {c.code for c in comparison.removed}
    paths = {}
    for path, _level, heading in headings(comparison.parsed):
        for task in heading.tasks:
            paths[comparison.codes[task.code]] = path
    for model in (Task, MeasurableItem):
        for row in model.objects.filter(plan=comparison.plan).exclude(code__in=touched | gone):
            place = {"order": orders[row.code]}
            if isinstance(row, Task):
                path = paths[row.code]
                place.update(node_id=nodes[path].pk, chapter_id=nodes[path[:1]].pk)
            if any(getattr(row, name) != value for name, value in place.items()):
                for name, value in place.items():
                    setattr(row, name, value)
                save_tracked(row, user=user, reason=reason)
    for node in reversed(comparison.plan._leftover_nodes):  # children before their parents
        if not node.tasks.exists() and not node.children.exists():
            soft_delete(node, user=user, reason=reason)


def _remove(change: Change, user, reason: str) -> None:
    row = change.stored
    why = (
        _("%(reason)s（新版纲要中已无此项；已填报的数据和历史保留）") % {"reason": reason}
        if change.archived
        else _("%(reason)s（新版纲要中已无此项）") % {"reason": reason}
    )
    for assignment in row.assignments.all():
        soft_delete(assignment, user=user, reason=why)
    soft_delete(row, user=user, reason=why)
