"""Signing in: the login page (a password, single sign-on, or only single sign-on with
OIDC_ONLY), the way to the company's provider and back (otesite/sso.py), and the admin's login.

All public: LoginRequiredMiddleware lets these through (`login_not_required`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from otesite import sso

PASSWORDS_OFF = "Passwords are turned off here: sign in with single sign-on."


def sso_choices() -> dict:
    """What the login page offers besides (or instead of) a password."""
    return {
        "enabled": settings.OIDC_ENABLED,
        "only": settings.OIDC_ONLY,
        "provider": settings.OIDC_PROVIDER_NAME,
    }


@login_not_required
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    """Django's login page, with the single sign-on button; with OIDC_ONLY, no password is taken."""
    context = {"sso": sso_choices()}
    if settings.OIDC_ONLY and request.method == "POST":
        return render(request, "registration/login.html", {**context, "refusal": PASSWORDS_OFF}, status=403)
    return auth_views.LoginView.as_view(redirect_authenticated_user=True, extra_context=context)(request)


@login_not_required
@never_cache
def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's login page, or with OIDC_ONLY the site's (the admin's takes passwords only)."""
    if settings.OIDC_ONLY and not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next") or "/admin/")
    return admin.AdminSite.login(admin.site, request, extra_context)


def refused(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    return render(request, "registration/sso_refused.html", {"reason": reason, "sso": sso_choices()}, status=status)


class _Start(OIDCAuthenticationRequestView):
    def __init__(self, **kwargs) -> None:  # unlike the parent's, reads the endpoint only when used
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    @staticmethod
    def get_settings(attr, *args):
        return sso.setting(attr, *args)

    @property
    def OIDC_OP_AUTH_ENDPOINT(self) -> str:  # the parent's name
        return sso.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")


class _Callback(OIDCAuthenticationCallbackView):
    @staticmethod
    def get_settings(attr, *args):
        return sso.setting(attr, *args)

    def login_failure(self) -> HttpResponse:
        if self.request.GET.get("error"):
            reason = "The company's sign-in service did not sign you in" + (
                f": {self.request.GET['error_description']}" if self.request.GET.get("error_description") else "."
            )
        else:
            reason = (
                getattr(self.request, "sso_refusal", None)
                or "The sign-in took too long or was started elsewhere. Try again."
            )
        return refused(self.request, reason)


@login_not_required
@require_GET
def sso_start(request: HttpRequest) -> HttpResponse:
    """To the company's provider, with a state, a nonce and a PKCE challenge kept in the session."""
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not set up here.")
    try:
        return _Start.as_view()(request)
    except sso.Refused as refusal:
        return refused(request, str(refusal), status=503)


@login_not_required
@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: the code exchanged, the ID token checked, the user signed in or refused."""
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not set up here.")
    return _Callback.as_view()(request)
