from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "planwatch.web.annual"
    label = "annual"
    verbose_name = "年度计划与目标分解"

    def ready(self) -> None:
        from planwatch.web.annual.overview import register

        register()  # its links on the plan's page (plans.overview)
