from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planwatch.web.plans"
    label = "plans"
    verbose_name = "规划"

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.plans import rules  # noqa: F401
