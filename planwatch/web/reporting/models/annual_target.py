"""Annual targets (年度目标) and decomposed shares (分解) of a measurable item, tracked.

An annual target is proposed from the item's path (planwatch.assess.annual), edited by the
coordinator, confirmed by the lead department and approved by the coordinator; only approved
ones are fed to the engine. A share is one holder's part of an item (a department, a 街道/园区,
an enterprise) with its own baseline, target, weight and yearly figures (ShareFigure).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.assess import annual as annual_rule
from planwatch.outline.model import COMPARATORS
from planwatch.web.core.tracked import Tracked, unique_alive


class TargetState(models.TextChoices):
    PROPOSED = "proposed", _("测算待确认")
    CONFIRMED = "confirmed", _("部门已确认")
    APPROVED = "approved", _("已批准")


class HolderKind(models.TextChoices):
    DEPARTMENT = "department", _("部门")
    AREA = "area", _("街道/园区")
    ENTERPRISE = "enterprise", _("重点企业")


COMPARATOR_CHOICES = [(c, c) for c in COMPARATORS]


class AnnualTarget(Tracked):
    """One item's target for one year of the period."""

    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        related_name="annual_targets",
        verbose_name=_("指标"),
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.FloatField(_("年度目标值"))
    comparator = models.CharField(_("比较"), max_length=2, choices=COMPARATOR_CHOICES, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    #: Where a proposed target came from (planwatch.assess.annual.SOURCES), shown in the
    #: reader's language when ``source`` holds no words of its own.
    source_code = models.CharField(
        _("来源类型"),
        max_length=10,
        blank=True,
        choices=[(code, t.zh) for code, t in annual_rule.SOURCES.items()],
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=TargetState.choices, default=TargetState.PROPOSED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("批准人"),
    )
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("item__order", "item__code", "year")
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        constraints = (unique_alive("item", "year", name="annual_target_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.value:g}"

    def source_in(self, language: str | None = None) -> str:
        """The source in words: its own, else its code's in ``language`` (default: active)."""
        if self.source or not self.source_code:
            return self.source
        return annual_rule.SOURCES[self.source_code].render(language or get_language())

    @property
    def source_label(self) -> str:
        return self.source_in()

    def changes_what_is_judged(self, before, after) -> bool:
        """Only approved targets are judged: a proposal or a confirmation changes nothing."""
        states = ((before or {}).get("state"), (after or {}).get("state"))
        return TargetState.APPROVED in states

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.item.plan_id


class TargetShare(Tracked):
    """One holder's part of an item's target, with its own baseline, target and weight."""

    item = models.ForeignKey(
        "plans.MeasurableItem", models.PROTECT, related_name="shares", verbose_name=_("指标")
    )
    holder_kind = models.CharField(_("分解对象类型"), max_length=12, choices=HolderKind.choices)
    holder_name = models.CharField(_("分解对象"), max_length=100)
    department = models.ForeignKey(
        "plans.Department",
        models.PROTECT,
        related_name="target_shares",
        verbose_name=_("填报部门"),
        help_text=_("报送该分解数据的部门"),
    )
    baseline = models.FloatField(_("基期值"), null=True, blank=True)
    target = models.FloatField(_("目标值"), null=True, blank=True)
    weight = models.FloatField(
        _("权重"), null=True, blank=True, help_text=_("按权重汇总的指标（比重、强度、增速）必填")
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("item__order", "item__code", "holder_name")
        verbose_name = _("目标分解")
        verbose_name_plural = _("目标分解")
        constraints = (unique_alive("item", "holder_name", name="target_share_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.item.code} {self.holder_name}"

    def changes_what_is_judged(self, before, after) -> bool:
        return False  # the parent is judged by its own figures; shares are shown beside them

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.item.plan_id


class ShareFigure(Tracked):
    """A share's reported figure for a year, entered by the share's department."""

    share = models.ForeignKey(
        TargetShare, models.PROTECT, related_name="figures", verbose_name=_("目标分解")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.FloatField(_("数值"))
    source = models.CharField(_("数据来源"), max_length=300, blank=True)
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
        ordering = ("share", "year")
        verbose_name = _("分解数据")
        verbose_name_plural = _("分解数据")
        constraints = (unique_alive("share", "year", name="share_figure_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.share} {self.year}: {self.value:g}"

    def changes_what_is_judged(self, before, after) -> bool:
        return False

    def history_parent(self):
        return self.share

    def history_plan_id(self):
        return self.share.item.plan_id
