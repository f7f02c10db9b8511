"""Entering a month person by person, beside the role totals of /actuals/YYYY-MM/.

Which roles are entered person by person in a month (`roles_kept_by_person`): DOMAIN.md keeps
a role's month one way or the other, and the form follows what is stored, so it never offers
both ways for one role:
- a role with person actuals that month is kept by person;
- a role with a role total that month is kept as totals;
- a role with neither (a month not entered yet) follows the month before: kept by person if
  it had person actuals then; kept as totals if it had a role total then; and when the month
  before has neither, kept by person if anyone is assigned to it this month.
So a team tracked person by person stays so from month to month, a role kept as totals is not
switched by adding assignments, and a new role with people starts person by person.

`PersonActualsForm` has a row per person assigned that month to those roles (units required
once anything is typed; credited deals, meetings held and earnings optional, estimated when
empty), read by the same parser and checked by PersonActual's own rules (the same messages as
the people CSV). It is a separate form from the role totals' ActualsMonthForm, and saving
writes both in one transaction. Like the role rows, a row left empty is not saved (the person
is listed as missing), and clearing stored numbers is refused: an admin removes them.

A save over one made after the form was shown is refused as the role totals' is (MonthChanged):
the form carries its own `people_version` of the month's person actuals beside the role form's
`version`, both checked in the save's transaction (`save_with_people`).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import cached_property

from compensation.models import Assignment, Role
from otesite.lib.months import add_months
from otesite.lib.parse import plain
from otesite.lib.rules import full_clean_with
from performance.actuals import Change, as_clause, save_month
from performance.deal_models import month_kept_by_deals
from performance.loader import History
from performance.locks import refuse_changes_to
from performance.models import PersonActual
from performance.web.actuals_forms import CellField

VALUE_FIELDS = ("units", "credited_deals", "meetings_held", "earnings")
OPTIONAL_FIELDS = ("credited_deals", "meetings_held", "earnings")


def _people_roles(history: History, month: date) -> set[int]:
    """Role ids with person actuals in `month`."""
    return {
        assignment.role_id
        for assignment in history.assignments
        if assignment.covers(month) and (assignment.person_id, month) in history.person_actuals
    }


def roles_kept_by_person(history: History, month: date) -> set[int]:
    """The roles whose `month` is entered person by person (the rule above). `history` must hold
    the month before too: History(add_months(month, -1), month); 1900-01, the first month there
    can be, has none, and is kept as after a month with nothing recorded."""
    previous = add_months(month, -1)
    with_people, with_people_before = _people_roles(history, month), _people_roles(history, previous)
    totals, totals_before = set(history.actuals.get(month, {})), set(history.actuals.get(previous, {}))
    assigned = {assignment.role_id for assignment in history.assignments if assignment.covers(month)}
    kept = set(with_people)
    for role in history.roles:
        if role.pk in with_people or role.pk in totals:
            continue
        if role.pk in with_people_before or (role.pk in assigned and role.pk not in totals_before):
            kept.add(role.pk)
    return kept


def field_name(assignment: Assignment, column: str) -> str:
    return f"person-{assignment.person_id}-{column}"


@dataclass
class PersonRow:
    assignment: Assignment
    stored: PersonActual | None
    fields: list[forms.BoundField]

    @property
    def name(self) -> str:
        return self.assignment.person.name


@dataclass
class RoleGroup:
    role: Role
    rows: list[PersonRow]


def people_version(rows: Iterable[PersonActual]) -> str:
    """A short token for a month's stored person actuals: it changes whenever they do."""
    found = sorted([row.person_id, *(plain(getattr(row, name)) for name in VALUE_FIELDS)] for row in rows)
    return hashlib.sha256(json.dumps(found).encode()).hexdigest()[:20]


def month_people_version(month: date, *, lock: bool = False) -> str:
    rows = PersonActual.objects.filter(month=month)
    return people_version(rows.select_for_update() if lock else rows)


def save_with_people(month: date, form, people: PersonActualsForm) -> None:
    """The role form's changes and revenue and the people's, all or nothing, if neither the
    month's role totals and revenue nor, when the form has people's rows, its person actuals
    changed since the form was shown (save_month checks both); else MonthChanged."""

    def people_unchanged(lock: bool) -> bool:
        return not people.assignments or month_people_version(month, lock=lock) == people.cleaned_data["people_version"]

    changes = [*form.changes, *people.changes]
    save_month(month, changes, form.revenue_change, form.cleaned_data["version"], people_unchanged)


class PersonActualsForm(forms.Form):
    # The month's person actuals when the form was shown (see save_with_people).
    people_version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, data=None, *, month: date, history: History, check_url: str | None = None) -> None:
        super().__init__(data)
        self.month = month
        self.history = history
        self.initial["people_version"] = people_version(
            row for (_, row_month), row in history.person_actuals.items() if row_month == month
        )
        kept = roles_kept_by_person(history, month)
        self.roles = [role for role in history.roles if role.pk in kept]
        assigned = [a for a in history.assignments if a.covers(month) and a.role_id in kept]
        self.assignments = sorted(assigned, key=lambda a: a.person.name)
        self.stored = {a.person_id: history.person_actuals.get((a.person_id, month)) for a in self.assignments}
        for assignment in self.assignments:
            actual = self.stored[assignment.person_id]
            for column in VALUE_FIELDS:
                name = field_name(assignment, column)
                self.fields[name] = CellField(column, label=f"{assignment.person.name}, {column}")
                self.initial[name] = plain(getattr(actual, column)) if actual else ""
                if check_url:
                    self.fields[name].widget.attrs.update(_check_attrs(check_url, name))
        self.changes: list[Change] = []

    @cached_property
    def kept_by_deals(self) -> bool:
        """Whether the month is kept by deals: its closers and managers take no numbers here then."""
        return bool(month_kept_by_deals([self.month]))

    def groups(self) -> list[RoleGroup]:
        """The rows by role (roles in their order), people by name."""
        return [
            RoleGroup(
                role,
                [
                    PersonRow(a, self.stored[a.person_id], [self[field_name(a, c)] for c in VALUE_FIELDS])
                    for a in self.assignments
                    if a.role_id == role.pk
                ],
            )
            for role in self.roles
        ]

    def clean(self):
        cleaned = super().clean()
        first = self.history.economics.rows[0].effective_from if self.history.economics.rows else None
        roles = {role.pk: role for role in self.roles}
        for assignment in self.assignments:
            self._clean_row(assignment, roles[assignment.role_id], first, cleaned)
        return cleaned

    def _clean_row(self, assignment: Assignment, role: Role, first: date | None, cleaned: dict) -> None:
        names = {column: field_name(assignment, column) for column in VALUE_FIELDS}
        if any(name in self.errors for name in names.values()):
            return
        values = {column: cleaned.get(name) for column, name in names.items()}
        stored = self.stored[assignment.person_id]
        person = assignment.person.name
        if all(value is None for value in values.values()):
            if stored is not None:
                self.add_error(names["units"], f"is required; {person}'s numbers are stored for this month")
            return
        if values["units"] is None:
            self.add_error(names["units"], "is required")
            return
        as_stored = copy.copy(stored)  # for the lock on approved months (performance/locks.py)
        actual = stored or PersonActual(person=assignment.person, month=self.month)
        before = {
            column: getattr(stored, column)
            for column in VALUE_FIELDS
            if stored and getattr(stored, column) != values[column]
        }
        for column, value in values.items():
            setattr(actual, column, value)
        facts = {
            "role": role,
            "role_total": role.pk in self.history.actuals.get(self.month, {}),
            "first_economics": first,
            "by_deals": self.kept_by_deals,
        }

        def rules() -> None:
            actual.check_rules(**facts)
            refuse_changes_to(actual, stored=as_stored)

        try:
            full_clean_with(actual, {"person"}, rules)
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                # A rule about the row (it starts with a name) or the month is shown by units.
                target = names.get(column, names["units"])
                for message in messages:
                    self.add_error(target, message if column == NON_FIELD_ERRORS else as_clause(message))
            return
        action = "create" if stored is None else "update" if before else "unchanged"
        self.changes.append(Change(action=action, actual=actual, before=before))

    def unsaved(self) -> dict[int, PersonActual]:
        """The month's person actuals as the form has them, by person id (for the live preview)."""
        return {change.actual.person_id: change.actual for change in self.changes}

    def summary(self) -> str:
        created = sum(change.action == "create" for change in self.changes)
        updated = sum(change.action == "update" for change in self.changes)
        return f"people {created} created, {updated} updated"


def _check_attrs(check_url: str, name: str) -> dict[str, str]:
    """As the role rows: each field asks the check endpoint for its error when it changes,
    sending its row along."""
    return {
        "hx-get": f"{check_url}?field={name}",
        "hx-trigger": "change",
        "hx-include": "closest .entry-row",
        "hx-target": f"#error-{name}",
        "hx-swap": "outerHTML",
        "aria-describedby": f"error-{name}",
    }
