"""What each role, or each person, actually did in a month, and the month's recorded revenue.

A role's month is kept one way or the other (DOMAIN.md, People): one role actual, or person
actuals. Each model refuses the other way in its clean(), naming both; the rules themselves
take the facts as arguments (`check_rules`) so an import can check them against what the
database will hold once the whole file is merged, not only against what it holds now. Both
hold their numbers to one rule, `RecordedNumbers.number_errors`, with the same words."""

import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from compensation.models import Assignment, Economics, Person, Role
from otesite.lib.fields import MonthField
from otesite.lib.lockable import Lockable
from otesite.lib.months import format_month
from otesite.lib.rules import month_not_covered, month_not_started
from otesite.lib.versioning import VersionedQuerySet
from performance.deal_models import Deal, DealCloser, month_kept_by_deals  # noqa: F401 (the app's models, kept apart)
from performance.month_close import CloseStep, MonthClose  # noqa: F401 (the app's models, kept apart)
from performance.statement_records import Acknowledgement, Dispute, StatementEmail  # noqa: F401

VALUES = ("units", "credited_deals", "meetings_held", "earnings")
# What a role's units count, for messages (DOMAIN.md, Words).
UNITS_OF = {Role.Kind.CLOSER: "deals closed", Role.Kind.SETTER: "meetings booked", Role.Kind.MANAGER: "team deals"}


class RecordedNumbers(Lockable, models.Model):
    """What a role's or a person's month holds: the one rule for its numbers, for both.

    DOMAIN.md, "Inputs that cannot be true": no number is negative; meetings held are never more
    than the units, whatever the kind; a setter's credited deals are never more than its
    meetings held when both are recorded. The kind is the role's (a role actual's own role, or
    the role a person holds that month), read from the role object, so a role that an import
    creates in the same file is held to it before it has an id."""

    class Meta:
        abstract = True

    def number_errors(self, kind: str | None) -> dict[str, str]:
        """The rule above, as {field: message}; `kind` None when the role is not known."""
        errors = {}
        for field in VALUES:
            value = getattr(self, field)
            if value is not None and value < Decimal("0"):
                errors[field] = "Cannot be negative."
        held, units, credited = self.meetings_held, self.units, self.credited_deals
        if "meetings_held" not in errors and held is not None and units is not None and held > units:
            units_are = f"the {UNITS_OF[kind]} (units)" if kind in UNITS_OF else "the units"
            errors["meetings_held"] = f"Meetings held cannot be more than {units_are}."
        if kind == Role.Kind.SETTER and credited is not None and held is not None and credited > held:
            errors.setdefault("credited_deals", "A setter's credited deals cannot be more than the meetings held.")
        return errors


class MonthlyActual(RecordedNumbers):
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
        by_deals = self.month is not None and bool(month_kept_by_deals([self.month]))
        self.check_rules(people=self.people_recorded(), by_deals=by_deals)
        self.refuse_changes()

    def people_recorded(self) -> list[str]:
        """Who has person actuals in this role and month (the role is then kept person by person)."""
        if self.role_id is None or self.month is None:
            return []
        found = PersonActual.objects.of_role(self.role_id, self.month).order_by("person__name")
        return list(found.values_list("person__name", flat=True))

    def role_kind(self) -> str | None:
        """The role's kind, also for a role not saved yet (one an import creates in the same file)."""
        try:
            return self.role.kind
        except Role.DoesNotExist:
            return None

    def check_rules(self, *, people: list[str], by_deals: bool = False) -> None:
        """The rules, given who has person actuals in the role that month and whether the month
        is kept by deals (performance/deal_models.py: `month_kept_by_deals`)."""
        errors = self.number_errors(self.role_kind())
        if self.month and (problem := month_not_started(self.month)):
            errors["month"] = problem
        if by_deals and self.month:
            errors[NON_FIELD_ERRORS] = f"{format_month(self.month)} is kept by deals; {BY_DEALS_TAKES_NO_TOTALS}"
        elif people and self.month:
            errors[NON_FIELD_ERRORS] = (
                f"{self.role} is kept person by person in {format_month(self.month)} ({', '.join(people)}), so a"
                f" role total cannot go beside it; {ONE_WAY}"
            )
        if errors:
            raise ValidationError(errors)


ONE_WAY = "a role's month is kept one way or the other (role totals or person by person)"
BY_DEALS_TAKES_NO_TOTALS = "a month kept by deals takes no role totals"
# Whose numbers a month kept by deals gives (DOMAIN.md, Deals): they take no person actuals then.
PAID_BY_DEALS = (Role.Kind.CLOSER, Role.Kind.MANAGER)


class PersonActualQuerySet(VersionedQuerySet):
    def of_role(self, roles: int | Iterable[int], months: date | Iterable[date] | None = None):
        """A role's person actuals (or several roles', by id) in `months` (one month, several, or
        every month when None): those of the people who hold the role in the actual's own month,
        from their assignment's start to its end. Each row is there once, since a person holds one
        assignment a month, and carries the role it counts in as `counted_role_id`."""
        role_ids = [roles] if isinstance(roles, int) else list(roles)
        # One filter() call, so every condition is on the same assignment of the person.
        found = self.filter(
            Q(person__assignments__end__isnull=True) | Q(person__assignments__end__gte=F("month")),
            person__assignments__role_id__in=role_ids,
            person__assignments__start__lte=F("month"),
        ).annotate(counted_role_id=F("person__assignments__role_id"))
        if months is not None:
            found = found.filter(month__in=[months] if isinstance(months, date) else list(months))
        return found


class PersonActual(RecordedNumbers):
    """What one person did in a month; their role is their assignment in force that month."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actuals")
    month = MonthField(help_text="YYYY-MM")
    # Four decimal places: a person's share of a split deal can be 0.375 of it.
    units = models.DecimalField(
        max_digits=14, decimal_places=4, help_text="Deals closed, meetings booked or team deals."
    )
    credited_deals = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True, help_text="Leave empty to estimate."
    )
    meetings_held = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True, help_text="Setters: booked meetings that were held."
    )
    earnings = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What the person was paid that month; leave empty to estimate.",
    )

    history = HistoricalRecords()
    objects = PersonActualQuerySet.as_manager()

    class Meta:
        ordering = ["month", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="one_actual_per_person_and_month"),
            models.CheckConstraint(condition=Q(units__gte=0), name="person_actual_units_not_negative"),
            models.CheckConstraint(
                condition=Q(credited_deals__isnull=True) | Q(credited_deals__gte=0),
                name="person_actual_credited_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(meetings_held__isnull=True) | Q(meetings_held__gte=0),
                name="person_actual_held_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(earnings__isnull=True) | Q(earnings__gte=0), name="person_actual_earnings_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {format_month(self.month)}" if self.person_id and self.month else "Person actual"

    def clean(self) -> None:
        self.check_rules(**self.stored_facts())
        self.refuse_changes()

    def stored_facts(self) -> dict:
        """What the rules need from the database: the person's role that month, whether that role
        has a role total that month, the first business assumptions' month, and whether the month
        is kept by deals."""
        first = Economics.objects.order_by("effective_from").values_list("effective_from", flat=True).first()
        if self.person_id is None or self.month is None:
            return {"role": None, "role_total": False, "first_economics": first}
        assignment = (
            Assignment.objects.filter(person_id=self.person_id)
            .overlapping(self.month, self.month)
            .select_related("role")
            .first()
        )
        role = assignment.role if assignment else None
        role_total = role is not None and MonthlyActual.objects.filter(role=role, month=self.month).exists()
        by_deals = bool(month_kept_by_deals([self.month]))
        return {"role": role, "role_total": role_total, "first_economics": first, "by_deals": by_deals}

    def check_rules(self, *, role: Role | None, role_total: bool, first_economics, by_deals: bool = False) -> None:
        """The rules, given the person's role that month (None: no assignment in force), whether
        the role has a role total that month, the first business assumptions' month, and whether
        the month is kept by deals: then closers' and managers' numbers come from the deals, and a
        setter's credited deals too (DOMAIN.md, Deals)."""
        errors = self.number_errors(None if role is None else role.kind)
        if self.month:
            if problem := month_not_started(self.month) or month_not_covered(self.month, first_economics):
                errors["month"] = problem
            elif (name := self._person_name()) is not None:
                month = format_month(self.month)
                if role is None:
                    errors[NON_FIELD_ERRORS] = (
                        f"{name} has no assignment in {month}; a person's numbers count in the role they hold"
                    )
                elif by_deals and role.kind in PAID_BY_DEALS:
                    errors[NON_FIELD_ERRORS] = (
                        f"{name}'s {month} numbers come from deals ({role.name} is paid by deals that month)"
                    )
                elif role_total:
                    errors[NON_FIELD_ERRORS] = (
                        f"{role} has a role total for {month}, so {name}'s numbers cannot go beside it; {ONE_WAY}"
                    )
                if by_deals and role is not None and role.kind == Role.Kind.SETTER and self.credited_deals is not None:
                    errors.setdefault(
                        "credited_deals", f"{month} is kept by deals: a setter's credited deals come from the deals"
                    )
        if errors:
            raise ValidationError(errors)

    def _person_name(self) -> str | None:
        try:
            return self.person.name
        except Person.DoesNotExist:
            return None


class MonthlyRevenue(Lockable, models.Model):
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
        self.refuse_changes()


class DataVersion(models.Model):
    """One row whose token changes, in the same transaction, with every change to roles, plans,
    business assumptions, actuals or revenue (performance/versioning.py). Pages cache what they computed under the token
    (performance/cache.py), so a change is a new key in every worker at once."""

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.token)
