from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "performance"

    def ready(self) -> None:
        from performance import cache

        cache.connect_signals()
