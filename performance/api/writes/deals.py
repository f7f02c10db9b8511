"""A batch of deals, upserted by id, all or nothing, with the deal rules every way in uses
(performance/deal_rules.py): `deal_problems` given the facts read in bulk (`DealFacts.load`), and
`lock_problem` for the approved months, which the API answers apart (409)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from performance.api.problems import BatchRefused, MonthsLocked, Problem
from performance.api.writes.common import People, Written, model_problems
from performance.deal_rules import DealFacts, DealValues, deal_problems, lock_problem
from performance.deal_writes import read_stored
from performance.deal_writes import write_deals as store_deals
from performance.models import Deal, DealCloser
from performance.month_lock import hold

ONE = Decimal(1)
FIELDS = {"crm_id": "id"}  # the model's field names as the API writes them
REASON = "API: deals"  # on each history row the batch writes


@dataclass(frozen=True)
class DealRow:
    """One deal as the API read it: people as the client named them (an id, a name or an e-mail)."""

    where: str  # "deals[2]"
    crm_id: str
    closed_on: date
    value: Decimal
    upfront: Decimal | None
    closers: tuple[tuple[int | str, Decimal | None], ...]  # (person, share; None: not given)
    setter: int | str | None = None
    cancelled_on: date | None = None


def write_deals(rows: Sequence[DealRow], user=None) -> Written:
    """Add the deals whose ids are new and change the known ones where they differ; nothing else is
    touched. Raises BatchRefused with every problem, or MonthsLocked when a deal would add to,
    change or leave an approved month; then nothing is stored. `user` is named on the history rows."""
    values, problems = _resolve(rows)
    # A deal whose people are not all found is left out of the rules below; the others are checked.
    checked = [(row, value) for row, value in zip(rows, values, strict=True) if value is not None]
    with transaction.atomic():
        found = read_stored([value.crm_id for _, value in checked])
        stored = {crm_id: deal.values for crm_id, deal in found.items()}
        months = {month for _, value in checked for month in _months(value, stored.get(value.crm_id))}
        approved = set(hold(months))  # the close rows first, as every write path; then look
        facts = DealFacts.load({value.close_month for _, value in checked})
        facts.approved = frozenset()  # the lock is asked apart below: a locked month is a 409
        for row, value in checked:
            for name, message in deal_problems(value, facts, stored.get(value.crm_id)):
                problems.append(Problem(f"{row.where}.{FIELDS.get(name, name)}", message))
        locked, lock_problems = _locked(checked, stored, approved)
        if locked:
            raise MonthsLocked(locked, lock_problems + problems)
        if problems:
            raise BatchRefused(problems)
        done = store_deals([value for _, value in checked], found, reason=REASON, user=user)
    written = Written()
    written.created, written.updated, written.unchanged = done.created, done.updated, done.unchanged
    return written


def _resolve(rows: Sequence[DealRow]) -> tuple[list[DealValues | None], list[Problem]]:
    """The rows with their people found (one query for the batch; None for a row naming someone
    who is not found), and what is wrong with their own fields (the model's: digits and decimal
    places) or their ids (twice in the batch)."""
    people = People(ref for row in rows for ref in (row.setter, *(person for person, _ in row.closers)))
    problems: list[Problem] = []
    values: list[DealValues | None] = []
    seen: dict[str, str] = {}
    for row in rows:
        if row.crm_id in seen:
            problems.append(Problem(f"{row.where}.id", f"{row.crm_id} is already at {seen[row.crm_id]}"))
        seen.setdefault(row.crm_id, row.where)
        closers = []
        found = True
        for index, (ref, share) in enumerate(row.closers):
            person_id, why = people.find(ref)
            if why:
                problems.append(Problem(f"{row.where}.closers[{index}].person", why))
                found = False
            if share is None and len(row.closers) > 1:
                problems.append(
                    Problem(f"{row.where}.closers[{index}].share", "is required when a deal has more closers")
                )
            share = ONE if share is None else share
            try:
                DealCloser(share=share).clean_fields(exclude={"deal", "person"})
            except ValidationError as error:
                problems += model_problems(error, f"{row.where}.closers[{index}]")
            closers.append((person_id, share))
        setter_id = None
        if row.setter is not None:
            setter_id, why = people.find(row.setter)
            if why:
                problems.append(Problem(f"{row.where}.setter", why))
                found = False
        deal = Deal(
            crm_id=row.crm_id,
            closed_on=row.closed_on,
            value=row.value,
            upfront=row.upfront,
            cancelled_on=row.cancelled_on,
        )
        try:
            deal.clean_fields(exclude={"setter"})
        except ValidationError as error:
            problems += model_problems(error, row.where, FIELDS)
        values.append(
            DealValues(row.crm_id, row.closed_on, row.value, row.upfront, tuple(closers), setter_id, row.cancelled_on)
            if found
            else None
        )
    return values, problems


def _months(value: DealValues, stored: DealValues | None) -> set[date]:
    records = (value, stored) if stored is not None else (value,)
    return {month for record in records for month in (record.close_month, record.cancel_month) if month}


def _locked(
    checked: list[tuple[DealRow, DealValues]], stored: dict[str, DealValues], approved: set[date]
) -> tuple[set[date], list[Problem]]:
    """The approved months the batch would change, and where (the rule's own message per deal)."""
    months: set[date] = set()
    problems = []
    for row, value in checked:
        before = stored.get(value.crm_id)
        if message := lock_problem(value, before, approved):
            problems.append(Problem(f"{row.where}.closed_on", message))
            # Which of the approved months the rule names: each one asked alone.
            months |= {m for m in _months(value, before) & approved if lock_problem(value, before, {m})}
    return months, problems
