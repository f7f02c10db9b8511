"""The actuals CSV of DOMAIN.md: read it, say what it would change and what is wrong with it.

`read_actuals_csv(content)` is the one reader behind the web import's preview, its confirm
step and `manage.py import_actuals`, so they accept and refuse exactly the same files with the
same messages. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from compensation.models import Role
from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text, unescape_text
from otesite.lib.months import add_months, format_month
from otesite.lib.parse import parse_month
from otesite.lib.rules import current_month
from performance import actuals_bulk
from performance.actuals import (
    COLUMNS,
    OPTIONAL_FIELDS,
    VALUE_FIELDS,
    ActualValues,
    Change,
    Problem,
    first_assumptions_month,
    month_problem,
    parse_value,
)
from performance.actuals_bulk import Progress
from performance.locks import locked_message
from performance.models import MonthlyActual

MAX_BYTES = 1_000_000  # a few thousand rows; anything bigger is not a month's actuals
# Checked in well under a second (one query for the stored rows, whatever the count); a year of
# a large team by person is a few thousand rows. Refused before any row is read.
MAX_ROWS = 5_000
SHOWN_PROBLEMS = 50  # a screen lists the first ones and says how many more
REQUIRED_COLUMNS = tuple(c for c in COLUMNS if c not in OPTIONAL_FIELDS)


class ImportRefused(Exception):
    """Raised by apply() when the file has problems; nothing was stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass
class ActualsImport:
    """What a file would do: the changes per row, and every problem found (all or nothing)."""

    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    kind: str = "role"  # which CSV: role totals, or "people" (people_csv.py)
    columns: tuple[str, ...] = COLUMNS
    # The rows as read, for apply() to check again under the hold and write (actuals_bulk.py).
    role_records: list[actuals_bulk.RoleRecord] = field(default_factory=list)
    person_records: list[actuals_bulk.PersonRecord] = field(default_factory=list)
    checked: bool = False  # whether check() has listed what is wrong with the rows, too

    @property
    def ok(self) -> bool:
        return not self.problems

    def with_action(self, action: str) -> list[Change]:
        return [c for c in self.changes if c.action == action]

    @property
    def created(self) -> list[Change]:
        return self.with_action("create")

    @property
    def updated(self) -> list[Change]:
        return self.with_action("update")

    @property
    def unchanged(self) -> list[Change]:
        return self.with_action("unchanged")

    @property
    def first_problems(self) -> list[Problem]:
        return self.problems[:SHOWN_PROBLEMS]

    @property
    def more_problems(self) -> int:
        return max(0, len(self.problems) - SHOWN_PROBLEMS)

    @property
    def months(self) -> list[date]:
        return sorted({c.actual.month for c in self.changes})

    def summary(self) -> str:
        return f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged"

    @property
    def records(self) -> int:
        return len(self.role_records) + len(self.person_records)

    def check(self, progress: Progress | None = None) -> None:
        """Check the file's rows with the bulk service (performance/actuals_bulk.py), against what
        is stored now, and list what is wrong with them beside what was wrong with the cells."""
        if self.records and not self.checked:
            checked = actuals_bulk.check(self.role_records, self.person_records, progress=progress)
            self.changes = checked.changes
            self._add(checked)
        self.checked = True

    def apply(self, *, user=None, reason: str = "", progress: Progress | None = None) -> None:
        """Store every row, all or nothing, through the bulk service: the file's months held, every
        row checked under the hold (so what a preview said is asked again), then written in bulk
        with a history row per created or changed row naming `user` and `reason`. Refuses, storing
        nothing, if a cell or a row has any problem (a month approved since the file was read, too):
        ImportRefused lists them all, as check() would."""
        if self.problems:
            self.check(progress)  # every problem of the file, not only its cells'
            raise ImportRefused(self.problems)
        try:
            checked = actuals_bulk.save(
                self.role_records, self.person_records, user=user, reason=reason, progress=progress
            )
        except actuals_bulk.ActualsRefused as refused:
            self._add(refused.checked)
            raise ImportRefused(self.problems) from None
        self.changes = checked.changes

    def _add(self, checked: actuals_bulk.Checked) -> None:
        """The service's refusals as this file's problems (row and column), in the file's order."""
        self.problems += [
            Problem(refusal.message, row=refusal.where, column=refusal.field) for refusal in checked.refusals
        ]
        self.problems += [Problem(locked_message(months), row=row) for row, months in checked.locked.items()]
        columns = self.columns
        self.problems.sort(key=lambda p: (p.row or 0, columns.index(p.column) if p.column in columns else -1))


def decode(content: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text, with or without a byte order mark; anything else is not our CSV."""
    if not content.strip():
        return None, Problem("is empty")
    if len(content) > MAX_BYTES:
        return None, Problem(f"is larger than {MAX_BYTES // 1000} kB; import a month or a year at a time")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, Problem('is not a UTF-8 CSV file; in a spreadsheet, save it as "CSV UTF-8 (comma delimited)"')
    if "\x00" in text:
        return None, Problem("is not a CSV file (it holds binary data); export the sheet as CSV")
    return text, None


def too_many_rows(records: Iterable[list[str]]) -> Problem | None:
    """More than MAX_ROWS rows under the header (blank ones aside): refused before any is read.
    `records` are the rows under the header, read one at a time (nothing is kept)."""
    rows = sum(1 for cells in records if any(cell.strip() for cell in cells))
    return Problem(f"has {rows:,} rows; import at most {MAX_ROWS:,} rows at a time") if rows > MAX_ROWS else None


def _check_header(
    cells: list[str], columns: tuple[str, ...] = COLUMNS, required: tuple[str, ...] = REQUIRED_COLUMNS
) -> tuple[dict[str, int], list[Problem]]:
    names = [cell.strip().lower() for cell in cells]
    if len(names) == 1:
        for separator, word in ((";", "semicolons"), ("\t", "tabs")):
            if separator in names[0]:
                return {}, [Problem(f"columns must be separated by commas, not {word}", header=True)]
    problems = []
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in positions:
            problems.append(Problem(f'column "{name}" appears twice', header=True))
        elif name not in columns:
            shown = name or f"(empty, position {index + 1})"
            problems.append(Problem(f'unknown column "{shown}"; the columns are {", ".join(columns)}', header=True))
        positions.setdefault(name, index)
    problems.extend(Problem(f'missing column "{name}"', header=True) for name in required if name not in positions)
    return positions, problems


def header_of(content: bytes) -> list[str]:
    """The first row's column names, lower-cased ([] when the file is not a readable CSV)."""
    text, problem = decode(content)
    if problem:
        return []
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []
    return [cell.strip().lower() for cell in first]


def read_table(
    content: bytes, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The file's rows as (row number, {column: cell text}), blank rows left out, or the problems
    that stop it being read: not UTF-8 text, not CSV, a wrong header, more than MAX_ROWS rows,
    a row of the wrong length."""
    text, problem = decode(content)
    if problem:
        return [], [problem]

    def records() -> Iterator[list[str]]:
        """The file's rows, one at a time: a pass counts them, the next reads them."""
        return csv.reader(io.StringIO(text, newline=""), strict=True)

    try:
        header = next(records(), [])
        if not any(cell.strip() for cell in header):
            return [], [Problem("the first row must be the header: " + ",".join(columns))]
        positions, problems = _check_header(header, columns, required)
        if problems:
            return [], problems
        if problem := too_many_rows(islice(records(), 1, None)):
            return [], [problem]
    except csv.Error as error:
        return [], [Problem(f"is not a readable CSV file ({error})")]
    rows = []
    for number, cells in enumerate(islice(records(), 1, None), start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and spreadsheets' trailing ",,,,,," rows
        if len(cells) != len(header):
            problems.append(Problem(f"has {len(cells)} cells where the header has {len(header)}", row=number))
            continue
        rows.append((number, {name: cells[index].strip() for name, index in positions.items()}))
    return rows, problems


def _parse_row(
    number: int, cells: dict[str, str], roles: dict[str, Role], first: date | None
) -> tuple[ActualValues | None, list[Problem]]:
    def cell(name: str) -> str:
        return cells.get(name, "")

    problems = []
    month = role = None
    try:
        month = parse_month(cell("month")) if cell("month") else None
        if month is None:
            problems.append(Problem("is required", row=number, column="month"))
        elif reason := month_problem(month, first):
            problems.append(Problem(reason, row=number, column="month"))
    except ValueError as error:
        problems.append(Problem(str(error), row=number, column="month"))
    name = unescape_text(cell("role"))  # a role name as our own exports write it
    if not name:
        problems.append(Problem("is required", row=number, column="role"))
    elif (role := roles.get(name)) is None:
        known = ", ".join(roles) or "none yet"
        problems.append(Problem(f'no role is called "{name}" (roles: {known})', row=number, column="role"))
    values = {}
    for column in VALUE_FIELDS:
        try:
            values[column] = parse_value(column, cell(column))
        except ValueError as error:
            problems.append(Problem(str(error), row=number, column=column))
    if problems:
        return None, problems
    return ActualValues(role=role, month=month, row=number, **values), []


def read_actuals_csv(content: bytes, *, check: bool = True, progress: Progress | None = None) -> ActualsImport:
    """Parse a whole file and, with `check`, check it against what is stored; store nothing.
    Without `check` only the cells are read: apply() checks the rows, once, under the hold."""
    result = ActualsImport()
    rows, problems = read_table(content, COLUMNS, REQUIRED_COLUMNS)
    result.problems.extend(problems)
    if problems and not rows:
        return result

    roles = {role.name: role for role in Role.objects.all()}
    first = first_assumptions_month()
    seen: dict[tuple[str, date], int] = {}
    for number, cells in rows:
        values, problems = _parse_row(number, cells, roles, first)
        result.problems.extend(problems)
        if values is None:
            continue
        key = (values.role.name, values.month)
        if key in seen:
            result.problems.append(
                Problem(
                    f"{values.role.name} for {format_month(values.month)} is already on row {seen[key]}",
                    row=number,
                    column="role",
                )
            )
            continue
        seen[key] = number
        result.role_records.append(
            actuals_bulk.RoleRecord(
                where=number, **{name: getattr(values, name) for name in ("role", "month", *VALUE_FIELDS)}
            )
        )
    if not result.role_records and not result.problems:
        result.problems.append(Problem("has no rows under the header"))
        return result
    if check:
        result.check(progress)
    return result


def template_month() -> date:
    """The month a fresh template suggests: the one after the latest stored actuals, or the first
    with business assumptions; never one that has not started (it can have no actuals yet)."""
    latest = MonthlyActual.objects.order_by("-month").values_list("month", flat=True).first()
    suggested = add_months(latest, 1) if latest is not None else first_assumptions_month()
    return min(suggested, current_month()) if suggested else current_month()


def template_csv(month: date | None = None) -> str:
    """A header and one row per role for `month`, numbers left for the manager to fill in."""
    month = month or template_month()
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS)
    for role in Role.objects.order_by("display_order", "id"):
        writer.writerow([format_month(month), escape_text(role.name), "", "", "", "", ""])
    return out.getvalue()
