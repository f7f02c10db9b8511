from django.apps import AppConfig


class CompensationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "compensation"

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        # Signing in is not a change to the login: its time is kept without a history row
        # (models/login_history.py keeps the history of logins).
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_update_last_login_quietly, dispatch_uid="update_last_login")


def _update_last_login_quietly(sender, user, **kwargs) -> None:
    from django.utils import timezone

    user.last_login = timezone.now()
    user.save_without_historical_record(update_fields=["last_login"])
