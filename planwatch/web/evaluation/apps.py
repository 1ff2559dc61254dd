from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "planwatch.web.evaluation"
    label = "evaluation"
    verbose_name = _("评估报告")

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.evaluation import rules  # noqa: F401
        from planwatch.web.evaluation.api import register as register_api
        from planwatch.web.evaluation.overview import register

        register()  # its links on the plan's page (plans.overview)
        register_api()  # /api/evaluations/ (api.routes)
