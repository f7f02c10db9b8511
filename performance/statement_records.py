"""What happened to a person's statement once its month was approved: e-mailed to them, then
acknowledged or disputed by them, and a dispute resolved by an admin.

Each record belongs to one *approval* (the `CloseStep` that approved the month): a reopened
and approved-again month is a new approval, whose statements are e-mailed, acknowledged and
disputed afresh; the records of the earlier one stay as they were. The rules that write them
are performance/mailing.py (e-mails) and performance/disputes.py (sign-off and disputes).
Every model keeps its history (django-simple-history): who changed what, when.

Imported by performance/models.py, so Django finds the models in the performance app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from compensation.models import Person
from otesite.lib.fields import MonthField
from otesite.lib.months import format_month
from otesite.lib.versioning import VersionedQuerySet
from performance.month_close import Action, CloseStep, State


class StatementEmail(models.Model):
    """One attempt to e-mail a person their statement of an approval. At most one attempt per
    approval and person is sending or sent (a constraint, so two senders at once cannot both
    send); a failed one stays beside the retry that follows it."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    month = MonthField(help_text="YYYY-MM")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approval = models.ForeignKey(CloseStep, on_delete=models.PROTECT, related_name="+")
    to = models.EmailField()
    at = models.DateTimeField(help_text="When the attempt started.")
    message_id = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    error = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who approved the month or pressed send; empty: the command line.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "person__name", "at", "id"]
        verbose_name = "statement e-mail"
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "person"],
                condition=Q(status__in=["sending", "sent"]),
                name="one_statement_email_per_approval_and_person",
            ),
        ]
        permissions = [("send_statements", "Can e-mail an approved month's statements to its people")]

    def __str__(self) -> str:
        return (
            f"{format_month(self.month)} statement to {self.to} ({self.status})" if self.month else "Statement e-mail"
        )


class Acknowledgement(models.Model):
    """A rep's word that their statement of an approval is right."""

    month = MonthField(help_text="YYYY-MM")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approval = models.ForeignKey(CloseStep, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["approval", "person"], name="one_acknowledgement_per_approval_and_person")
        ]

    def __str__(self) -> str:
        return f"{format_month(self.month)} acknowledged" if self.month else "Acknowledgement"


class DisputeQuerySet(VersionedQuerySet):
    def open(self):
        return self.filter(state=Dispute.Status.OPEN)


class Dispute(models.Model):
    """A rep's objection to their statement of an approval, optionally naming a line of it (a
    band, the base, the commission; the line's label as the statement showed it), and how an
    admin resolved it: no change, or the month reopened (`reopen_step`, whose note names this
    dispute). Open disputes are counted in the navigation, so a change gives the data a new
    version (performance/cache.py watches the model)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    class Resolution(models.TextChoices):
        NO_CHANGE = "no_change", "No change"
        REOPENED = "reopened", "Month reopened"

    month = MonthField(help_text="YYYY-MM")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    approval = models.ForeignKey(CloseStep, on_delete=models.PROTECT, related_name="+")
    line = models.CharField(max_length=120, blank=True, help_text="The line disputed; empty: the whole statement.")
    note = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(max_length=10, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)
    reopen_step = models.ForeignKey(CloseStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    history = HistoricalRecords()
    objects = DisputeQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="open", resolution="", resolved_at__isnull=True)
                | Q(state="resolved", resolution__in=["no_change", "reopened"], resolved_at__isnull=False),
                name="dispute_resolved_with_a_resolution",
            ),
            models.CheckConstraint(
                condition=~Q(resolution="reopened") | Q(reopen_step__isnull=False),
                name="dispute_reopened_names_the_step",
            ),
        ]
        permissions = [("resolve_dispute", "Can resolve a dispute: no change, or reopening its month")]

    def __str__(self) -> str:
        return f"Dispute #{self.pk}" if self.pk else "Dispute"

    @property
    def is_open(self) -> bool:
        return self.state == self.Status.OPEN

    @property
    def line_label(self) -> str:
        return self.line or "the whole statement"


def approval_in_force(month) -> CloseStep | None:
    """The step that approved `month`, while it is approved (None when it is open or reviewed)."""
    return (
        CloseStep.objects.filter(close__month=month, close__state=State.APPROVED, action=Action.APPROVE)
        .order_by("at", "id")
        .last()
    )
