"""Evaluation's part of a plan's page (plans.overview): links to the evaluators' notes and the
report downloads, for those who review or evaluate, at the page's year."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from planwatch.web.core.roles import REVIEW, Role
from planwatch.web.core.rules import role_of
from planwatch.web.plans.overview import Part, contribute


def overview_part(request, plan, shared: dict) -> Part:
    if role_of(request.user) not in REVIEW | {Role.EVALUATOR}:
        return Part()
    downloads = reverse("evaluation:downloads", args=[plan.pk])
    if shared.get("year"):
        downloads += "?" + urlencode({"year": shared["year"]})
    return Part(
        links=(
            (_("评估意见"), reverse("evaluation:notes", args=[plan.pk])),
            (_("评估报告下载"), downloads),
            (_("第三方评估"), reverse("evaluation:commissions", args=[plan.pk])),
        )
    )


def register() -> None:
    contribute("evaluation", 20, overview_part)
