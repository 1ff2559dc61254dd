from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "planwatch.web.surveys"
    label = "surveys"
    verbose_name = _("公众评价问卷")

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.surveys import rules  # noqa: F401
