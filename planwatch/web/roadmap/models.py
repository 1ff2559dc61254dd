"""Milestones of tasks and projects, and what each round reports on them and on projects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.reporting.models.base import ReviewState
from planwatch.web.roadmap.choices import MilestoneState


class Milestone(Tracked):
    """One step of a task's (or a major project's) roadmap: what, by when, shown by what.

    The owner department (by default the task's lead, or the project's) keeps the roadmap and
    reports on it; ``order`` is its place in the roadmap.
    """

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="milestones", verbose_name=_("规划")
    )
    task = models.ForeignKey(
        "plans.Task",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("任务"),
    )
    project = models.ForeignKey(
        "reporting.KeyProject",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("重大项目"),
    )
    what = models.CharField(_("节点内容"), max_length=300)
    due = models.DateField(_("完成时限"))
    evidence = models.CharField(_("预期佐证"), max_length=300, blank=True)
    department = models.ForeignKey(
        "plans.Department", models.PROTECT, related_name="milestones", verbose_name=_("责任部门")
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("plan", "task", "project", "order", "due", "pk")
        verbose_name = _("节点")
        verbose_name_plural = _("节点")
        constraints = (
            models.CheckConstraint(
                condition=(
                    models.Q(task__isnull=False, project__isnull=True)
                    | models.Q(task__isnull=True, project__isnull=False)
                ),
                name="milestone_task_xor_project",
            ),
        )

    def __str__(self) -> str:
        return f"{self.owner_code} {self.what}"

    @property
    def owner_code(self) -> str:
        return self.task.code if self.task_id else (self.project.code or self.project.name)

    def history_parent(self):
        return self.task if self.task_id else self.project


class MilestoneReport(ReviewState):
    """A round's account of one milestone: its state, a note and the date it was done."""

    round = models.ForeignKey(
        "reporting.ReportingRound",
        models.PROTECT,
        related_name="milestone_reports",
        verbose_name=_("报送轮次"),
    )
    milestone = models.ForeignKey(
        Milestone, models.PROTECT, related_name="reports", verbose_name=_("节点")
    )
    state = models.CharField(
        _("节点状态"),
        max_length=12,
        choices=MilestoneState.choices,
        default=MilestoneState.NOT_STARTED,
    )
    note = models.TextField(_("进展说明"), blank=True, max_length=2000)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        ordering = ("round", "milestone")
        verbose_name = _("节点进展")
        verbose_name_plural = _("节点进展")
        constraints = (unique_alive("round", "milestone", name="milestone_report_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.milestone} {self.round}: {self.get_state_display()}"

    @property
    def department(self):
        """The department that reports it: the milestone's owner."""
        return self.milestone.department

    def history_parent(self):
        return self.milestone

    def history_plan_id(self):
        return self.round.plan_id


class ProjectReport(Tracked):
    """A round's figures of one major project: the year's and the cumulative investment."""

    round = models.ForeignKey(
        "reporting.ReportingRound",
        models.PROTECT,
        related_name="project_reports",
        verbose_name=_("报送轮次"),
    )
    project = models.ForeignKey(
        "reporting.KeyProject", models.PROTECT, related_name="reports", verbose_name=_("重大项目")
    )
    year_invested = models.FloatField(_("本年完成投资（亿元）"), null=True, blank=True)
    cumulative_invested = models.FloatField(_("累计完成投资（亿元）"), null=True, blank=True)
    actual_start = models.DateField(_("实际开工"), null=True, blank=True)
    actual_finish = models.DateField(_("实际竣工"), null=True, blank=True)
    is_late = models.BooleanField(_("进度滞后"), default=False)
    note = models.TextField(_("进展说明"), blank=True, max_length=2000)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报人"),
    )
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("round", "project")
        verbose_name = _("重大项目进展")
        verbose_name_plural = _("重大项目进展")
        constraints = (unique_alive("round", "project", name="project_report_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.project} {self.round}"

    def history_parent(self):
        return self.project

    def history_plan_id(self):
        return self.round.plan_id
