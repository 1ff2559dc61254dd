"""A commission's scope: chapter numbers, item codes and task codes, or (empty) the whole plan.

Written by the coordinator as a line of text ("第二章 I5 M12"), kept as written (so the change
log shows what they typed) and read here into the items and tasks it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task

SEPARATORS = re.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class Scope:
    items: list[MeasurableItem]
    tasks: list[Task]
    whole_plan: bool

    def __len__(self) -> int:
        return len(self.items) + len(self.tasks)


def tokens(text: str) -> list[str]:
    return [t for t in SEPARATORS.split(text or "") if t]


def resolve(plan: Plan, text: str) -> Scope:
    """The items and tasks ``text`` names; ValidationError naming any word that is none."""
    items = list(MeasurableItem.objects.filter(plan=plan).order_by("kind", "order"))
    tasks = list(Task.objects.filter(plan=plan).select_related("chapter").order_by("order"))
    words = tokens(text)
    if not words:
        return Scope(items, tasks, whole_plan=True)
    chapters = set(
        Node.objects.filter(plan=plan, level=NodeLevel.CHAPTER).values_list("number", flat=True)
    )
    item_codes = {i.code for i in items}
    task_codes = {t.code for t in tasks}
    unknown = [w for w in words if w not in chapters | item_codes | task_codes]
    if unknown:
        raise ValidationError(
            _("评估范围中的“%(words)s”不是本规划的章（如“第二章”）、指标编码或任务编码。")
            % {"words": "”“".join(unknown)}
        )
    named = set(words)
    return Scope(
        [i for i in items if i.code in named or (i.location and i.location[0] in named)],
        [t for t in tasks if t.code in named or t.chapter.number in named],
        whole_plan=False,
    )


def describe(text: str) -> str:
    """The scope in words for the report: 规划全文, or the chapters and codes given."""
    words = tokens(text)
    return "、".join(words) if words else _("规划全文")
