"""Turning events into notices: who is told what, under which delivery key.

Runs in the background worker (tasks.deliver_events). Each function reads the records anew —
the event says only what happened to which record — and builds one key per person and event,
so handling the same event twice (two workers, a retried task) writes nothing twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.urls import reverse

from planwatch.web.notifications import course
from planwatch.web.notifications.choices import Kind
from planwatch.web.notifications.delivery import deliver
from planwatch.web.notifications.recipients import coordinators, reporters_of
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.portal.models import Feedback
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services.duties import round_duties
from planwatch.web.roadmap.models import MilestoneReport

#: At most this many items are named in one notice; the rest are counted.
NAMED = 5


def handle(events: list[dict]) -> int:
    """Deliver the notices for a batch of events; the number written."""
    written = 0
    reviewed = [e for e in events if e["kind"] in ("approved", "returned")]
    if reviewed:
        written += reviews(reviewed)
    for event in events:
        if event["kind"] == "round_opened":
            written += round_opened(event["round"], event["change"])
        elif event["kind"] == "feedback":
            written += feedback_waiting(event["id"])
    for plan_id in sorted({e["plan"] for e in events if e["kind"] == "course"}):
        written += course.check(plan_id)
    return written


def round_opened(round_id: int, change_id: int) -> int:
    round = ReportingRound.objects.select_related("plan").filter(pk=round_id).first()
    if round is None or not round.is_open:
        return 0
    per_department = Counter(d.department.pk for d in round_duties(round))
    url = reverse("reporting:round", args=[round.pk])
    written = 0
    for user in reporters_of(per_department):
        params = {
            "round": round.name,
            "plan": round.plan.title,
            "deadline": round.deadline.isoformat(),
            "count": per_department[user.department_id],
        }
        key = f"round_opened:r{round.pk}:c{change_id}:u{user.pk}"
        written += deliver(user, Kind.ROUND_OPENED, key, params, url) is not None
    return written


def reviews(events: list[dict]) -> int:
    """One notice per department and decision for what was approved or returned together."""
    models = {
        "observation": Observation,
        "taskprogress": TaskProgress,
        "milestonereport": MilestoneReport,
    }
    groups: dict[tuple[str, int], list] = defaultdict(list)
    for event in events:
        model = models[event["model"]]
        record = model.objects.select_related("round").filter(pk=event["id"]).first()
        department = getattr(record, "department", None)
        if department is None:
            continue
        groups[(event["kind"], department.pk)].append((event["change"], record))
    written = 0
    for (kind, department_id), rows in groups.items():
        rows.sort(key=lambda row: row[0])
        records = [record for _, record in rows]
        names = [subject_of(r) for r in records[:NAMED]]
        if len(records) > NAMED:
            names.append(f"…（{len(records)}）")
        comments = sorted({r.review_comment.strip() for r in records if r.review_comment.strip()})
        params = {
            "count": len(records),
            "round": records[0].round.name,
            "subjects": "、".join(names),
            "comment": "；".join(comments)[:500],
        }
        url = reverse("reporting:round", args=[records[0].round_id])
        first_change = rows[0][0]
        for user in reporters_of([department_id]):
            key = f"{kind}:c{first_change}:d{department_id}:u{user.pk}"
            written += deliver(user, kind, key, params, url) is not None
    return written


def subject_of(record) -> str:
    if isinstance(record, Observation):
        return f"{record.item.code} {record.item.name}"
    if isinstance(record, MilestoneReport):
        return f"{record.milestone.owner_code} {record.milestone.what}"[:60]
    return f"{record.task.code} {record.task.title}"[:60]


def feedback_waiting(feedback_id: int) -> int:
    feedback = Feedback.objects.select_related("plan").filter(pk=feedback_id).first()
    if feedback is None or feedback.status != FeedbackStatus.PENDING:
        return 0
    params = {"plan": feedback.plan.title, "rating": feedback.rating}
    url = reverse("portal:moderation")
    written = 0
    for user in coordinators():
        key = f"feedback:f{feedback.pk}:u{user.pk}"
        written += deliver(user, Kind.FEEDBACK, key, params, url) is not None
    return written
