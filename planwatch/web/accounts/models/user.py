import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.roles import Role
from planwatch.web.core.tracked import Versioned


class PlanwatchUserManager(UserManager):
    """``createsuperuser`` makes an administrator (a reporter would need a department).

    Users come with their department (every page's header names it): one query, not two.
    """

    def get_queryset(self):
        return super().get_queryset().select_related("department")

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(Versioned, AbstractUser):
    """A person with one role; a department reporter is bound to their department.

    Accounts are deactivated, never deleted: their names stay on every change they made.
    Changes made through the user pages are versioned and logged like any other record.
    """

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

    objects = PlanwatchUserManager()

    #: Bookkeeping Django updates itself; the password is logged only as a fingerprint.
    HISTORY_EXCLUDE = frozenset({"version", "last_login", "date_joined", "password"})

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

    def delete(self, *args, **kwargs):
        raise TypeError("accounts are deactivated (is_active=False), never deleted")

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

    def snapshot(self) -> dict:
        """Content fields, and a fingerprint that changes when the password is set anew.

        The fingerprint is of the salted hash, so the log shows *that* a password was reset
        and reveals nothing about it.
        """
        data = super().snapshot()
        digest = hashlib.sha256(self.password.encode()).hexdigest()[:8] if self.password else ""
        data["password"] = f"#{digest}" if digest else ""
        return data
