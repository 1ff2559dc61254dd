"""Matching a corrected outline to the one it replaces, by content rather than position.

A re-import renumbers whatever follows an inserted or deleted measure, so codes (M12, I4, T7)
cannot be matched by themselves: assignments and reported figures would move to the wrong
task. Here each task, indicator and prose target of the new plan is paired with the old one
that says the same thing — identical text first, then the same title (tasks) or name
(indicators) or subject, kind and unit (targets), then the most similar text above
:data:`MIN_SIMILARITY` — each old code used at most once. What finds no partner is listed as
unmatched (a measure added or dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from planwatch.outline.model import Plan

#: Below this similarity (difflib ratio of the texts) two things are different.
MIN_SIMILARITY = 0.6


@dataclass
class PlanMatch:
    """Old code → new code for tasks and for items (indicators ``I…`` and targets ``T…``)."""

    tasks: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    unmatched_old: list[str] = field(default_factory=list)
    unmatched_new: list[str] = field(default_factory=list)


def match_plans(old: Plan, new: Plan) -> PlanMatch:
    result = PlanMatch()
    pairs = [
        (
            result.tasks,
            {t.code: t for _, t in old.iter_tasks()},
            {t.code: t for _, t in new.iter_tasks()},
            (lambda t: t.text, lambda t: t.title),
        ),
        (
            result.items,
            {i.code: i for i in old.indicators},
            {i.code: i for i in new.indicators},
            (lambda i: (i.name, i.unit), lambda i: i.name),
        ),
        (
            result.items,
            {t.code: t for t in old.targets},
            {t.code: t for t in new.targets},
            (lambda t: t.text, lambda t: (t.subject, t.kind, t.unit)),
        ),
    ]
    for mapping, before, after, keys in pairs:
        matched = _match(before, after, keys, _similarity_text(before, after))
        mapping.update(matched)
        result.unmatched_old += [c for c in before if c not in matched]
        result.unmatched_new += [c for c in after if c not in matched.values()]
    return result


def _similarity_text(before: dict, after: dict) -> Callable:
    def text(thing) -> str:
        return getattr(thing, "text", None) or getattr(thing, "name", "")

    return text


def _match(before: dict, after: dict, keys: Iterable[Callable], text: Callable) -> dict[str, str]:
    matched: dict[str, str] = {}
    free_new = dict(after)
    for key in keys:  # exact passes, most specific first, each in document order
        index: dict = {}
        for code, thing in free_new.items():
            index.setdefault(key(thing), []).append(code)
        for code, thing in before.items():
            if code in matched:
                continue
            candidates = index.get(key(thing))
            if candidates:
                new_code = candidates.pop(0)
                matched[code] = new_code
                free_new.pop(new_code)
    scored = sorted(
        (
            (SequenceMatcher(None, text(thing), text(other)).ratio(), code, new_code)
            for code, thing in before.items()
            if code not in matched
            for new_code, other in free_new.items()
        ),
        reverse=True,
    )
    for ratio, code, new_code in scored:
        if ratio < MIN_SIMILARITY:
            break
        if code not in matched and new_code in free_new:
            matched[code] = new_code
            free_new.pop(new_code)
    return matched
