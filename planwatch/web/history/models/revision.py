"""The data revision: a token every tracked write replaces, so caches know when to forget.

Two rows per plan — ``plan:5`` (every change) and ``plan:5:judged`` (changes that can alter
an assessment or a published page, i.e. not a draft being edited) — and ``global`` for records
of no plan (departments, users). ``save_tracked`` replaces the tokens in the same transaction as
the change, so a reader that reads the tokens first and then the data can only file data under
a token at least as old as that data, which no later reader asks for.
The token is random rather than a counter, so a rolled-back write (or a test database reset)
can never make a token name two different states.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    key = models.CharField(_("范围"), max_length=40, unique=True)
    token = models.CharField(_("版本标识"), max_length=32)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return f"{self.key}: {self.token}"
