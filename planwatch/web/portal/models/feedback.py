from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked
from planwatch.web.portal.choices import FeedbackStatus, Rating

#: Longest comment accepted, in characters.
COMMENT_MAX = 1000


class Feedback(Tracked):
    """A member of the public's rating and comment on a plan or one of its items (公众评价).

    The sender's address is kept only to limit how often one address may write; it is never
    shown. A coordinator approves a comment before the portal shows it.
    """

    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="feedback", verbose_name=_("规划")
    )
    item = models.ForeignKey(
        "plans.MeasurableItem",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("指标"),
    )
    rating = models.PositiveSmallIntegerField(_("评价"), choices=Rating.choices)
    comment = models.TextField(_("意见建议"), max_length=COMMENT_MAX, blank=True)
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.PENDING,
    )
    address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True, editable=False)
    #: Digest of the challenge the form carried: one challenge, one comment.
    challenge = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("语言"), max_length=10, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderation_note = models.CharField(_("审核说明"), max_length=300, blank=True)

    HISTORY_EXCLUDE = Tracked.HISTORY_EXCLUDE | {"address", "challenge"}

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("公众评价")
        verbose_name_plural = _("公众评价")
        indexes = (
            models.Index(fields=["address", "created_at"]),
            models.Index(fields=["plan", "status"]),
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        )

    def __str__(self) -> str:
        subject = self.item.code if self.item_id else str(self.plan)
        return f"{subject} · {self.get_rating_display()}"

    def history_parent(self):
        return self.item or self.plan
