"""Single sign-on with the company's OpenID Connect provider, through mozilla-django-oidc.

Off unless settings.OIDC_ENABLED (a client id, and a discovery URL or the endpoints: settings.py
and the README's configuration table). The code flow, the ID token's signature (RS256 by default,
keys from the provider's JWKS) and its nonce are mozilla-django-oidc's; this module adds what
it leaves to the site:

- the endpoints may come from the provider's discovery document, read when first needed (never
  at start-up, nor on an ordinary request, which only loads the session's user);
- the ID token must be meant for us (`aud`) and come from the provider (`iss`), and the user
  info must be about the same subject (`sub`);
- who gets in: the provider must say the e-mail is verified (`email_verified` true). That
  e-mail finds an existing login (ignoring case); else a person with that e-mail, whose linked
  login it is, or who gets a new rep login linked to them (compensation/logins.py). Anyone else
  is refused with a page saying why (`Refused`), and no account is made;
- a disabled login is refused, and its session ends as with a password.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from compensation import logins
from compensation.models import Person

log = logging.getLogger(__name__)
REASON = "signed in with single sign-on"  # the history's change reason for a login made here
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, dict] = {}  # per process, by discovery URL


class Refused(Exception):
    """Why someone who came back from the provider is not signed in, in words for them."""


def discovery() -> dict:
    """The provider's discovery document (empty without OIDC_DISCOVERY_URL), fetched once."""
    url = settings.OIDC_DISCOVERY_URL
    if not url:
        return {}
    if url not in _discovered:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            _discovered[url] = response.json()
        except (requests.RequestException, ValueError) as error:
            log.warning("single sign-on: cannot read %s: %s", url, error)
            raise Refused("The company's sign-in service cannot be reached just now. Try again in a minute.") from error
    return _discovered[url]


def setting(name: str, *default):
    """A mozilla-django-oidc setting; an endpoint not set comes from the discovery document."""
    value = getattr(settings, name, None)
    if value is not None and value != "":
        return value
    if name in ENDPOINTS:
        found = discovery().get(ENDPOINTS[name])
        if found:
            return found
        raise Refused("Single sign-on is not set up completely here: tell an admin (a provider endpoint is missing).")
    return default[0] if default else value


def verified_email(claims: dict) -> str:
    email = (claims.get("email") or "").strip()
    if not email:
        raise Refused("The company's sign-in service did not tell us your e-mail, so we cannot tell who you are.")
    if claims.get("email_verified") not in (True, "true"):
        raise Refused(f"The company's sign-in service has not verified the e-mail {email}, so we cannot sign you in.")
    return email


def user_for_email(email: str):
    """The login this verified e-mail signs in as, made for a person if they have none yet."""
    users = list(logins.User.objects.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise Refused(f"More than one login here has the e-mail {email}. Ask an admin to keep it on one.")
    if users:
        user = users[0]
    else:
        people = list(Person.objects.select_related("user").filter(email__iexact=email)[:2])
        if not people:
            raise Refused(
                f"Nobody here has the e-mail {email}, so there is no account for you. Ask an admin to add you."
            )
        if len(people) > 1:
            raise Refused(f"More than one person here has the e-mail {email}. Ask an admin to keep it on one.")
        person = people[0]
        if person.user is None:
            return logins.create_login(person, logins.suggest_username(person), reason=REASON)
        user = person.user
    if not user.is_active:
        raise Refused(f"Your login here ({user.get_username()}) is disabled. Ask an admin to enable it.")
    return user


class CompanyBackend(OIDCAuthenticationBackend):
    """Signs in whoever the provider vouches for by a verified e-mail (see the module's text).

    It answers no permission question: ModelBackend, beside it in AUTHENTICATION_BACKENDS, does,
    whichever way the user signed in."""

    def __init__(self, *args, **kwargs) -> None:
        # Unlike the parent, reads no endpoint here: Django makes a backend on every request
        # that loads a session's user, and the endpoints may need the discovery document.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = logins.User

    @staticmethod
    def get_settings(attr, *args):
        return setting(attr, *args)

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:  # the parent's name
        return setting("OIDC_OP_TOKEN_ENDPOINT")

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return setting("OIDC_OP_USER_ENDPOINT")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return setting("OIDC_OP_JWKS_ENDPOINT")

    def authenticate(self, request, **kwargs):
        """The parent's code flow; what goes wrong is kept on the request for the refusal page."""
        if request is None or not settings.OIDC_ENABLED:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refused:
            request.sso_refusal = str(refused)
        except (requests.RequestException, SuspiciousOperation) as error:
            log.warning("single sign-on refused: %s", error)
            request.sso_refusal = "The sign-in could not be completed (the answer from the company's sign-in service did not check out). Try again."
        return None

    def verify_token(self, token, **kwargs):
        """The parent checks the signature and the nonce; the audience and the issuer too here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("The ID token is meant for another client.")
        issuer = discovery().get("issuer")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user info is about someone other than the ID token.")
        return user_for_email(verified_email({**payload, **claims}))

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    # Permissions are ModelBackend's answers (or PasswordlessBackend's), never asked twice.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class PasswordlessBackend(ModelBackend):
    """With OIDC_ONLY: Django's permissions and sessions, but no password signs anyone in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None
