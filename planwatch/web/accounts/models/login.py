from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """A failed sign-in; enough of them for one username and address lock that pair out.

    Kept in the database, not a per-process cache, so every gunicorn worker sees the same count.
    """

    username = models.CharField(_("用户名"), max_length=150)
    address = models.GenericIPAddressField(_("地址"), null=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        indexes = (models.Index(fields=["username", "address", "at"]),)
        verbose_name = _("登录失败")
        verbose_name_plural = _("登录失败")
