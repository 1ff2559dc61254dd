from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.web.core.tracked import Tracked
from planwatch.web.reporting.choices import EDITABLE, ReviewStatus


class ReviewState(Tracked):
    """The review state of something a department reports and the coordinator reviews:
    draft → submitted → approved, or returned with a comment; who entered, submitted and
    reviewed it, and when. One definition for figures, progress reports, policy reports and
    milestone reports."""

    status = models.CharField(
        _("审核状态"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报人"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报送人"),
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("review of a submission", "审核人"),
    )
    reviewed_at = models.DateTimeField(
        pgettext_lazy("review of a submission", "审核时间"), null=True, blank=True
    )
    review_comment = models.TextField(_("审核意见"), blank=True, max_length=2000)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        abstract = True

    def changes_what_is_judged(self, before: dict | None, after: dict | None) -> bool:
        """Only approved figures and progress are judged and published: a draft, a submission
        or a return changes neither until (or unless) it is, or was, approved."""
        return ReviewStatus.APPROVED in ((before or {}).get("status"), (after or {}).get("status"))

    @property
    def is_editable_status(self) -> bool:
        return self.status in EDITABLE


class Reviewed(ReviewState):
    """Something a department reports and the coordinator reviews: draft → submitted → approved.

    A return sends it back with a comment; a change after approval is versioned like any other.
    """

    round = models.ForeignKey(
        "reporting.ReportingRound", models.PROTECT, related_name="+", verbose_name=_("报送轮次")
    )
    department = models.ForeignKey(
        "plans.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报部门"),
    )

    class Meta:
        abstract = True
