"""An approved month is locked: the one rule for what a change would alter (DOMAIN.md,
*Closing a month*), for every way of writing.

`approved_months_affected_by(instance)` answers, for an unsaved change to any record a month is
computed from, which approved months it would alter; `refuse_changes_to(instance)` raises the
ValidationError that names them ("2026-02 is approved; reopen it to change its numbers").

- Role actuals, person actuals and revenue belong to their month (before and after the change).
- A plan or business assumptions version re-prices the months it is in force in: a change is
  refused when some approved month would be computed with another version, or with other
  values, than before (a version starting at or before the month where no later one starts
  before it, edited, added, moved or removed). A plan's pay-curve band belongs to its plan.
- An assignment decides who is in a role in a month, their tenure and ramp: refused when an
  approved month would see the person in another role, from another start, with another ramp,
  or not at all (or newly).
- The engine knows people and roles by id, so a rename changes no number. A person's name is
  printed on their approved statements, so renaming them is refused while an approved month has
  one of theirs; a role's kind decides how it is paid, so changing it is refused while an
  approved month has the role (its name is kept with the approved month's inputs).

A change that changes nothing (an admin form saved as it was, an import of what is stored) is
never refused. Called from the models' clean() and delete(), the admin's delete pages and
inlines (performance/closing_admin.py), and the readers that check rules themselves (the
people CSV, the workspace import).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router

from otesite.lib.months import format_month
from performance.month_close import MonthClose


def locked_message(months: Iterable[date]) -> str:
    """ "2026-02 is approved; reopen it to change its numbers"."""
    shown = [format_month(month) for month in sorted(set(months))]
    if len(shown) == 1:
        return f"{shown[0]} is approved; reopen it to change its numbers"
    names = f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"{names} are approved; reopen them to change their numbers"


# A reader that checks many records at once (the workspace import) gives the approved months it
# read once, after holding every month, and the records as it read them before its changes: the
# models' clean() then asks the lock without a query a record (`checking_in_bulk`).
_in_bulk: ContextVar[tuple[list[date], Callable] | None] = ContextVar("locks_checked_in_bulk", default=None)


@contextmanager
def checking_in_bulk(approved: Iterable[date], stored_of: Callable[[models.Model], object]) -> Iterator[None]:
    """Inside the block the lock takes `approved` as the approved months and `stored_of(instance)`
    (the record as stored, None for a new one, ASK when unknown) instead of reading them."""
    token = _in_bulk.set((sorted(approved), stored_of))
    try:
        yield
    finally:
        _in_bulk.reset(token)


def approved_months() -> list[date]:
    """Every approved month, oldest first (one query; none inside `checking_in_bulk`)."""
    if (bulk := _in_bulk.get()) is not None:
        return list(bulk[0])
    return list(MonthClose.objects.approved().order_by("month").values_list("month", flat=True))


def month_locked(month: date) -> str | None:
    """Why nothing of `month` can change now, or None when it is not approved."""
    return locked_message([month]) if MonthClose.objects.approved().filter(month=month).exists() else None


ASK = object()  # `stored` not given: read the stored record


def refuse_changes_to(
    instance: models.Model, *, deleting: bool = False, approved: Collection[date] | None = None, stored=ASK
) -> None:
    """Raise a ValidationError naming the approved months the change (or deletion) would alter."""
    if months := approved_months_affected_by(instance, deleting=deleting, approved=approved, stored=stored):
        raise ValidationError(locked_message(months), code="month_approved")


def approved_months_affected_by(
    instance: models.Model, *, deleting: bool = False, approved: Collection[date] | None = None, stored=ASK
) -> list[date]:
    """The approved months that saving `instance` (or deleting it) would alter, oldest first.
    A reader that checks many records may give `approved` (one list for all) and `stored` (the
    record as stored before its changes, None for a new one), so that it asks no query a row."""
    approved = approved_months() if approved is None else approved
    rule = _RULES.get(type(instance)._meta.label)
    if not approved or rule is None:
        return []
    if stored is ASK and instance.pk and (bulk := _in_bulk.get()) is not None:
        stored = bulk[1](instance)
    if stored is ASK:
        stored = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    if not deleting and stored is not None and not _differs(stored, instance):
        return []
    months = rule(stored, None if deleting else instance, sorted(approved))
    return sorted(set(months) & set(approved))


def deletion_refusals(objs) -> list[str]:
    """Why deleting `objs` (and what goes with them: a person's assignments, a plan's bands) is
    refused: the approved months it alters. For the admin's delete pages."""
    objs = list(objs)
    approved = approved_months()
    if not objs or not approved:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    months = set()
    for model, instances in collector.data.items():
        if model._meta.label in GUARDED:
            for instance in instances:
                months.update(approved_months_affected_by(instance, deleting=True, approved=approved))
    return [locked_message(months)] if months else []


def rows_deletion_refusal(instances) -> str | None:
    """Why deleting these stored rows (an admin inline's) is refused, or None."""
    approved = approved_months()
    months = set()
    for instance in instances:
        months.update(approved_months_affected_by(instance, deleting=True, approved=approved))
    return locked_message(months) if months else None


def tiers_affect(plan, approved: Collection[date] | None = None) -> list[date]:
    """The approved months that replacing `plan`'s bands would alter: those it is in force in."""
    approved = approved_months() if approved is None else approved
    if not approved or plan.pk is None:
        return []
    return _months_in_force_of([plan.pk], sorted(approved))


# --- The rule, model by model -------------------------------------------------------------


def _value(instance: models.Model, name: str):
    value = getattr(instance, name)
    return tuple(value) if isinstance(value, list) else value


def _differs(stored: models.Model, instance: models.Model) -> bool:
    names = [f.attname for f in instance._meta.concrete_fields if not f.primary_key]
    return any(_value(stored, name) != _value(instance, name) for name in names)


def _own_month(stored, new, approved: list[date]) -> list[date]:
    return [record.month for record in (stored, new) if record is not None and record.month is not None]


def _in_force(rows: list, month: date):
    """Of rows sorted by effective_from, the one in force in `month` (None before the first)."""
    index = bisect.bisect_right([row.effective_from for row in rows], month)
    return rows[index - 1] if index else None


def _versions_key(row, fields: tuple[str, ...]):
    return None if row is None else (row.pk, *(_value(row, name) for name in fields))


def _repriced(before: list, after: list, fields: tuple[str, ...], approved: list[date]) -> list[date]:
    """Months whose version in force (or its values) differs between two series of versions."""
    before = sorted(before, key=lambda row: row.effective_from)
    after = sorted(after, key=lambda row: row.effective_from)
    return [
        month
        for month in approved
        if _versions_key(_in_force(before, month), fields) != _versions_key(_in_force(after, month), fields)
    ]


def _replace(rows: list, stored, new, belongs: Callable) -> list:
    """The series with `stored` taken out and `new` put in (when it belongs to the series)."""
    kept = [row for row in rows if stored is None or row.pk != stored.pk]
    if new is not None and belongs(new) and new.effective_from is not None:
        kept.append(new)
    return kept


# What re-prices a month is every field of a plan or assumptions version, bar those named here
# (none so far): a field added to the model is compared unless someone says why it cannot
# change a month's numbers, so a new plan field never re-prices an approved month unnoticed.
PLAN_NOT_COMPARED: tuple[str, ...] = ()
ECONOMICS_NOT_COMPARED: tuple[str, ...] = ()


def compared_fields(model: type[models.Model], not_compared: tuple[str, ...]) -> tuple[str, ...]:
    """The attributes of `model` that decide the months a version is in force in: its concrete
    fields (foreign keys as their ids), but the primary key and `not_compared`."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in not_compared
    )


def _plans(stored, new, approved: list[date]) -> list[date]:
    from compensation.models import QuotaPlan

    fields = compared_fields(QuotaPlan, PLAN_NOT_COMPARED)
    months = []
    for role_id in {record.role_id for record in (stored, new) if record is not None} - {None}:
        before = list(QuotaPlan.objects.filter(role_id=role_id))
        after = _replace(before, stored, new, lambda plan, role_id=role_id: plan.role_id == role_id)
        months += _repriced(before, after, fields, approved)
    return months


def _economics(stored, new, approved: list[date]) -> list[date]:
    from compensation.models import Economics

    before = list(Economics.objects.all())
    after = _replace(before, stored, new, lambda row: True)
    return _repriced(before, after, compared_fields(Economics, ECONOMICS_NOT_COMPARED), approved)


def _months_in_force_of(plan_ids: Iterable[int], approved: list[date]) -> list[date]:
    from compensation.models import QuotaPlan

    plans = list(QuotaPlan.objects.filter(pk__in=set(plan_ids)))
    role_plans = list(QuotaPlan.objects.filter(role_id__in={plan.role_id for plan in plans}).order_by("effective_from"))
    months = []
    for plan in plans:
        series = [row for row in role_plans if row.role_id == plan.role_id]
        months += [month for month in approved if (found := _in_force(series, month)) and found.pk == plan.pk]
    return months


def _tiers(stored, new, approved: list[date]) -> list[date]:
    plan_ids = {record.plan_id for record in (stored, new) if record is not None} - {None}
    return _months_in_force_of(plan_ids, approved)


def _new_persons(record) -> bool:
    """An assignment of a person not saved yet (an admin's person form with its inline, an import)."""
    return record.person_id is None and record._meta.get_field("person").get_cached_value(record, None) is not None


def _assignments(stored, new, approved: list[date]) -> list[date]:
    """A new person's assignment is checked as any other: they had none before it."""
    from compensation.models import Assignment

    months = []
    people = {record.person_id for record in (stored, new) if record is not None} - {None}
    if new is not None and _new_persons(new):
        people.add(None)
    for person_id in people:
        before = list(Assignment.objects.filter(person_id=person_id)) if person_id is not None else []
        after = [row for row in before if stored is None or row.pk != stored.pk]
        if new is not None and new.person_id == person_id:
            after.append(new)

        def facts(rows: list, month: date) -> list:
            return sorted(
                (row.role_id or 0, row.start, row.ramp, row.active_days(month))
                for row in rows
                if row.start is not None and (row.end is None or row.end >= row.start) and row.covers(month)
            )

        months += [month for month in approved if facts(before, month) != facts(after, month)]
    return months


def _person(stored, new, approved: list[date]) -> list[date]:
    """A person's name is printed on their approved statements: renaming them is refused while
    an approved month has a statement of theirs. (Their numbers are known by id: a rename never
    changes one.)"""
    if stored is None or (new is not None and new.name == stored.name):
        return []
    closes = MonthClose.objects.approved().filter(month__in=approved)
    return [
        close.month
        for close in closes.only("month", "approved_statements")
        if str(stored.pk) in (close.approved_statements or {})
    ]


def _role(stored, new, approved: list[date]) -> list[date]:
    """A role's kind decides how it is paid: changing it is refused while an approved month has
    the role. (An approved month keeps the role's name as approved, with its inputs: a rename
    changes no approved figure or statement.)"""
    from compensation.models import Assignment, QuotaPlan
    from performance.models import MonthlyActual

    if stored is None or (new is not None and new.kind == stored.kind):
        return []
    first_plan = QuotaPlan.objects.filter(role_id=stored.pk).order_by("effective_from").first()
    actual_months = set(MonthlyActual.objects.filter(role_id=stored.pk).values_list("month", flat=True))
    assignments = list(Assignment.objects.filter(role_id=stored.pk))
    return [
        month
        for month in approved
        if (first_plan and first_plan.effective_from <= month)
        or month in actual_months
        or any(row.covers(month) for row in assignments)
    ]


def _deal(stored, new, approved: list[date]) -> list[date]:
    """A deal belongs to its close month; its cancellation also to the month it falls in (a
    clawback there, or, in the close month itself, a deal that no longer counts). Setting
    cancelled_on to a month that is not approved leaves an approved close month as approved."""
    months = set()
    for record in (stored, new):
        if record is None or record.closed_on is None:
            continue
        if record.cancel_month is not None:
            months.add(record.cancel_month)
    if stored is None or new is None or _deal_changed_besides_cancelling(stored, new):
        months |= {record.close_month for record in (stored, new) if record is not None and record.closed_on}
    else:  # only the cancellation moved: the close month changes only if it is cancelled within it
        months |= {r.close_month for r in (stored, new) if r.closed_on and r.cancel_month == r.close_month}
    return sorted(months)


def _deal_changed_besides_cancelling(stored, new) -> bool:
    fields = [f.attname for f in new._meta.concrete_fields if not f.primary_key and f.attname != "cancelled_on"]
    return any(getattr(stored, name) != getattr(new, name) for name in fields)


def _deal_closer(stored, new, approved: list[date]) -> list[date]:
    """A closer's share belongs to its deal's close month."""
    from performance.models import Deal

    deal_ids = {record.deal_id for record in (stored, new) if record is not None} - {None}
    return [deal.close_month for deal in Deal.objects.filter(pk__in=deal_ids)]


_RULES: dict[str, Callable] = {
    "performance.MonthlyActual": _own_month,
    "performance.PersonActual": _own_month,
    "performance.MonthlyRevenue": _own_month,
    "compensation.QuotaPlan": _plans,
    "compensation.PlanTier": _tiers,
    "compensation.Economics": _economics,
    "compensation.Assignment": _assignments,
    "compensation.Person": _person,
    "compensation.Role": _role,
    "performance.Deal": _deal,
    "performance.DealCloser": _deal_closer,
}
GUARDED = tuple(_RULES)
