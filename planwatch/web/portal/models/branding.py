from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.web.core.tracked import Tracked

#: Largest logo accepted, in bytes: it is downloaded with every portal page.
LOGO_MAX_BYTES = 200_000


class PortalBranding(Tracked):
    """The issuing authority the portal names in its header, with its logo, per plan.

    Shown only once the coordinator ticks ``is_published``; before that the header names the
    authority set in ``PLANWATCH_PORTAL_AUTHORITY``, else the plan's issuer (发文机关).
    """

    plan = models.OneToOneField(
        "plans.Plan", models.PROTECT, related_name="portal_branding", verbose_name=_("规划")
    )
    authority = models.CharField(_("发布机关名称"), max_length=100, blank=True)
    logo = models.FileField(_("标志图片"), upload_to="portal/logos/", blank=True)
    logo_type = models.CharField(_("图片类型"), max_length=40, blank=True, editable=False)
    is_published = models.BooleanField(_("在公开网站显示"), default=False)

    class Meta:
        verbose_name = _("公开网站标识")
        verbose_name_plural = _("公开网站标识")

    def __str__(self) -> str:
        return self.authority or str(self.plan)

    def history_parent(self):
        return self.plan
