"""The daily reminders ``planwatch remind`` asks for: deadlines near, duties overdue.

For each open round whose deadline is one of ``settings.REMIND_DAYS`` days away, every reporter
of a department with duties not yet submitted is reminded; past the deadline, they are told it
is overdue, and the coordinators get one count of all that is missing. The key names the
round, the person and the day: a reminder goes once per person, round and day, however often
the command runs and however many workers take the task.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.urls import reverse

from planwatch.web.notifications import course, milestones
from planwatch.web.notifications.choices import Kind
from planwatch.web.notifications.delivery import deliver, retry_unsent
from planwatch.web.notifications.recipients import coordinators, reporters_of
from planwatch.web.reporting.services.duties import open_rounds, round_duties


def send_reminders(day: dt.date) -> int:
    written = 0
    plans = set()
    for round in open_rounds().order_by("deadline", "pk"):
        plans.add(round.plan_id)
        days = (round.deadline - day).days
        if days in settings.REMIND_DAYS:
            kind = Kind.DEADLINE
        elif days < 0:
            kind = Kind.OVERDUE
        else:
            continue
        missing = Counter(d.department.pk for d in round_duties(round, today=day) if not d.done)
        if not missing:
            continue
        url = reverse("reporting:round", args=[round.pk])
        common = {"round": round.name, "deadline": round.deadline.isoformat(), "days": days}
        for user in reporters_of(missing):
            params = {**common, "count": missing[user.department_id]}
            key = f"{kind}:r{round.pk}:u{user.pk}:{day.isoformat()}"
            written += deliver(user, kind, key, params, url) is not None
        if kind == Kind.OVERDUE:
            params = {
                **common,
                "variant": "all",
                "count": sum(missing.values()),
                "departments": len(missing),
            }
            for user in coordinators():
                key = f"{kind}:r{round.pk}:all:u{user.pk}:{day.isoformat()}"
                written += deliver(user, kind, key, params, url) is not None
    # Dates move verdicts too: a key project passes its planned completion unfinished.
    for plan_id in sorted(plans):
        written += course.check(plan_id, today=day)
    written += milestones.remind_overdue(day)
    retry_unsent()
    return written
