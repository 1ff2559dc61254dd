"""Who may read, enter, submit and review reported data, registered with the one policy.

Observations and progress reports go draft → submitted → approved; the public sees approved
figures of published rounds of published plans; reporters see and enter their department's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL, REVIEW, Role
from planwatch.web.core.rules import RULES, confirmed, published, role_of, rule
from planwatch.web.plans.rules import assigned
from planwatch.web.reporting.choices import EDITABLE, ReviewStatus, RoundStatus
from planwatch.web.reporting.models.annual_target import TargetState


def _open_and_editable(prefix: str = "") -> Q:
    return Q(**{f"{prefix}round__status": RoundStatus.OPEN, f"{prefix}status__in": list(EDITABLE)})


@rule("reporting.reportinground")
def _round(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return Q(is_published=True, plan__is_published=True)
        return True if role in MANAGE else confirmed("plan__")
    return action == "change" and role in MANAGE


def _reviewed_rule(
    reporter_view: Callable[[object], Q], reporter_edit: Callable[[object], Q], target: str
):
    """Observations and progress reports: draft → submitted → approved, by role.

    A submission on an item or task that a re-import removed (soft-deleted, ``target``) is kept
    as an archive but is no longer reviewable: approving it would publish a figure of nothing.
    """

    def decide(user, action):
        role = role_of(user)
        if role is None:
            return action == "view" and Q(
                status=ReviewStatus.APPROVED,
                round__is_published=True,
                round__plan__is_published=True,
            )
        if action == "view":
            return True if role in READ_ALL else role == Role.REPORTER and reporter_view(user)
        if action == "review":
            return role in REVIEW and Q(
                status=ReviewStatus.SUBMITTED, **{f"{target}__deleted_at__isnull": True}
            )
        if action in ("change", "report", "submit"):
            if role in MANAGE:
                # Coordinators may correct approved figures too: versioned and attributed.
                return True if action == "change" else Q(status__in=list(EDITABLE))
            return role == Role.REPORTER and (_open_and_editable() & reporter_edit(user))
        return False

    return decide


# Support departments see the figures of items they help with; the lead department enters them.
RULES["reporting.observation"] = _reviewed_rule(
    reporter_view=lambda u: assigned(u, "item__"),
    reporter_edit=lambda u: assigned(u, "item__", lead_only=True),
    target="item",
)
# Every assigned department (lead or support) reports its own progress on a task.
_own_progress = lambda u: Q(department_id=u.department_id) & assigned(u, "task__", kind="task")  # noqa: E731
RULES["reporting.taskprogress"] = _reviewed_rule(
    reporter_view=_own_progress, reporter_edit=_own_progress, target="task"
)


@rule("reporting.evidence")
def _evidence(user, action):
    role = role_of(user)
    if role is None:
        return False
    if action == "view":
        return True if role in READ_ALL else Q(progress__department_id=user.department_id)
    if action == "change":
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(
            progress__department_id=user.department_id,
            progress__round__status=RoundStatus.OPEN,
            progress__status__in=list(EDITABLE),
        )
    return False


@rule("reporting.keyproject")
def _key_project(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("plan__")
        return True if role in READ_ALL else Q(department_id=user.department_id)
    if action in ("change", "report"):
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(department_id=user.department_id)
    return False


@rule("reporting.manualverdict")
def _verdict(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("item__plan__")
        return True if role in READ_ALL else assigned(user, "item__")
    return action == "change" and role in MANAGE


@rule("reporting.referencefigure")
def _reference_figure(user, action):
    """As manual verdicts: the coordinator records them; who may see the item sees them."""
    return _verdict(user, action)


# Annual targets: the coordinator proposes, edits and approves ("review"); the lead department
# confirms a proposal ("submit"); the public sees approved targets of published plans.
@rule("reporting.annualtarget")
def _annual_target(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("item__plan__") & Q(state=TargetState.APPROVED)
        return True if role in READ_ALL else assigned(user, "item__")
    if action == "change":
        return role in MANAGE
    if action == "submit":  # confirm a proposal
        if role in MANAGE:
            return Q(state=TargetState.PROPOSED)
        return role == Role.REPORTER and (
            Q(state=TargetState.PROPOSED) & assigned(user, "item__", lead_only=True)
        )
    if action == "review":  # approve: the coordinator only
        return role in MANAGE and Q(state__in=[TargetState.PROPOSED, TargetState.CONFIRMED])
    return False


# Shares: the coordinator sets them up; the department a share names reports its figures.
@rule("reporting.targetshare")
def _target_share(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("item__plan__")
        if role in READ_ALL:
            return True
        return role == Role.REPORTER and (
            Q(department_id=user.department_id) | assigned(user, "item__")
        )
    if action == "change":
        return role in MANAGE
    if action == "report":
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(department_id=user.department_id)
    return False


@rule("reporting.sharefigure")
def _share_figure(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("share__item__plan__")
        if role in READ_ALL:
            return True
        return role == Role.REPORTER and (
            Q(share__department_id=user.department_id) | assigned(user, "share__item__")
        )
    if action in ("change", "report"):
        if role in MANAGE:
            return True
        return role == Role.REPORTER and Q(share__department_id=user.department_id)
    return False
