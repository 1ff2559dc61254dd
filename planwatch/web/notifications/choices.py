"""The kinds of notice planwatch sends; each user chooses which they receive, and how."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("报送轮次开启")
    DEADLINE = "deadline", _("截止日期临近")
    OVERDUE = "overdue", _("逾期未报")
    RETURNED = "returned", _("数据被退回")
    APPROVED = "approved", _("数据审核通过")
    OFF_COURSE = "off_course", _("约束性指标或重大项目偏离预期")
    FEEDBACK = "feedback", _("公众评价待审核")
    MILESTONE_OVERDUE = "milestone_overdue", _("任务节点逾期未完成")
