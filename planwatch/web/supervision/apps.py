from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "planwatch.web.supervision"
    label = "supervision"
    verbose_name = "监督考核"

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.supervision import linked, rules  # noqa: F401
        from planwatch.web.supervision.overview import register
        from planwatch.web.supervision.services import milestone_facts, project_facts

        register()  # its links on the plan's page (plans.overview)
        milestone_facts.register()  # the roadmap's milestones in the scorecard
        project_facts.register()  # key projects on schedule in the scorecard
        linked.register()  # linked policies on every task's page (reporting.task_parts)
