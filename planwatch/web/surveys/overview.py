"""Surveys' part of a plan's page (plans.overview): the questionnaires, for those who read all."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from planwatch.web.core.roles import READ_ALL
from planwatch.web.core.rules import role_of
from planwatch.web.plans.overview import Part, contribute


def overview_part(request, plan, shared: dict) -> Part:
    if role_of(request.user) not in READ_ALL:
        return Part()
    return Part(links=((_("公众评价问卷"), reverse("surveys:manage", args=[plan.pk])),))


def register() -> None:
    contribute("surveys", 25, overview_part)
