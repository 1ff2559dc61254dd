"""Who may read notices and settings, registered with the one policy (core.rules): each
person only their own (personal rules: never part of a shared page's cache scope)."""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.rules import role_of, rule


def _own(field: str):
    def decide(user, action):
        if role_of(user) is None or action not in ("view", "change"):
            return False
        return Q(**{field: user.pk})

    return decide


rule("notifications.notification", personal=True)(_own("recipient_id"))
rule("notifications.preference", personal=True)(_own("user_id"))
