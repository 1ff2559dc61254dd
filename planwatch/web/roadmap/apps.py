from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "planwatch.web.roadmap"
    label = "roadmap"
    verbose_name = "时间表和路线图"

    def ready(self) -> None:
        # Access rules join the one policy; the department template gains its sheets.
        from planwatch.web.roadmap import annual_plan, review, rules  # noqa: F401
        from planwatch.web.roadmap.overview import register
        from planwatch.web.roadmap.sheets import register_sheets

        register()
        register_sheets()
        review.register()  # milestone reports are submitted and reviewed as figures are
        annual_plan.register()  # this year's milestones and projects in the annual plan
