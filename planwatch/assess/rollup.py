"""Roll-ups: counts per status per category and overall, binding items off course first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planwatch.assess.model import AssessOptions, ItemAssessment
from planwatch.assess.status import OFF_COURSE, OUTLOOKS, STATUSES, severity

NO_CATEGORY = "—"

#: Every status code, in the vocabulary's order: the order of the counts.
CODES: tuple[str, ...] = tuple(s.code for s in STATUSES)
#: Zero for every code, copied for each count (quicker than building it afresh).
_ZEROS: dict[str, int] = dict.fromkeys(CODES, 0)


def summarise(items: Sequence[ItemAssessment], options: AssessOptions) -> dict[str, Any]:
    """The ``summary`` of a PlanAssessment: what a report's overview and risk section need."""
    # one pass gathers the statuses of each group; the counts are taken from those
    indicators: list[str] = []
    targets: list[str] = []
    categories: dict[str, list[str]] = {}
    binding: list[str] = []
    off_course: list[str] = []
    for item in items:
        status = item.status
        if item.kind == "indicator":
            indicators.append(status)
        elif item.kind == "target":
            targets.append(status)
        group = categories.get(item.category or NO_CATEGORY)
        if group is None:
            categories[item.category or NO_CATEGORY] = [status]
        else:
            group.append(status)
        if item.binding:
            binding.append(status)
            if status in OFF_COURSE:
                off_course.append(item.code)
    warnings = sorted(
        (i for i in items if i.status in OFF_COURSE),
        key=lambda i: (not i.binding, severity(i.status)),
    )
    return {
        **_counts([i.status for i in items]),
        "by_kind": {"indicators": _counts(indicators), "targets": _counts(targets)},
        "by_category": {name: _counts(group) for name, group in categories.items()},
        "binding": {**_counts(binding), "off_course": off_course},
        "warnings": [_warning(i) for i in warnings],
        "manual": [_manual(i) for i in items if i.manual is not None],
        "outlook": _outlooks(items),
        "thresholds": {
            "ahead_ratio": options.ahead_ratio,
            "roughly_ratio": options.roughly_ratio,
            "lagging_ratio": options.lagging_ratio,
            "growth_ahead_ratio": options.growth_ahead_ratio,
            "growth_roughly_ratio": options.growth_roughly_ratio,
            "growth_lagging_ratio": options.growth_lagging_ratio,
            "unlikely_pace_ratio": options.unlikely_pace_ratio,
        },
    }


def _outlooks(items: Sequence[ItemAssessment]) -> dict[str, int]:
    """How many targets are expected to be met (预计能够完成), at risk, unlikely, not judged."""
    counts = dict.fromkeys((*OUTLOOKS, "none"), 0)
    for item in items:
        counts[item.outlook or "none"] += 1
    return counts


def _counts(statuses: Sequence[str]) -> dict[str, Any]:
    counts = _ZEROS.copy()
    for status in statuses:
        counts[status] += 1
    total = len(statuses)
    shares = {code: n / total for code, n in counts.items()} if total else dict.fromkeys(CODES, 0.0)
    return {"total": total, "by_status": counts, "shares": shares}


def _warning(item: ItemAssessment) -> dict[str, Any]:
    return {
        "code": item.code,
        "number": item.number,
        "name": item.name,
        "binding": item.binding,
        "status": item.status,
        "label": item.label,
        "explanation": item.explanation,
        "outlook": item.outlook,
    }


def _manual(item: ItemAssessment) -> dict[str, Any]:
    verdict = item.manual
    return {
        "code": item.code,
        "status": verdict.status,
        "computed": item.status,
        "agrees": verdict.status == item.status,
        "reason": verdict.reason,
        "author": verdict.author,
        "recorded_at": verdict.recorded_at,
    }
