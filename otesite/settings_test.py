"""The test suite's settings: production settings (debug off), minus what needs TLS or a build.

SQLite by default; the same suite runs on PostgreSQL with DATABASE_URL set.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from otesite.settings import *  # noqa: F403
from otesite.settings import STORAGES

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Fast hashing: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest needs collectstatic; tests serve static files from the source tree instead.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files straight from the finders; there is no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Statements are e-mailed in the request, so a test reads what was sent as soon as it returns.
STATEMENT_EMAILS_IN_BACKGROUND = False
# The suite makes thousands of API requests from one address in one process: no rate stops it
# (tests/performance/api/test_tokens.py sets low rates to see a client held to one).
from otesite.settings import REST_FRAMEWORK  # noqa: E402

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}}
