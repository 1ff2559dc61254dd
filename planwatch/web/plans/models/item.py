from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.plans.choices import (
    Attribute,
    Basis,
    Comparator,
    Direction,
    ItemKind,
    Path,
    TargetKind,
)
from planwatch.web.plans.models.plan import Plan


class MeasurableItem(Tracked):
    """A table indicator (``I5``) or a quantified prose target (``T7``) with its targets.

    Field names follow planwatch.outline.model (Indicator / ProseTarget); the ``later_target_*``
    fields hold a target recorded after publication (完成省市分解任务).
    """

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="items", verbose_name=_("规划"))
    kind = models.CharField(_("类型"), max_length=10, choices=ItemKind.choices)
    code = models.CharField(_("编码"), max_length=20)
    number = models.PositiveSmallIntegerField(_("序号"), null=True, blank=True)
    name = models.CharField(_("名称"), max_length=300)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    category = models.CharField(_("类别"), max_length=60, blank=True)
    attribute = models.CharField(_("属性"), max_length=12, choices=Attribute.choices, blank=True)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices, blank=True)
    path_override = models.CharField(
        _("预期路径（人工指定）"), max_length=10, choices=Path.choices, blank=True
    )
    default_basis = models.CharField(
        _("数据口径（缺省）"),
        max_length=10,
        choices=Basis.choices,
        blank=True,
        help_text=_("该指标通常按当年还是累计（自基期年起）填报；空为当年。"),
    )

    baseline_year = models.PositiveSmallIntegerField(_("基期年"), null=True, blank=True)
    baseline_value = models.FloatField(_("基期值"), null=True, blank=True)
    baseline_text = models.CharField(_("基期原文"), max_length=500, blank=True)

    target_year = models.PositiveSmallIntegerField(_("目标年"), null=True, blank=True)
    target_value = models.FloatField(_("目标值"), null=True, blank=True)
    target_comparator = models.CharField(
        _("目标比较"), max_length=2, choices=Comparator.choices, blank=True
    )
    target_text = models.CharField(_("目标原文"), max_length=500, blank=True)
    #: The upper end of a range (``50－100家``: target_value 50, target_high 100).
    target_high = models.FloatField(_("目标上限"), null=True, blank=True)
    #: The text names no year: target_year is the plan's target year, taken by default.
    year_defaulted = models.BooleanField(_("目标年取规划目标年"), default=False)

    growth_value = models.FloatField(_("年均增速"), null=True, blank=True)
    growth_comparator = models.CharField(
        _("增速比较"), max_length=2, choices=Comparator.choices, blank=True
    )
    growth_text = models.CharField(_("增速原文"), max_length=100, blank=True)

    cumulative_value = models.FloatField(_("累计变化"), null=True, blank=True)
    cumulative_comparator = models.CharField(
        _("累计比较"), max_length=2, choices=Comparator.choices, blank=True
    )
    cumulative_text = models.CharField(_("累计原文"), max_length=100, blank=True)

    #: Prose targets only: what kind of commitment, the sentence, where it sits.
    target_kind = models.CharField(
        _("目标类型"), max_length=10, choices=TargetKind.choices, blank=True
    )
    source_text = models.TextField(_("原文"), blank=True)
    location = models.JSONField(
        pgettext_lazy("place in the outline", "位置"), default=list, blank=True
    )
    #: Other places where the outline states the same commitment again (one list per place).
    also_at = models.JSONField(_("重复表述位置"), default=list, blank=True)
    #: The code of the table indicator a prose target restates ("I5"): counted once, with it.
    restates = models.CharField(_("重述的指标"), max_length=20, blank=True)
    #: Table indicators: the notes under the table its footnote marks point to (``60.6*`` →
    #: ``*为2019年数据``), as printed — they say how to read its figures.
    notes = models.JSONField(_("表注"), default=list, blank=True)
    #: Table indicators: targets its cells state in words (高于GDP增长, 保持在合理区间 …), as
    #: planwatch.outline.model.WordTarget dicts: kind, text, relation, reference code and name.
    word_targets = models.JSONField(_("文字目标"), default=list, blank=True)

    later_target_value = models.FloatField(_("下达目标值"), null=True, blank=True)
    later_target_comparator = models.CharField(
        _("下达目标比较"), max_length=2, choices=Comparator.choices, blank=True
    )
    later_target_year = models.PositiveSmallIntegerField(_("下达目标年"), null=True, blank=True)
    later_target_note = models.CharField(_("下达目标说明"), max_length=300, blank=True)

    order = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ("plan", "kind", "order")
        verbose_name = _("监测指标")
        verbose_name_plural = _("监测指标")
        constraints = (unique_alive("plan", "code", name="item_code_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_binding(self) -> bool:
        return self.attribute == Attribute.BINDING

    def history_parent(self):
        return self.plan
