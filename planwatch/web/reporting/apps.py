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
        from planwatch.web.plans.services.assigning import assignments_made

        assignments_made.connect(_join_open_rounds, dispatch_uid="reporting-join-open-rounds")


def _join_open_rounds(sender, *, plan, assignments, join_open_rounds: bool, **kwargs) -> None:
    """New assignments count in the open rounds only when the coordinator said so."""
    if join_open_rounds:
        from planwatch.web.reporting.services.duties import add_to_open_rounds

        add_to_open_rounds(plan, assignments)
