"""Scores of a read plan against the hand-written gold of ``gold.py``: structure, indicator
rows and prose targets, as counts (found, gold, correct) so tests and the closing note agree."""

from __future__ import annotations

from . import gold


def structure(plan) -> dict:
    """Chapter titles and every section with its subsections, as ``gold.CHAPTERS/SECTIONS``."""
    return {
        "chapters": [(c.number, c.title) for c in plan.chapters],
        "sections": {
            c.number: [
                (s.number, s.title, [sub.title for sub in s.subsections]) for s in c.sections
            ]
            for c in plan.chapters
        },
    }


def indicator_row(ind) -> tuple:
    """An indicator in the form of ``gold.INDICATORS``."""
    return (
        ind.number,
        ind.name,
        ind.unit,
        ind.category,
        ind.baseline.value if ind.baseline else None,
        (ind.target.value, ind.target.comparator, ind.target.text) if ind.target else None,
        (ind.annual_growth.value, ind.annual_growth.text) if ind.annual_growth else None,
        (ind.cumulative_change.value, ind.cumulative_change.text)
        if ind.cumulative_change
        else None,
        ind.attribute,
        ind.direction,
    )


def _target_matches(t, expected) -> bool:
    word, value, unit, kind, year, comparator, location = expected
    stated_year = None if t.year_defaulted else t.year
    return (
        word in t.subject + t.text
        and (t.value, t.unit, t.kind, t.comparator, t.location)
        == (value, unit, kind, comparator, location)
        and stated_year == year
    )


def scores(plan) -> dict[str, tuple[int, int, int]]:
    """(found, gold, correct) for sections, indicator rows and prose targets."""
    found = structure(plan)
    sections = [(c, *s[:2]) for c, ss in found["sections"].items() for s in ss]
    wanted = [(c, *s[:2]) for c, ss in gold.SECTIONS.items() for s in ss]
    subsections = [
        (c, s[0], sub) for c, ss in found["sections"].items() for s in ss for sub in s[2]
    ]
    wanted_subs = [(c, s[0], sub) for c, ss in gold.SECTIONS.items() for s in ss for sub in s[2]]
    rows = [indicator_row(i) for i in plan.indicators]
    hits = sum(1 for g in gold.TARGETS if sum(_target_matches(t, g) for t in plan.targets) == 1)
    return {
        "chapters": _count(found["chapters"], gold.CHAPTERS),
        "sections": _count(sections, wanted),
        "subsections": _count(subsections, wanted_subs),
        "indicators": _count(rows, gold.INDICATORS),
        "targets": (len(plan.targets), len(gold.TARGETS), hits),
    }


def _count(found: list, wanted: list) -> tuple[int, int, int]:
    return len(found), len(wanted), sum(1 for x in found if x in wanted)
