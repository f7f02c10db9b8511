"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register

SECRET_KEY_MISSING = "Set DJANGO_SECRET_KEY (50+ random characters) before serving with debug off."


def secret_key_problem() -> str | None:
    if settings.DEBUG or getattr(settings, "SECRET_KEY_FROM_ENVIRONMENT", True):
        return None
    return SECRET_KEY_MISSING


@register(Tags.security, deploy=True)
def check_secret_key_is_configured(app_configs, **kwargs) -> list[Error]:
    problem = secret_key_problem()
    return [Error(problem, id="otesite.E001")] if problem else []
