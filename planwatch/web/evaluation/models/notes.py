"""Evaluators' notes: remarks on a plan, an item or a task, read by all who read everything."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked


class EvaluationNote(Tracked):
    """A third-party evaluator's (or reviewer's) remark on a plan, an item or a task."""

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="evaluation_notes", verbose_name=_("规划")
    )
    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_notes",
        verbose_name=_("指标"),
    )
    task = models.ForeignKey(
        "plans.Task",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_notes",
        verbose_name=_("任务"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="evaluation_notes",
        verbose_name=_("作者"),
    )
    text = models.TextField(_("评估意见"), max_length=5000)

    class Meta:
        # Moved here from accounts with its rows: the table keeps its first name.
        db_table = "accounts_evaluationnote"
        ordering = ("-created_at",)
        verbose_name = _("评估意见")
        verbose_name_plural = _("评估意见")

    def __str__(self) -> str:
        return self.text[:40]

    def history_parent(self):
        return self.item or self.task or self.plan
