from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "planwatch.web.reporting"
    label = "reporting"
    verbose_name = "报送与审核"

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.reporting import rules  # noqa: F401
        from planwatch.web.reporting.overview import register

        register()  # its part of the plan's page (plans.overview)
        from planwatch.web.reporting import signals  # noqa: F401  (new assignments)
        from planwatch.web.reporting.services.share_sheet import register_sheet

        register_sheet()  # the 分解指标 sheet of the department template
