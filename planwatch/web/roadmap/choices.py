"""A milestone's reported states and the task states they lead to (planwatch.assess.milestones)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.assess import milestones as rule


class MilestoneState(models.TextChoices):
    NOT_STARTED = rule.NOT_STARTED, _("未开始")
    IN_PROGRESS = rule.IN_PROGRESS, _("进行中")
    DONE = rule.DONE, _("已完成")
    LATE = rule.LATE, _("滞后")


class TaskState(models.TextChoices):
    ON_SCHEDULE = rule.ON_SCHEDULE, _("按计划推进")
    LATE = rule.LATE, _("滞后")
    DONE = rule.DONE, _("已完成")


STATE_COLOURS = {
    rule.NOT_STARTED: "#7f8c8d",
    rule.IN_PROGRESS: "#2f6f9f",
    rule.DONE: "#1b7a3a",
    rule.LATE: "#c0392b",
    rule.ON_SCHEDULE: "#2f6f9f",
}
