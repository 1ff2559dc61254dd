"""Vocabularies of supervision: where a policy document stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyStatus(models.TextChoices):
    DRAFTING = "drafting", _("制定中")
    ISSUED = "issued", _("已出台")
    EVALUATED = "evaluated", _("已评估")


#: Statuses whose yearly implementation (落实情况) is reported and scored.
IN_FORCE = frozenset({PolicyStatus.ISSUED, PolicyStatus.EVALUATED})
