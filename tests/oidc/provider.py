"""A small, real OpenID Connect provider on loopback, to try otesite's single sign-on and to test it.

django-oidc-provider in a Django project of its own (this file), with its own SQLite database
in a temporary folder, signing ID tokens with a fresh RSA key (RS256). It knows one client,
otesite, and a few people who sign in with the password below. Start it with

    python tests/oidc/provider.py            # or: make oidc-provider

and start otesite with the variables it prints (README, "Single sign-on"). The test suite starts
it the same way on a free port (tests/oidc/running.py). For trying things only: never put it in
front of real people.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

HERE = Path(__file__).resolve().parent
CLIENT_ID = "otesite-local"
CLIENT_SECRET = "otesite-local-secret"  # a loopback toy's: printed, documented, never used elsewhere
PASSWORD = "sso-demo-2026"
# Who can sign in here (as their e-mail, with PASSWORD), and whether the provider vouches for
# the e-mail. They match the demo's logins and people (manage.py load_demo).
ACCOUNTS = [
    ("admin@example.com", True),  # the demo's admin login
    ("ana.ruiz@example.com", True),  # Ana Ruiz: the demo's rep, login `ana`
    ("grace.liu@example.com", True),  # Grace Liu: a person with no login yet, who gets one
    ("unverified@example.com", False),  # the provider does not vouch for this e-mail
    ("stranger@example.com", True),  # nobody at otesite
]
UNVERIFIED = {email for email, verified in ACCOUNTS if not verified}


def userinfo(claims: dict, user) -> dict:
    """The claims of the `email` scope: the e-mail, and whether it is verified."""
    claims["email"] = user.email
    claims["email_verified"] = user.email not in UNVERIFIED
    return claims


def configure(site_url: str, database: Path) -> None:
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="oidc-test-provider-on-loopback-only-not-a-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oidc_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [HERE / "templates"],
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # a toy: fast
        USE_TZ=True,
        # Browsers share cookies across ports: otesite on 127.0.0.1:8000 uses the default names.
        SESSION_COOKIE_NAME="test_provider_session",
        CSRF_COOKIE_NAME="test_provider_csrftoken",
        LOGIN_URL="/login/",
        SITE_URL=site_url,  # the issuer is SITE_URL + "/openid"
        OIDC_USERINFO=f"{__name__}.userinfo",
        OIDC_IDTOKEN_INCLUDE_CLAIMS=False,
    )


def sign_out(request):
    """GET /logout/: forget who signed in here, to try another account (a toy: no CSRF check)."""
    from django.contrib.auth import logout
    from django.http import HttpResponse

    logout(request)
    return HttpResponse("Signed out of the test provider.", content_type="text/plain")


def _urls():
    from django.contrib.auth import views as auth_views
    from django.urls import include, path

    return [
        path("login/", auth_views.LoginView.as_view(), name="login"),
        path("logout/", sign_out),
        path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
    ]


def __getattr__(name: str):
    if name == "urlpatterns":  # read by Django once configured, as this module is the URLconf
        return _urls()
    raise AttributeError(name)


def set_up(redirect_uris: list[str]) -> None:
    """A fresh database: the tables, an RSA key, the otesite client and the accounts."""
    import django
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", verbosity=0)

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    RSAKey.objects.create(key=pem.decode())
    client = Client.objects.create(
        name="otesite",
        client_type="confidential",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        jwt_alg="RS256",
        require_consent=False,
        _redirect_uris="\n".join(redirect_uris),
    )
    client.response_types.add(ResponseType.objects.get_or_create(value="code")[0])
    for email, _ in ACCOUNTS:
        User.objects.create_user(email, email=email, password=PASSWORD)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:
        if VERBOSE:
            super().log_message(format, *args)


VERBOSE = False


def main(argv: list[str] | None = None) -> None:
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8001, help="0: any free port (default 8001)")
    parser.add_argument(
        "--redirect-uri",
        action="append",
        help="otesite's callback, as the browser reaches it (default: http://127.0.0.1:8000/oidc/callback/ "
        "and http://localhost:8000/oidc/callback/); repeat for more",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    options = parser.parse_args(argv)
    VERBOSE = options.verbose
    redirect_uris = options.redirect_uri or [
        "http://127.0.0.1:8000/oidc/callback/",
        "http://localhost:8000/oidc/callback/",
    ]
    server = make_server("127.0.0.1", options.port, None, server_class=_Server, handler_class=_QuietHandler)
    site_url = f"http://127.0.0.1:{server.server_port}"
    folder = Path(tempfile.mkdtemp(prefix="otesite-oidc-"))
    try:
        configure(site_url, folder / "provider.sqlite3")
        set_up(redirect_uris)
        from django.core.wsgi import get_wsgi_application

        server.set_app(get_wsgi_application())
        _announce(site_url, redirect_uris)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def _announce(site_url: str, redirect_uris: list[str]) -> None:
    # The first line is what tests/oidc/running.py waits for.
    print(f"OpenID provider ready at {site_url}/openid", flush=True)
    print(
        f"""
Start otesite in another terminal with:

  OIDC_DISCOVERY_URL={site_url}/openid/.well-known/openid-configuration \\
  OIDC_RP_CLIENT_ID={CLIENT_ID} OIDC_RP_CLIENT_SECRET={CLIENT_SECRET} \\
  OIDC_PROVIDER_NAME="the test provider" make run

then open {redirect_uris[0].removesuffix("/oidc/callback/")}/login/ and press "Sign in with the test provider".
Sign in here as any of these, password {PASSWORD}:""",
        flush=True,
    )
    for email, verified in ACCOUNTS:
        print(f"  {email:<24} {'e-mail verified' if verified else 'e-mail NOT verified: refused'}", flush=True)
    print(
        f"The provider remembers who signed in; open {site_url}/logout/ to try another. Stop with Ctrl-C.", flush=True
    )


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
