"""Who may read and write evaluators' notes, registered with the one policy (core.rules)."""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import READ_ALL, Role
from planwatch.web.core.rules import role_of, rule


@rule("evaluation.evaluationnote", personal=True)
def _note(user, action):
    role = role_of(user)
    if action == "view":
        return role in READ_ALL
    if action == "change":
        return role in (READ_ALL - {Role.LEADER}) and Q(author_id=user.pk)
    return False
