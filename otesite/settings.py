"""Settings for otesite, driven by environment variables.

One file for every environment, in the style of healthchecks: small env helpers, SQLite by
default (no server needed to try it) and PostgreSQL when DATABASE_URL says so.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", "False")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    # Development gets a fixed key. With debug off, a management command (makemigrations,
    # check) still runs, on a throwaway key; serving is what needs the real one, and
    # otesite/wsgi.py and `check --deploy` (otesite/checks.py) refuse to go on without it.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production" if DEBUG else secrets.token_urlsafe(50)

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widgets' templates, for FORM_RENDERER below
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    "compensation",
    "performance",
    "performance.api",  # the REST API and its tokens (app label "api")
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records request.user as the author of every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "otesite.urls"

# django-axes watches every authentication first, then Django's own backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "otesite.permissions.can",
                "performance.web.context.open_disputes",
            ],
            "builtins": ["otesite.lib.number_filters"],
        },
    },
]

# Forms render with the project's templates: `{{ field.as_field_group }}` is templates/forms/field.html.
FORM_RENDERER = "otesite.lib.form_fields.FormRenderer"

WSGI_APPLICATION = "otesite.wsgi.application"

# SQLite file by default; DATABASE_URL=postgres://... for PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "600"),
        conn_health_checks=True,
        # Behind pgbouncer in transaction mode (see docs/deploy.md).
        disable_server_side_cursors=envbool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", "False"),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Five wrong passwords for one username from one address lock that pair out for a while;
# the same person elsewhere, or another user at the same office, can still log in.
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("DJANGO_LOGIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "otesite.security.lockout_response"  # renders templates/axes/lockout.html
AXES_WHITELIST_CALLABLE = "otesite.security.no_password_tried"  # single sign-on is not counted
# Behind N trusted proxies the client's address is the Nth entry from the right of
# X-Forwarded-For; with none, REMOTE_ADDR (a client could forge the header otherwise).
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", "0")
AXES_CLIENT_IP_CALLABLE = "otesite.security.client_ip"

# --- Single sign-on with OpenID Connect (otesite/sso.py), off unless configured -------------------
# A client id, and the provider's discovery URL (or its four endpoints), turn it on: the login
# page then offers "Sign in with <OIDC_PROVIDER_NAME>". OIDC_ONLY takes passwords away.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "single sign-on")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and (OIDC_DISCOVERY_URL or OIDC_OP_AUTHORIZATION_ENDPOINT))
OIDC_ONLY = envbool("OIDC_ONLY", "False")
if OIDC_ONLY and not OIDC_ENABLED:
    raise ImproperlyConfigured("OIDC_ONLY needs single sign-on: set OIDC_RP_CLIENT_ID and OIDC_DISCOVERY_URL too.")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("OIDC_TIMEOUT_SECONDS", "10")
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("otesite.sso.CompanyBackend")
if OIDC_ONLY:  # sessions and permissions as before; no password signs anyone in
    AUTHENTICATION_BACKENDS[1] = "otesite.sso.PasswordlessBackend"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files a browser asks for at the site's root (/favicon.ico), served by WhiteNoise before any
# login is asked for.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sessions live in the database so any app server can serve any request. With DJANGO_REDIS_URL
# set, Django's cached_db sessions read them from that Redis, which every worker and host shares,
# and write through to the database: one query fewer on every request. Never cached_db over a
# per-process cache: a logout would leave the session alive in the other workers.
REDIS_URL = os.environ.get("DJANGO_REDIS_URL", "")
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
SESSION_CACHE_ALIAS = "sessions"

# The default cache is per process, and so is "pages": what pages computed, keyed by the data
# version so that no worker can serve a stale one (performance/cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
if REDIS_URL:
    CACHES["sessions"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
# The API's request counts (throttling): shared by every worker over Redis when there is one, else
# per process (each worker then counts apart, so a client gets up to the rate times the workers).
CACHES["throttle"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
)

# Behind a TLS-terminating proxy in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "False" if DEBUG else "True")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Pages hand the CSRF token to htmx from the template (hx-headers), so no script needs the cookie.
CSRF_COOKIE_HTTPONLY = True
# Load balancers probe /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: only our own files; no inline script or style, no eval. htmx is
# configured for that in base.html (allowEval false, no injected indicator styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- The REST API (performance/api/, README "The API") -----------------------------------------
# Tokens (`Authorization: Token <token>`) or the session (with CSRF), every view naming the
# permission it needs (deny by default), numbers written exactly (never through a float), reads
# paginated, and every client held to a rate.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "performance.api.tokens.ApiTokenAuthentication",  # first: an anonymous request gets 401, not 403
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["performance.api.permissions.NamedPermission"],
    "DEFAULT_RENDERER_CLASSES": ["performance.api.renderers.ExactJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["performance.api.renderers.ExactJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["performance.api.throttling.AnonThrottle", "performance.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_RATE_ANON", "60/hour"),
        "user": os.environ.get("DJANGO_API_RATE_USER", "5000/hour"),
    },
    "DEFAULT_PAGINATION_CLASS": "performance.api.pagination.Pages",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": False,
    "EXCEPTION_HANDLER": "performance.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_TOKEN_DAYS = envint("DJANGO_API_TOKEN_DAYS", "90")  # a new token's life unless told otherwise
API_TOKEN_MAX_DAYS = 366
SPECTACULAR_SETTINGS = {
    "TITLE": "otesite API",
    "DESCRIPTION": (
        "OTE, quota attainment and commission: months and their metrics, statements, payroll, deals and actuals. "
        "Numbers are exact JSON numbers; every figure follows DOMAIN.md. Send `Authorization: Token <token>` "
        "(make one at /account/tokens/)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PATH_CONVERTER_OVERRIDES": {"month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "example": "2026-03"}},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# E-mail: people's statements when a month is approved (performance/mailing.py). With no host,
# Django's console backend writes every message to the console (`make run` shows them there).
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", "25")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", "False")
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = envint("DJANGO_EMAIL_TIMEOUT", "10")  # seconds; a server that hangs is a failed send
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "otesite <otesite@localhost>")
# The site's address as people reach it, for the absolute links in e-mails (no request there):
# by default the first allowed host over HTTPS, or the development server in debug.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000" if DEBUG or not ALLOWED_HOSTS else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)
# Statements are sent after the approval commits, in a thread of their own, so an approval
# never waits for the mail server (the tests send in the request, to read what was sent).
STATEMENT_EMAILS_IN_BACKGROUND = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
