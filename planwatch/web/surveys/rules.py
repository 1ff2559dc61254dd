"""Who may read, build and moderate questionnaires, registered with the one policy (core.rules).

The public sees published questionnaires of published plans, their counts, and free text only
once approved; those who read everything see all; coordinators build and moderate.
"""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL
from planwatch.web.core.rules import role_of, rule
from planwatch.web.portal.choices import FeedbackStatus
from planwatch.web.surveys.models import QuestionKind


def public(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_published": True, f"{prefix}plan__is_published": True})


def _built(prefix: str):
    def decide(user, action):
        role = role_of(user)
        if action == "view":
            return True if role in READ_ALL else public(prefix)
        return action == "change" and role in MANAGE

    return decide


rule("surveys.survey")(_built(""))
rule("surveys.question")(_built("survey__"))


@rule("surveys.response")
def _response(user, action):
    role = role_of(user)
    if action == "view":
        return True if role in READ_ALL else public("survey__")
    return False  # an answer sent in is never edited


@rule("surveys.answer")
def answer_rule(user, action):
    role = role_of(user)
    if action == "view":
        if role in READ_ALL:
            return True
        shown = ~Q(question__kind=QuestionKind.TEXT) | Q(status=FeedbackStatus.APPROVED)
        return public("response__survey__") & shown
    if action in ("review", "change"):
        return role in MANAGE
    return False
