"""The API described: its OpenAPI 3 schema (drf-spectacular) and Swagger UI to read and try it,
served from our own static files (drf-spectacular-sidecar) under the site's strict
Content-Security-Policy: the page has no inline script or style; static/js/api_docs.js starts
Swagger UI with what the page's data attributes say (the schema's URL, the CSRF token that a
"Try it out" sends with a write made on the session)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """The schema, as JSON (JSON only): any logged-in user
    or token may read it (it holds no data; settings.SPECTACULAR_SETTINGS's SERVE_PERMISSIONS)."""

    renderer_classes = [OpenApiJsonRenderer]


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI (a page like any other: LoginRequiredMiddleware asks for a login first)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api_schema")})
