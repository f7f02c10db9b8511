"""Monthly actuals coming in: one set of rules and messages for the entry form, the CSV import
and `manage.py import_actuals`, so all three refuse the same input with the same words.

Cells are read by the one parser (otesite.lib.parse: text, NaN, exponents, negatives,
fractional headcount); every other rule is the model's own, run through `full_clean()`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from compensation.models import Economics, Role
from otesite.lib.months import month_label
from otesite.lib.parse import parse_number, parse_whole_number, plain
from otesite.lib.rules import full_clean_with, month_not_covered, month_not_started
from otesite.lib.versioning import one_version_bump
from performance.locks import refuse_changes_to
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual
from performance.month_lock import refuse_approved

# The actuals CSV columns of DOMAIN.md, in order; the same names are the form's fields.
COLUMNS = ("month", "role", "headcount", "units", "credited_deals", "meetings_held", "earnings")
VALUE_FIELDS = ("headcount", "units", "credited_deals", "meetings_held", "earnings")
OPTIONAL_FIELDS = ("credited_deals", "meetings_held", "earnings")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where: a cell, a row, the header or the file."""

    message: str
    row: int | None = None
    column: str | None = None
    header: bool = False

    @property
    def where(self) -> str:
        if self.header:
            return "header"
        if self.row is None:
            return f"column {self.column}" if self.column else "file"
        return f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def parse_value(name: str, text: str) -> int | Decimal | None:
    """Parse the cell for one of VALUE_FIELDS with the one parser; ParseError carries the message."""
    if name == "headcount":
        return parse_whole_number(text)
    return parse_number(text, required=name not in OPTIONAL_FIELDS)


def first_assumptions_month() -> date | None:
    """The month of the first business assumptions: nothing before it can be computed."""
    return Economics.objects.order_by("effective_from").values_list("effective_from", flat=True).first()


def month_problem(month: date, first: date | None) -> str | None:
    """Why actuals cannot be recorded for `month`: not started yet, or no assumptions in force."""
    return month_not_started(month) or month_not_covered(month, first)


@dataclass
class ActualValues:
    """One role's numbers for one month, parsed but not yet checked against the model."""

    role: Role
    month: date
    headcount: int
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None
    row: int | None = None  # where it came from, for messages (CSV row number)


@dataclass
class Change:
    """What saving one ActualValues does: create, update, or leave a stored actual unchanged."""

    action: str  # "create" | "update" | "unchanged"
    actual: MonthlyActual  # the instance to save, already full_clean()ed
    before: dict = field(default_factory=dict)  # stored values of the fields that change
    row: int | None = None

    @property
    def changed_fields(self) -> list[str]:
        return list(self.before)


def as_clause(error: str) -> str:
    """Django's messages start with a capital and end with a full stop; ours read as a clause."""
    error = error.rstrip(".")
    return error[:1].lower() + error[1:]


def build_change(
    values: ActualValues,
    stored: MonthlyActual | None,
    people: list[str],
    approved: Collection[date] | None = None,
    by_deals: bool = False,
) -> tuple[Change | None, list[Problem]]:
    """Apply `values` to the stored actual (or a new one) and check it with the model's rules,
    given who has person actuals in that role and month (`people_recorded`, read in bulk), the
    approved months (performance/locks.py; read here when not given), and whether the month is
    kept by deals (performance/deal_models.py: `month_kept_by_deals`, read in bulk)."""
    as_stored = copy.copy(stored)  # for the lock on approved months, before `values` change it
    actual = stored or MonthlyActual(role=values.role, month=values.month)
    before = {}
    for name in VALUE_FIELDS:
        new = getattr(values, name)
        if stored is not None and getattr(stored, name) != new:
            before[name] = getattr(stored, name)
        setattr(actual, name, new)
    try:
        # No query per row: the role was looked up by name a moment ago, uniqueness is the
        # caller's bulk check (one lookup of the stored rows, duplicates in the input by key),
        # and clean() states every CheckConstraint in words (Django would ask the database,
        # four queries a row); the database still enforces them all when the rows are saved.
        # clean() would also ask who has person actuals there; the caller asked for all rows at once.
        exclude = {"role"} if values.role.pk else set()

        def rules() -> None:
            actual.check_rules(people=people, by_deals=by_deals)
            refuse_changes_to(actual, approved=approved, stored=as_stored)

        full_clean_with(actual, exclude, rules, database=False)
    except ValidationError as error:
        problems = []
        for name, messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS:  # they start with a name or a month, kept as written
                problems.extend(Problem(m, row=values.row) for m in messages)
            else:
                problems.extend(Problem(as_clause(m), row=values.row, column=name) for m in messages)
        return None, problems
    if stored is None:
        action = "create"
    elif before:
        action = "update"
    else:
        action = "unchanged"
    return Change(action=action, actual=actual, before=before, row=values.row), []


def people_recorded(keys: set[tuple[int, date]]) -> dict[tuple[int, date], list[str]]:
    """Who has person actuals in each (role id, month), in one query: a role kept person by
    person that month takes no role total (MonthlyActual.people_recorded, for many at once)."""
    found: dict[tuple[int, date], list[str]] = {key: [] for key in keys}
    if not keys:
        return found
    months = {month for _, month in keys}
    role_ids = {role_id for role_id, _ in keys}
    rows = PersonActual.objects.of_role(role_ids, months).order_by("person__name")
    for role_id, month, name in rows.values_list("counted_role_id", "month", "person__name"):
        if (role_id, month) in found:
            found[(role_id, month)].append(name)
    return found


def stored_actuals(keys: set[tuple[int, date]]) -> dict[tuple[int, date], MonthlyActual]:
    """The stored actuals for (role id, month) pairs, in one query."""
    if not keys:
        return {}
    months = {month for _, month in keys}
    role_ids = {role_id for role_id, _ in keys}
    found = MonthlyActual.objects.filter(month__in=months, role_id__in=role_ids).select_related("role")
    return {(a.role_id, a.month): a for a in found if (a.role_id, a.month) in keys}


def apply_changes(changes: Sequence[Change], *, user=None, reason: str = "") -> None:
    """Store checked changes in bulk, all or nothing, with one new data version: the created rows
    and the changed ones (only the fields that change), each with one history row naming `user`
    (by default the request's, as a save would) and `reason`; unchanged ones are left alone, with
    no history. The one writer of actuals: the entry form and the bulk service
    (performance/actuals_bulk.py) for the CSVs, the command and the API."""
    with transaction.atomic(), one_version_bump():
        for model in (MonthlyActual, PersonActual):
            mine = [change for change in changes if isinstance(change.actual, model)]
            created = [change.actual for change in mine if change.action == "create"]
            updated = [change for change in mine if change.action == "update"]
            if created:
                bulk_create_with_history(created, model, default_user=user, default_change_reason=reason)
            if updated:
                fields = sorted({name for change in updated for name in change.changed_fields})
                rows = [change.actual for change in updated]
                bulk_update_with_history(rows, model, fields, default_user=user, default_change_reason=reason)


# --- Saving a month from a form that was filled in while others may have saved it ------------


def version_of(actuals: Iterable[MonthlyActual], revenue: Decimal | None) -> str:
    """A short token for a month's stored actuals and revenue: it changes whenever they do.

    A hash of the values rather than the latest history row, so that a change that leaves no
    history (a write in bulk) changes it too."""
    rows = sorted([actual.role_id, *(plain(getattr(actual, name)) for name in VALUE_FIELDS)] for actual in actuals)
    return hashlib.sha256(json.dumps([rows, plain(revenue)]).encode()).hexdigest()[:20]


def month_version(month: date, *, lock: bool = False) -> str:
    """The month's token as stored now; `lock` also holds its rows until the transaction ends
    (PostgreSQL; SQLite writes one transaction at a time anyway)."""
    actuals = MonthlyActual.objects.filter(month=month)
    revenue = MonthlyRevenue.objects.filter(month=month)
    if lock:
        actuals, revenue = actuals.select_for_update(), revenue.select_for_update()
    return version_of(actuals, revenue.values_list("revenue", flat=True).first())


class MonthChanged(Exception):
    """Someone saved the month after the form was shown: nothing of this save was stored."""

    def __init__(self, month: date):
        self.month = month
        super().__init__(changed_message(month))


def changed_message(month: date) -> str:
    """Who saved the month last, and when (from the history of its actuals and revenue)."""
    latest = [
        model.history.filter(month=month).select_related("history_user").order_by("-history_date").first()
        for model in (MonthlyActual, MonthlyRevenue)
    ]
    found = max((row for row in latest if row is not None), key=lambda row: row.history_date, default=None)
    if found is None or found.history_user is None:
        who, when = "Someone else", ""
    else:
        who = found.history_user.get_full_name() or found.history_user.get_username()
        when = f" on {timezone.localtime(found.history_date):%Y-%m-%d at %H:%M %Z}"
    return (
        f"{who} saved the actuals for {month_label(month)}{when}, after you opened this form. "
        "Nothing of yours was saved: their numbers are shown beside yours; save again to replace them."
    )


def save_month(
    month: date,
    changes: list[Change],
    revenue: MonthlyRevenue | None,
    version: str,
    unchanged: Callable[[bool], bool] | None = None,
) -> None:
    """Store a month's changes, all or nothing, if the month is still as it was when the form
    was shown (`version`, and `unchanged(lock)` for what else the form shows: its people); else
    raise MonthChanged. Two saves that create the same rows at once meet the unique constraints:
    the second is told the same, not a server error. A month approved meanwhile raises
    MonthsApproved: the save holds the month (performance/month_lock.py) before it looks, so an
    approval either waits for it or is waited for."""
    if month_version(month) != version or (unchanged and not unchanged(False)):
        raise MonthChanged(month)
    try:
        with transaction.atomic():
            refuse_approved([month])
            if month_version(month, lock=True) != version or (unchanged and not unchanged(True)):
                raise MonthChanged(month)
            apply_changes(changes)
            if revenue is not None:
                revenue.save()
    except IntegrityError:
        raise MonthChanged(month) from None
