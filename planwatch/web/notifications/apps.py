from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "planwatch.web.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        # The access rules join the one policy; the change log's receiver starts listening.
        from planwatch.web.notifications import events, rules  # noqa: F401
