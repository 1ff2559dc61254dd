from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "planwatch.web.portal"
    label = "portal"
    verbose_name = _("公开信息")

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.portal import rules  # noqa: F401
        from planwatch.web.portal.published import register

        register()  # 指标说明 in /api/open-data/ (api.views.opendata)
