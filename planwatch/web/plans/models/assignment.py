from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.plans.choices import AssignmentRole
from planwatch.web.plans.models.department import Department
from planwatch.web.plans.models.item import MeasurableItem
from planwatch.web.plans.models.plan import Plan, Task


class Assignment(Tracked):
    """One line of the division-of-labour table: a task or an item ↔ a department (牵头/配合)."""

    plan = models.ForeignKey(
        Plan, models.PROTECT, related_name="assignments", verbose_name=_("规划")
    )
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="assignments", verbose_name=_("部门")
    )
    role = models.CharField(_("分工"), max_length=10, choices=AssignmentRole.choices)
    task = models.ForeignKey(
        Task,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("任务"),
    )
    item = models.ForeignKey(
        MeasurableItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("指标"),
    )

    class Meta:
        ordering = ("plan", "role", "department")
        verbose_name = _("任务分工")
        verbose_name_plural = _("任务分工")
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(task__isnull=False, item__isnull=True)
                    | models.Q(task__isnull=True, item__isnull=False)
                ),
                name="assignment_task_xor_item",
            ),
            unique_alive(
                "task",
                "department",
                condition=models.Q(task__isnull=False),
                name="assignment_task_department_unique_alive",
            ),
            unique_alive(
                "item",
                "department",
                condition=models.Q(item__isnull=False),
                name="assignment_item_department_unique_alive",
            ),
            # One lead (牵头) per item and task: it reports; every other department supports.
            unique_alive(
                "item",
                condition=models.Q(item__isnull=False, role="lead"),
                name="assignment_one_lead_per_item",
            ),
            unique_alive(
                "task",
                condition=models.Q(task__isnull=False, role="lead"),
                name="assignment_one_lead_per_task",
            ),
        )

    def __str__(self) -> str:
        target = self.task or self.item
        return f"{target} — {self.department}（{self.get_role_display()}）"

    @property
    def target(self):
        return self.task or self.item

    def history_parent(self):
        return self.target
