"""Workflow and progress vocabularies of reporting; colour always paired with the label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("未开启")
    OPEN = "open", _("填报中")
    CLOSED = "closed", _("已关闭")


class Period(models.TextChoices):
    YEAR = "Y", _("年度")
    H1 = "H1", _("上半年")
    H2 = "H2", _("下半年")
    Q1 = "Q1", _("第一季度")
    Q2 = "Q2", _("第二季度")
    Q3 = "Q3", _("第三季度")
    Q4 = "Q4", _("第四季度")


class ReviewStatus(models.TextChoices):
    """Where a figure or a progress report stands; only approved ones count."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审核")


REVIEW_COLOURS = {
    ReviewStatus.DRAFT: "#7f8c8d",
    ReviewStatus.SUBMITTED: "#2f6f9f",
    ReviewStatus.RETURNED: "#c0392b",
    ReviewStatus.APPROVED: "#1b7a3a",
}
#: A reporter may still change a record in these states (while the round is open).
EDITABLE = frozenset({ReviewStatus.DRAFT, ReviewStatus.RETURNED})


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    IN_PROGRESS = "in_progress", _("推进中")
    COMPLETED = "completed", _("已完成")
    DELAYED = "delayed", _("进度滞后")
