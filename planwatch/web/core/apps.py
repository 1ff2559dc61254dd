from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planwatch.web.core"
    label = "core"
    verbose_name = "基础"
