from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "performance"

    def ready(self) -> None:
        from otesite import checks  # noqa: F401  (registers the deployment checks)
        from performance import cache, hooks, mailing
        from performance.month_close import month_approved

        hooks.provide()  # the answers to what the lower layers ask (otesite/lib/hooks.py)
        cache.connect_signals()
        month_approved.connect(mailing.on_month_approved, dispatch_uid="email-statements-on-approval")
