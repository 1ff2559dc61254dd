"""What a target in words is compared with, as the coordinator records it.

``快于全省平均水平`` needs the province's average (by year, or one figure for the period:
``“十三五”时期实际``); ``保持在合理区间`` needs the range's bounds (by year, from the year's plan
or 政府工作报告, or one range for every year). The engine takes them as
``planwatch.assess.model.ReferenceValue`` and ``RangeBound`` and checks them like every record.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked


class ReferenceKind(models.TextChoices):
    REFERENCE = "reference", _("外部参照值")
    RANGE = "range", _("合理区间")


class ReferenceFigure(Tracked):
    """An outside reference figure (``value``) or a range (``low``/``high``) for an item; a
    blank year applies to every year (a period figure, a standing range)."""

    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        related_name="reference_figures",
        verbose_name=_("指标"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=ReferenceKind.choices)
    year = models.PositiveSmallIntegerField(
        _("年份"), null=True, blank=True, help_text=_("空为全期适用。")
    )
    value = models.FloatField(_("参照值"), null=True, blank=True)
    low = models.FloatField(_("区间下限"), null=True, blank=True)
    high = models.FloatField(_("区间上限"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        ordering = ("item", "kind", "year")
        verbose_name = _("参照值与区间")
        verbose_name_plural = _("参照值与区间")

    def __str__(self) -> str:
        return f"{self.item.code} {self.get_kind_display()} {self.year or ''}"

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.item.plan_id
