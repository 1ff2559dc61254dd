"""Who may read and manage accounts, registered with the one policy (core.rules)."""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL, Role
from planwatch.web.core.rules import may_manage_users, role_of, rule


@rule("accounts.evaluationnote")
def _note(user, action):
    role = role_of(user)
    if action == "view":
        return role in READ_ALL
    if action == "change":
        return role in (READ_ALL - {Role.LEADER}) and Q(author_id=user.pk)
    return False


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
