"""Assigning items and tasks to departments: one lead (牵头) each, the others support (配合).

The lead enters an item's figure and its completion counts once; two leads would make one
department's figures show as the other's. A second lead is therefore refused with an
explanation, or — when the coordinator confirms — the old lead becomes a supporter. A co-lead
is explicit in the same way: one department reports (lead), the others support.
"""

from __future__ import annotations

import django.dispatch
from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models import Assignment, Plan

#: Sent after assign() made new assignments: ``plan``, ``assignments``, ``join_open_rounds``
#: (the coordinator ticked 也加入当前轮次). The reporting app, above this one, listens.
assignments_made = django.dispatch.Signal()


class SecondLead(Exception):
    """Targets that already have another lead; ``messages`` say which and what to do."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("；".join(messages))


def other_leads(target_field: str, targets, department) -> dict[int, Assignment]:
    """target id → the alive lead assignment of another department."""
    found = Assignment.objects.filter(
        **{f"{target_field}__in": targets}, role=AssignmentRole.LEAD
    ).exclude(department=department)
    return {getattr(a, f"{target_field}_id"): a for a in found.select_related("department")}


def assign(user, plan: Plan, data: dict) -> int:
    """Create (or change the role of) the chosen assignments, all or none.

    ``data``: department, role, items, tasks, reason, and optionally ``replace_lead`` (make an
    existing other lead a supporter) and ``join_open_rounds``. Raises :class:`SecondLead`
    when a target already has another lead and ``replace_lead`` is not set.
    """
    department, role = data["department"], data["role"]
    reason = data.get("reason", "")
    made = 0
    created: list[Assignment] = []
    with transaction.atomic():
        if role == AssignmentRole.LEAD:
            refusals = []
            for kind, field in (("items", "item"), ("tasks", "task")):
                leads = other_leads(field, data.get(kind) or (), department)
                for target in data.get(kind) or ():
                    lead = leads.get(target.pk)
                    if lead is None:
                        continue
                    if not data.get("replace_lead"):
                        refusals.append(
                            _(
                                "%(target)s 已由 %(other)s 牵头。每个指标和任务只有一个牵头部门"
                                "（负责填报），其他部门为配合；如要改由 %(department)s 牵头，"
                                "请勾选“将原牵头部门改为配合”后再提交。"
                            )
                            % {"target": target, "other": lead.department, "department": department}
                        )
                        continue
                    lead.role = AssignmentRole.SUPPORT
                    save_tracked(
                        lead,
                        user=user,
                        reason=_("改由 %(department)s 牵头，原牵头部门改为配合")
                        % {"department": department},
                    )
            if refusals:
                raise SecondLead(refusals)
        for kind in ("items", "tasks"):
            field = kind[:-1]
            for target in data.get(kind) or ():
                exists = Assignment.objects.filter(**{field: target}, department=department).first()
                if exists is not None:
                    if exists.role != role:
                        exists.role = role
                        save_tracked(exists, user=user, reason=reason)
                        made += 1
                    continue
                assignment = save_tracked(
                    Assignment(plan=plan, department=department, role=role, **{field: target}),
                    user=user,
                    reason=reason,
                )
                created.append(assignment)
                made += 1
        if created:
            assignments_made.send(
                Assignment,
                plan=plan,
                assignments=created,
                join_open_rounds=bool(data.get("join_open_rounds")),
            )
    return made
