"""The demo's deals and what goes with them (performance/exchange/demo.py), written by load_demo
after the workspace import while the import reads only version 3: the plans' clawback windows,
the hire's day, and the deals, each checked by the one rule set (`deal_problems`) in the import's
transaction after its months are held, and stored by the one bulk writer (performance/deal_writes.py)
with their history ("load_demo") only where they differ,
so that loading the demo twice changes nothing the second time.

When the workspace import reads version 4 (deals, `clawback_months`, dates as an assignment's
start), these move into the workspace dict and this module goes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from compensation.models import Assignment, Person, QuotaPlan
from otesite.lib.months import first_of_month
from otesite.lib.versioning import one_version_bump
from performance.deal_rules import DealFacts, DealValues, deal_problems
from performance.deal_writes import read_stored, write_deals
from performance.exchange.demo import DEAL_CLAWBACK_MONTHS, HIRED_ON_DAY
from performance.month_lock import hold

REASON = "load_demo"


class DemoDealsRefused(Exception):
    """A demo deal breaks a rule (the data stored does not fit the demo): every problem, by deal."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def write_demo_deals(deals: list[dict]) -> dict[str, int]:
    """Inside the caller's transaction: the windows, the day, then the deals. Counts by outcome."""
    with one_version_bump():
        _clawback_windows()
        _hire_on_a_day()
        return _deals(deals)


def _clawback_windows() -> None:
    for plan in QuotaPlan.objects.filter(role__name__in=list(DEAL_CLAWBACK_MONTHS)).select_related("role"):
        months = DEAL_CLAWBACK_MONTHS[plan.role.name]
        if plan.clawback_months != months:
            plan.clawback_months = months
            plan._change_reason = REASON
            plan.save()


def _hire_on_a_day() -> None:
    name, day = HIRED_ON_DAY
    assignment = Assignment.objects.filter(person__name=name).order_by("start").first()
    if assignment is not None and assignment.start_day != day:
        assignment.start_day = day
        assignment._change_reason = REASON
        assignment.save()


def _values(row: dict, people: dict[str, int]) -> DealValues:
    return DealValues(
        crm_id=row["id"],
        closed_on=date.fromisoformat(row["closed_on"]),
        value=Decimal(row["value"]),
        upfront=Decimal(row["upfront"]) if row["upfront"] is not None else None,
        closers=tuple((people[c["person"]], Decimal(c["share"])) for c in row["closers"]),
        setter_id=people[row["setter"]] if row["setter"] else None,
        cancelled_on=date.fromisoformat(row["cancelled_on"]) if row["cancelled_on"] else None,
    )


def _deals(rows: list[dict]) -> dict[str, int]:
    people = dict(Person.objects.values_list("name", "pk"))
    values = [_values(row, people) for row in rows]
    stored = read_stored([value.crm_id for value in values])
    months = {first_of_month(day) for v in values for day in (v.closed_on, v.cancelled_on) if day}
    months |= {m for s in stored.values() for m in (s.values.close_month, s.values.cancel_month) if m}
    hold(months)  # the close rows first, as every write path; then the rules read the approved months
    facts = DealFacts.load(months)
    problems = [
        f"{value.crm_id}.{name}: {message}"
        for value in values
        for name, message in deal_problems(
            value, facts, stored[value.crm_id].values if value.crm_id in stored else None
        )
    ]
    if problems:
        raise DemoDealsRefused(problems)
    written = write_deals(values, stored, reason=REASON)
    return {"created": len(written.created), "updated": len(written.updated), "unchanged": len(written.unchanged)}
