from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive


class ScorecardWeights(Tracked):
    """The weights the coordinator sets for a plan's scorecard, with the reason for them.

    ``weights`` maps a component code of planwatch.assess.scorecard to a number; a component
    missing from it (one registered later) weighs 0 until the coordinator gives it a weight.
    """

    plan = models.ForeignKey("plans.Plan", models.PROTECT, related_name="+", verbose_name=_("规划"))
    weights = models.JSONField(_("权重"), default=dict)
    reason = models.TextField(_("设定理由"), max_length=2000)

    class Meta:
        verbose_name = _("考核权重")
        verbose_name_plural = _("考核权重")
        constraints = (unique_alive("plan", name="scorecard_weights_unique_alive"),)

    def __str__(self) -> str:
        return f"{self.plan} 考核权重"

    def history_parent(self):
        return self.plan


class ScoreAdjustment(Tracked):
    """A manual change to a department's total for a year, always with its reason."""

    plan = models.ForeignKey("plans.Plan", models.PROTECT, related_name="+", verbose_name=_("规划"))
    year = models.PositiveSmallIntegerField(_("年份"))
    department = models.ForeignKey(
        "plans.Department", models.PROTECT, related_name="+", verbose_name=_("部门")
    )
    points = models.FloatField(
        _("加减分"), validators=[MinValueValidator(-100), MaxValueValidator(100)]
    )
    reason = models.TextField(_("理由"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("调整人")
    )
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("plan", "-year", "department")
        verbose_name = _("考核调整")
        verbose_name_plural = _("考核调整")

    def __str__(self) -> str:
        return f"{self.department} {self.year}: {self.points:+g}"

    def history_parent(self):
        return self.plan
