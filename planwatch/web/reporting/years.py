"""A plan's years, in one place: its period, the year a page opens at, and a year read from a URL.

Every page, the API and the downloads use these, so the same plan opens at the same year
everywhere and a bad ``?year=`` is the same 400 with a Chinese message everywhere.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext as _

from planwatch.web.plans.models import Plan
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound


class YearError(ValueError):
    """A year the request asked for that is not a year of the plan (answer: 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def period(plan: Plan) -> tuple[int, int] | None:
    """First and last year of the plan period (2021–2025 for a plan based on 2020)."""
    if plan.base_year is None or plan.target_year is None or plan.target_year <= plan.base_year:
        return None
    return plan.base_year + 1, plan.target_year


def years(plan: Plan) -> list[int]:
    """The years of the period, first to last (none without a period)."""
    span = period(plan)
    return list(range(span[0], span[1] + 1)) if span else []


def default_year(plan: Plan, user) -> int | None:
    """The year a page opens at: the latest with an approved figure ``user`` may see, else the
    latest round ``user`` may see, else the first year; kept inside the period."""
    latest = (
        Observation.objects.restrict(user, "view")
        .filter(item__plan=plan, status=ReviewStatus.APPROVED)
        .aggregate(Max("year"))["year__max"]
    )
    if latest is None:
        latest = (
            ReportingRound.objects.restrict(user, "view")
            .filter(plan=plan)
            .aggregate(Max("year"))["year__max"]
        )
    span = period(plan)
    if span is None:
        return latest
    return min(max(latest or span[0], span[0]), span[1])


def parse_year(raw: str | None, plan: Plan | None = None) -> int | None:
    """The year in ``raw`` (None when blank); YearError when it is not a four-digit year, or
    not a year of ``plan``'s period."""
    text = (raw or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise YearError(_("年份应为四位数字，如 2023。"))
    year = int(text)
    span = period(plan) if plan is not None else None
    if span and not span[0] <= year <= span[1]:
        raise YearError(
            _("%(year)s 年不在规划期 %(first)s–%(last)s 年内。")
            % {"year": year, "first": span[0], "last": span[1]}
        )
    return year


def year_asked(raw: str | None, plan: Plan, user) -> int | None:
    """The year asked for in the request, else the default year (YearError for a bad one)."""
    year = parse_year(raw, plan)
    return year if year is not None else default_year(plan, user)
