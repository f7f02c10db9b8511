"""Every API client is held to a rate (settings.REST_FRAMEWORK's DEFAULT_THROTTLE_RATES: per user,
and per address for requests without a login), counted in the "throttle" cache (settings.CACHES).

DRF's classes read the rates once, when imported; these read them on every request, so that a
changed setting (and a test's override) takes effect."""

from __future__ import annotations

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _FromSettings:
    scope: str

    @property
    def cache(self):
        return caches["throttle"]

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_FromSettings, AnonRateThrottle):
    pass


class UserThrottle(_FromSettings, UserRateThrottle):
    pass
