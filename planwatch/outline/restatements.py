"""Prose targets that restate a table indicator (``研发投入强度`` in the table and the text).

A target restates an indicator when the subjects name the same thing
(:func:`planwatch.outline.subjects.likeness`) and the figure is the same: the indicator's target
level, or its annual growth rate for a growth commitment, or its cumulative change for a
reduction or an increment. The target keeps its own code and gets ``restates`` = the indicator's
code, so an assessment does not count one commitment twice.
"""

from __future__ import annotations

from planwatch.outline.model import Indicator, ProseTarget
from planwatch.outline.subjects import likeness


def link_restatements(targets: list[ProseTarget], indicators: list[Indicator]) -> None:
    for target in targets:
        if target.value is None:
            continue
        scored = [
            (likeness(target.subject, ind.name), ind.code)
            for ind in indicators
            if _figure(ind, target.kind) == target.value
        ]
        best = max((s for s in scored if s[0] > 0), default=None)
        target.restates = best[1] if best else None


def _figure(indicator: Indicator, kind: str) -> float | None:
    if kind == "growth":
        rate = indicator.annual_growth
    elif kind in ("reduction", "increment"):
        rate = indicator.cumulative_change
    else:
        rate = indicator.target
    return rate.value if rate is not None else None
