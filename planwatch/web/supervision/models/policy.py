from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models.base import Reviewed
from planwatch.web.supervision.choices import PolicyStatus


class Policy(Tracked):
    """A policy document or measure (政策措施) that implements the plan.

    The linked tasks and items are many-to-many; their codes are part of the record's snapshot,
    so the change log shows a link added or removed like any other change (services.policies
    saves the links with the record).
    """

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="policies", verbose_name=_("规划")
    )
    title = models.CharField(_("政策名称"), max_length=300)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    department = models.ForeignKey(
        "plans.Department",
        models.PROTECT,
        related_name="policies",
        verbose_name=_("制定部门"),
    )
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.DRAFTING
    )
    summary = models.TextField(_("主要内容"), blank=True, max_length=5000)
    tasks = models.ManyToManyField(
        "plans.Task", blank=True, related_name="policies", verbose_name=_("关联任务")
    )
    items = models.ManyToManyField(
        "plans.MeasurableItem", blank=True, related_name="policies", verbose_name=_("关联指标")
    )
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("plan", "-issued_on", "title")
        verbose_name = _("政策措施")
        verbose_name_plural = _("政策措施")
        constraints = (
            unique_alive(
                "plan",
                "document_number",
                condition=~models.Q(document_number=""),
                name="policy_number_unique_alive",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.document_number}）" if self.document_number else self.title

    def snapshot(self):
        data = super().snapshot()
        pending = getattr(self, "_pending_links", None)
        if pending is not None:
            tasks, items = pending
            data["tasks"] = sorted(t.code for t in tasks)
            data["items"] = sorted(i.code for i in items)
        elif self.pk:
            data["tasks"] = sorted(self.tasks.values_list("code", flat=True))
            data["items"] = sorted(self.items.values_list("code", flat=True))
        else:
            data["tasks"], data["items"] = [], []
        return data

    def history_parent(self):
        return self.plan


class PolicyReport(Reviewed):
    """The issuing department's yearly account of a policy's implementation (落实情况)."""

    round = models.ForeignKey(
        "reporting.ReportingRound",
        models.PROTECT,
        related_name="policy_reports",
        verbose_name=_("报送轮次"),
    )
    policy = models.ForeignKey(
        Policy, models.PROTECT, related_name="reports", verbose_name=_("政策措施")
    )
    progress = models.CharField(
        _("落实状态"), max_length=12, choices=Progress.choices, default=Progress.IN_PROGRESS
    )
    narrative = models.TextField(_("落实情况"), max_length=5000, blank=True)

    class Meta:
        ordering = ("policy", "-round__year")
        verbose_name = _("政策落实情况")
        verbose_name_plural = _("政策落实情况")
        constraints = (unique_alive("round", "policy", name="policy_report_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.policy.title} {self.round}"

    def history_parent(self):
        return self.policy

    def history_plan_id(self):
        return self.round.plan_id
