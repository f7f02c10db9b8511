"""Login protection: the client address django-axes counts failures against, what it leaves
alone (single sign-on), and its lockout page."""

from axes.helpers import get_client_username
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind `TRUSTED_PROXY_COUNT` proxies the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    entries a client can forge are on the left and the trustworthy one is N from the right.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def no_password_tried(request: HttpRequest, credentials: dict | None = None) -> bool:
    """django-axes counts wrong passwords. A sign-in that carries none (single sign-on, where the
    company's provider checked who it is) is no guess: its refusals count for nothing, else five
    strangers at one office address would lock everyone there out of single sign-on."""
    return credentials is not None and not credentials.get("password")


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """django-axes' answer to a locked-out login: a page that says what happened and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return render(request, "axes/lockout.html", context, status=429)
