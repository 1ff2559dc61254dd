from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked
from planwatch.web.reporting.choices import Progress


class KeyProject(Tracked):
    """A major project (重大项目) carrying part of the plan: investment, schedule, progress."""

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="key_projects", verbose_name=_("规划")
    )
    code = models.CharField(_("编号"), max_length=30, blank=True)
    name = models.CharField(_("项目名称"), max_length=200)
    task = models.ForeignKey(
        "plans.Task",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="key_projects",
        verbose_name=_("对应任务"),
    )
    department = models.ForeignKey(
        "plans.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="key_projects",
        verbose_name=_("责任部门"),
    )
    investment = models.FloatField(_("计划总投资（亿元）"), null=True, blank=True)
    invested = models.FloatField(_("累计完成投资（亿元）"), null=True, blank=True)
    #: The annual planned investment (年度计划投资, 亿元) by year: {"2023": 3.5, …}.
    planned_by_year = models.JSONField(_("年度计划投资（亿元）"), default=dict, blank=True)
    planned_start = models.DateField(_("计划开工"), null=True, blank=True)
    planned_finish = models.DateField(_("计划竣工"), null=True, blank=True)
    actual_start = models.DateField(_("实际开工"), null=True, blank=True)
    actual_finish = models.DateField(_("实际竣工"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("形象进度（%）"), default=0, validators=[MaxValueValidator(100)]
    )
    progress = models.CharField(
        _("推进状态"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("plan", "code", "name")
        verbose_name = _("重大项目")
        verbose_name_plural = _("重大项目")

    def __str__(self) -> str:
        return self.name

    def history_parent(self):
        return self.plan

    def planned_in(self, year: int) -> float | None:
        """The investment planned for ``year`` (亿元), or None when the register gives none."""
        value = (self.planned_by_year or {}).get(str(year))
        return None if value is None else float(value)
