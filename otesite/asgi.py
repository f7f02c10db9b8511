"""The ASGI application, for servers that speak ASGI; gunicorn uses otesite/wsgi.py."""

import os

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otesite.settings")

application = get_asgi_application()

from otesite.checks import secret_key_problem  # noqa: E402  (needs the settings loaded above)

if problem := secret_key_problem():
    raise ImproperlyConfigured(problem)
