"""Deals from a file (DOMAIN.md's *Deals CSV* and *CRM exports*): read it, say what it would
change and what is wrong with it, and store it all or nothing.

`read_deals(source, format)` is the one reader behind `manage.py import_deals` and the web import
(/deals/import/, its preview and its confirm step), so they accept and refuse the same files with
the same messages. It is built for exports of 100,000 rows and more:
- the file is streamed row by row (the csv module over a text wrapper of the upload or the file);
  each row is kept as a compact `DealValues` (people by id), never as model instances;
- the header is checked first, and a file that is too big, not UTF-8 or not CSV is refused
  before any row is read;
- everything the rules need is read in bulk, in a fixed number of queries for any file size:
  the people (one query), the stored deals of the file's ids (performance/deal_writes.py
  `read_stored`, two), the facts of the months (performance/deal_rules.py `DealFacts.load`, five);
- every deal is checked with `deal_problems`, the rules every way in uses, and every problem is
  kept with its row and column (the first MAX_KEPT_PROBLEMS, and a count of all of them);
- `DealsImport.apply` holds the months (performance/month_lock.py), checks again inside the
  transaction (so a month approved since the preview is seen) and writes everything with the bulk
  writer (`write_deals`), or nothing.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import IO

from django.db import transaction
from django.utils import timezone

from otesite.lib.months import format_month
from performance.actuals import Problem
from performance.deal_rules import DealFacts, DealValues, deal_problems
from performance.deal_writes import DealsWritten, StoredDeal, read_stored, write_deals
from performance.exchange.deal_formats import FIELDS, FORMATS, OTESITE, DealFormat
from performance.exchange.deal_rows import NotUtf8, People, check_header, read_row, text_lines
from performance.month_lock import hold

MAX_BYTES = 100_000_000  # about a million rows; the web import takes less (performance/web/deals_import.py)
MAX_KEPT_PROBLEMS = 10_000  # kept to show (with their count); a file with more is refused all the same
SHOWN_PROBLEMS = 50  # a screen or a terminal lists the first ones and says how many more
PROGRESS_ROWS = 5_000  # how often the reader reports how far it has got


class DealsRefused(Exception):
    """Raised by apply() when the file has problems; nothing was stored."""

    def __init__(self, result: DealsImport):
        self.result = result
        super().__init__(f"{result.problem_count} problems")


@dataclass
class DealsImport:
    """What a file would do: its deals (compact, with their rows), what each would do (`actions`,
    once checked), the rows skipped by stage, and every problem found (all or nothing)."""

    format: DealFormat = OTESITE
    rows: list[tuple[int, DealValues]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # "create" | "update" | "unchanged", as `rows`
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    skipped: Counter = field(default_factory=Counter)  # stage as written: rows
    skipped_ids: dict[str, tuple[int, str]] = field(default_factory=dict)  # id: (row, stage)
    notices: list[str] = field(default_factory=list)  # stored deals the file shows in another stage
    names: dict[int, str] = field(default_factory=dict)  # person id: name, for a preview
    absent: frozenset[str] = frozenset()  # fields the file has no column for: kept as stored
    stored: dict[str, StoredDeal] | None = None
    read_problems: tuple[list[Problem], int] | None = None  # the file's own, before any check

    @property
    def ok(self) -> bool:
        return not self.problem_count

    def problem(self, message: str, row: int | None = None, column: str | None = None, header: bool = False) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(Problem(message, row=row, column=column, header=header))

    @property
    def first_problems(self) -> list[Problem]:
        return self.problems[:SHOWN_PROBLEMS]

    @property
    def more_problems(self) -> int:
        return max(0, self.problem_count - SHOWN_PROBLEMS)

    def count(self, action: str) -> int:
        return sum(1 for done in self.actions if done == action)

    @property
    def months(self) -> list[date]:
        return sorted({value.close_month for _, value in self.rows})

    def skipped_text(self) -> str:
        """ "skipped 14: Closed Lost 9, Appointment Scheduled 5" ("" when nothing was skipped)."""
        if not self.skipped:
            return ""
        stages = ", ".join(f"{stage} {count}" for stage, count in self.skipped.most_common())
        return f"skipped {self.skipped.total()}: {stages}"

    def summary(self) -> str:
        text = f"{self.count('create')} created, {self.count('update')} changed, {self.count('unchanged')} unchanged"
        return f"{text}; {self.skipped_text()}" if self.skipped else text

    def column(self, name: str) -> str | None:
        return self.format.columns.get(name) if name not in self.absent else None

    def check(self, stored: dict[str, StoredDeal] | None = None) -> None:
        """Check every deal against what is stored with the deal rules (8 queries, any file size),
        and say what each would do. Fields the file has no column for (a CRM export's upfront and
        cancellation) are kept as stored."""
        if self.read_problems is None:
            self.read_problems = (list(self.problems), self.problem_count)
        self.problems, self.problem_count = list(self.read_problems[0]), self.read_problems[1]
        self.notices = []
        ids = [value.crm_id for _, value in self.rows]
        if stored is None:
            stored = read_stored([*ids, *self.skipped_ids])
        self.stored = stored
        if self.absent:
            self.rows = [(row, _keep_stored(value, stored.get(value.crm_id), self.absent)) for row, value in self.rows]
        facts = DealFacts.load(self.months)
        today = timezone.localdate()
        self.actions = []
        found = []
        for row, value in self.rows:
            before = stored.get(value.crm_id)
            for name, message in deal_problems(value, facts, before and before.values, today):
                found.append(Problem(message, row=row, column=self.column(name)))
            self.actions.append(
                "create" if before is None else "unchanged" if _same(value, before.values) else "update"
            )
        for problem in found:
            self.problem(problem.message, problem.row, problem.column)
        order = {self.format.columns[name]: index for index, name in enumerate(FIELDS) if name in self.format.columns}
        self.problems.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
        for crm_id, (row, stage) in sorted(self.skipped_ids.items(), key=lambda item: item[1][0]):
            if crm_id in stored:
                self.notices.append(
                    f"row {row}: deal {crm_id} is stored, and this file shows it as {stage}: left as it was"
                )

    def apply(self, *, reason: str, user=None) -> DealsWritten:
        """Store every deal in one transaction, after holding their months and checking them again
        there (a month approved since the file was read is seen); refuse, storing nothing, if
        there is any problem."""
        if not self.ok:
            raise DealsRefused(self)
        self.stored = None  # a preview's read of the stored deals: read again below, not kept twice
        with transaction.atomic():
            stored = read_stored([value.crm_id for _, value in self.rows])
            months = set()
            for _, value in self.rows:
                for record in (value, stored[value.crm_id].values if value.crm_id in stored else None):
                    if record is not None:
                        months |= {record.close_month, record.cancel_month} - {None}
            hold(months)
            self.check(stored)
            if not self.ok:
                raise DealsRefused(self)
            return write_deals((value for _, value in self.rows), stored, reason=reason, user=user)


def _same(value: DealValues, stored: DealValues) -> bool:
    return value.same_but_cancellation(stored) and value.cancelled_on == stored.cancelled_on


def _keep_stored(value: DealValues, stored: StoredDeal | None, absent: frozenset[str]) -> DealValues:
    if stored is None:
        return value
    kept = {"upfront": "upfront", "setter": "setter_id", "cancelled_on": "cancelled_on"}
    return replace(value, **{kept[name]: getattr(stored.values, kept[name]) for name in absent if name in kept})


def read_deals(
    source: IO[bytes], fmt: str | DealFormat = OTESITE, *, progress: Callable[[int], None] | None = None
) -> DealsImport:
    """Read and check a whole file against what is stored; store nothing. `progress` is told how
    many rows have been read, every PROGRESS_ROWS rows."""
    result = parse_deals(source, fmt, progress=progress)
    if result.rows or result.skipped_ids:
        result.check()
    _nothing_to_import(result)
    return result


def import_file(
    source: IO[bytes],
    fmt: str | DealFormat = OTESITE,
    *,
    reason: str,
    user=None,
    progress: Callable[[int], None] | None = None,
) -> tuple[DealsImport, DealsWritten | None]:
    """Read a file and store it, checking it once, inside the transaction after holding its
    months (`DealsImport.apply`): what a file of 100,000 rows costs, paid once. Returns the file
    as read and what was written (None, with the problems in the first, when nothing was)."""
    result = parse_deals(source, fmt, progress=progress)
    if result.ok and not result.rows:
        if result.skipped_ids:
            result.check()  # for the notices of stored deals shown in another stage
        _nothing_to_import(result)
    if not result.ok:
        return result, None
    try:
        return result, result.apply(reason=reason, user=user)
    except DealsRefused:
        return result, None


def _nothing_to_import(result: DealsImport) -> None:
    if not result.rows and result.ok:
        result.problem("has no deals under the header" if not result.skipped else "has no Closed Won deals")


def parse_deals(
    source: IO[bytes], fmt: str | DealFormat = OTESITE, *, progress: Callable[[int], None] | None = None
) -> DealsImport:
    """Read the file's rows into compact deals, with the problems of the file, its header and each
    row's own cells (no rule of the month yet: `DealsImport.check` asks those)."""
    fmt = FORMATS[fmt] if isinstance(fmt, str) else fmt
    result = DealsImport(format=fmt)
    records = csv.reader(text_lines(source), strict=True)
    number = 1
    try:
        header = next(records, None)
        if header is None or not any(cell.strip() for cell in header):
            result.problem(f"is empty; the first row must be the header: {fmt.column_names()}")
            return result
        positions = check_header(header, fmt, result)
        if not result.ok:
            return result
        result.absent = frozenset(name for name in ("upfront", "setter", "cancelled_on") if name not in positions)
        people = People()
        result.names = people.names
        seen: dict[str, int] = {}
        for number, cells in enumerate(records, start=2):
            if progress is not None and (number - 1) % PROGRESS_ROWS == 0:
                progress(number - 1)
            if not any(cell.strip() for cell in cells):
                continue  # blank lines and spreadsheets' trailing ",,,,,," rows
            if len(cells) != len(header):
                result.problem(f"has {len(cells)} cells where the header has {len(header)}", row=number)
                continue
            read_row(number, cells, positions, fmt, people, seen, result)
    except NotUtf8 as error:
        result.problem(
            f"line {error.line} is not UTF-8 text: this is not a UTF-8 CSV file; in a spreadsheet, save it as"
            ' "CSV UTF-8 (comma delimited)"'
        )
    except csv.Error as error:
        result.problem(f"is not a readable CSV file ({error})", row=number + 1)
    return result


def months_text(months: Iterable[date]) -> str:
    months = sorted(months)
    if not months:
        return "no month"
    return format_month(months[0]) if len(months) == 1 else f"{format_month(months[0])} to {format_month(months[-1])}"


class Progress:
    """Calls `say(rows)` at most every `seconds` while a long file is read (the command's stderr)."""

    def __init__(self, say: Callable[[int], None], seconds: float = 2.0) -> None:
        self.say, self.seconds, self.last = say, seconds, time.monotonic()

    def __call__(self, rows: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.seconds:
            self.last = now
            self.say(rows)
