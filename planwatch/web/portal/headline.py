"""The portal home's headline figures: how many items are ahead, on track or behind.

The engine's statuses folded into the four words a visitor reads first, binding items on the
first line. Counted as the dashboard and the reports count (``progress.counted``: a prose
target restating a table indicator is counted once, with it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from planwatch.assess.status import OFF_COURSE
from planwatch.web.dashboard import progress as pg

#: Status group → the engine's status codes in it (assess/status.py), in reading order.
GROUPS = {
    "ahead": frozenset({"achieved", "bound_kept", "ahead"}),
    "on_track": frozenset({"on_track", "roughly_on_track"}),
    "behind": OFF_COURSE,
    "other": frozenset({"improving", "stable", "needs_target", "no_data"}),
}
GROUP_LABELS = {
    "ahead": _("快于预期或已完成"),
    "on_track": _("符合预期"),
    "behind": _("滞后或偏离"),
    "other": _("无量化目标或暂无数据"),
}


def group_of(status: str) -> str:
    return next((g for g, codes in GROUPS.items() if status in codes), "other")


@dataclass
class Headline:
    label: str
    #: ``binding=1`` for the binding line, "" for all items: the indicator list's filter.
    binding: str
    counts: list[tuple[str, str, int]]  # (group, label, count)

    @property
    def total(self) -> int:
        return sum(n for _g, _l, n in self.counts)


def headlines(rows: list[pg.ItemRow]) -> list[Headline]:
    counted = pg.counted(rows)
    lines = [
        (_("约束性指标"), "1", [r for r in counted if r.binding]),
        (_("全部指标和目标"), "", counted),
    ]
    return [
        Headline(
            str(label),
            binding,
            [
                (g, str(GROUP_LABELS[g]), sum(1 for r in kept if group_of(r.result.status) == g))
                for g in GROUPS
            ],
        )
        for label, binding, kept in lines
        if kept
    ]
