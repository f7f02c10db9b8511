"""The rules of deals (DOMAIN.md's *Deals*), once, for every way in: the deal form, the deals CSV
and the CRM presets, the workspace import and the API all check a deal with `deal_problems`, given
what it needs from the database read in bulk (`DealFacts.load`, a fixed number of queries for any
number of deals), and refuse it with the same words.

- a deal's own fields (performance.deal_models.deal_field_errors): value above 0, upfront within
  value, no cancellation before the close, no date after today;
- its closers: at least one, nobody twice, each share above 0 and at most 1, adding up to exactly 1;
- each closer holds a closer role in the close month, the setter a setter role;
- a month kept by deals takes no role totals and no person actuals of closers or managers (a
  deal is refused where they exist, and they are refused where deals exist: `month_kept_by_deals`);
- the lock: a deal whose close month is approved is neither added, changed nor deleted, and its
  cancellation may fall only in a month that is not approved (performance/locks.py says the same
  for the admin).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from otesite.lib.months import first_of_month, format_month
from performance.deal_models import deal_field_errors
from performance.locks import locked_message

ONE = Decimal(1)


@dataclass(frozen=True)
class DealValues:
    """One deal as a way in read it (people by id; the CRM id as written)."""

    crm_id: str
    closed_on: date
    value: Decimal
    upfront: Decimal | None
    closers: tuple[tuple[int, Decimal], ...]  # (person id, share)
    setter_id: int | None = None
    cancelled_on: date | None = None

    @property
    def close_month(self) -> date:
        return first_of_month(self.closed_on)

    @property
    def cancel_month(self) -> date | None:
        return None if self.cancelled_on is None else first_of_month(self.cancelled_on)

    def same_but_cancellation(self, other: DealValues) -> bool:
        return (self.crm_id, self.closed_on, self.value, self.upfront, sorted(self.closers), self.setter_id) == (
            other.crm_id,
            other.closed_on,
            other.value,
            other.upfront,
            sorted(other.closers),
            other.setter_id,
        )


@dataclass
class DealFacts:
    """What the rules need from the database for a batch of deals: who holds which role (name,
    kind) in which month, people's names, the approved months, and the months with role totals or
    person actuals of closers and managers (which a month kept by deals takes none of)."""

    roles: dict[tuple[int, date], tuple[str, str]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    approved: frozenset[date] = frozenset()
    role_totals: dict[date, list[str]] = field(default_factory=dict)  # month: role names
    kept_by_person: dict[date, list[str]] = field(default_factory=dict)  # month: closers' / managers' names

    @classmethod
    def load(cls, months: Collection[date], person_ids: Collection[int] = ()) -> DealFacts:
        """Everything for deals closing or cancelled in `months` (5 queries, however many deals)."""
        from compensation.models import Assignment, Person
        from performance.models import MonthClose, MonthlyActual, PersonActual

        months = sorted(set(months))
        facts = cls()
        if not months:
            return facts
        first, last = months[0], months[-1]
        for assignment in Assignment.objects.overlapping(first, last).select_related("role"):
            for month in months:
                if assignment.covers(month):
                    facts.roles[(assignment.person_id, month)] = (assignment.role.name, assignment.role.kind)
        facts.names = dict(Person.objects.values_list("pk", "name"))
        facts.approved = frozenset(MonthClose.objects.approved().values_list("month", flat=True))
        totals = MonthlyActual.objects.filter(month__in=months).values_list("month", "role__name")
        for month, role in totals:
            facts.role_totals.setdefault(month, []).append(role)
        rows = PersonActual.objects.filter(month__in=months).values_list("month", "person_id", "person__name")
        for month, person_id, name in rows:
            if facts.roles.get((person_id, month), ("", ""))[1] in ("closer", "manager"):
                facts.kept_by_person.setdefault(month, []).append(name)
        return facts

    def name(self, person_id: int | None) -> str:
        return self.names.get(person_id, f"person #{person_id}")


def deal_problems(
    deal: DealValues, facts: DealFacts, stored: DealValues | None = None, today: date | None = None
) -> list[tuple[str, str]]:
    """Every rule `deal` breaks, as (field, message), given the stored deal it replaces (None: new)."""
    problems = list(deal_field_errors(deal.closed_on, deal.value, deal.upfront, deal.cancelled_on, today).items())
    problems += _closer_problems(deal, facts)
    if deal.setter_id is not None:
        held = facts.roles.get((deal.setter_id, deal.close_month))
        if held is None or held[1] != "setter":
            problems.append(("setter", _holds(facts.name(deal.setter_id), deal.close_month, held, "a setter role")))
    problems += _one_way(deal, facts)
    if message := lock_problem(deal, stored, facts.approved):
        problems.append(("closed_on", message))
    return problems


def _closer_problems(deal: DealValues, facts: DealFacts) -> list[tuple[str, str]]:
    if not deal.closers:
        return [("closers", "A deal needs at least one closer.")]
    problems = []
    seen: set[int] = set()
    for person_id, share in deal.closers:
        if person_id in seen:
            problems.append(("closers", f"{facts.name(person_id)} is named twice among the closers."))
        seen.add(person_id)
        if not Decimal(0) < share <= ONE:
            problems.append(
                ("closers", f"{facts.name(person_id)}'s share must be above 0 and at most 1 (got {share:f}).")
            )
        held = facts.roles.get((person_id, deal.close_month))
        if held is None or held[1] != "closer":
            problems.append(("closers", _holds(facts.name(person_id), deal.close_month, held, "a closer role")))
    total = sum((share for _, share in deal.closers), Decimal(0))
    if total != ONE:
        problems.append(
            ("closers", f"The closers' shares add up to {total.normalize():f}; they must add up to exactly 1.")
        )
    return problems


def _holds(name: str, month: date, held: tuple[str, str] | None, needed: str) -> str:
    """ "Ana Ruiz holds Setters (a setter role) in 2026-03, not a closer role"."""
    if held is None:
        return f"{name} holds no role in {format_month(month)}, not {needed}"
    return f"{name} holds {held[0]} (a {held[1]} role) in {format_month(month)}, not {needed}"


def _one_way(deal: DealValues, facts: DealFacts) -> list[tuple[str, str]]:
    """A month kept by deals takes no role totals and no person actuals of closers or managers."""
    month = deal.close_month
    shown = format_month(month)
    problems = []
    if roles := facts.role_totals.get(month):
        problems.append(
            (
                "closed_on",
                f"{shown} has role totals ({', '.join(sorted(roles))}); a month kept by deals takes none: delete them first",
            )
        )
    if people := facts.kept_by_person.get(month):
        problems.append(
            (
                "closed_on",
                f"{shown} has person actuals of closers or managers ({', '.join(sorted(people))}); in a month kept by"
                " deals their numbers come from the deals: delete them first",
            )
        )
    return problems


def lock_problem(deal: DealValues | None, stored: DealValues | None, approved: Collection[date]) -> str | None:
    """Why this change (a new deal, a change, `deal` None: a deletion) touches an approved month."""
    months = set()
    for record in (stored, deal):
        if record is not None and record.cancel_month is not None:
            months.add(record.cancel_month)
    only_cancelling = deal is not None and stored is not None and deal.same_but_cancellation(stored)
    if only_cancelling and deal.cancelled_on == stored.cancelled_on:
        return None  # nothing changes
    for record in (stored, deal):
        if record is None:
            continue
        if not only_cancelling or record.cancel_month == record.close_month:
            months.add(record.close_month)
    locked = sorted(months & set(approved))
    return locked_message(locked) if locked else None


def by_close_month(deals: Iterable[DealValues]) -> dict[date, list[DealValues]]:
    found: dict[date, list[DealValues]] = defaultdict(list)
    for deal in deals:
        found[deal.close_month].append(deal)
    return found
