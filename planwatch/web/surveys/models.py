"""Public evaluation (公众评价): questionnaires the coordinator builds and the public answers.

Answers are anonymous: the sender's address is kept only for the rate limit (as for feedback,
portal.abuse) and never shown. Free text waits for moderation before anyone outside sees it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked
from planwatch.web.portal.choices import FeedbackStatus

#: Longest free-text answer, in characters.
TEXT_MAX = 1000


class QuestionKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("满意度（5级）")
    CHOICE = "choice", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TEXT = "text", _("意见建议（文字）")


class Survey(Tracked):
    plan = models.ForeignKey(
        "plans.Plan", models.PROTECT, related_name="surveys", verbose_name=_("规划")
    )
    title = models.CharField(_("问卷标题"), max_length=200)
    intro = models.TextField(_("问卷说明"), max_length=2000, blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    is_published = models.BooleanField(_("在公开平台发布"), default=False)
    is_demo = models.BooleanField(_("示例数据"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("创建人")
    )

    class Meta:
        ordering = ("plan", "-opens_on")
        verbose_name = _("公众评价问卷")
        verbose_name_plural = _("公众评价问卷")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="survey_period_order"
            ),
        )

    def __str__(self) -> str:
        return self.title

    def history_parent(self):
        return self.plan

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Question(Tracked):
    survey = models.ForeignKey(
        Survey, models.PROTECT, related_name="questions", verbose_name=_("问卷")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    kind = models.CharField(_("题型"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=300)
    #: A satisfaction question about one chapter of the plan (else about a theme in its text).
    chapter = models.ForeignKey(
        "plans.Node",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所涉章节"),
    )
    #: Choice questions: one option a line.
    options = models.TextField(_("选项"), max_length=2000, blank=True)
    required = models.BooleanField(_("必答"), default=False)

    class Meta:
        ordering = ("survey", "order", "pk")
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")

    def __str__(self) -> str:
        return self.text

    def history_parent(self):
        return self.survey

    def history_plan_id(self):
        return self.survey.plan_id

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Response(Tracked):
    """One anonymous questionnaire sent in (its answers are :class:`Answer` rows)."""

    survey = models.ForeignKey(
        Survey, models.PROTECT, related_name="responses", verbose_name=_("问卷")
    )
    address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True, editable=False)
    #: Digest of the challenge the form carried: one challenge, one questionnaire.
    challenge = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("语言"), max_length=10, blank=True)
    is_demo = models.BooleanField(_("示例数据"), default=False)

    HISTORY_EXCLUDE = Tracked.HISTORY_EXCLUDE | {"address", "challenge"}

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("问卷答卷")
        verbose_name_plural = _("问卷答卷")
        indexes = (models.Index(fields=["address", "created_at"]),)

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def history_parent(self):
        return self.survey

    def history_plan_id(self):
        return self.survey.plan_id


class Answer(Tracked):
    """One answer: a rating, one chosen option (a row per option ticked), or a text."""

    response = models.ForeignKey(
        Response, models.PROTECT, related_name="answers", verbose_name=_("答卷")
    )
    question = models.ForeignKey(
        Question, models.PROTECT, related_name="answers", verbose_name=_("题目")
    )
    rating = models.PositiveSmallIntegerField(_("满意程度"), null=True, blank=True)
    option = models.PositiveSmallIntegerField(_("选项序号"), null=True, blank=True)
    text = models.TextField(_("意见建议"), max_length=TEXT_MAX, blank=True)
    #: Free text is shown only once a coordinator approves it (portal.moderation).
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.PENDING,
    )
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

    class Meta:
        ordering = ("question", "pk")
        verbose_name = _("问卷回答")
        verbose_name_plural = _("问卷回答")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            ),
        )

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.option or self.text[:20]}"

    def history_parent(self):
        return self.question

    def history_plan_id(self):
        return self.question.survey.plan_id
