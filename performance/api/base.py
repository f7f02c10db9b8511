"""What every API view shares: the permission it names (performance/api/permissions.py), the
viewer's scope (otesite.permissions.scope_of), and for reads, pages and conditional GETs.

A read answers with an ETag of the data version (performance/cache.py: every write to what the
API shows gives it a new one, in the same transaction), the viewer's scope and the URL asked
for; a client that sends it back in `If-None-Match` gets 304 with no body, computed from one
small query, after its permission was checked as for any request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from otesite.permissions import Scope, scope_of
from performance.api.pagination import Pages
from performance.cache import data_version


class ApiView(APIView):
    permission: str | None = None  # deny by default: a view that names no permission lets nobody in
    or_own_numbers = False
    method_permissions: dict[str, str] = {}

    @classmethod
    def as_view(cls, **initkwargs):
        """The view function keeps the permission's name, as the pages' decorator does, for the tests."""
        view = super().as_view(**initkwargs)
        view.permission = cls.permission
        return view

    def check_permissions(self, request: Request) -> None:
        """Count the request against its client's rate first, so that a client without a token
        (401) or without the permission (403) is held to its rate as well (DRF counts only
        requests that got in)."""
        self.check_throttles(request)
        self._counted = True
        super().check_permissions(request)

    def check_throttles(self, request: Request) -> None:
        if not getattr(self, "_counted", False):  # counted once, before the permission
            super().check_throttles(request)

    @property
    def scope(self) -> Scope:
        """Whose numbers the viewer may see through this view: everyone, or a rep's own person."""
        if not hasattr(self, "_scope"):
            self._scope = scope_of(self.request.user, self.permission)
        return self._scope


class ReadView(ApiView):
    """A GET answered from `read()`, with an ETag and 304 for a client that has it already."""

    pagination_class = Pages

    def read(self, request: Request, *args, **kwargs):
        raise NotImplementedError

    def etag(self, request: Request) -> str:
        key = "|".join([data_version(request), self.scope.key, request.get_full_path()])
        return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'

    def get(self, request: Request, *args, **kwargs) -> Response:
        tag = self.etag(request)
        sent = parse_etags(request.headers.get("If-None-Match", ""))
        response = Response(status=304) if tag in sent or "*" in sent else Response(self.read(request, *args, **kwargs))
        response["ETag"] = tag
        response["Cache-Control"] = "private, no-cache"  # keep it, but ask again each time
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response

    def page_of(self, items, write: Callable[[list], list]) -> dict:
        """`items` (a list or a QuerySet) as one page, {count, next, previous, results}: the
        page's items written by `write` (only those are read and written)."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, self.request, view=self)
        return paginator.get_paginated_response(write(list(page))).data
