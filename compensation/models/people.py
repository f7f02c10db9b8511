"""People tracked person by person, and their assignments to roles over time."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from compensation.models.plans import Role
from otesite.lib.fields import MonthField
from otesite.lib.lockable import Lockable
from otesite.lib.months import day_text, days_in, format_month
from otesite.lib.versioning import VersionedQuerySet


class Person(Lockable, models.Model):
    """Someone tracked person by person; their roles over time are their assignments."""

    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(blank=True)
    # A real login, never free text: created, linked, disabled or unlinked from the person
    # (compensation/logins.py). Deleting the login leaves the person without one.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="login",
        help_text="The login that sees this person's own numbers at /me/; empty for none.",
    )

    history = HistoricalRecords()
    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        permissions = [("manage_logins", "Can create, link, disable and unlink a person's login")]

    def __str__(self) -> str:
        return self.name

    @property
    def username(self) -> str | None:
        """The linked login's username (DOMAIN.md's `username` of a person), None without one."""
        return self.user.username if self.user is not None else None

    def clean(self) -> None:
        self.refuse_changes()


class AssignmentQuerySet(VersionedQuerySet):
    def overlapping(self, first: date, last: date):
        """Assignments in force in at least one month from `first` to `last`."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=first), start__lte=last)


class Assignment(Lockable, models.Model):
    """A person's membership of a role from `start` to `end` (the last month; empty while current).
    A person holds at most one assignment in any month: clean() checks it everywhere, and on
    PostgreSQL an exclusion constraint (migration 0003) holds it in the database too."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="assignments")
    start = MonthField(help_text="The first month in the role (YYYY-MM).")
    end = MonthField(null=True, blank=True, help_text="The last month in the role; empty while current.")
    # A start or end on a day (DOMAIN.md's *Days*): someone who joins or leaves mid-month. Empty:
    # from the month's first day, to its last. The month stays the one above.
    start_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Day of the start month, if not the 1st."
    )
    end_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Day of the end month, if not its last."
    )
    ramp = models.BooleanField(
        default=True, help_text="Measured against the plan's ramp in the first months; off for a move or promotion."
    )

    history = HistoricalRecords()
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "start"], name="one_assignment_per_person_and_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="assignment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(start_day__isnull=True) | Q(start_day__gte=1, start_day__lte=31),
                name="assignment_start_day_in_month",
            ),
            models.CheckConstraint(
                condition=Q(end_day__isnull=True) | (Q(end__isnull=False) & Q(end_day__gte=1, end_day__lte=31)),
                name="assignment_end_day_in_month",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id is None or self.role_id is None or self.start is None:
            return "Assignment"
        until = format_month(self.end) if self.end else "now"
        return f"{self.person} in {self.role}, {format_month(self.start)} to {until}"

    def covers(self, month: date) -> bool:
        return self.start <= month and (self.end is None or month <= self.end)

    def overlaps(self, other: "Assignment") -> bool:
        return (other.end is None or self.start <= other.end) and (self.end is None or other.start <= self.end)

    def tenure_month(self, month: date) -> int:
        """1 in the start month, 2 in the next, and so on (a start on a day is tenure 1 in its month)."""
        return (month.year - self.start.year) * 12 + month.month - self.start.month + 1

    @property
    def start_text(self) -> str:
        """The start as written: "2026-03", or "2026-03-16" for a start on a day."""
        return day_text(self.start, self.start_day)

    @property
    def end_text(self) -> str | None:
        return None if self.end is None else day_text(self.end, self.end_day)

    def active_days(self, month: date) -> tuple[int | None, int | None]:
        """(active days, days in the month) when the assignment covers only part of `month`;
        (None, None) for the whole month: from max(start, the month's first day) to min(end, its
        last), both counted."""
        days = days_in(month)
        first = self.start_day if self.start_day and self.start == month else 1
        last = self.end_day if self.end_day and self.end == month else days
        return (None, None) if (first, last) == (1, days) else (last - first + 1, days)

    def clean(self) -> None:
        others = Assignment.objects.filter(person_id=self.person_id).exclude(pk=self.pk).select_related("role")
        self.check_rules(list(others) if self.person_id else [])
        self.refuse_changes()

    def check_rules(self, others: list["Assignment"]) -> None:
        """The rules, against the person's `others` (stored ones, or an import's merged set)."""
        if self.start is None:
            return
        if self.end is not None and self.end < self.start:
            raise ValidationError({"end": "The last month cannot be before the first (start)."})
        for field, month, day in (("start", self.start, self.start_day), ("end", self.end, self.end_day)):
            if day is not None and (month is None or not 1 <= day <= days_in(month)):
                raise ValidationError(
                    {field: f"{format_month(month)} has no day {day}" if month else "a day needs its month"}
                )
        if self.end == self.start and self.start_day and self.end_day and self.end_day < self.start_day:
            raise ValidationError({"end": "The last day cannot be before the first (start)."})
        for other in sorted(others, key=lambda other: other.start):
            if other.start is not None and self.overlaps(other):
                period = f"from {format_month(other.start)}" + (f" to {format_month(other.end)}" if other.end else "")
                raise ValidationError(f"{self.person} already holds {other.role} {period}; assignments overlap")
