from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked

#: Longest definition or 统计口径 a coordinator may write, in characters.
METADATA_TEXT_MAX = 2000


class ItemMetadata(Tracked):
    """What an indicator means and how it is counted, as the coordinator writes it for the
    public (定义, 统计口径, 数据来源). Shown on the portal only once the coordinator ticks
    ``is_published``; the lead department and the method come from the 分工 and the engine."""

    item = models.OneToOneField(
        "plans.MeasurableItem",
        models.PROTECT,
        related_name="portal_metadata",
        verbose_name=_("指标"),
    )
    definition = models.TextField(_("指标定义"), max_length=METADATA_TEXT_MAX, blank=True)
    caliber = models.TextField(_("统计口径"), max_length=METADATA_TEXT_MAX, blank=True)
    source = models.CharField(
        _("数据来源"),
        max_length=300,
        blank=True,
        help_text=_("例如：区统计局《统计年鉴》；空则显示各年数据所填的来源。"),
    )
    is_published = models.BooleanField(_("在公开网站显示"), default=False)

    class Meta:
        verbose_name = _("指标说明")
        verbose_name_plural = _("指标说明")

    def __str__(self) -> str:
        return str(self.item)

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.item.plan_id
