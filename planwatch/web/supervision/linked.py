"""The policies linked to a task or an item, as the task and item pages show them."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from planwatch.web.reporting.choices import ReviewStatus
from planwatch.web.reporting.task_parts import contribute
from planwatch.web.supervision.models import Policy, PolicyReport


def policies_html(user, target) -> SafeString:
    """The policies linked to ``target`` (a task or an item) ``user`` may see, each with its
    latest approved 落实情况; empty when there is none."""
    kind = "tasks" if target._meta.model_name == "task" else "items"
    policies = list(
        Policy.objects.restrict(user, "view").filter(**{kind: target}).select_related("department")
    )
    latest: dict[int, PolicyReport] = {}
    reports = (
        PolicyReport.objects.restrict(user, "view")
        .filter(policy__in=policies, status=ReviewStatus.APPROVED)
        .select_related("round")
        .order_by("round__year")
    )
    for report in reports:
        latest[report.policy_id] = report
    rows = [(p, latest.get(p.pk)) for p in policies]
    html = render_to_string("supervision/_policies_of.html", {"linked_policies": rows})
    return mark_safe(html)  # our own autoescaping template


def register() -> None:
    contribute("supervision", 10, policies_html)  # on every task's page (reporting)
