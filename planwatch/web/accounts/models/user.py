from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.accounts.roles import Role


class User(AbstractUser):
    """A person with one role; a department reporter is bound to their department."""

    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    department = models.ForeignKey(
        "plans.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("所属部门"),
    )
    full_name = models.CharField(_("姓名"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(role="reporter") | models.Q(department__isnull=False),
                name="reporter_has_department",
            ),
        )

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles
