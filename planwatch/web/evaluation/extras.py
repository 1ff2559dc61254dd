"""What the report writers need beyond the plan and its assessment, read from the database.

``report_inputs`` gathers, for one plan, year and (optional) round, everything a report of
``planwatch.reports`` can use: the plan as the core's dataclasses, the engine's assessment of
the approved figures the user may view, and a ``ReportExtras`` with task progress by chapter,
key projects, the departments of every item and task, the per-department reporting templates,
the source of every figure, the plan period and the issuing body. Only approved figures and
progress reports count; what nobody has approved yet is simply missing (数据暂缺).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied
from django.utils import translation

from planwatch.assess.model import Observation as Figure
from planwatch.assess.model import PlanAssessment
from planwatch.outline.model import Plan as OutlinePlan
from planwatch.reports import model as report
from planwatch.reports import template as tpl
from planwatch.web.dashboard.tasks import task_state
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, Plan, Task
from planwatch.web.plans.services.outline import to_outline
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import Observation, ReportingRound, TaskProgress
from planwatch.web.reporting.services import excel
from planwatch.web.reporting.services.assessment import assess_stored_plan, visible_observations
from planwatch.web.reporting.years import period as plan_period
from planwatch.web.roadmap.services import plan_projects
from planwatch.web.supervision.services.policies import policy_implementation

#: The reports are drafted in Chinese, whatever language the page is read in.
REPORT_LANGUAGE = "zh-hans"

#: ``(user, plan, year)`` → the value of one ``ReportExtras`` field.
Contribution = Callable[[object, Plan, int], object]
_CONTRIBUTIONS: dict[str, Contribution] = {}


def contribute(field_name: str, hook: Contribution) -> None:
    """Let an app above this one fill a field of the reports' extras (e.g. the questionnaires'
    results, ``surveys``), from its ``AppConfig.ready()``."""
    if field_name not in report.ReportExtras.__dataclass_fields__:
        raise ValueError(f"ReportExtras has no field {field_name!r}")
    _CONTRIBUTIONS[field_name] = hook


@dataclass
class ReportInputs:
    """Everything ``planwatch.reports.write_report`` is called with, plus the template rows."""

    plan: OutlinePlan
    assessment: PlanAssessment
    extras: report.ReportExtras
    #: Approved yearly figures (up to the year) behind the assessment; none → nothing to report.
    figures: int
    #: The reporting templates' rows exactly as the web download pre-fills them, except that a
    #: figure not yet approved is left blank (its record version stays, for the upload).
    template_rows: list[tpl.TemplateRow] = field(default_factory=list)


def report_inputs(user, plan: Plan, year: int, round: ReportingRound | None) -> ReportInputs:
    """The plan, its assessment at ``year`` and the extras, as ``user`` may see them.

    Raises ``planwatch.errors.InputError`` when the engine cannot judge the plan.
    """
    with translation.override(REPORT_LANGUAGE):
        assessment = assess_stored_plan(plan, year, user).result
        figures = visible_observations(user, plan, year)
        rows = template_rows(user, plan, round)
        division = assignments(user, plan)
        extras = report.ReportExtras(
            tasks=task_progress(user, plan, year, division),
            projects=key_projects(user, plan),
            policies=policy_implementation(user, plan, year),
            assignments=division,
            templates=templates_of(rows),
            template_rows=rows,
            sources=figure_sources(figures),
            period=plan_period(plan),
            issuer=issuer(plan),
            plan_id=str(plan.pk),
            round=round.name if round else None,
        )
        for field_name, hook in _CONTRIBUTIONS.items():
            setattr(extras, field_name, hook(user, plan, year))
    return ReportInputs(
        plan=to_outline(plan),
        assessment=assessment,
        extras=extras,
        figures=len(figures),
        template_rows=rows,
    )


def figure_sources(figures: list[Figure]) -> list[report.FigureSource]:
    """Where each approved figure comes from, item and year, for the appendix."""
    return [report.FigureSource(o.item, o.source, o.year) for o in figures if o.source]


def assignments(user, plan: Plan) -> list[report.Assignment]:
    """The division of labour: each item's and task's lead and supporting departments."""
    lead: dict[str, str] = {}
    support: dict[str, list[str]] = defaultdict(list)
    rows = (
        Assignment.objects.restrict(user, "view")
        .filter(plan=plan)
        .order_by("department__name", "pk")
        .values_list("role", "department__name", "item__code", "task__code")
    )
    for role, department, item, task in rows:
        code = item or task
        if role == AssignmentRole.LEAD:
            lead.setdefault(code, department)
        else:
            support[code].append(department)
    codes = dict.fromkeys([*lead, *support])
    return [report.Assignment(c, lead.get(c), tuple(support.get(c, ()))) for c in codes]


def task_progress(
    user, plan: Plan, year: int, division: list[report.Assignment]
) -> list[report.TaskProgress]:
    """Each assigned or reported task as of ``year``: the latest approved word of every
    department (progress is cumulative, so it stands until a newer one is approved), their
    mean percentage and the task's state as the dashboard judges it."""
    reports = (
        TaskProgress.objects.restrict(user, "view")
        .filter(task__plan=plan, status=ReviewStatus.APPROVED, round__year__lte=year)
        .order_by("round__year", "round__deadline", "updated_at")
        .values_list("task_id", "department__name", "percent", "progress", "narrative")
    )
    latest: dict[int, dict[str | None, tuple[int, str, str]]] = defaultdict(dict)
    for task_id, department, percent, state, narrative in reports:
        latest[task_id][department] = (percent, state, narrative)  # a later round overwrites
    departments = {a.item: a for a in division}
    tasks = (
        Task.objects.restrict(user, "view")
        .filter(plan=plan)
        .select_related("chapter")
        .order_by("order")
    )
    out = []
    for task in tasks:
        if task.pk not in latest and task.code not in departments:
            continue
        words = latest.get(task.pk, {})
        who = departments.get(task.code) or report.Assignment(task.code)
        out.append(
            report.TaskProgress(
                task=task.code,
                title=task.title,
                lead=who.lead,
                support=who.support,
                percent=sum(p for p, _, _ in words.values()) / len(words) if words else None,
                status=str(Progress(task_state([(p, s) for p, s, _ in words.values()])).label)
                if words
                else None,
                narrative=_narrative(words, (who.lead, *who.support)),
                chapter=task.chapter.number,
            )
        )
    return out


def _narrative(
    words: dict[str | None, tuple[int, str, str]], order: tuple[str | None, ...]
) -> str | None:
    """The lead department's sole account as it is; any other, each after its department's name
    (the lead first, then the supporting ones as the division of labour lists them), so that a
    supporting department's words are never read as the lead's."""
    told = [(d, n.strip()) for d, (_, _, n) in words.items() if n and n.strip()]
    if len(told) == 1 and len(words) == 1 and told[0][0] == order[0]:
        return told[0][1]
    rank = {d: i for i, d in enumerate(order)}
    told.sort(key=lambda pair: rank.get(pair[0], len(rank)))
    return "；".join(f"{d or ''}：{n.rstrip('。；')}" for d, n in told) or None


def key_projects(user, plan: Plan) -> list[report.KeyProject]:
    """The plan's major projects with their schedule and progress, under their task's chapter."""
    return [
        report.KeyProject(
            name=p.name,
            investment=p.investment,
            planned_start=_iso(p.planned_start),
            planned_finish=_iso(p.planned_finish),
            actual_start=_iso(p.actual_start),
            actual_finish=_iso(p.actual_finish),
            progress=float(p.percent),
            lead=p.department.name if p.department else None,
            chapter=p.task.chapter.number if p.task else None,
            note=p.note or None,
            planned_by_year=dict(f.planned_by_year),
            invested_by_year=dict(f.invested_by_year),
            cumulative_by_year=dict(f.cumulative_by_year),
            reported_late=f.reported_late,
        )
        for p, f in plan_projects(plan, user)
    ]


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def issuer(plan: Plan) -> str | None:
    """The coordinating department (牵头协调部门), preferring one with duties in this plan."""
    coordinators = Department.objects.filter(is_coordinator=True).order_by("name")
    own = coordinators.filter(assignments__plan=plan, assignments__deleted_at__isnull=True)
    found = own.first() or coordinators.first()
    return found.name if found else None


def template_rows(user, plan: Plan, round: ReportingRound | None) -> list[tpl.TemplateRow]:
    """The rows of the round's reporting templates, as the web download builds them.

    ``excel.template_sheets`` decides the departments, the items and the record versions (one
    definition of those rows, handed over as objects: the report writer writes them once). A
    figure not approved yet is blanked (the report shows approved figures only) but keeps its
    record version and basis, so a department filling the row in updates that figure rather
    than colliding with it.
    """
    if round is None:
        return []
    try:
        sheets = excel.template_sheets(user, round)
    except PermissionDenied:  # no department leads an item yet
        return []
    approved = set(
        Observation.objects.filter(
            item__plan=plan, status=ReviewStatus.APPROVED, year=round.year, period=round.period
        ).values_list("item__code", "year")
    )
    blank = {"value": None, "source": None, "note": None}
    return [
        row if (row.item, row.year) in approved else replace(row, **blank)
        for _meta, rows in sheets
        for row in rows
    ]


def templates_of(rows: list[tpl.TemplateRow]) -> list[report.DepartmentTemplate]:
    """One template per department, with its items and years in the download's order."""
    items: dict[str, dict[str, None]] = defaultdict(dict)
    years: dict[str, dict[int, None]] = defaultdict(dict)
    for row in rows:
        department = (row.meta.department if row.meta else None) or ""
        items[department][row.item] = None
        years[department][row.year] = None
    return [report.DepartmentTemplate(d, tuple(items[d]), tuple(years[d])) for d in items]
