from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.reporting.choices import Progress
from planwatch.web.reporting.models.base import Reviewed


class TaskProgress(Reviewed):
    """A department's account of a task in a round: narrative, percent, state, evidence."""

    round = models.ForeignKey(
        "reporting.ReportingRound",
        models.PROTECT,
        related_name="progress_reports",
        verbose_name=_("报送轮次"),
    )
    task = models.ForeignKey(
        "plans.Task", models.PROTECT, related_name="progress_reports", verbose_name=_("任务")
    )
    narrative = models.TextField(_("进展情况"), max_length=5000, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("完成比例（%）"), default=0, validators=[MaxValueValidator(100)]
    )
    progress = models.CharField(
        _("推进状态"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )

    class Meta:
        ordering = ("task", "department")
        verbose_name = _("任务进展")
        verbose_name_plural = _("任务进展")
        constraints = (
            unique_alive("round", "task", "department", name="progress_unique_alive"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="percent_le_100"),
        )

    def __str__(self) -> str:
        return f"{self.task.code} {self.round}: {self.percent}%"

    def history_parent(self):
        return self.task

    def history_plan_id(self):
        return self.round.plan_id


class Evidence(Tracked):
    """A file backing a progress report; served only through a permission-checked view."""

    progress = models.ForeignKey(
        TaskProgress, models.PROTECT, related_name="evidence", verbose_name=_("任务进展")
    )
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("上传人")
    )

    class Meta:
        ordering = ("created_at",)
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.original_name

    def history_parent(self):
        return self.progress

    def history_plan_id(self):
        return self.progress.round.plan_id
