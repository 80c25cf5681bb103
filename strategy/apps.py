from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"

    def ready(self) -> None:
        from strategy import lockouts  # noqa: F401 (connects the lockout log)
