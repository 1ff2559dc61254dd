"""Who may read and change policies, their implementation reports and the scorecard.

Policies are plan content: the coordinator registers them; signed-in users read those of
confirmed plans; the public reads the issued ones of published plans. A policy's yearly
implementation report goes draft → submitted → approved like task progress, entered by the
issuing department. The scorecard's weights are set by the coordinator only; a department
reads its own adjustments, leaders and the coordinator all of them.
"""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL, Role
from planwatch.web.core.rules import RULES, confirmed, published, role_of, rule
from planwatch.web.reporting.rules import _reviewed_rule
from planwatch.web.supervision.choices import IN_FORCE


@rule("supervision.policy")
def _policy(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return published("plan__") & Q(status__in=list(IN_FORCE))
        return True if role in MANAGE else confirmed("plan__")
    return action == "change" and role in MANAGE


_own = lambda u: Q(department_id=u.department_id)  # noqa: E731
RULES["supervision.policyreport"] = _reviewed_rule(
    reporter_view=_own, reporter_edit=_own, target="policy"
)


@rule("supervision.scorecardweights")
def _weights(user, action):
    role = role_of(user)
    if action == "view":
        return role is not None  # the weights are documented to everyone who is scored
    return action == "change" and role in MANAGE


@rule("supervision.scoreadjustment")
def _adjustment(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return False
        return True if role in READ_ALL else Q(department_id=user.department_id)
    return action == "change" and role in MANAGE


def sees_every_department(user) -> bool:
    """Leaders, evaluators and the coordinator read the whole ranking; a department its own."""
    return role_of(user) in READ_ALL


def is_department(user) -> bool:
    return role_of(user) == Role.REPORTER and getattr(user, "department_id", None) is not None
