"""What the pages, the dashboard panel and the reports show of the plan's major projects:
each year's rates and the projects off schedule (planwatch.assess.projects does the sums)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from planwatch.assess import projects as rule
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services.assessment import current_language
from planwatch.web.roadmap import services
from planwatch.web.roadmap.register import plan_years


@dataclass
class Flagged:
    project: object
    reasons: list[str]


@dataclass
class ProjectSummary:
    projects: list
    rates: list[rule.ProjectRates]
    flagged: list[Flagged]

    @property
    def current(self) -> rule.ProjectRates | None:
        return self.rates[-1] if self.rates else None


def project_summary(plan, user, today: dt.date, *, year: int | None = None) -> ProjectSummary:
    """Rates for every year of the period up to ``year`` (default: the latest round's year, not
    after today's), and which projects are off schedule today."""
    pairs = services.plan_projects(plan, user)
    facts = [f for _p, f in pairs]
    years = plan_years(plan)
    reported = ReportingRound.objects.filter(plan=plan).aggregate(n=Max("year"))["n"]
    last = year or min(today.year, reported or today.year)
    shown = [y for y in years if y <= last] or [last]
    rates = [rule.project_rates(facts, y) for y in shown]
    flagged = []
    language = current_language()  # the reasons in the reader's language
    for project, f in pairs:
        reasons = rule.off_schedule(f, today)
        project.facts = f
        project.off_reasons = [rule.reason_text(r, language) for r in reasons]
        if reasons:
            flagged.append(Flagged(project, project.off_reasons))
    return ProjectSummary([p for p, _f in pairs], rates, flagged)
