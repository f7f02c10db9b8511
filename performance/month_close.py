"""A month's close: its state (open, reviewed, approved) and every step that moved it.

DOMAIN.md's *Closing a month*: a manager marks a month reviewed, an admin approves it, and an
admin may reopen a reviewed or approved month with a written reason. `MonthClose` holds the
state and, while the month is approved, what was approved (the engine's inputs, the metrics
JSON and every statement, as computed then); `CloseStep` is the log: who, when, from which
state to which, and the note. The rules for moving between states are performance/closing.py;
the locks an approved month puts on every way of writing are performance/locks.py.

Imported by performance/models.py, so Django finds both models in the performance app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from simple_history.models import HistoricalRecords

from otesite.lib.fields import MonthField
from otesite.lib.jsonnum import ExactDecoder, ExactEncoder
from otesite.lib.months import format_month
from otesite.lib.versioning import VersionedQuerySet


class State(models.TextChoices):
    OPEN = "open", "Open"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"


class MonthCloseQuerySet(VersionedQuerySet):
    def approved(self):
        return self.filter(state=State.APPROVED)


class MonthClose(models.Model):
    """One month's state. A month without a row is open."""

    month = MonthField(unique=True, help_text="YYYY-MM")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # While approved: what was approved, as computed at that moment (None otherwise). The
    # engine's inputs let every screen show the approved month through the engine itself;
    # the metrics JSON and the statements are the record the exports print verbatim.
    # Kept with exact numbers: written and read back as Decimals, never through a float.
    approved_inputs = models.JSONField(
        null=True, blank=True, editable=False, encoder=ExactEncoder, decoder=ExactDecoder
    )
    approved_metrics = models.JSONField(
        null=True, blank=True, editable=False, encoder=ExactEncoder, decoder=ExactDecoder
    )
    approved_statements = models.JSONField(
        null=True, blank=True, editable=False, encoder=ExactEncoder, decoder=ExactDecoder
    )

    history = HistoricalRecords()
    objects = MonthCloseQuerySet.as_manager()

    class Meta:
        ordering = ["month"]
        verbose_name = "month close"
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=State.values), name="month_close_state_known"),
        ]
        permissions = [
            ("review_month", "Can mark a month reviewed"),
            ("approve_month", "Can approve and reopen a month"),
            ("view_statements", "Can view every person's statements and the payroll export"),
        ]

    def __str__(self) -> str:
        return f"{format_month(self.month)} {self.state}" if self.month else "Month close"

    @property
    def is_approved(self) -> bool:
        return self.state == State.APPROVED


class Action(models.TextChoices):
    REVIEW = "review", "Reviewed"
    APPROVE = "approve", "Approved"
    REOPEN = "reopen", "Reopened"


class CloseStep(models.Model):
    """One step of a month's close: who took it (None: an import), when, and the note."""

    close = models.ForeignKey(MonthClose, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_state = models.CharField(max_length=10, choices=State.choices)
    to_state = models.CharField(max_length=10, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "close step"

    def __str__(self) -> str:
        return f"{self.close} {self.action} at {self.at:%Y-%m-%d %H:%M}" if self.at else "Close step"

    @property
    def by_name(self) -> str:
        return self.by.get_username() if self.by_id else "an import"


# Sent once a month's approval has committed, with `step` (the approving CloseStep): whoever
# must act on an approval (performance/mailing.py e-mails the statements) listens, and
# performance/closing.py need not know them. Never sent when the transaction rolls back.
month_approved = Signal()
