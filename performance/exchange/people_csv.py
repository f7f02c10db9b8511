"""The people CSV of DOMAIN.md (`month,person,units,credited_deals,meetings_held,earnings`): one
row per person and month, read for the web import's preview and confirm and for
`manage.py import_actuals`, all or nothing.

`read_actuals_file(content)` tells the two actuals CSVs apart by their header (a `person`
column makes it the people CSV) and reads it with its reader. Cells are read by the one parser;
every rule is the model's own (PersonActual.check_rules), given what is stored, fetched for the
whole file at once: the people, their assignments, the months' role totals, the stored numbers.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import copy
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from compensation.models import Assignment, Person
from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text, unescape_text
from otesite.lib.months import add_months, format_month
from otesite.lib.parse import parse_month, parse_number
from otesite.lib.rules import current_month, full_clean_with
from performance.actuals import Change, Problem, as_clause, first_assumptions_month
from performance.exchange.actuals_csv import ActualsImport, header_of, read_actuals_csv, read_table, template_month
from performance.locks import approved_months, refuse_changes_to
from performance.models import MonthlyActual, PersonActual

COLUMNS = ("month", "person", "units", "credited_deals", "meetings_held", "earnings")
VALUE_FIELDS = ("units", "credited_deals", "meetings_held", "earnings")
REQUIRED_COLUMNS = ("month", "person", "units")


@dataclass
class PeopleImport(ActualsImport):
    """What a people CSV would do; the same preview, summary and all-or-nothing apply()."""

    kind: str = "people"


def read_actuals_file(content: bytes) -> ActualsImport:
    """The role actuals CSV or the people CSV, told apart by the header."""
    return read_people_csv(content) if "person" in header_of(content) else read_actuals_csv(content)


@dataclass
class _Row:
    number: int
    person: Person
    month: date
    values: dict


def _parse_row(number: int, cells: dict[str, str], people: dict[str, Person]) -> tuple[_Row | None, list[Problem]]:
    problems, month, person = [], None, None
    try:
        month = parse_month(cells["month"]) if cells.get("month") else None
        if month is None:
            problems.append(Problem("is required", row=number, column="month"))
    except ValueError as error:
        problems.append(Problem(str(error), row=number, column="month"))
    name = unescape_text(cells.get("person", ""))  # a name as our own templates and downloads write it
    if not name:
        problems.append(Problem("is required", row=number, column="person"))
    elif (person := people.get(name)) is None:
        problems.append(Problem(f'"{name}" is not a person', row=number, column="person"))
    values = {}
    for column in VALUE_FIELDS:
        try:
            values[column] = parse_number(cells.get(column, ""), required=column == "units")
        except ValueError as error:
            problems.append(Problem(str(error), row=number, column=column))
    if problems:
        return None, problems
    return _Row(number, person, month, values), []


class _Stored:
    """What the rules need for the file's people and months, in four queries."""

    def __init__(self, rows: list[_Row]) -> None:
        person_ids = {row.person.pk for row in rows}
        months = {row.month for row in rows}
        self.assignments = defaultdict(list)
        for assignment in Assignment.objects.filter(person_id__in=person_ids).select_related("role"):
            self.assignments[assignment.person_id].append(assignment)
        self.role_totals = set(MonthlyActual.objects.filter(month__in=months).values_list("role_id", "month"))
        self.actuals = {
            (a.person_id, a.month): a
            for a in PersonActual.objects.filter(person_id__in=person_ids, month__in=months).select_related("person")
        }
        self.first_economics = first_assumptions_month()
        self.approved = approved_months()  # checked once for the whole file (performance/locks.py)

    def role_of(self, person: Person, month: date):
        return next((a.role for a in self.assignments[person.pk] if a.covers(month)), None)


def _change(row: _Row, stored: _Stored) -> tuple[Change | None, list[Problem]]:
    existing = stored.actuals.get((row.person.pk, row.month))
    as_stored = copy.copy(existing)  # for the lock on approved months, before the row changes it
    actual = existing or PersonActual(person=row.person, month=row.month)
    before = {
        name: getattr(existing, name)
        for name in VALUE_FIELDS
        if existing and getattr(existing, name) != row.values[name]
    }
    for name, value in row.values.items():
        setattr(actual, name, value)
    role = stored.role_of(row.person, row.month)
    facts = {
        "role": role,
        "role_total": role is not None and (role.pk, row.month) in stored.role_totals,
        "first_economics": stored.first_economics,
    }

    def rules() -> None:
        actual.check_rules(**facts)
        refuse_changes_to(actual, approved=stored.approved, stored=as_stored)

    try:
        # Person and month were looked up above, the stored row (if any) is the one being changed and
        # duplicates in the file were refused: nothing left to ask the database row by row.
        full_clean_with(actual, {"person"}, rules, database=False)
    except ValidationError as error:
        problems = []
        for name, messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS:
                problems.extend(Problem(m, row=row.number) for m in messages)  # they start with a name
            else:
                problems.extend(Problem(as_clause(m), row=row.number, column=name) for m in messages)
        return None, problems
    action = "create" if existing is None else "update" if before else "unchanged"
    return Change(action=action, actual=actual, before=before, row=row.number), []


def read_people_csv(content: bytes) -> PeopleImport:
    """Parse and check a whole people CSV against what is stored; store nothing."""
    result = PeopleImport()
    table, problems = read_table(content, COLUMNS, REQUIRED_COLUMNS)
    result.problems.extend(problems)
    if problems and not table:
        return result
    people = {person.name: person for person in Person.objects.all()}
    rows: list[_Row] = []
    seen: dict[tuple[int, date], int] = {}
    for number, cells in table:
        row, problems = _parse_row(number, cells, people)
        result.problems.extend(problems)
        if row is None:
            continue
        key = (row.person.pk, row.month)
        if key in seen:
            message = f"{row.person.name} for {format_month(row.month)} is already on row {seen[key]}"
            result.problems.append(Problem(message, row=number, column="person"))
            continue
        seen[key] = number
        rows.append(row)
    if not rows and not result.problems:
        result.problems.append(Problem("has no rows under the header"))
        return result
    stored = _Stored(rows) if rows else None
    for row in rows:
        change, problems = _change(row, stored)
        result.problems.extend(problems)
        if change:
            result.changes.append(change)
    result.problems.sort(key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else -1))
    return result


def people_template_csv(month: date | None = None) -> str:
    """A header and one row per person assigned in `month`, numbers left to fill in."""
    if month is None:
        latest = PersonActual.objects.order_by("-month").values_list("month", flat=True).first()
        month = template_month() if latest is None else min(add_months(latest, 1), current_month())
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS)
    assigned = Assignment.objects.overlapping(month, month).select_related("person").order_by("person__name")
    for assignment in assigned:
        writer.writerow([format_month(month), escape_text(assignment.person.name), "", "", "", ""])
    return out.getvalue()
