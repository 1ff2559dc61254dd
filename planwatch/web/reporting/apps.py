from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "planwatch.web.reporting"
    label = "reporting"
    verbose_name = "报送与审核"
