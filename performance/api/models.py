"""API tokens, kept as django-rest-knox keeps them: the token is random, shown once when it is
made and never stored; what is stored is its SHA-256 digest (to find it), a short prefix (for
people to tell their tokens apart) and its expiry. A token is revoked, never deleted, so the list
keeps when each one was made, last used and revoked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX_LENGTH = 12  # "ote_" and the first 8 characters of the random part


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for (a script, an integration).")
    prefix = models.CharField(max_length=PREFIX_LENGTH, help_text="The token's first characters, to recognise it.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})" if self.user_id else f"{self.prefix}…"

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "active"

    @property
    def usable(self) -> bool:
        return self.state == "active"
