"""The scorecard's milestone facts: of the milestones a department owns that fall due in the
year, how many were done by their date (the roadmap's latest report up to the year's round)."""

from __future__ import annotations

from planwatch.web.roadmap import services as roadmap
from planwatch.web.roadmap.choices import MilestoneState
from planwatch.web.roadmap.models import Milestone
from planwatch.web.supervision.services.scorecard import add_facts, yearly_round


def milestone_facts(plan, year: int, facts) -> None:
    """Fill ``facts[department id].extra["milestones"] = (met, due)``."""
    due = list(Milestone.objects.filter(plan=plan, due__year=year))
    round = yearly_round(plan, year)
    latest = roadmap.latest_reports(due, up_to=round) if round else roadmap.latest_reports(due)
    counts: dict[int, list[int]] = {}
    for milestone in due:
        count = counts.setdefault(milestone.department_id, [0, 0])
        count[1] += 1
        report = latest.get(milestone.pk)
        done = report is not None and report.state == MilestoneState.DONE
        if done and (report.done_on is None or report.done_on <= milestone.due):
            count[0] += 1
    for department_id, (met, total) in counts.items():
        if department_id in facts:
            facts[department_id].extra["milestones"] = (met, total)


def register() -> None:
    add_facts("milestones", milestone_facts)
