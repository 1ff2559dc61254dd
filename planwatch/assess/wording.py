"""What an item's name says about its figure: a yearly reduction rate or a growth rate.

Both the item builder (assess.items) and the plausibility check (assess.plausibility) read a
name this way; here, below both, neither has to import the other.
"""

from __future__ import annotations

from functools import cache

from planwatch.assess.units import normalise_unit

#: An indicator whose name ends in one of these is a yearly reduction rate (more is better).
REDUCTION_WORDS: tuple[str, ...] = ("降低", "下降", "降幅", "减少率")
#: An indicator with one of these in its name and unit % is a yearly growth rate.
GROWTH_WORDS: tuple[str, ...] = ("增长速度", "增速", "增长率", "增幅", "增长")


@cache
def is_reduction(name: str) -> bool:
    return any(name.rstrip("率").endswith(word) for word in REDUCTION_WORDS)


@cache
def is_growth_rate(name: str, unit: str | None) -> bool:
    return normalise_unit(unit) == "%" and any(word in name for word in GROWTH_WORDS)
