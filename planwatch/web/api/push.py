"""Pushing a figure: find the plan, item and round it names, then let the workflow record it.

The workflow service (``reporting.services.workflow``) decides who may record, submit and
approve; this module only resolves codes to rows and turns its answers into API errors.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, ValidationError

from planwatch.web.api.errors import AlreadyReported
from planwatch.web.api.permissions import REFUSALS
from planwatch.web.api.serializers.reporting import check_unit
from planwatch.web.core.rules import allowed
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound
from planwatch.web.reporting.services import workflow


def push_observation(user, attrs: dict, *, period_given: bool) -> tuple[Observation, bool]:
    """Record one validated push; return the observation and whether it was created."""
    plan = Plan.objects.restrict(user, "view").filter(pk=attrs["plan"]).first()
    if plan is None:
        raise ValidationError({"plan": [_("规划不存在或您无权查看。")]})
    item = MeasurableItem.objects.filter(plan=plan, code=attrs["item"]).first()
    if item is None:
        raise ValidationError(
            {"item": [_("该规划中没有编码为“%(code)s”的指标。") % {"code": attrs["item"]}]}
        )
    check_unit(attrs, item, attrs["year"])
    round = _round(user, plan, attrs, period_given=period_given)
    existing = Observation.objects.filter(
        item=item, year=attrs["year"], period=round.period
    ).first()
    if existing is not None and attrs.get("version") is None:
        if not allowed(user, "change", existing):
            raise PermissionDenied(REFUSALS["change"])
        raise AlreadyReported(existing)
    try:
        with transaction.atomic():
            observation = record_figures(user, round, item, attrs, year=attrs["year"])
            wanted = attrs.get("status", ReviewStatus.DRAFT)
            if wanted in (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED):
                workflow.submit(user, [observation])
            if wanted == ReviewStatus.APPROVED:
                workflow.approve(user, [observation])
    except IntegrityError:
        # Someone created the same figure between our look and our write.
        existing = Observation.objects.filter(
            item=item, year=attrs["year"], period=round.period
        ).first()
        if existing is None:
            raise
        raise AlreadyReported(existing) from None
    return observation, existing is None


def record_figures(user, round: ReportingRound, item: MeasurableItem, attrs: dict, *, year: int):
    """The workflow's ``record_observation`` with the pushed or edited figures."""
    return workflow.record_observation(
        user,
        round,
        item,
        value=attrs["value"],
        year=year,
        unit=attrs.get("unit", ""),
        source=attrs.get("source", ""),
        note=attrs.get("note", ""),
        expected_version=attrs.get("version"),
        reason=attrs.get("reason", ""),
        basis=attrs.get("basis"),
        confirmed=attrs.get("confirmed", False),
    )


def _round(user, plan: Plan, attrs: dict, *, period_given: bool) -> ReportingRound:
    rounds = ReportingRound.objects.restrict(user, "view").filter(plan=plan)
    if attrs.get("round") is not None:
        round = rounds.filter(pk=attrs["round"]).first()
        if round is None:
            raise ValidationError({"round": [_("该规划没有这个报送轮次。")]})
        if period_given and attrs["period"] != round.period:
            raise ValidationError({"period": [_("周期与报送轮次的周期不一致。")]})
        return round
    round = rounds.filter(year=attrs["year"], period=attrs["period"]).first()
    if round is None:
        raise ValidationError(
            {
                "round": [
                    _("该规划没有 %(year)s 年（%(period)s）的报送轮次，请指定 round。")
                    % {"year": attrs["year"], "period": attrs["period"]}
                ]
            }
        )
    return round
