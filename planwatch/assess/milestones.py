"""A task's state from its milestones (时间表和路线图): the one rule, without Django.

The lead department breaks a task into milestones, each due by a date and reported per round
as 未开始 / 进行中 / 已完成 / 滞后. The task then is:

* ``done`` (已完成) when every milestone is done;
* ``late`` (滞后) when any milestone not done is past its due date, or its department
  reports it 滞后;
* ``on_schedule`` (按计划推进) otherwise;
* ``None`` when it has no milestones (its state is then what its departments report).

A milestone done after its due date is done: lateness that has been made good is not held
against the task (the date done stays visible on the milestone).

The state given for a milestone is its latest *approved* report: the web reads only approved
milestone reports into :class:`MilestoneFacts` (``roadmap.services.latest_reports``,
``dashboard.tasks.milestone_states``); a draft, a submission or a return is as nothing reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

NOT_STARTED, IN_PROGRESS, DONE, LATE = "not_started", "in_progress", "done", "late"
MILESTONE_STATES = (NOT_STARTED, IN_PROGRESS, DONE, LATE)
ON_SCHEDULE = "on_schedule"
TASK_STATES = (ON_SCHEDULE, LATE, DONE)


@dataclass(frozen=True)
class MilestoneFacts:
    """What the rule needs of one milestone: when it is due and what was last reported."""

    due: dt.date
    state: str | None = None  # None: nothing reported yet (as 未开始)
    done_on: dt.date | None = None


def is_overdue(milestone: MilestoneFacts, today: dt.date) -> bool:
    """Past its due date and not done."""
    return milestone.state != DONE and milestone.due < today


def is_late(milestone: MilestoneFacts, today: dt.date) -> bool:
    """Overdue, or reported 滞后 by its department (before its date, too)."""
    return milestone.state == LATE or is_overdue(milestone, today)


def task_state(milestones: Iterable[MilestoneFacts], today: dt.date) -> str | None:
    """``done``, ``late`` or ``on_schedule`` by the rule above; None without milestones."""
    facts = list(milestones)
    if not facts:
        return None
    if all(m.state == DONE for m in facts):
        return DONE
    if any(is_late(m, today) for m in facts):
        return LATE
    return ON_SCHEDULE
