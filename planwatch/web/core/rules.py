"""The access policy's registry: who may do what to which rows.

``Model.objects.restrict(user, action)`` calls :func:`scope`, which asks the rule registered for
the model and returns only the rows allowed. Views, the API and exports all go through it, so a
template that forgot a check still cannot show or change a forbidden row. Each app registers
the rules for its own models in its ``rules.py``, imported by its AppConfig at start-up.

Actions: ``view``; ``change`` (edit, soft-delete); ``report`` (enter figures or progress for an
item or task); ``submit``; ``review`` (approve or return). Roles are in core.roles; the
anonymous public sees only what the coordinator has published.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from planwatch.web.core.roles import READ_ALL, Role

#: A rule answers True (all rows), False (none) or a Q filter.
Rule = Callable[[object, str], "bool | Q"]
RULES: dict[str, Rule] = {}
#: Rules whose answers name one person (their own account, their own notes): rows never shown
#: on a page shared between users, so they are left out of the cache scope (core.fragments).
PERSONAL: set[str] = set()

ACTIONS = frozenset({"view", "change", "report", "submit", "review"})


def scope(queryset: QuerySet, user, action: str) -> QuerySet:
    rule = RULES.get(queryset.model._meta.label_lower)
    if rule is None:
        raise LookupError(f"no access rule for {queryset.model._meta.label}")
    allowed = decide(rule, user, action)
    if allowed is True:
        return queryset
    if allowed is False:
        return queryset.none()
    return queryset.filter(allowed)


def decide(rule: Rule, user, action: str) -> bool | Q:
    """The rule's answer for one user and action (True, False or a Q filter)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(sorted(ACTIONS))}")
    return rule(user, action)


def rule_for(label: str) -> Rule:
    """The rule registered for ``app_label.model``."""
    return RULES[label]


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


def rule(label: str, *, personal: bool = False):
    def register(fn: Rule) -> Rule:
        RULES[label] = fn
        if personal:
            PERSONAL.add(label)
        return fn

    return register


def published(prefix: str = "") -> Q:
    """Rows of plans the coordinator has published (what the public sees)."""
    return Q(**{f"{prefix}is_published": True})


def confirmed(plan_prefix: str = "") -> Q:
    """Rows of plans whose import the coordinator has confirmed."""
    return Q(**{f"{plan_prefix}confirmed_at__isnull": False})


def may_manage_users(user) -> bool:
    """Only the administrator creates accounts, sets roles and departments, deactivates."""
    return role_of(user) == Role.ADMINISTRATOR


# -- the change log (the history app sits below core and knows no roles) --------------------


@rule("history.changerecord")
def _change_record(user, action):
    role = role_of(user)
    if action != "view" or role is None:
        return False
    if role in READ_ALL:
        return True
    return Q(user__department_id=user.department_id)
