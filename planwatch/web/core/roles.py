"""The roles people play in the cycle (DOMAIN.md §3); the public is the anonymous visitor."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("系统管理员")
    COORDINATOR = "coordinator", _("规划牵头部门")
    REPORTER = "reporter", _("部门填报员")
    LEADER = "leader", _("领导/审核人")
    EVALUATOR = "evaluator", _("第三方评估")


#: Roles that read everything signed-in users can read.
READ_ALL = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.LEADER, Role.EVALUATOR})
#: Roles that change plan content, assignments, rounds and verdicts.
MANAGE = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})
#: Roles that approve or return submissions.
REVIEW = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.LEADER})
