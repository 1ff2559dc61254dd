"""A plan's progress as one reader may see it: every item judged, grouped, warned about.

The dashboard and the public portal both build their pages from :func:`plan_progress`. The
verdicts come from ``planwatch.assess.assess_plan`` — nothing here judges an item — and the
figures fed to it are the approved ones this reader may view under ``core.rules``: a
reporter sees the items of their department, the public only what the coordinator published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.assess import model as assess
from planwatch.assess.status import BY_CODE, OFF_COURSE, STATUSES, Status, severity
from planwatch.errors import InputError
from planwatch.web.plans.choices import AssignmentRole, ItemKind, NodeLevel
from planwatch.web.plans.models import Assignment, Department, MeasurableItem, Node, Plan
from planwatch.web.reporting import years
from planwatch.web.reporting.choices import RoundStatus
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.reporting.services import assessment as stored


@dataclass
class ItemRow:
    """One measurable item with its verdict and the departments answering for it."""

    item: MeasurableItem
    result: assess.ItemAssessment
    lead: list[Department] = field(default_factory=list)
    support: list[Department] = field(default_factory=list)
    #: Where a prose target is stated ("第四章 创新引领"), its category on the pages.
    chapter: str | None = None
    #: Why some of its stored figures were left out of the verdict (a unit that cannot be
    #: converted…); the other items are judged regardless.
    problem: str | None = None

    @property
    def status(self) -> Status:
        return BY_CODE[self.result.status]

    @property
    def manual_status(self) -> Status | None:
        manual = self.result.manual
        return BY_CODE.get(manual.status) if manual else None

    @property
    def off_course(self) -> bool:
        return self.result.status in OFF_COURSE

    @property
    def binding(self) -> bool:
        return self.result.binding

    @property
    def category(self) -> str:
        return self.chapter or self.result.category or self.item.category or _("其他")

    @property
    def department_ids(self) -> set[int]:
        return {d.pk for d in (*self.lead, *self.support)}


@dataclass
class PlanProgress:
    """Everything a progress page shows about one plan in one assessment year."""

    plan: Plan
    year: int | None
    round: ReportingRound | None
    rows: list[ItemRow]
    #: Why nothing could be judged (a plan without a period, a figure in an unknown unit…).
    error: str | None = None

    @property
    def indicators(self) -> list[ItemRow]:
        return [r for r in self.rows if r.item.kind == ItemKind.INDICATOR]

    @property
    def targets(self) -> list[ItemRow]:
        return [r for r in self.rows if r.item.kind == ItemKind.TARGET]


def plan_progress(
    user, plan: Plan, *, year: int | None = None, round: ReportingRound | None = None
) -> PlanProgress:
    """Judge ``plan`` at ``year`` (default: reporting.years.default_year) from what ``user``
    may see."""
    round = round or current_round(user, plan)
    year = year or years.default_year(plan, user)
    if year is None:
        return PlanProgress(
            plan, None, round, [], error=_("规划没有基期年和目标年，无法评估进度。")
        )
    items = list(MeasurableItem.objects.restrict(user, "view").filter(plan=plan))
    try:
        assessed = stored.assess_stored_plan(plan, year, user)
    except InputError as exc:
        return PlanProgress(plan, year, round, [], error=exc.render(get_language()))
    by_code = {r.code: r for r in assessed.items}
    lead, support = departments_of(user, plan)
    chapters = chapter_names(plan)
    rows = [
        ItemRow(
            item,
            by_code[item.code],
            lead.get(item.pk, []),
            support.get(item.pk, []),
            chapters.get(item.location[0]) if item.location else None,
            assessed.problem_of(item.code),
        )
        for item in sorted(items, key=lambda i: (i.kind != ItemKind.INDICATOR, i.order))
        if item.code in by_code
    ]
    return PlanProgress(plan, year, round, rows)


def current_round(user, plan: Plan) -> ReportingRound | None:
    """The round being reported now (an open one), else the latest one ``user`` may see."""
    rounds = ReportingRound.objects.restrict(user, "view").filter(plan=plan)
    open_round = rounds.filter(status=RoundStatus.OPEN).order_by("-year", "-deadline").first()
    return open_round or rounds.order_by("-year", "-deadline").first()


def chapter_names(plan: Plan) -> dict[str, str]:
    """``第四章`` → ``第四章 创新引领``: the heading a prose target's location points to."""
    chapters = Node.objects.filter(plan=plan, level=NodeLevel.CHAPTER)
    return {n: f"{n} {title}" for n, title in chapters.values_list("number", "title")}


def departments_of(user, plan: Plan) -> tuple[dict[int, list], dict[int, list]]:
    """Lead and supporting departments per item id, from the division of labour."""
    lead: dict[int, list] = defaultdict(list)
    support: dict[int, list] = defaultdict(list)
    assignments = (
        Assignment.objects.restrict(user, "view")
        .filter(plan=plan, item__isnull=False)
        .select_related("department")
    )
    for a in assignments:
        (lead if a.role == AssignmentRole.LEAD else support)[a.item_id].append(a.department)
    return lead, support


# -- views on the rows ---------------------------------------------------------------------


def by_category(rows: list[ItemRow]) -> list[tuple[str, list[ItemRow]]]:
    """Rows grouped by category in the order categories first appear (indicators first)."""
    groups: dict[str, list[ItemRow]] = {}
    for row in rows:
        groups.setdefault(row.category, []).append(row)
    return list(groups.items())


def warnings(rows: list[ItemRow]) -> tuple[list[ItemRow], list[ItemRow]]:
    """Off-course items, worst first (assess.status.WORST_FIRST): the binding ones (the most
    important warning) and the others."""
    off = sorted((r for r in rows if r.off_course), key=lambda r: severity(r.result.status))
    return [r for r in off if r.binding], [r for r in off if not r.binding]


def counted(rows: list[ItemRow]) -> list[ItemRow]:
    """The rows that count as items: a prose target restating a table indicator among the
    rows (``restates``, from the outline) is that indicator's other place, counted once with
    it — as the reports count it (planwatch.reports.content)."""
    table = {r.result.code for r in rows if r.item.kind == ItemKind.INDICATOR}
    return [r for r in rows if r.result.restates not in table]


def status_counts(rows: list[ItemRow]) -> list[tuple[Status, int]]:
    """How many items have each status, best first; statuses no item has are left out."""
    counts: dict[str, int] = defaultdict(int)
    for row in counted(rows):
        counts[row.result.status] += 1
    return [(s, counts[s.code]) for s in STATUSES if counts[s.code]]
