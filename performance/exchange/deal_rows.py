"""The rows of a deals file (performance/exchange/deals_csv.py), one at a time: its header matched
to the format's columns, each row read into a compact `DealValues` (people found by name or
e-mail, numbers and dates through the one parser) or into problems naming its row and column.
`result` is the file's `DealsImport`, which keeps the problems, the rows and the skipped stages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import IO

from django.db.models.functions import Lower

from compensation.models import Person
from otesite.lib.csv_cells import unescape_text
from otesite.lib.parse import ParseError, parse_amount, parse_number
from performance.deal_models import MAX_ID_LENGTH
from performance.deal_rules import DealValues
from performance.exchange.deal_formats import WON, DealFormat

ONE = Decimal(1)


class People:
    """Everyone, by name and by e-mail (ignoring case), in one query: an owner or closer may be
    written either way."""

    def __init__(self) -> None:
        self.by_name: dict[str, int] = {}
        self.by_email: dict[str, list[int]] = {}
        self.names: dict[int, str] = {}
        for pk, name, email in Person.objects.annotate(email_lower=Lower("email")).values_list(
            "pk", "name", "email_lower"
        ):
            self.names[pk] = name
            self.by_name[name] = pk
            if email:
                self.by_email.setdefault(email, []).append(pk)

    def find(self, text: str) -> tuple[int | None, str | None]:
        if text in self.by_name:
            return self.by_name[text], None
        matches = self.by_email.get(text.lower(), [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, f'"{text}" is the e-mail of {len(matches)} people; name the person instead'
        return None, f'"{text}" is not a person (neither a name nor an e-mail of one)'


class NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def text_lines(source: IO[bytes]) -> Iterator[str]:
    """The upload or file as lines of text for the csv module, read a line at a time: UTF-8, with or
    without a byte order mark. A line that is not UTF-8 stops the reading, naming the line."""
    for number, line in enumerate(source, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise NotUtf8(number) from None


def check_header(header: list[str], fmt: DealFormat, result) -> dict[str, int]:
    """{field: position}, with the header's problems added to `result`. Names are matched ignoring
    case and surrounding spaces; a CRM export's other columns are ignored, ours are refused."""
    names = [cell.strip().lower() for cell in header]
    if len(names) == 1:
        for separator, word in ((";", "semicolons"), ("\t", "tabs")):
            if separator in names[0]:
                result.problem(f"columns must be separated by commas, not {word}", header=True)
                return {}
    wanted = {column.lower(): name for name, column in fmt.columns.items()}
    if fmt.stage:
        wanted[fmt.stage.lower()] = "stage"
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in wanted and wanted[name] in positions:
            result.problem(f'column "{header[index].strip()}" appears twice', header=True)
        elif name in wanted:
            positions[wanted[name]] = index
        elif fmt.strict:
            shown = name or f"(empty, position {index + 1})"
            result.problem(f'unknown column "{shown}"; the columns are {fmt.column_names()}', header=True)
    needed = [*fmt.required, *(["stage"] if fmt.stage else [])]
    for name in needed:
        if name not in positions:
            column = fmt.stage if name == "stage" else fmt.columns[name]
            result.problem(f'missing column "{column}" ({fmt.label}: {fmt.column_names()})', header=True)
    return positions


def read_row(
    number: int,
    cells: list[str],
    positions: dict[str, int],
    fmt: DealFormat,
    people: People,
    seen: dict[str, int],
    result,
) -> None:
    def cell(name: str) -> str:
        return cells[positions[name]].strip() if name in positions else ""

    columns = fmt.columns
    crm_id = unescape_text(cell("id"))
    if fmt.stage:
        stage = cell("stage")
        if stage.lower() != WON:
            result.skipped[stage or "(no stage)"] += 1
            if crm_id:
                result.skipped_ids.setdefault(crm_id, (number, stage or "(no stage)"))
            return
    ok = True

    def problem(message: str, name: str) -> None:
        nonlocal ok
        ok = False
        result.problem(message, row=number, column=columns[name])

    if not crm_id:
        problem("is required", "id")
    elif len(crm_id) > MAX_ID_LENGTH:
        problem(f"must be at most {MAX_ID_LENGTH} characters (got {len(crm_id)})", "id")
    elif crm_id in seen:
        problem(f"{crm_id} is already on row {seen[crm_id]}", "id")
    else:
        seen[crm_id] = number
    days: dict[str, date | None] = {}
    for name in ("closed_on", "cancelled_on"):
        days[name] = None
        if text := cell(name):
            try:
                days[name] = fmt.read_day(text)
            except ParseError as error:
                problem(str(error), name)
        elif name == "closed_on":
            problem("is required", name)
    amounts: dict[str, Decimal | None] = {}
    for name in ("value", "upfront"):
        try:
            amounts[name] = parse_amount(cell(name), required=name == "value")
        except ParseError as error:
            problem(str(error), name)
    closers, why = closers_of(cell("closers"), fmt, people)
    for message in why:
        problem(message, "closers")
    setter_id = None
    if setter := unescape_text(cell("setter")):
        setter_id, message = people.find(setter)
        if message:
            problem(message, "setter")
    if ok:
        value = DealValues(
            crm_id,
            days["closed_on"],
            amounts["value"],
            amounts["upfront"],
            closers,
            setter_id,
            days["cancelled_on"],
        )
        result.rows.append((number, value))


def closers_of(text: str, fmt: DealFormat, people: People) -> tuple[tuple[tuple[int, Decimal], ...], list[str]]:
    """The closers of a cell: one person (a CRM's owner, or ours without a share), or ours as
    `Name:share;Name:share`. The shares' rules (above 0, adding up to 1) are the deal rules'."""
    if not text:
        return (), ["is required"]
    parts = [part.strip() for part in text.split(";")] if fmt.shares else [text]
    parts = [part for part in parts if part]
    closers, problems = [], []
    for part in parts:
        name, share = part, None
        if fmt.shares and ":" in part:
            name, share_text = (piece.strip() for piece in part.rsplit(":", 1))
            try:
                share = parse_number(share_text)
            except ParseError as error:
                problems.append(f'the share of "{name}" {error}')
                continue
        if share is None and len(parts) > 1:
            problems.append(f'"{name}" needs a share (Name:share;Name:share) when a deal has more closers')
            continue
        person_id, why = people.find(unescape_text(name))
        if why:
            problems.append(why)
            continue
        closers.append((person_id, ONE if share is None else share))
    return tuple(closers), problems
