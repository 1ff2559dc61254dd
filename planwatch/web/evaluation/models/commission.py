"""Third-party evaluation (第三方评估): a commission, its evaluators, their verdicts and evidence.

Everything the evaluator writes lives here, in their own records; departments' figures,
progress reports and the engine's grades are only read (the comparison, evaluation.compare).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.assess.status import BY_CODE
from planwatch.web.core.tracked import Tracked, unique_alive
from planwatch.web.reporting.choices import Progress


def grade_label(grade: str, on_item: bool) -> str:
    """A verdict's grade in the reader's language: an engine status for an item, a progress
    state for a task; an unknown code as it is."""
    if on_item:
        status = BY_CODE.get(grade)
        return status.label(get_language() or "zh-hans") if status else grade
    return str(dict(Progress.choices).get(grade, grade))


class CommissionState(models.TextChoices):
    COMMISSIONED = "commissioned", _("已委托")
    IN_PROGRESS = "in_progress", _("评估中")
    SUBMITTED = "submitted", _("已提交")
    ARCHIVED = "archived", _("已归档")


#: States in which the evaluators still write verdicts and evidence.
OPEN_STATES = (CommissionState.COMMISSIONED, CommissionState.IN_PROGRESS)


class Commission(Tracked):
    """The coordinator's commission of an independent evaluation of (part of) a plan."""

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="commissions", verbose_name=_("规划")
    )
    title = models.CharField(_("评估项目名称"), max_length=200)
    agency = models.CharField(_("评估机构"), max_length=200, blank=True)
    #: Chapter numbers, item codes and task codes, separated by spaces or commas; empty: the
    #: whole plan (evaluation.scope reads it).
    scope = models.CharField(_("评估范围"), max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField(_("评估年份"))
    due_on = models.DateField(_("提交期限"), null=True, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=CommissionState.choices,
        default=CommissionState.COMMISSIONED,
    )
    final_report = models.FileField(_("正式评估报告"), upload_to="evaluation/final/%Y/", blank=True)
    final_report_name = models.CharField(_("报告文件名"), max_length=255, blank=True)
    commissioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("委托人")
    )

    class Meta:
        ordering = ("plan", "-year", "-created_at")
        verbose_name = _("第三方评估")
        verbose_name_plural = _("第三方评估")

    def __str__(self) -> str:
        return f"{self.title}（{self.year}）"

    def history_parent(self):
        return self.plan

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class CommissionEvaluator(Tracked):
    """One evaluator account on a commission (a row of its own, so adding one is logged)."""

    commission = models.ForeignKey(
        Commission, models.PROTECT, related_name="evaluators", verbose_name=_("第三方评估")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("评估人员")
    )

    class Meta:
        ordering = ("commission", "user")
        verbose_name = _("评估人员")
        verbose_name_plural = _("评估人员")
        constraints = (unique_alive("commission", "user", name="commission_evaluator_unique"),)

    def __str__(self) -> str:
        return str(self.user)

    def history_parent(self):
        return self.commission

    def history_plan_id(self):
        return self.commission.plan_id


class ThirdPartyVerdict(Tracked):
    """The evaluator's own grade and comment on one item or one task of the commission."""

    commission = models.ForeignKey(
        Commission, models.PROTECT, related_name="verdicts", verbose_name=_("第三方评估")
    )
    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("指标"),
    )
    task = models.ForeignKey(
        "plans.Task",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("任务"),
    )
    #: An item's grade uses the engine's statuses; a task's the progress states departments use.
    grade = models.CharField(_("评估结论"), max_length=20)
    comment = models.TextField(_("评估意见"), max_length=5000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("评估人员")
    )

    class Meta:
        ordering = ("commission", "item", "task")
        verbose_name = _("第三方评估结论")
        verbose_name_plural = _("第三方评估结论")
        constraints = (
            unique_alive(
                "commission", "item", name="tp_verdict_item", condition=models.Q(item__isnull=False)
            ),
            unique_alive(
                "commission", "task", name="tp_verdict_task", condition=models.Q(task__isnull=False)
            ),
            models.CheckConstraint(
                condition=models.Q(item__isnull=True) ^ models.Q(task__isnull=True),
                name="tp_verdict_item_or_task",
            ),
        )

    def __str__(self) -> str:
        return f"{(self.item or self.task).code}: {self.grade_label}"

    @property
    def grade_label(self) -> str:
        return grade_label(self.grade, on_item=self.item_id is not None)

    @staticmethod
    def history_value(key: str, values: dict) -> str | None:
        """The change log shows the grade by its label (its choices depend on item or task)."""
        if key == "grade" and values.get("grade"):
            return grade_label(values["grade"], on_item=values.get("item_id") is not None)
        return None

    def history_parent(self):
        return self.commission

    def history_plan_id(self):
        return self.commission.plan_id


class EvaluatorEvidence(Tracked):
    """A file the evaluator gathered (survey notes, site photos…): theirs, not a department's."""

    commission = models.ForeignKey(
        Commission, models.PROTECT, related_name="evidence", verbose_name=_("第三方评估")
    )
    title = models.CharField(_("说明"), max_length=200, blank=True)
    file = models.FileField(_("文件"), upload_to="evaluation/evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("上传人")
    )

    class Meta:
        ordering = ("created_at",)
        verbose_name = _("评估佐证材料")
        verbose_name_plural = _("评估佐证材料")

    def __str__(self) -> str:
        return self.original_name

    def history_parent(self):
        return self.commission

    def history_plan_id(self):
        return self.commission.plan_id
