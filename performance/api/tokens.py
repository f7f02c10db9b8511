"""Making, checking and revoking API tokens (performance/api/models.py says how they are kept).

A request sends `Authorization: Token ote_…`; the token's SHA-256 digest finds its row (a token
has 256 random bits, so a plain digest is as safe as a slow hash and costs one indexed query).
An expired or revoked token, or one whose user is disabled, is refused with 401.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from performance.api.models import PREFIX_LENGTH, ApiToken

MARK = "ote_"  # every token starts so: a secret scanner, or a person, can tell what it is
LAST_USED_EVERY = timedelta(minutes=1)  # `last_used_at` is written at most this often per token


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DaysOutOfRange(ValueError):
    pass


def check_days(days: int) -> int:
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise DaysOutOfRange(f"a token lasts from 1 to {settings.API_TOKEN_MAX_DAYS} days (got {days})")
    return days


def make_token(user: AbstractBaseUser, *, days: int | None = None, name: str = "") -> tuple[str, ApiToken]:
    """A new token for `user`, lasting `days` (settings.API_TOKEN_DAYS by default): the token
    itself, to show once, and its stored row."""
    days = check_days(settings.API_TOKEN_DAYS if days is None else days)
    token = MARK + secrets.token_urlsafe(32)
    now = timezone.now()
    row = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=token[:PREFIX_LENGTH],
        digest=digest(token),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return token, row


def revoke(row: ApiToken) -> None:
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's `Authorization: Token <token>`, checked against the stored digests."""

    keyword = "Token"

    def authenticate_credentials(self, key: str):
        row = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
        if row is None or row.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        now = timezone.now()
        if row.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                f"This token expired on {timezone.localtime(row.expires_at):%Y-%m-%d %H:%M}; make a new one."
            )
        if not row.user.is_active:
            raise exceptions.AuthenticationFailed("The token's user is disabled.")
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user, row
