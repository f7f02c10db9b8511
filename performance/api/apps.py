from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (performance/api/): a way in and out like the CSV and the screens, with its
    own tokens (the one model of the app, hence an app of its own, labelled "api")."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "performance.api"
    label = "api"
    verbose_name = "API"
