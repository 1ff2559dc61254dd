"""Who may do what to which rows — the whole access policy in one place.

``Model.objects.restrict(user, action)`` calls :func:`scope`, which asks the rule for the
model and returns only the rows allowed. Views, the API and exports all go through it, so a
template that forgot a check still cannot show or change a forbidden row.

Actions: ``view``; ``change`` (edit, soft-delete); ``report`` (enter figures or progress for an
item or task); ``submit``; ``review`` (approve or return). Roles are in accounts.roles; the
anonymous public sees only what the coordinator has published.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from planwatch.web.accounts.roles import MANAGE, READ_ALL, REVIEW, Role
from planwatch.web.reporting.choices import EDITABLE, ReviewStatus, RoundStatus

#: A rule answers True (all rows), False (none) or a Q filter.
Rule = Callable[[object, str], "bool | Q"]
RULES: dict[str, Rule] = {}

ACTIONS = frozenset({"view", "change", "report", "submit", "review"})


def scope(queryset: QuerySet, user, action: str) -> QuerySet:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(sorted(ACTIONS))}")
    rule = RULES.get(queryset.model._meta.label_lower)
    if rule is None:
        raise LookupError(f"no access rule for {queryset.model._meta.label}")
    allowed = rule(user, action)
    if allowed is True:
        return queryset
    if allowed is False:
        return queryset.none()
    return queryset.filter(allowed)


def allowed(user, action: str, obj) -> bool:
    """Whether ``user`` may ``action`` this one object."""
    return scope(type(obj)._base_manager.filter(pk=obj.pk), user, action).exists()


def role_of(user) -> str | None:
    """The user's role, or None for the anonymous public (and for inactive accounts)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    return user.role


def rule(label: str):
    def register(fn: Rule) -> Rule:
        RULES[label] = fn
        return fn

    return register


# -- helpers ---------------------------------------------------------------------------------


def _assigned(user, prefix: str, *, lead_only: bool = False, kind: str = "item") -> Q:
    """Rows whose item (or task) at ``prefix`` is assigned to the user's department."""
    from planwatch.web.plans.models import Assignment

    assignments = Assignment.objects.filter(department_id=user.department_id)
    if lead_only:
        assignments = assignments.filter(role="lead")
    ids = assignments.filter(**{f"{kind}__isnull": False}).values(f"{kind}_id")
    return Q(**{f"{prefix}pk__in" if prefix else "pk__in": ids})


def _published(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_published": True})


def _open_and_editable(prefix: str = "") -> Q:
    return Q(**{f"{prefix}round__status": RoundStatus.OPEN, f"{prefix}status__in": list(EDITABLE)})


def _confirmed(plan_prefix: str = "") -> Q:
    return Q(**{f"{plan_prefix}confirmed_at__isnull": False})


def _content_rule(plan_prefix: str, *, reporter_view: Q | None = None):
    """Plan content: managers read and change all; others read only confirmed plans' content.

    A draft import is the coordinator's business: its items, tasks and headings stay hidden
    from leaders, evaluators and reporters exactly as the plan itself does.
    """

    def decide(user, action: str):
        role = role_of(user)
        if action == "view":
            if role is None:
                return _published(plan_prefix)
            if role in MANAGE:
                return True
            if role == Role.REPORTER and reporter_view is not None:
                return _confirmed(plan_prefix) & reporter_view(user)
            return _confirmed(plan_prefix)
        return action == "change" and role in MANAGE

    return decide


# -- plan content ----------------------------------------------------------------------------


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
        return role == Role.REPORTER and _assigned(user, "", lead_only=True)
    return _content_rule("plan__", reporter_view=lambda u: _assigned(u, ""))(user, action)


@rule("plans.task")
def _task(user, action):
    role = role_of(user)
    if action == "report":
        if role in MANAGE:
            return True
        return role == Role.REPORTER and _assigned(user, "", kind="task")
    return _content_rule("plan__", reporter_view=lambda u: _assigned(u, "", kind="task"))(
        user, action
    )


@rule("plans.assignment")
def _assignment(user, action):
    return _content_rule("plan__", reporter_view=lambda u: Q(department_id=u.department_id))(
        user, action
    )


# -- reporting -------------------------------------------------------------------------------


@rule("reporting.reportinground")
def _round(user, action):
    role = role_of(user)
    if action == "view":
        if role is None:
            return Q(is_published=True, plan__is_published=True)
        return True if role in MANAGE else _confirmed("plan__")
    return action == "change" and role in MANAGE


def _reviewed_rule(reporter_view: Callable[[object], Q], reporter_edit: Callable[[object], Q]):
    """Observations and progress reports: draft → submitted → approved, by role."""

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
            return role in REVIEW and Q(status=ReviewStatus.SUBMITTED)
        if action in ("change", "report", "submit"):
            if role in MANAGE:
                # Coordinators may correct approved figures too: versioned and attributed.
                return True if action == "change" else Q(status__in=list(EDITABLE))
            return role == Role.REPORTER and (_open_and_editable() & reporter_edit(user))
        return False

    return decide


# Support departments see the figures of items they help with; the lead department enters them.
RULES["reporting.observation"] = _reviewed_rule(
    reporter_view=lambda u: _assigned(u, "item__"),
    reporter_edit=lambda u: _assigned(u, "item__", lead_only=True),
)
# Every assigned department (lead or support) reports its own progress on a task.
_own_progress = lambda u: Q(department_id=u.department_id) & _assigned(u, "task__", kind="task")  # noqa: E731
RULES["reporting.taskprogress"] = _reviewed_rule(
    reporter_view=_own_progress, reporter_edit=_own_progress
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
            return _published("plan__")
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
            return _published("item__plan__")
        return True if role in READ_ALL else _assigned(user, "item__")
    return action == "change" and role in MANAGE


# -- accounts and history --------------------------------------------------------------------


@rule("accounts.evaluationnote")
def _note(user, action):
    role = role_of(user)
    if action == "view":
        return role in READ_ALL
    if action == "change":
        return role in (READ_ALL - {Role.LEADER}) and Q(author_id=user.pk)
    return False


def may_manage_users(user) -> bool:
    """Only the administrator creates accounts, sets roles and departments, deactivates."""
    return role_of(user) == Role.ADMINISTRATOR


@rule("accounts.user")
def _user(user, action):
    role = role_of(user)
    if role is None:
        return False
    if may_manage_users(user):
        return action in ("view", "change")
    if action == "view" and role in MANAGE:
        return True
    return action == "view" and Q(pk=user.pk)


@rule("history.changerecord")
def _change_record(user, action):
    role = role_of(user)
    if action != "view" or role is None:
        return False
    if role in READ_ALL:
        return True
    return Q(user__department_id=user.department_id)
