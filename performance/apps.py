from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "performance"

    def ready(self) -> None:
        from otesite import checks  # noqa: F401  (registers the deployment checks)
        from performance import cache

        cache.connect_signals()
