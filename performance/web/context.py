"""Context processors of the performance screens."""

from __future__ import annotations

from django.http import HttpRequest

from performance import cache, disputes
from performance.statement_records import Dispute


def open_disputes_now(request: HttpRequest) -> list[Dispute]:
    """Every open dispute (a handful), read in one query and kept under the data version (a
    dispute gives the data a new one), for a page that reads the version anyway."""
    return cache.cached(cache.data_version(request), ("open_disputes",), disputes.open_disputes)


def open_disputes(request: HttpRequest) -> dict:
    """`open_dispute_count`, for the navigation of those who see disputes, counted only when a
    template asks: from the disputes kept under the data version when the page read it (no
    query once they are kept: the dashboard, leaderboards, people and trends), else in one
    small query of its own."""

    def count() -> int:
        if cache.version_read(request):
            return len(open_disputes_now(request))
        return Dispute.objects.open().count()

    return {"open_dispute_count": count}
