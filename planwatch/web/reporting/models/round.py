import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.reporting.choices import Period, RoundStatus


class ReportingRound(Tracked):
    """One reporting period of a plan (e.g. 2023年度) with its deadline."""

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="rounds", verbose_name=_("规划")
    )
    name = models.CharField(_("名称"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年份"))
    period = models.CharField(_("周期"), max_length=2, choices=Period.choices, default=Period.YEAR)
    opens_on = models.DateField(_("开始日期"), null=True, blank=True)
    deadline = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    is_published = models.BooleanField(_("结果已公开"), default=False)
    is_demo = models.BooleanField(_("示例数据"), default=False)
    #: When the round first opened: its duties are the assignments made by then (plus those
    #: the coordinator added to it explicitly); None: never opened, duties follow assignments.
    opened_at = models.DateTimeField(_("开启时间"), null=True, blank=True, editable=False)
    added_assignments = models.ManyToManyField(
        "plans.Assignment",
        blank=True,
        related_name="+",
        verbose_name=_("开启后加入的分工"),
        help_text=_("轮次开启后新建、并勾选“也加入当前轮次”的分工。"),
    )

    class Meta:
        ordering = ("plan", "-year", "period")
        verbose_name = _("报送轮次")
        verbose_name_plural = _("报送轮次")
        constraints = (unique_alive("plan", "year", "period", name="round_unique_alive"),)

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The moment the round opens fixes its duties (services.duties.round_assignments).
        if self.status == RoundStatus.OPEN and self.opened_at is None:
            self.opened_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "opened_at"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past the deadline while still open."""
        return self.is_open and (today or timezone.localdate()) > self.deadline

    def history_parent(self):
        return self.plan
