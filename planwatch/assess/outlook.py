"""预计能否如期完成: the outlook to the target year, a judgement of its own beside the status.

Progress against time (the status) looks back; the outlook looks forward, from the pace still
needed against the pace realised and from the projection. The two may disagree, and the
sentence then says so with a "但" (docs/methodology.md §8).
"""

from __future__ import annotations

from planwatch.assess.items import MeasurableItem
from planwatch.assess.methods import EPS, Judgement
from planwatch.assess.model import AssessOptions

#: Statuses that say nothing about meeting a target: no outlook is given for them.
NO_OUTLOOK = frozenset({"no_data", "needs_target", "improving", "stable", "worsening"})


def outlook_of(
    item: MeasurableItem, j: Judgement, status: str, options: AssessOptions
) -> str | None:
    """likely / at_risk / unlikely, or None where no outlook can be given."""
    if status in NO_OUTLOOK or item.word is not None:
        return None  # a target in words has no path to the target year to project
    projection = j.projection
    will_meet = None if projection is None else projection.will_meet
    if status == "achieved":
        return "likely"
    if status == "bound_kept":
        return "at_risk" if will_meet is False else "likely"
    if j.latest is None:
        return None
    if j.latest[0] >= item.target_year:
        return "unlikely"  # the target year has come and the target is not met
    if item.rule in ("ceiling", "floor", "hold") and j.path is None:
        # a bound broken now must be back at once: at risk, unlikely if the trend stays out
        return "unlikely" if will_meet is False else "at_risk"
    required, realised = j.required_pace, j.observed_pace
    if required is None or realised is None:
        return None if will_meet is None else ("likely" if will_meet else "at_risk")
    # paces are signed like the values; a rank's are positions moved up, already positive
    sign = -1.0 if item.direction == "decrease" and item.rule != "rank" else 1.0
    needed, done = sign * required, sign * realised
    if needed <= EPS:
        return "likely" if will_meet is not False else "at_risk"
    if done <= EPS:
        return "unlikely"  # not moving towards the target at all
    ratio = needed / done
    if ratio > options.unlikely_pace_ratio + EPS:
        return "unlikely"
    if ratio > 1 + EPS or will_meet is False:
        return "at_risk"
    return "likely"
