from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.assess.plausibility import STORED_MESSAGES
from planwatch.errors import Text
from planwatch.web.core.tracked import unique_alive
from planwatch.web.plans.choices import Basis
from planwatch.web.reporting.choices import Period
from planwatch.web.reporting.models.base import Reviewed


class Observation(Reviewed):
    """A reported value of one measurable item for one year (and period)."""

    round = models.ForeignKey(
        "reporting.ReportingRound",
        models.PROTECT,
        related_name="observations",
        verbose_name=_("报送轮次"),
    )
    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        related_name="observations",
        verbose_name=_("指标"),
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    period = models.CharField(_("周期"), max_length=2, choices=Period.choices, default=Period.YEAR)
    value = models.FloatField(_("数值"))
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    source = models.CharField(_("数据来源"), max_length=300, blank=True)
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    basis = models.CharField(_("口径"), max_length=10, choices=Basis.choices, default=Basis.ANNUAL)
    #: Why the reviewer should look twice (an unusual jump the reporter confirmed), as the
    #: problem's code and parameters (planwatch.assess.plausibility); empty if none. Worded in
    #: the reader's language by :attr:`plausibility_flag`.
    plausibility_code = models.CharField(_("复核提示"), max_length=40, blank=True)
    plausibility_params = models.JSONField(_("复核提示参数"), default=dict, blank=True)

    class Meta:
        ordering = ("item", "year", "period")
        verbose_name = _("指标数据")
        verbose_name_plural = _("指标数据")
        constraints = (unique_alive("item", "year", "period", name="observation_unique_alive"),)
        indexes = (models.Index(fields=["round", "status"]),)

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.value:g}"

    @property
    def plausibility_text(self) -> Text | None:
        """The flag as a bilingual message, or None for an unflagged figure."""
        if not self.plausibility_code:
            return None
        word = STORED_MESSAGES.get(self.plausibility_code)
        params = dict(self.plausibility_params or {})
        if word is None:  # a note kept as written (a flag no longer known by its code)
            note = str(params.get("text", ""))
            return Text(note, note, code=self.plausibility_code)
        return word(**params)

    @property
    def plausibility_flag(self) -> str:
        """The flag in the active language ("" if none): for the review pages and the API."""
        flag = self.plausibility_text
        return flag.render(get_language()) if flag else ""

    def history_parent(self):
        return self.item

    def history_plan_id(self):
        return self.round.plan_id
