from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.web.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        # This app's access rules join the one policy (core.rules) at start-up.
        from planwatch.web.accounts import rules  # noqa: F401
