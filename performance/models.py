"""What each role actually did in a month, and the month's recorded revenue."""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from compensation.models import Role
from otesite.fields import MonthField
from otesite.months import format_month
from performance.exchange.rules import month_not_started
from performance.versioning import VersionedQuerySet


class MonthlyActual(models.Model):
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="actuals")
    month = MonthField(help_text="YYYY-MM")
    headcount = models.PositiveIntegerField(help_text="People in the role that month.")
    units = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Deals closed, meetings booked or team deals."
    )
    credited_deals = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Leave empty to estimate."
    )
    meetings_held = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Setters: booked meetings that were held."
    )
    earnings = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the whole role was paid that month; leave empty to estimate.",
    )

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["month", "role__display_order", "role_id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "month"], name="one_actual_per_role_and_month"),
            models.CheckConstraint(condition=Q(units__gte=0), name="actual_units_not_negative"),
            models.CheckConstraint(
                condition=Q(credited_deals__isnull=True) | Q(credited_deals__gte=0),
                name="actual_credited_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(meetings_held__isnull=True) | Q(meetings_held__gte=0), name="actual_held_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(earnings__isnull=True) | Q(earnings__gte=0), name="actual_earnings_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} {format_month(self.month)}" if self.month else str(self.role)

    def clean(self) -> None:
        errors = {}
        for field in ("units", "credited_deals", "meetings_held", "earnings"):
            value = getattr(self, field)
            if value is not None and value < Decimal("0"):
                errors[field] = "Cannot be negative."
        if (
            self.role_id is not None
            and self.role.kind == Role.Kind.SETTER
            and self.meetings_held is not None
            and self.units is not None
            and self.meetings_held > self.units
        ):
            errors["meetings_held"] = "Meetings held cannot be more than the meetings booked (units)."
        if self.month and (problem := month_not_started(self.month)):
            errors["month"] = problem
        if errors:
            raise ValidationError(errors)


class MonthlyRevenue(models.Model):
    """Recorded revenue for a month; when absent, revenue is derived from closers' deals."""

    month = MonthField(unique=True, help_text="YYYY-MM")
    revenue = models.DecimalField(max_digits=16, decimal_places=2)

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["month"]
        verbose_name_plural = "monthly revenue"
        constraints = [models.CheckConstraint(condition=Q(revenue__gte=0), name="revenue_not_negative")]

    def __str__(self) -> str:
        return f"Revenue {format_month(self.month)}" if self.month else "Revenue"

    def clean(self) -> None:
        errors = {}
        if self.revenue is not None and self.revenue < 0:
            errors["revenue"] = "Revenue cannot be negative."
        if self.month and (problem := month_not_started(self.month)):
            errors["month"] = problem
        if errors:
            raise ValidationError(errors)


class DataVersion(models.Model):
    """One row whose token changes, in the same transaction, with every change to roles, plans,
    business assumptions, actuals or revenue (performance/versioning.py). Pages cache what they computed under the token
    (performance/cache.py), so a change is a new key in every worker at once."""

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.token)
