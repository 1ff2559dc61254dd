"""Milestone reports in reporting's review cycle (reporting.reviewables): the department
submits them with its other drafts, the coordinator approves or returns them in the round's
review queue; only approved reports set a task's state (methodology §16a)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from planwatch.web.reporting import reviewables
from planwatch.web.roadmap.models import MilestoneReport


def subject(report: MilestoneReport) -> str:
    m = report.milestone
    return _("节点 %(owner)s：%(what)s") % {"owner": m.owner_code, "what": m.what}


def content(report: MilestoneReport) -> str:
    shown = report.get_state_display()
    if report.done_on:
        shown += _("（%(date)s 完成）") % {"date": report.done_on.isoformat()}
    if report.note:
        shown += f" {report.note[:120]}"
    return shown


def register() -> None:
    reviewables.register(
        reviewables.Reviewable(
            key="milestone",
            model=MilestoneReport,
            subject=subject,
            content=content,
            department_field="milestone__department_id",
            search_fields=(
                "milestone__what",
                "milestone__task__code",
                "milestone__task__title",
                "milestone__project__code",
                "milestone__project__name",
                "milestone__department__name",
            ),
            related=(
                "milestone__task",
                "milestone__project",
                "milestone__department",
                "submitted_by",
                "round",
            ),
        )
    )
