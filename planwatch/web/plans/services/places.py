"""Where in the outline a prose target is stated, in words a reader can follow."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.web.plans.models import MeasurableItem, Node


@dataclass(frozen=True)
class Place:
    """A path such as ``第二章 › 第四节`` with each heading's title where the plan has it."""

    numbers: tuple[str, ...]
    headings: tuple[str, ...]

    def __str__(self) -> str:
        return " › ".join(self.headings)


def places_of(item: MeasurableItem) -> tuple[Place | None, list[Place]]:
    """The item's own place and the places where the outline restates it."""
    return places_for([item])[item.pk]


def places_for(items) -> dict[int, tuple[Place | None, list[Place]]]:
    """:func:`places_of` for many items of one or more plans, reading each plan's headings once."""
    titles: dict[int, dict[tuple[str, ...], str]] = {}
    found = {}
    for item in items:
        if item.plan_id not in titles and (item.location or item.also_at):
            titles[item.plan_id] = _titles(item.plan_id)
        book = titles.get(item.plan_id, {})
        own = _describe(item.location, book) if item.location else None
        found[item.pk] = (own, [_describe(path, book) for path in item.also_at or [] if path])
    return found


def _titles(plan_id: int) -> dict[tuple[str, ...], str]:
    """``("第二章", "第四节")`` → ``第四节 …`` for every heading of the plan."""
    nodes = {
        n.pk: n for n in Node.objects.filter(plan_id=plan_id).only("parent_id", "number", "title")
    }
    titles: dict[tuple[str, ...], str] = {}
    for node in nodes.values():
        path, current = [], node
        while current is not None:
            path.append(current.number)
            current = nodes.get(current.parent_id)
        titles.setdefault(tuple(reversed(path)), f"{node.number} {node.title}".strip())
    return titles


def _describe(path: list[str], titles: dict[tuple[str, ...], str]) -> Place:
    numbers = tuple(str(part) for part in path)
    headings = tuple(titles.get(numbers[: i + 1], part) for i, part in enumerate(numbers))
    return Place(numbers, headings)
