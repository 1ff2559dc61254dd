"""Who may read and write evaluators' notes and third-party evaluations, registered with the
one policy (core.rules)."""

from __future__ import annotations

from django.db.models import Q

from planwatch.web.core.roles import MANAGE, READ_ALL, Role
from planwatch.web.core.rules import role_of, rule
from planwatch.web.evaluation.models.commission import OPEN_STATES


@rule("evaluation.evaluationnote", personal=True)
def _note(user, action):
    role = role_of(user)
    if action == "view":
        return role in READ_ALL
    if action == "change":
        return role in (READ_ALL - {Role.LEADER}) and Q(author_id=user.pk)
    return False


# -- third-party evaluation: the coordinator commissions, the evaluator alone judges ---------


def on_my_commission(user, prefix: str = "") -> Q:
    """Rows of commissions ``user`` is an evaluator on."""
    return Q(
        **{
            f"{prefix}evaluators__user_id": user.pk,
            f"{prefix}evaluators__deleted_at__isnull": True,
        }
    )


def _oversees(role) -> bool:
    """The coordinator's side and leaders read every commission and what evaluators wrote."""
    return role in (MANAGE | {Role.LEADER})


@rule("evaluation.commission", personal=True)
def _commission(user, action):
    role = role_of(user)
    if action == "view":
        return True if _oversees(role) else role == Role.EVALUATOR and on_my_commission(user)
    if action == "change":
        return role in MANAGE
    return False


@rule("evaluation.commissionevaluator", personal=True)
def _commission_evaluator(user, action):
    role = role_of(user)
    if action == "view":
        if _oversees(role):
            return True
        return role == Role.EVALUATOR and on_my_commission(user, "commission__")
    if action == "change":
        return role in MANAGE
    return False


def _evaluators_own(user, action):
    """Verdicts and evidence: read by those who oversee; written only by the commission's
    evaluators while it is open — never by the coordinator (the judgement is independent)."""
    role = role_of(user)
    if action == "view":
        if _oversees(role):
            return True
        return role == Role.EVALUATOR and on_my_commission(user, "commission__")
    if action == "change":
        return role == Role.EVALUATOR and (
            on_my_commission(user, "commission__") & Q(commission__state__in=OPEN_STATES)
        )
    return False


rule("evaluation.thirdpartyverdict", personal=True)(_evaluators_own)
rule("evaluation.evaluatorevidence", personal=True)(_evaluators_own)
