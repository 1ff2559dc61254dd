"""Major projects (重大项目): 开工率、竣工率、投资完成率 of a year, and which are off schedule.

Plain arithmetic on plain facts, so the web system, the reports and a notebook count alike.
The rules (also in docs/methodology.md):

* **开工率** of year Y = projects planned to start by the end of Y that have started by then
  ÷ projects planned to start by the end of Y.
* **竣工率** of year Y = projects planned to finish by the end of Y that have finished by
  then ÷ projects planned to finish by the end of Y.
* **投资完成率** of year Y = investment completed in Y ÷ investment planned for Y, over the
  projects with an annual plan for Y (a project without a plan for Y counts in neither); a
  project with a plan but no reported figure counts as nothing invested, and a year in which
  none of them reported has no rate (its figures are still to come).
* **累计投资完成率** = cumulative investment to the end of Y ÷ total planned investment, over
  the projects whose total is known.

A rate whose denominator is zero is None (nothing was due), never 0 % or 100 %.

A project is **off schedule** on a day when it has not started though its planned start has
passed, has not finished though its planned finish has passed, its department reports it
滞后, or the investment completed in the year is below half the year's plan once the year is
over (:data:`INVESTMENT_SHORTFALL`).

The responsibility scorecard's 重大项目按期推进 counts, per department and year, the projects
under way in the year (:func:`under_way`) that were not off schedule at the year's end
(:func:`on_schedule_in_year`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from planwatch.errors import Text, text

#: Below this share of the year's planned investment, a finished year counts as off schedule.
INVESTMENT_SHORTFALL = 0.5

NOT_STARTED, NOT_FINISHED, REPORTED_LATE, UNDER_INVESTED = (
    "not_started",
    "not_finished",
    "reported_late",
    "under_invested",
)
#: Why a project is off schedule, by reason code: both languages (planwatch.errors.Text).
REASONS: dict[str, Text] = {
    NOT_STARTED: text(
        "projects.not_started",
        "超过计划开工时间未开工",
        "not started though its planned start has passed",
    ),
    NOT_FINISHED: text(
        "projects.not_finished",
        "超过计划竣工时间未竣工",
        "not finished though its planned finish has passed",
    ),
    REPORTED_LATE: text(
        "projects.reported_late", "责任部门报告进度滞后", "reported late by its department"
    ),
    UNDER_INVESTED: text(
        "projects.under_invested",
        "年度完成投资不足计划的一半",
        "less than half of the year's planned investment completed",
    ),
}
REASONS_ZH = {code: t.zh for code, t in REASONS.items()}
REASONS_EN = {code: t.en for code, t in REASONS.items()}


def reason_text(code: str, language: str | None = None) -> str:
    """The reason ``code`` in ``language`` (Chinese unless English is asked for)."""
    return REASONS[code].render(language)


@dataclass(frozen=True)
class ProjectFacts:
    """One project as the rules see it; amounts in one unit (亿元), years as ints."""

    name: str
    planned_start: dt.date | None = None
    planned_finish: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    total_investment: float | None = None
    planned_by_year: Mapping[int, float] = field(default_factory=dict)
    invested_by_year: Mapping[int, float] = field(default_factory=dict)
    #: Cumulative investment to the end of a year as reported (else the sum of the years).
    cumulative_by_year: Mapping[int, float] = field(default_factory=dict)
    reported_late: bool = False

    def cumulative(self, year: int) -> float | None:
        if year in self.cumulative_by_year:
            return self.cumulative_by_year[year]
        years = [y for y in self.invested_by_year if y <= year]
        return sum(self.invested_by_year[y] for y in years) if years else None


@dataclass(frozen=True)
class ProjectRates:
    year: int
    projects: int
    due_to_start: int
    started: int
    due_to_finish: int
    finished: int
    planned_investment: float
    invested: float
    #: Of the projects with a plan for the year, how many reported the year's investment.
    reported: int
    total_investment: float
    cumulative_invested: float

    @property
    def start_rate(self) -> float | None:
        return _share(self.started, self.due_to_start)

    @property
    def finish_rate(self) -> float | None:
        return _share(self.finished, self.due_to_finish)

    @property
    def investment_rate(self) -> float | None:
        return _share(self.invested, self.planned_investment) if self.reported else None

    @property
    def cumulative_rate(self) -> float | None:
        return _share(self.cumulative_invested, self.total_investment)


def _share(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole else None


def _by(day: dt.date | None, year: int) -> bool:
    return day is not None and day.year <= year


def project_rates(projects: Iterable[ProjectFacts], year: int) -> ProjectRates:
    """The year's rates over ``projects`` (percentages; None where nothing was due)."""
    facts = list(projects)
    start_due = [p for p in facts if _by(p.planned_start, year)]
    finish_due = [p for p in facts if _by(p.planned_finish, year)]
    planned = [p for p in facts if p.planned_by_year.get(year) is not None]
    totals = [p for p in facts if p.total_investment]
    return ProjectRates(
        year=year,
        projects=len(facts),
        due_to_start=len(start_due),
        started=sum(1 for p in start_due if _by(p.actual_start, year)),
        due_to_finish=len(finish_due),
        finished=sum(1 for p in finish_due if _by(p.actual_finish, year)),
        planned_investment=sum(p.planned_by_year[year] for p in planned),
        invested=sum(p.invested_by_year.get(year) or 0.0 for p in planned),
        reported=sum(1 for p in planned if p.invested_by_year.get(year) is not None),
        total_investment=sum(p.total_investment or 0.0 for p in totals),
        cumulative_invested=sum(p.cumulative(year) or 0.0 for p in totals),
    )


def off_schedule(project: ProjectFacts, today: dt.date) -> list[str]:
    """Why ``project`` is off schedule on ``today`` (reason codes, see REASONS_ZH); [] if not."""
    reasons = []
    if project.actual_start is None and project.planned_start and project.planned_start < today:
        reasons.append(NOT_STARTED)
    if project.actual_finish is None and project.planned_finish and project.planned_finish < today:
        reasons.append(NOT_FINISHED)
    if project.reported_late:
        reasons.append(REPORTED_LATE)
    last_year = today.year - 1
    plan = project.planned_by_year.get(last_year)
    done = project.invested_by_year.get(last_year)
    if plan and done is not None and done < INVESTMENT_SHORTFALL * plan:
        reasons.append(UNDER_INVESTED)
    return reasons


def under_way(project: ProjectFacts, year: int) -> bool:
    """Whether ``project`` is to be judged in ``year``: due to start by the year's end (by plan,
    by its annual plan for the year, or by its actual start) and not finished before the year."""
    if project.actual_finish is not None and project.actual_finish.year < year:
        return False
    return (
        _by(project.planned_start, year)
        or project.planned_by_year.get(year) is not None
        or _by(project.actual_start, year)
    )


def as_of(project: ProjectFacts, day: dt.date) -> ProjectFacts:
    """``project`` as it stood on ``day``: a start or finish dated after it had not happened."""
    start = project.actual_start if project.actual_start and project.actual_start < day else None
    finish = (
        project.actual_finish if project.actual_finish and project.actual_finish < day else None
    )
    return replace(project, actual_start=start, actual_finish=finish)


def on_schedule_in_year(
    projects: Iterable[ProjectFacts], year: int, today: dt.date
) -> tuple[int, int]:
    """(on schedule, judged) over the ``projects`` under way in ``year``, each judged by
    :func:`off_schedule` at the year's end (or ``today`` while the year is still running), as
    it stood then. The facts given should hold only what was reported up to that year."""
    day = min(dt.date(year + 1, 1, 1), today)
    judged = [as_of(p, day) for p in projects if under_way(p, year)]
    return sum(1 for p in judged if not off_schedule(p, day)), len(judged)
