"""Actuals in bulk: role totals and person actuals, checked and stored by the thousand.

The one service behind every batch way in (the actuals CSV, the people CSV, `manage.py
import_actuals`, the API's batches). A way in reads its input with the one parser, finds the
roles and people it names, refuses its own duplicates, and hands over records; this module does
the rest, the same for all:

- `check(...)` applies the one rule set in pure Python: the numbers (`RecordedNumbers.
  number_errors`), the month (`month_not_started`, `month_not_covered`), a person's role that
  month, one way or the other per role and month, a month kept by deals (no role totals, no
  closers' or managers' person actuals, no setter's credited deals), and the lock on approved
  months. The models' own `check_rules` say each rule, so the words are those of the entry form
  and the admin. What the rules need is read for all the records at once (`Facts`): a fixed
  number of queries, however many records.
- `save(...)` holds the records' months (performance/month_lock.py), checks them again under the
  hold, then writes in bulk (performance/actuals.py: `apply_changes`) with one history row per
  created or changed record (with the import's user and reason) and one new data version; a
  record that changes nothing is not written and leaves no history. Any refusal raises
  `ActualsRefused` inside the transaction: nothing is stored.

The role and person records are checked against the batch merged into what is stored: a role
total and a person actual of the same role and month in one batch refuse each other.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from compensation.models import Assignment, Person, Role
from otesite.lib.rules import full_clean_with
from performance.actuals import (
    VALUE_FIELDS as ROLE_FIELDS,
)
from performance.actuals import (
    ActualValues,
    Change,
    apply_changes,
    as_clause,
    build_change,
    first_assumptions_month,
    month_problem,
)
from performance.deal_models import month_kept_by_deals
from performance.locks import approved_months, approved_months_affected_by
from performance.models import VALUES as PERSON_FIELDS
from performance.models import MonthlyActual, PersonActual
from performance.month_lock import hold

Where = Hashable  # the caller's place for a record: a CSV row number, "actuals[2]"
Progress = Callable[[int, int], None]  # told (records checked so far, records in the batch)


@dataclass(frozen=True)
class RoleRecord:
    """One role's month, as a way in read it."""

    where: Where
    role: Role
    month: date
    headcount: int
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


@dataclass(frozen=True)
class PersonRecord:
    """One person's month, as a way in read it."""

    where: Where
    person: Person
    month: date
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


@dataclass(frozen=True)
class Refusal:
    """A rule a record breaks: at `where`, in `field` (None: the record as a whole)."""

    where: Where
    field: str | None
    message: str


@dataclass
class Checked:
    """What a batch would do: a change per record that passed, the refusals of those that did
    not, and the approved months each record would change (`locked`, kept apart: the API answers
    them with a 409, the CSVs list them with the rest)."""

    changes: list[Change] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    locked: dict[Where, list[date]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.refusals and not self.locked


class ActualsRefused(Exception):
    """Raised by save() when a record is refused or would change an approved month; nothing was stored."""

    def __init__(self, checked: Checked) -> None:
        self.checked = checked
        super().__init__(f"{len(checked.refusals)} refused, {len(checked.locked)} in approved months")


@dataclass
class Facts:
    """What the rules need from the database for a batch, read once for all its records: a fixed
    number of queries (the first assumptions, the approved months, the months kept by deals, the
    months' role totals; for role records who has person actuals in their roles; for person
    records their assignments and stored numbers)."""

    first_economics: date | None
    approved: Collection[date]
    by_deals: set[date]
    role_totals: dict[tuple[int, date], MonthlyActual]  # every role total of the batch's months
    people_in: dict[tuple[int, date], set[str]]  # (role id, month): who has person actuals there
    assignments: dict[int, list[Assignment]]
    person_actuals: dict[tuple[int, date], PersonActual]

    @classmethod
    def load(
        cls, roles: Sequence[RoleRecord], people: Sequence[PersonRecord], approved: Collection[date] | None = None
    ) -> Facts:
        months = {record.month for record in (*roles, *people)}
        person_ids = {record.person.pk for record in people}
        role_totals = {
            (actual.role_id, actual.month): actual
            for actual in MonthlyActual.objects.filter(month__in=months).select_related("role")
        }
        people_in: dict[tuple[int, date], set[str]] = defaultdict(set)
        if roles:
            role_ids = {record.role.pk for record in roles}
            rows = PersonActual.objects.of_role(role_ids, months).values_list(
                "counted_role_id", "month", "person__name"
            )
            for role_id, month, name in rows:
                people_in[(role_id, month)].add(name)
        assignments: dict[int, list[Assignment]] = defaultdict(list)
        person_actuals = {}
        if people:
            for assignment in Assignment.objects.filter(person_id__in=person_ids).select_related("role"):
                assignments[assignment.person_id].append(assignment)
            stored = PersonActual.objects.filter(person_id__in=person_ids, month__in=months).select_related("person")
            person_actuals = {(actual.person_id, actual.month): actual for actual in stored}
        return cls(
            first_economics=first_assumptions_month(),
            approved=approved_months() if approved is None else approved,
            by_deals=month_kept_by_deals(months),
            role_totals=role_totals,
            people_in=people_in,
            assignments=assignments,
            person_actuals=person_actuals,
        )

    def role_of(self, person_id: int, month: date) -> Role | None:
        """The role the person holds in `month` (at most one assignment a month), None if none."""
        return next((a.role for a in self.assignments[person_id] if a.covers(month)), None)


def check(
    roles: Sequence[RoleRecord] = (),
    people: Sequence[PersonRecord] = (),
    *,
    approved: Collection[date] | None = None,
    progress: Progress | None = None,
) -> Checked:
    """Check every record against what is stored merged with the batch; store nothing. Records
    must be one per role and month and one per person and month (each way in refuses its
    duplicates with its own words). `approved`: the months found approved under the hold."""
    facts = Facts.load(roles, people, approved)
    # The batch merged into what is stored: who will have person actuals in each role and month,
    # and which roles will have a role total.
    people_in = {key: set(names) for key, names in facts.people_in.items()}
    role_totals = set(facts.role_totals)
    for record in people:
        if (role := facts.role_of(record.person.pk, record.month)) is not None:
            people_in.setdefault((role.pk, record.month), set()).add(record.person.name)
    role_totals |= {(record.role.pk, record.month) for record in roles}

    checked = Checked()
    total = len(roles) + len(people)
    for done, record in enumerate(roles, start=1):
        _check_role(record, facts, sorted(people_in.get((record.role.pk, record.month), ())), checked)
        if progress:
            progress(done, total)
    for done, record in enumerate(people, start=len(roles) + 1):
        _check_person(record, facts, role_totals, checked)
        if progress:
            progress(done, total)
    return checked


def _check_role(record: RoleRecord, facts: Facts, people: list[str], checked: Checked) -> None:
    if reason := month_problem(record.month, facts.first_economics):
        checked.refusals.append(Refusal(record.where, "month", reason))
        return
    stored = facts.role_totals.get((record.role.pk, record.month))
    as_stored = copy.copy(stored)  # build_change writes the record's values onto the stored row
    values = ActualValues(row=record.where, **{name: getattr(record, name) for name in ("role", "month", *ROLE_FIELDS)})
    by_deals = record.month in facts.by_deals
    change, problems = build_change(values, stored, people, approved=(), by_deals=by_deals)
    checked.refusals += [Refusal(record.where, problem.column, problem.message) for problem in problems]
    if change is not None:
        _add(change, record.where, as_stored, facts, checked)


def _check_person(record: PersonRecord, facts: Facts, role_totals: set[tuple[int, date]], checked: Checked) -> None:
    existing = facts.person_actuals.get((record.person.pk, record.month))
    as_stored = copy.copy(existing)  # for the lock, before the record's values change it
    actual = existing or PersonActual(person=record.person, month=record.month)
    before = {}
    for name in PERSON_FIELDS:
        new = getattr(record, name)
        if existing is not None and getattr(existing, name) != new:
            before[name] = getattr(existing, name)
        setattr(actual, name, new)
    role = facts.role_of(record.person.pk, record.month)
    rules = {
        "role": role,
        "role_total": role is not None and (role.pk, record.month) in role_totals,
        "first_economics": facts.first_economics,
        "by_deals": record.month in facts.by_deals,
    }
    try:
        # The person and month were looked up in bulk and duplicates refused by the way in: the
        # uniqueness and constraint checks (queries a record) are the database's, on writing.
        full_clean_with(actual, {"person"}, lambda: actual.check_rules(**rules), database=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS:  # they start with a name or a month
                checked.refusals += [Refusal(record.where, None, message) for message in messages]
            else:
                checked.refusals += [Refusal(record.where, name, as_clause(message)) for message in messages]
        return
    action = "create" if existing is None else "update" if before else "unchanged"
    _add(Change(action=action, actual=actual, before=before, row=record.where), record.where, as_stored, facts, checked)


def _add(change: Change, where: Where, as_stored, facts: Facts, checked: Checked) -> None:
    checked.changes.append(change)
    if change.action != "unchanged" and (
        months := approved_months_affected_by(change.actual, approved=facts.approved, stored=as_stored)
    ):
        checked.locked[where] = months


def save(
    roles: Sequence[RoleRecord] = (),
    people: Sequence[PersonRecord] = (),
    *,
    user: AbstractBaseUser | None = None,
    reason: str = "",
    progress: Progress | None = None,
) -> Checked:
    """Check and store a batch, all or nothing: its months held first (so an approval waits for
    it, or it for the approval, and then sees it), every record checked under the hold, then
    written in bulk. Raises ActualsRefused (nothing stored) when any record is refused or would
    change an approved month."""
    months = {record.month for record in (*roles, *people)}
    with transaction.atomic():
        approved = hold(months)
        checked = check(roles, people, approved=approved, progress=progress)
        if not checked.ok:
            raise ActualsRefused(checked)
        apply_changes(checked.changes, user=user, reason=reason)
    return checked
