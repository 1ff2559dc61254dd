from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.assess.status import STATUSES
from planwatch.web.core.tracked import Tracked, unique_alive

STATUS_CHOICES = [(s.code, s.label_zh) for s in STATUSES]


class ManualVerdict(Tracked):
    """A person's judgement of an item for a year; shown beside the computed status."""

    item = models.ForeignKey(
        "plans.MeasurableItem", models.PROTECT, related_name="verdicts", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    status = models.CharField(_("判断"), max_length=20, choices=STATUS_CHOICES)
    reason = models.TextField(_("理由"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("判断人")
    )

    class Meta:
        ordering = ("item", "-year")
        verbose_name = _("人工判断")
        verbose_name_plural = _("人工判断")
        constraints = (unique_alive("item", "year", name="verdict_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.get_status_display()}"

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.item.plan_id
