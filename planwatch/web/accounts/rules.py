"""Who may read and manage accounts, registered with the one policy (core.rules)."""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import may_manage_users, role_of, rule


@rule("accounts.user", personal=True)
def _user(user, action):
    role = role_of(user)
    if role is None:
        return False
    if may_manage_users(user):
        return action in ("view", "change")
    if action == "view" and role in MANAGE:
        return True
    return action == "view" and Q(pk=user.pk)
