"""Saving policies with their links, and their yearly implementation reports.

Like reporting.services.workflow, each function checks the access rules itself, so the pages,
the Excel import, the API and the demo obey the same policy. Submitting, approving and
returning a report are the reporting workflow's own functions (they work on any reviewed
record).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.reports.model import PolicyImplementation
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.models import ReportingRound
from planwatch.web.supervision.choices import IN_FORCE, PolicyStatus
from planwatch.web.supervision.models import Policy, PolicyReport


def save_policy(
    user, policy: Policy, *, tasks, items, reason: str = "", expected_version=None
) -> Policy:
    """Create or update ``policy`` and its linked tasks and items in one logged change."""
    if role_of(user) not in MANAGE:
        raise PermissionDenied(_("只有规划牵头部门可以登记政策措施。"))
    tasks, items = list(tasks), list(items)
    for linked in (*tasks, *items):
        if linked.plan_id != policy.plan_id:
            raise ValidationError(_("关联的任务或指标不属于本规划：%(what)s") % {"what": linked})
    with transaction.atomic():
        policy._pending_links = (tasks, items)
        try:
            save_tracked(policy, user=user, reason=reason, expected_version=expected_version)
        finally:
            del policy._pending_links
        policy.tasks.set(tasks)
        policy.items.set(items)
    return policy


def report_refusal(user, round: ReportingRound, policy: Policy) -> str | None:
    """Why ``user`` may not enter the implementation of ``policy`` in ``round``, or None."""
    if policy.plan_id != round.plan_id:
        return _("政策措施不属于本轮次的规划。")
    if policy.status not in IN_FORCE:
        return _("政策尚未出台，无需报送落实情况。")
    existing = PolicyReport.objects.filter(round=round, policy=policy).first()
    if existing is not None:
        if allowed(user, "change", existing):
            return None
        return _("您不能修改这份落实情况（已报送、已审核或轮次已关闭）。")
    role = role_of(user)
    if role in MANAGE:
        return None
    if getattr(user, "department_id", None) != policy.department_id:
        return _("只有制定该政策的部门可以报送落实情况。")
    if not round.is_open:
        return _("本轮次未开放填报。")
    return None


def record_report(
    user,
    round: ReportingRound,
    policy: Policy,
    *,
    progress: str,
    narrative: str,
    reason: str = "",
    expected_version: int | None = None,
    is_demo: bool = False,
) -> PolicyReport:
    """Create or update the issuing department's report on ``policy`` in ``round``."""
    why = report_refusal(user, round, policy)
    if why is not None:
        raise PermissionDenied(why)
    report = PolicyReport.objects.filter(round=round, policy=policy).first()
    if report is None:
        report = PolicyReport(
            round=round, policy=policy, department_id=policy.department_id, is_demo=is_demo
        )
    elif report.status == ReviewStatus.APPROVED and not reason:
        raise ValidationError(_("修改已审核的落实情况须填写原因。"))
    report.progress, report.narrative = progress, narrative or ""
    report.entered_by = user if user and user.is_authenticated else None
    if report.status == ReviewStatus.RETURNED:
        report.status = ReviewStatus.DRAFT
    report.full_clean(
        exclude=["round", "policy", "department", "entered_by"], validate_unique=False
    )
    return save_tracked(report, user=user, reason=reason, expected_version=expected_version)


def policy_implementation(user, plan, year: int) -> list:
    """The plan's policies ``user`` may see with their latest approved 落实情况 up to ``year``,
    as the report writer's plain data (planwatch.reports.model.PolicyImplementation)."""
    policies = list(
        Policy.objects.restrict(user, "view")
        .filter(plan=plan)
        .select_related("department")
        .prefetch_related("tasks")
        .order_by("issued_on", "title")
    )
    latest: dict[int, PolicyReport] = {}
    reports = (
        PolicyReport.objects.restrict(user, "view")
        .filter(policy__in=policies, status=ReviewStatus.APPROVED, round__year__lte=year)
        .order_by("round__year", "round__deadline")
    )
    for report in reports:
        latest[report.policy_id] = report
    out = []
    for p in policies:
        report = latest.get(p.pk)
        out.append(
            PolicyImplementation(
                title=p.title,
                document_number=p.document_number or None,
                department=p.department.name,
                issued_on=p.issued_on.isoformat() if p.issued_on else None,
                status=str(PolicyStatus(p.status).label),
                progress=report.get_progress_display() if report else None,
                narrative=(report.narrative or None) if report else None,
                tasks=tuple(t.code for t in p.tasks.all()),
            )
        )
    return out
