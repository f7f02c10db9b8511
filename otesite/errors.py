"""The 500 handler, which also answers 503 when the database is what failed.

Django turns an exception anywhere in a request (a view, the session lookup, a middleware)
into a response by calling this handler inside its `except` block, so `sys.exc_info()`
still names the exception here. A middleware could only see exceptions raised by views.
Neither page touches the database or the request: both must render while things are broken.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def _render(template_name: str, fallback: str) -> str:
    try:
        return loader.get_template(template_name).render()
    except Exception:  # The error page itself must never fail: plain words instead.
        return fallback


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        body = _render("503.html", "The database is unavailable. Please try again in a moment.")
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(_render("500.html", "Something went wrong on our side."))
