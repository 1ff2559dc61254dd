"""Prose targets that restate a table indicator (``研发投入强度`` in the table and the text).

A target restates an indicator when the subjects name the same thing
(:func:`planwatch.outline.subjects.likeness`) and the figure is the same: the indicator's target
level, or its annual growth rate for a growth commitment, or its cumulative change for a
reduction, an increment or a count of things to build (``建设3600万套`` ↔ ``[3600]``); a figure
in another scale of the same unit counts (``13.9亿人`` ↔ ``139000万人``). A row's name is also
read without the reduction word it ends in (``…用水量降低`` ↔ ``…用水量降低30%``) and, under a
group (``主要污染物排放总量减少：二氧化硫``), by its own name. The target keeps its own code and
gets ``restates`` = the indicator's code, so an assessment does not count one commitment twice.
"""

from __future__ import annotations

import re

from planwatch.outline.model import Indicator, ProseTarget
from planwatch.outline.subjects import likeness
from planwatch.outline.values import unit_factor

_REDUCTION_WORD = re.compile(r"(?:降低|下降|减少|降幅)(?:率|幅度)?$")


def link_restatements(targets: list[ProseTarget], indicators: list[Indicator]) -> None:
    for target in targets:
        if target.value is None:
            continue
        scored = [
            (_likeness(target.subject, ind), ind.code)
            for ind in indicators
            if _same_figure(target, ind)
        ]
        best = max((s for s in scored if s[0] > 0), default=None)
        target.restates = best[1] if best else None


def _likeness(subject: str, indicator: Indicator) -> int:
    group, _, own = indicator.name.rpartition("：")
    names = {indicator.name, _REDUCTION_WORD.sub("", indicator.name)}
    score = max(likeness(subject, n) for n in names if n)
    if group and len(own) >= 2 and subject.startswith(own):
        score = max(score, len(own) + 50)  # 二氧化硫排放 under 主要污染物排放总量减少：二氧化硫
    return score


def _same_figure(target: ProseTarget, indicator: Indicator) -> bool:
    factor = 1.0  # rates and changes are compared as printed: 4个百分点 ↔ [4] of a % row
    level = target.kind in ("level", "count", "coverage")
    if level and target.unit and indicator.unit and target.unit != indicator.unit:
        factor = unit_factor(target.unit, indicator.unit) or 0.0
    value = target.value * factor
    return any(
        figure is not None and abs(figure - value) <= 1e-9 * max(1.0, abs(value))
        for figure in _figures(indicator, target.kind)
    )


def _figures(indicator: Indicator, kind: str) -> list[float | None]:
    level = indicator.target.value if indicator.target else None
    growth = indicator.annual_growth.value if indicator.annual_growth else None
    change = indicator.cumulative_change.value if indicator.cumulative_change else None
    if kind == "growth":
        return [growth]
    if kind in ("reduction", "increment"):
        return [change]
    if kind == "count":
        return [level, change]
    return [level]
