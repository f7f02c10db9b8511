"""A batch of person actuals, by person and month, all or nothing: the people CSV's rules
(PersonActual.check_rules, the model's fields, performance/locks.py), with the facts read for the
whole batch after its months are held. A record replaces the person's month as a CSV row does:
an optional number left out is empty."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from compensation.models import Assignment, Person, Role
from otesite.lib.months import format_month
from otesite.lib.rules import full_clean_with
from performance.actuals import Change, apply_changes, first_assumptions_month
from performance.api.problems import BatchRefused, MonthsLocked, Problem
from performance.api.writes.common import People, Written, model_problems
from performance.deal_rules import month_kept_by_deals
from performance.locks import approved_months_affected_by, locked_message
from performance.models import MonthlyActual, PersonActual
from performance.month_lock import hold

VALUE_FIELDS = ("units", "credited_deals", "meetings_held", "earnings")
BY_DEALS = (Role.Kind.CLOSER, Role.Kind.MANAGER)  # whose numbers a month kept by deals gives


@dataclass(frozen=True)
class PersonActualRow:
    where: str  # "person_actuals[2]"
    month: date
    person: int | str  # an id, a name or an e-mail
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


def write_person_actuals(rows: Sequence[PersonActualRow]) -> Written:
    """Create or update each person's month; raises BatchRefused with every problem, or
    MonthsLocked when a record would change an approved month; then nothing is stored."""
    people = People(row.person for row in rows)
    problems: list[Problem] = []
    found: list[tuple[PersonActualRow, Person]] = []
    seen: dict[tuple[int, date], str] = {}
    for row in rows:
        person_id, why = people.find(row.person)
        if why:
            problems.append(Problem(f"{row.where}.person", why))
            continue
        person = Person(pk=person_id, name=people.names[person_id])  # for the rules' messages, no query
        if (key := (person_id, row.month)) in seen:
            message = f"{person.name} for {format_month(row.month)} is already at {seen[key]}"
            problems.append(Problem(f"{row.where}.person", message))
            continue
        seen[key] = row.where
        found.append((row, person))
    with transaction.atomic():  # a record refused above is left out; the others are checked all the same
        approved = set(hold({row.month for row, _ in found}))  # the close rows first; then look
        stored = _Stored([person.pk for _, person in found], {row.month for row, _ in found})
        changes: list[Change] = []
        locked: dict[str, list[date]] = {}
        for row, person in found:
            change, as_stored, row_problems = _change(row, person, stored)
            problems += row_problems
            if change is None:
                continue
            changes.append(change)
            if change.action != "unchanged" and (
                months := approved_months_affected_by(change.actual, approved=approved, stored=as_stored)
            ):
                locked[row.where] = months
        if locked:
            lock = [Problem(f"{where}.month", locked_message(months)) for where, months in locked.items()]
            raise MonthsLocked({m for months in locked.values() for m in months}, lock + problems)
        if problems:
            raise BatchRefused(problems)
        apply_changes(changes)
    written = Written()
    for change in changes:
        written.add(change.action, f"{format_month(change.actual.month)} {change.actual.person.name}")
    return written


class _Stored:
    """What the rules need for the batch's people and months, in five queries."""

    def __init__(self, person_ids: list[int], months: set[date]) -> None:
        self.assignments = defaultdict(list)
        for assignment in Assignment.objects.filter(person_id__in=person_ids).select_related("role"):
            self.assignments[assignment.person_id].append(assignment)
        self.role_totals = set(MonthlyActual.objects.filter(month__in=months).values_list("role_id", "month"))
        self.actuals = {
            (a.person_id, a.month): a
            for a in PersonActual.objects.filter(person_id__in=person_ids, month__in=months).select_related("person")
        }
        self.first_economics = first_assumptions_month()
        self.by_deals = month_kept_by_deals(months)

    def assignment_of(self, person_id: int, month: date) -> Assignment | None:
        return next((a for a in self.assignments[person_id] if a.covers(month)), None)


def _change(
    row: PersonActualRow, person: Person, stored: _Stored
) -> tuple[Change | None, PersonActual | None, list[Problem]]:
    """What saving the row does, and the stored row as it was (for the lock), or its problems."""
    existing = stored.actuals.get((person.pk, row.month))
    as_stored = copy.copy(existing)
    actual = existing or PersonActual(person=person, month=row.month)
    new = {name: getattr(row, name) for name in VALUE_FIELDS}
    before = {
        name: getattr(existing, name) for name in VALUE_FIELDS if existing and getattr(existing, name) != new[name]
    }
    for name, value in new.items():
        setattr(actual, name, value)
    assignment = stored.assignment_of(person.pk, row.month)
    role = assignment.role if assignment else None
    facts = {
        "role": role,
        "role_total": role is not None and (role.pk, row.month) in stored.role_totals,
        "first_economics": stored.first_economics,
    }
    problems = _by_deals(row, role, actual, stored)
    try:
        full_clean_with(actual, {"person"}, lambda: actual.check_rules(**facts), database=False)
    except ValidationError as error:
        problems += model_problems(error, row.where)
    if problems:
        return None, as_stored, problems
    action = "create" if existing is None else "update" if before else "unchanged"
    return Change(action=action, actual=actual, before=before), as_stored, []


def _by_deals(row: PersonActualRow, role: Role | None, actual: PersonActual, stored: _Stored) -> list[Problem]:
    """DOMAIN.md: a month kept by deals takes no person actuals of closers or managers, and a
    setter's credited deals come from the deals."""
    if row.month not in stored.by_deals or role is None:
        return []
    shown = format_month(row.month)
    name = actual.person.name
    if role.kind in BY_DEALS:
        return [
            Problem(row.where, f"{name}'s {shown} numbers come from deals ({role.name} is paid by deals that month)")
        ]
    if role.kind == Role.Kind.SETTER and row.credited_deals is not None:
        return [
            Problem(
                f"{row.where}.credited_deals",
                f"{shown} is kept by deals: a setter's credited deals come from the deals",
            )
        ]
    return []
