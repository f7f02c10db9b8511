"""gunicorn's entry for the floor: `gunicorn -c gunicorn.conf.py bench.floor_wsgi` with
DJANGO_SETTINGS_MODULE=bench.floor_settings."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
