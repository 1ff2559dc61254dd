"""Overdue milestones (roadmap.services.overdue_milestones): the owner department's reporters
are told once per milestone, the day after it falls due unreported as done."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from planwatch.web.notifications.choices import Kind
from planwatch.web.notifications.delivery import deliver
from planwatch.web.notifications.recipients import reporters_of
from planwatch.web.roadmap.services import overdue_milestones


def remind_overdue(day: dt.date) -> int:
    written = 0
    for milestone in overdue_milestones(today=day):
        owner = milestone.task or milestone.project
        if milestone.task_id:
            subject = f"{owner.code} {owner.title}"
            url = reverse("roadmap:task", args=[milestone.plan_id, owner.code])
        else:
            subject = owner.name
            url = reverse("roadmap:project", args=[milestone.plan_id, owner.pk])
        params = {
            "plan": milestone.plan.title,
            "subject": subject,
            "what": milestone.what,
            "due": milestone.due.isoformat(),
        }
        for user in reporters_of([milestone.department_id]):
            # Once per milestone and person (a new due date is a new reminder).
            key = f"{Kind.MILESTONE_OVERDUE}:m{milestone.pk}:{milestone.due}:u{user.pk}"
            written += deliver(user, Kind.MILESTONE_OVERDUE, key, params, url) is not None
    return written
