"""The people CSV of DOMAIN.md (`month,person,units,credited_deals,meetings_held,earnings`): one
row per person and month, read for the web import's preview and confirm and for
`manage.py import_actuals`, all or nothing.

`read_actuals_file(content)` tells the two actuals CSVs apart by their header (a `person`
column makes it the people CSV) and reads it with its reader. Cells are read by the one parser;
every rule is the model's own (PersonActual.check_rules), checked for the whole file at once by
the bulk service (performance/actuals_bulk.py), which also stores it. Rows are numbered as a
spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from compensation.models import Assignment, Person
from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text, unescape_text
from otesite.lib.months import add_months, format_month
from otesite.lib.parse import parse_month, parse_number
from otesite.lib.rules import current_month
from performance import actuals_bulk
from performance.actuals import Problem
from performance.actuals_bulk import Progress
from performance.exchange.actuals_csv import ActualsImport, header_of, read_actuals_csv, read_table, template_month
from performance.models import PersonActual

COLUMNS = ("month", "person", "units", "credited_deals", "meetings_held", "earnings")
VALUE_FIELDS = ("units", "credited_deals", "meetings_held", "earnings")
REQUIRED_COLUMNS = ("month", "person", "units")


@dataclass
class PeopleImport(ActualsImport):
    """What a people CSV would do; the same preview, summary and all-or-nothing apply()."""

    kind: str = "people"
    columns: tuple[str, ...] = COLUMNS


def read_actuals_file(content: bytes, *, check: bool = True, progress: Progress | None = None) -> ActualsImport:
    """The role actuals CSV or the people CSV, told apart by the header (`check` as they take it)."""
    reader = read_people_csv if "person" in header_of(content) else read_actuals_csv
    return reader(content, check=check, progress=progress)


def _parse_row(
    number: int, cells: dict[str, str], people: dict[str, Person]
) -> tuple[actuals_bulk.PersonRecord | None, list[Problem]]:
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
    return actuals_bulk.PersonRecord(where=number, person=person, month=month, **values), []


def read_people_csv(content: bytes, *, check: bool = True, progress: Progress | None = None) -> PeopleImport:
    """Parse a whole people CSV and, with `check`, check it against what is stored; store nothing
    (read_actuals_csv says why `check` may be left out)."""
    result = PeopleImport()
    table, problems = read_table(content, COLUMNS, REQUIRED_COLUMNS)
    result.problems.extend(problems)
    if problems and not table:
        return result
    people = {person.name: person for person in Person.objects.all()}
    seen: dict[tuple[int, date], int] = {}
    for number, cells in table:
        record, problems = _parse_row(number, cells, people)
        result.problems.extend(problems)
        if record is None:
            continue
        key = (record.person.pk, record.month)
        if key in seen:
            message = f"{record.person.name} for {format_month(record.month)} is already on row {seen[key]}"
            result.problems.append(Problem(message, row=number, column="person"))
            continue
        seen[key] = number
        result.person_records.append(record)
    if not result.person_records and not result.problems:
        result.problems.append(Problem("has no rows under the header"))
        return result
    if check:
        result.check(progress)
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
