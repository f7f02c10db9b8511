"""The WSGI application gunicorn serves (gunicorn.conf.py)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otesite.settings")

application = get_wsgi_application()

from otesite.checks import secret_key_problem  # noqa: E402  (needs the settings loaded above)

if problem := secret_key_problem():
    # Serving on a throwaway key would log everyone out on every restart and differ per host.
    raise ImproperlyConfigured(problem)
