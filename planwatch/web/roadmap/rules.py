"""Who may read and change milestones and the round's milestone and project reports.

Everyone signed in who reads all reads all; a reporter reads the milestones of the tasks
assigned to the department and of its own projects, and changes only the milestones (and the
reports) its department owns, the reports while the round is open and they are drafts or
returned; it submits them and the coordinator approves or returns them, as figures. The
public reads the roadmaps of published plans and the reports of published rounds.
"""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL, REVIEW, Role
from planwatch.web.core.rules import published, role_of, rule
from planwatch.web.plans.rules import assigned
from planwatch.web.reporting.choices import EDITABLE, ReviewStatus, RoundStatus


def _own_or_assigned(user, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}department_id": user.department_id})
        | assigned(user, f"{prefix}task__", kind="task")
        | Q(**{f"{prefix}project__department_id": user.department_id})
    )


@rule("roadmap.milestone")
def _milestone(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("plan__")
        return True if role in READ_ALL else role == Role.REPORTER and _own_or_assigned(user)
    if action in ("change", "report"):
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(department_id=user.department_id)
    return False


def _round_public(prefix: str = "round__") -> Q:
    return Q(**{f"{prefix}is_published": True, f"{prefix}plan__is_published": True})


@rule("roadmap.milestonereport")
def _milestone_report(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return _round_public()
        if role in READ_ALL:
            return True
        return role == Role.REPORTER and _own_or_assigned(user, "milestone__")
    if action == "review":  # as figures: the coordinator, a submission on a live milestone
        return role in REVIEW and Q(
            status=ReviewStatus.SUBMITTED, milestone__deleted_at__isnull=True
        )
    if action in ("change", "report", "submit"):
        if role in MANAGE:
            # Coordinators may correct approved reports too: versioned and attributed.
            return True if action == "change" else Q(status__in=list(EDITABLE))
        return role == Role.REPORTER and Q(
            milestone__department_id=user.department_id,
            round__status=RoundStatus.OPEN,
            status__in=list(EDITABLE),
        )
    return False


@rule("roadmap.projectreport")
def _project_report(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return _round_public()
        if role in READ_ALL:
            return True
        return role == Role.REPORTER and Q(project__department_id=user.department_id)
    if action in ("change", "report"):
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(
            project__department_id=user.department_id, round__status=RoundStatus.OPEN
        )
    return False
