"""Who may read and change plan content, registered with the one policy (core.rules).

Managers read and change all; others read only confirmed plans' content; the public reads
published plans; reporters read the items and tasks assigned to their department.
"""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, Role
from planwatch.web.core.rules import confirmed, published, role_of, rule
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment


def assigned(user, prefix: str, *, lead_only: bool = False, kind: str = "item") -> Q:
    """Rows whose item (or task) at ``prefix`` is assigned to the user's department."""
    assignments = Assignment.objects.filter(department_id=user.department_id)
    if lead_only:
        assignments = assignments.filter(role=AssignmentRole.LEAD)
    ids = assignments.filter(**{f"{kind}__isnull": False}).values(f"{kind}_id")
    return Q(**{f"{prefix}pk__in" if prefix else "pk__in": ids})


def _content_rule(plan_prefix: str, *, reporter_view=None):
    """Plan content: managers read and change all; others read only confirmed plans' content.

    A draft import is the coordinator's business: its items, tasks and headings stay hidden
    from leaders, evaluators and reporters exactly as the plan itself does.
    """

    def decide(user, action: str):
        role = role_of(user)
        if action == "view":
            if role is None:
                return published(plan_prefix)
            if role in MANAGE:
                return True
            if role == Role.REPORTER and reporter_view is not None:
                return confirmed(plan_prefix) & reporter_view(user)
            return confirmed(plan_prefix)
        return action == "change" and role in MANAGE

    return decide


rule("plans.plan")(_content_rule(""))
rule("plans.node")(_content_rule("plan__"))


@rule("plans.department")
def _department(user, action):
    if action == "view":
        return True  # names of departments are public (the 任务分工表 is published)
    return action == "change" and role_of(user) in MANAGE


@rule("plans.measurableitem")
def _item(user, action):
    role = role_of(user)
    if action == "report":
        if role in MANAGE:
            return True
        return role == Role.REPORTER and assigned(user, "", lead_only=True)
    return _content_rule("plan__", reporter_view=lambda u: assigned(u, ""))(user, action)


@rule("plans.task")
def _task(user, action):
    role = role_of(user)
    if action == "report":
        if role in MANAGE:
            return True
        return role == Role.REPORTER and assigned(user, "", kind="task")
    return _content_rule("plan__", reporter_view=lambda u: assigned(u, "", kind="task"))(
        user, action
    )


@rule("plans.assignment")
def _assignment(user, action):
    return _content_rule("plan__", reporter_view=lambda u: Q(department_id=u.department_id))(
        user, action
    )
