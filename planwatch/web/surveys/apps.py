from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "planwatch.web.surveys"
    label = "surveys"
    verbose_name = _("公众评价问卷")

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.surveys import rules  # noqa: F401
        from planwatch.web.surveys.api import register as register_api
        from planwatch.web.surveys.overview import register
        from planwatch.web.surveys.results import register as register_report

        register()  # its link on the plan's page (plans.overview)
        register_api()  # /api/surveys/ (api.routes)
        register_report()  # the closed questionnaires cited by the mid-term report (evaluation)
