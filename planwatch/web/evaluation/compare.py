"""Self-assessment beside the third-party verdicts, and the draft report from the verdicts.

The self-assessment is what the system already says: the engine's grade of each item (from
the approved figures the viewer may see) and the departments' approved word on each task. It is
only read here; the evaluator's verdicts are their own records (evaluation.models).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.reports.third_party import ThirdPartyDraft, VerdictLine, third_party_docx
from planwatch.web.dashboard.tasks import UNREPORTED, task_state
from planwatch.web.evaluation import scope as scopes
from planwatch.web.evaluation.models import Commission, EvaluatorEvidence, ThirdPartyVerdict
from planwatch.web.reporting.choices import Progress, ReviewStatus
from planwatch.web.reporting.models import TaskProgress
from planwatch.web.reporting.services.assessment import assess_stored_plan

PROGRESS_LABELS = {**dict(Progress.choices), UNREPORTED: _("未报送")}


@dataclass
class Row:
    kind: str  # "item" | "task"
    target: object  # the MeasurableItem or Task
    self_grade: str | None
    self_label: str
    self_figure: str  # the departments' figure or reported progress, in words
    verdict: ThirdPartyVerdict | None

    @property
    def code(self) -> str:
        return self.target.code

    @property
    def name(self) -> str:
        return getattr(self.target, "name", None) or self.target.title

    @property
    def differs(self) -> bool:
        return self.verdict is not None and self.verdict.grade != self.self_grade


def _item_rows(commission, items, user) -> list[tuple]:
    try:
        assessed = {
            a.code: a for a in assess_stored_plan(commission.plan, commission.year, user).items
        }
    except InputError:
        assessed = {}
    rows = []
    for item in items:
        a = assessed.get(item.code)
        figure = "—"
        if a is not None and a.latest_value is not None:
            figure = f"{a.latest_year}: {a.latest_value:g}{a.unit or ''}"
        rows.append((item, a.status if a else None, a.label if a else _("无法评估"), figure))
    return rows


def _task_rows(commission, tasks, user) -> list[tuple]:
    reports = TaskProgress.objects.restrict(user, "view").filter(
        status=ReviewStatus.APPROVED,
        task__in=tasks,
        round__plan=commission.plan,
        round__year__lte=commission.year,
    )
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for task_id, department, percent, state in reports.order_by(
        "round__year", "round__deadline", "updated_at"
    ).values_list("task_id", "department_id", "percent", "progress"):
        latest[(task_id, department)] = (percent, state)
    by_task: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (task_id, _department), report in latest.items():
        by_task[task_id].append(report)
    rows = []
    for task in tasks:
        state = task_state(by_task[task.pk])
        percents = [p for p, _s in by_task[task.pk]]
        figure = f"{sum(percents) / len(percents):.0f}%" if percents else "—"
        rows.append((task, state, str(PROGRESS_LABELS[state]), figure))
    return rows


def side_by_side(commission: Commission, user) -> list[Row]:
    """Every item and task in scope: the self-assessment, and the verdict if there is one."""
    scope = scopes.resolve(commission.plan, commission.scope)
    verdicts = ThirdPartyVerdict.objects.restrict(user, "view").filter(commission=commission)
    by_item = {v.item_id: v for v in verdicts if v.item_id}
    by_task = {v.task_id: v for v in verdicts if v.task_id}
    rows = [
        Row("item", item, grade, label, figure, by_item.get(item.pk))
        for item, grade, label, figure in _item_rows(commission, scope.items, user)
    ]
    rows += [
        Row("task", task, grade, label, figure, by_task.get(task.pk))
        for task, grade, label, figure in _task_rows(commission, scope.tasks, user)
    ]
    return rows


def differences(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.differs]


def draft_report(commission: Commission, user) -> bytes:
    """The evaluator's draft report (.docx), from their verdicts only."""
    scope = scopes.resolve(commission.plan, commission.scope)
    verdicts = (
        ThirdPartyVerdict.objects.restrict(user, "view")
        .filter(commission=commission)
        .select_related("item", "task")
    )
    order = {("item", i.pk): n for n, i in enumerate(scope.items)}
    order |= {("task", t.pk): n for n, t in enumerate(scope.tasks)}
    lines = [
        (
            VerdictLine(
                code=(v.item or v.task).code,
                name=v.item.name if v.item else v.task.title,
                kind="item" if v.item_id else "task",
                grade=v.grade_label,
                comment=v.comment,
            ),
            order.get(("item", v.item_id) if v.item_id else ("task", v.task_id), 10**6),
        )
        for v in verdicts
    ]
    lines.sort(key=lambda pair: (pair[0].kind != "item", pair[1]))
    evidence = EvaluatorEvidence.objects.restrict(user, "view").filter(commission=commission)
    return third_party_docx(
        ThirdPartyDraft(
            plan_name=commission.plan.short_title or commission.plan.title,
            title=commission.title,
            agency=commission.agency,
            year=commission.year,
            scope=scopes.describe(commission.scope),
            in_scope=len(scope),
            lines=[line for line, _n in lines],
            evidence=[e.title or e.original_name for e in evidence],
        )
    )
