"""Deals as the CRM keeps them (DOMAIN.md's *Deals*): one deal with its closers' shares, an
optional setter and an optional cancellation. A month with a deal is kept by deals: the deals
give the people's numbers, and a cancelled deal is clawed back (performance/engine/deals.py).

The database holds what one row can say (a positive value, upfront within value, a cancellation
not before the close, positive shares); the rules across rows and the facts of the month (shares
summing to 1, who holds a closer or setter role, no date after today, the lock on approved months)
are checked by every way in (performance/deal_rules.py); `deal_field_errors` states each row's own. Imported by performance/models.py, so
Django finds the models in the performance app.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from otesite.lib.lockable import Lockable
from otesite.lib.months import days_in, first_of_month
from otesite.lib.versioning import VersionedQuerySet

MAX_ID_LENGTH = 100


def deal_field_errors(
    closed_on: date | None,
    value: Decimal | None,
    upfront: Decimal | None,
    cancelled_on: date | None,
    today: date | None = None,
) -> dict[str, str]:
    """What one deal's own fields break (DOMAIN.md's *Deals* and *Locks*), by field, in the words
    every way in uses: the form, the CSV and CRM imports, the workspace import, the API."""
    today = today or timezone.localdate()
    errors = {}
    if value is not None and value <= 0:
        errors["value"] = "The value must be greater than 0."
    if upfront is not None and upfront < 0:
        errors["upfront"] = "The upfront revenue cannot be negative."
    elif upfront is not None and value is not None and upfront > value:
        errors["upfront"] = f"The upfront revenue ({upfront:f}) cannot be more than the value ({value:f})."
    if closed_on is not None and closed_on > today:
        errors["closed_on"] = f"{closed_on} is after today ({today}): a deal cannot close in the future."
    if cancelled_on is not None:
        if cancelled_on > today:
            errors["cancelled_on"] = (
                f"{cancelled_on} is after today ({today}): a deal cannot be cancelled in the future."
            )
        elif closed_on is not None and cancelled_on < closed_on:
            errors["cancelled_on"] = f"A deal cannot be cancelled ({cancelled_on}) before it closed ({closed_on})."
    return errors


class DealQuerySet(VersionedQuerySet):
    def closed_between(self, first: date, last: date):
        """Deals closed in the months from `first` to `last` (both first days of months)."""
        return self.filter(closed_on__gte=first, closed_on__lt=_month_after(last))

    def cancelled_between(self, first: date, last: date):
        return self.filter(cancelled_on__gte=first, cancelled_on__lt=_month_after(last))

    def with_closers(self):
        return self.prefetch_related(models.Prefetch("closers", queryset=DealCloser.objects.order_by("id")))

    def of_person(self, person_id: int):
        """Deals the person closed (a share) or set."""
        return self.filter(Q(closers__person_id=person_id) | Q(setter_id=person_id)).distinct()


def _month_after(month: date) -> date:
    """The first day of the next month; date.max for the last month a date can hold (9999-12: a
    stored month is refused past LAST_YEAR by its rules, which ask this first)."""
    if month.year == date.max.year and month.month == 12:
        return date.max
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


class Deal(Lockable, models.Model):
    """A deal of the CRM: its id there, when it closed, its value and upfront revenue, who closed it
    (``closers``, with shares) and set it, and when it was cancelled, if it was."""

    crm_id = models.CharField(
        "id", max_length=MAX_ID_LENGTH, unique=True, help_text="The deal's id in the CRM (HubSpot, Salesforce...)."
    )
    closed_on = models.DateField(help_text="The day the deal closed (YYYY-MM-DD); its month is the close month.")
    value = models.DecimalField(max_digits=14, decimal_places=2, help_text="The deal's value.")
    upfront = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Upfront revenue received; empty: value × the upfront rate of the close month's assumptions.",
    )
    setter = models.ForeignKey(
        "compensation.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals_set",
        help_text="Whose meeting the deal came from (a setter), if anyone's.",
    )
    cancelled_on = models.DateField(
        null=True, blank=True, help_text="The day the deal was cancelled; empty while it stands."
    )

    history = HistoricalRecords()
    objects = DealQuerySet.as_manager()

    class Meta:
        ordering = ["closed_on", "crm_id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="deal_value_positive"),
            models.CheckConstraint(
                condition=Q(upfront__isnull=True) | Q(upfront__gte=0, upfront__lte=F("value")),
                name="deal_upfront_within_value",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_on__isnull=True) | Q(cancelled_on__gte=F("closed_on")),
                name="deal_cancelled_not_before_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.crm_id or "Deal"

    @property
    def close_month(self) -> date:
        return first_of_month(self.closed_on)

    @property
    def cancel_month(self) -> date | None:
        return None if self.cancelled_on is None else first_of_month(self.cancelled_on)

    @property
    def counts(self) -> bool:
        """A deal counts in its close month unless it was cancelled in that same month."""
        return self.cancel_month != self.close_month

    def clean(self) -> None:
        if errors := deal_field_errors(self.closed_on, self.value, self.upfront, self.cancelled_on):
            raise ValidationError(errors)
        self.refuse_changes()


class DealCloser(Lockable, models.Model):
    """A closer's share of a deal (a deal's shares sum to 1; a single closer has share 1)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="closers")
    person = models.ForeignKey("compensation.Person", on_delete=models.PROTECT, related_name="deal_shares")
    share = models.DecimalField(max_digits=7, decimal_places=6, help_text="A fraction above 0, at most 1.")

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["deal", "id"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "person"], name="one_share_per_deal_and_person"),
            models.CheckConstraint(condition=Q(share__gt=0, share__lte=1), name="deal_share_above_0_at_most_1"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.share}" if self.person_id else "Closer"


def month_kept_by_deals(months: Iterable[date]) -> set[date]:
    """Which of `months` have a deal (counting or not): such a month takes no role totals and no
    person actuals of closers or managers (one query). Up to each month's last day, so that the
    last month there can be (9999-12) needs no month after it."""
    months = sorted(set(months))
    if not months:
        return set()
    last_day = months[-1].replace(day=days_in(months[-1]))
    closed = Deal.objects.filter(closed_on__gte=months[0], closed_on__lte=last_day).values_list("closed_on", flat=True)
    return {first_of_month(day) for day in closed} & set(months)
