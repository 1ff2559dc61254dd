"""The scorecard of one plan and year: the facts read from the database, scored by the core.

``planwatch.assess.scorecard`` does the arithmetic; this module only gathers each department's
facts (:func:`department_facts`) and the coordinator's weights and adjustments. The facts are
the same whoever asks — every approved figure counts, as the leaders see them — and the pages
then show a department only its own row (views). Components registered later (milestones, key
projects) add their facts with :func:`add_facts`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from planwatch.assess import scorecard as core
from planwatch.errors import InputError
from planwatch.web.core.fragments import cache_key
from planwatch.web.core.roles import Role
from planwatch.web.history import revision
from planwatch.web.history.models import Action, ChangeRecord
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Department, Plan
from planwatch.web.reporting.choices import Period, ReviewStatus
from planwatch.web.reporting.models import ReportingRound, TaskProgress
from planwatch.web.reporting.services.assessment import assess_stored_plan
from planwatch.web.reporting.services.duties import round_duties
from planwatch.web.supervision.choices import IN_FORCE
from planwatch.web.supervision.models import (
    Policy,
    PolicyReport,
    ScoreAdjustment,
    ScorecardWeights,
)

UNREPORTED = "unreported"
#: ``(plan, year, {department id: DepartmentFacts})`` → fills ``facts.extra[code]``.
FactsHook = Callable[[Plan, int, dict[int, core.DepartmentFacts]], None]
_HOOKS: dict[str, FactsHook] = {}


def add_facts(code: str, hook: FactsHook) -> None:
    """Register the facts of a component registered in the core later (by its code)."""
    _HOOKS[code] = hook


class _ReadsAll:
    """The reader the scorecard is computed as: every approved figure (a leader's view)."""

    role = Role.LEADER
    department_id = None
    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = False


_READS_ALL = _ReadsAll()
#: Seconds a scorecard is kept; a new data revision makes it unreachable long before.
CACHE_SECONDS = 3600


def yearly_round(plan: Plan, year: int) -> ReportingRound | None:
    return ReportingRound.objects.filter(plan=plan, year=year, period=Period.YEAR).first()


def weights_of(plan: Plan) -> tuple[dict[str, float], ScorecardWeights | None]:
    """The coordinator's weights for ``plan`` (every component given one), else the defaults."""
    stored = ScorecardWeights.objects.filter(plan=plan).first()
    if stored is None:
        return core.default_weights(), None
    try:
        return core.check_weights(stored.weights), stored
    except InputError:  # a component since removed: its weight is ignored, not fatal
        known = {k: v for k, v in stored.weights.items() if k in core.COMPONENTS}
        return core.check_weights(known or core.default_weights()), stored


def build_scorecard(plan: Plan, year: int) -> core.Scorecard:
    """The plan's scorecard for ``year``, cached under the plan's data revision (every tracked
    write — a submission, a return, a weight, an adjustment, a milestone — makes a new one) and
    today's date (the key projects of a running year are judged as of today)."""
    data = revision.current(plan.pk)  # first: the cached card never names a newer state
    parts = cache_key(plan, _READS_ALL, data.every, year, timezone.localdate())
    key = "scorecard:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    card = cache.get(key)
    if card is None:
        card = compute_scorecard(plan, year)
        cache.set(key, card, CACHE_SECONDS)
    return card


def compute_scorecard(plan: Plan, year: int) -> core.Scorecard:
    weights, _stored = weights_of(plan)
    facts = department_facts(plan, year)
    adjustments = [
        core.Adjustment(a.department.name, a.points, a.reason)
        for a in ScoreAdjustment.objects.filter(plan=plan, year=year).select_related("department")
    ]
    return core.score_departments(year, list(facts.values()), weights, adjustments)


def department_facts(plan: Plan, year: int) -> dict[int, core.DepartmentFacts]:
    """Each department with a duty, a led item or task, or a policy in ``plan``: its facts."""
    leads = Assignment.objects.filter(plan=plan, role=AssignmentRole.LEAD)
    policies = list(
        Policy.objects.filter(plan=plan, status__in=list(IN_FORCE))
        .exclude(issued_on__gt=dt.date(year, 12, 31))
        .select_related("department")
    )
    assigned = Assignment.objects.filter(plan=plan).values_list("department_id", flat=True)
    ids = set(assigned) | {p.department_id for p in policies}
    names = {d.pk: d.name for d in Department.objects.filter(pk__in=ids)}
    ordered = sorted(names.items(), key=lambda pair: pair[1])
    facts = {pk: core.DepartmentFacts(name) for pk, name in ordered}
    round = yearly_round(plan, year)
    if round is not None:
        _duties(round, policies, facts)
    _item_grades(plan, year, leads, facts)
    _task_states(plan, year, leads, facts)
    _policy_states(year, policies, facts)
    for hook in _HOOKS.values():
        hook(plan, year, facts)
    return facts


def _duties(round: ReportingRound, policies: list[Policy], facts) -> None:
    records = []
    for duty in round_duties(round):
        if duty.department.pk in facts:
            records.append((duty.department.pk, duty.kind, duty.target.code, duty.record))
    reports = {r.policy_id: r for r in PolicyReport.objects.filter(round=round)}
    for policy in policies:
        records.append((policy.department_id, "policy", policy.title, reports.get(policy.pk)))
    submissions, returns = _review_history([r for *_, r in records if r is not None])
    deadline = round.deadline
    for department_id, kind, code, record in records:
        first = None
        if record is not None:
            times = [*submissions.get(_key(record), []), record.submitted_at]
            times = [t for t in times if t is not None]
            first = min(times) if times else None
        submitted = first is not None
        on_time = submitted and timezone.localdate(first) <= deadline
        returned = record is not None and (
            _key(record) in returns or record.status == ReviewStatus.RETURNED
        )
        facts[department_id].duties.append(core.Duty(kind, code, on_time, submitted, returned))


def _key(record) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(record)).pk, record.pk


def _review_history(records) -> tuple[dict, set]:
    """Submission times and the records ever returned, from the change log."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for record in records:
        type_id, pk = _key(record)
        by_type[type_id].append(pk)
    submissions: dict[tuple[int, int], list] = defaultdict(list)
    returns: set[tuple[int, int]] = set()
    for type_id, pks in by_type.items():
        rows = ChangeRecord.objects.filter(
            content_type_id=type_id, object_id__in=pks, action__in=[Action.SUBMIT, Action.RETURN]
        ).values_list("object_id", "action", "at")
        for pk, action, at in rows:
            if action == Action.SUBMIT:
                submissions[(type_id, pk)].append(at)
            else:
                returns.add((type_id, pk))
    return submissions, returns


def _item_grades(plan: Plan, year: int, leads, facts) -> None:
    try:
        assessed = assess_stored_plan(plan, year, _ReadsAll())
    except InputError:
        return
    grade = {i.code: i.status for i in assessed.items}
    rows = leads.filter(item__isnull=False, item__deleted_at__isnull=True)
    for department_id, code in rows.values_list("department_id", "item__code").order_by(
        "item__kind", "item__order"
    ):
        if department_id in facts and code in grade:
            facts[department_id].item_grades.append((code, grade[code]))


def _task_states(plan: Plan, year: int, leads, facts) -> None:
    """A led task's state: the lead department's own latest approved report up to ``year``."""
    latest: dict[tuple[int, int], str] = {}
    reports = (
        TaskProgress.objects.filter(
            task__plan=plan, status=ReviewStatus.APPROVED, round__year__lte=year
        )
        .order_by("round__year", "round__deadline", "updated_at")
        .values_list("task_id", "department_id", "progress")
    )
    for task_id, department_id, state in reports:
        latest[(task_id, department_id)] = state
    rows = leads.filter(task__isnull=False, task__deleted_at__isnull=True).order_by("task__order")
    for department_id, task_id, code in rows.values_list("department_id", "task_id", "task__code"):
        if department_id in facts:
            state = latest.get((task_id, department_id), UNREPORTED)
            facts[department_id].task_states.append((code, state))


def _policy_states(year: int, policies: list[Policy], facts) -> None:
    approved = dict(
        PolicyReport.objects.filter(
            policy__in=policies,
            status=ReviewStatus.APPROVED,
            round__year=year,
            round__period=Period.YEAR,
        ).values_list("policy_id", "progress")
    )
    for policy in policies:
        state = approved.get(policy.pk, UNREPORTED)
        facts[policy.department_id].policy_states.append((policy.title, state))
