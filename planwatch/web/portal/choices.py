from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    """Nothing the public writes is shown before a coordinator approves it."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class Rating(models.IntegerChoices):
    VERY_POOR = 1, _("很不满意")
    POOR = 2, _("不满意")
    FAIR = 3, _("一般")
    GOOD = 4, _("满意")
    VERY_GOOD = 5, _("很满意")
