from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked, unique_alive


class Department(Tracked):
    """A unit that answers for targets and tasks (e.g. 经济发展局, a 街道 or 镇)."""

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    is_coordinator = models.BooleanField(
        _("规划牵头协调部门"), default=False, help_text=_("负责规划实施协调和审核的部门")
    )
    is_demo = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        ordering = ("name",)
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = (unique_alive("name", name="department_name_unique_alive"),)

    def __str__(self) -> str:
        return self.name
