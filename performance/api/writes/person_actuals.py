"""A batch of person actuals, by person and month, all or nothing: the people CSV's rules and
writes (performance/actuals_bulk.py), after the people are found (by id, name or e-mail) and the
batch's duplicates refused. A record replaces the person's month as a CSV row does: an optional
number left out is empty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from compensation.models import Person
from otesite.lib.months import format_month
from performance import actuals_bulk
from performance.api.problems import Problem
from performance.api.writes.common import People, Written, save_actuals

REASON = "API: people's numbers"  # each history row's change reason


@dataclass(frozen=True)
class PersonActualRow:
    where: str  # "person_actuals[2]"
    month: date
    person: int | str  # an id, a name or an e-mail
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


def write_person_actuals(rows: Sequence[PersonActualRow], user=None) -> Written:
    """Create or update each person's month; raises BatchRefused with every problem, or
    MonthsLocked when a record would change an approved month; then nothing is stored."""
    people = People(row.person for row in rows)
    problems: list[Problem] = []
    records: list[actuals_bulk.PersonRecord] = []
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
        numbers = ("month", "units", "credited_deals", "meetings_held", "earnings")
        records.append(
            actuals_bulk.PersonRecord(where=row.where, person=person, **{n: getattr(row, n) for n in numbers})
        )
    checked = save_actuals(people=records, problems=problems, user=user, reason=REASON)
    written = Written()
    for change in checked.changes:
        written.add(change.action, f"{format_month(change.actual.month)} {change.actual.person.name}")
    return written
