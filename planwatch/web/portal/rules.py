"""Who may read and moderate public feedback, registered with the one policy (core.rules).

Everybody — the public included — reads approved comments on published plans; those who read
everything also see the queue; coordinators (and administrators) approve or reject.
"""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL
from planwatch.web.core.rules import role_of, rule
from planwatch.web.portal.choices import FeedbackStatus


@rule("portal.feedback")
def feedback_rule(user, action: str):
    role = role_of(user)
    if action == "view":
        if role in READ_ALL:
            return True
        return Q(status=FeedbackStatus.APPROVED, plan__is_published=True)
    if action in ("review", "change"):
        return role in MANAGE
    return False


def _coordinator_published(plan_prefix: str):
    """Coordinator-written portal content: the public reads what is ticked published on a
    published plan; those who read everything read it all; coordinators change it."""

    def decide(user, action: str):
        role = role_of(user)
        if action == "view":
            if role in READ_ALL:
                return True
            return Q(is_published=True, **{f"{plan_prefix}is_published": True})
        return action == "change" and role in MANAGE

    return decide


rule("portal.itemmetadata")(_coordinator_published("item__plan__"))
rule("portal.portalbranding")(_coordinator_published("plan__"))
