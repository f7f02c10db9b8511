"""Holding months while writing: the one way a write and a close step (review, approval,
reopening) of the same month are kept apart (DOMAIN.md, *Closing a month*).

Every way of writing asks `hold(...)` inside its transaction, BEFORE it checks whether a month
is approved, and writes in the same transaction; a close step takes its month with
`held_close(month)` before it looks at the month. Both lock the month's `MonthClose` row
(SELECT ... FOR UPDATE, the row created first when the month has none: a month without one is
open), so they run one after the other, never interleaved:
- a write that holds the month first commits before the approval reads the month: the numbers
  approved include it;
- a write that comes while the approval holds the month waits for it, then finds the month
  approved and is refused, naming the month (performance/locks.py says which months a change
  alters; it reads the approved months after the hold, so it sees the approval).
The lock lasts until the transaction ends; holding a month twice in one transaction is free.

Which months a write holds:
- a record of one month (actuals, person actuals, revenue: the entry form, the CSV imports) holds
  its months (`hold(months)`);
- a change that may re-price every month from some month on (a scenario's plan versions) holds
  `since` that month: every close row from it on, and a row is made first for each month from it
  to the last month that has ended, as only a month that has ended can be reviewed, hence
  approved (performance/closing.py). Holding only the rows that exist would not do: a month with
  no row yet could be reviewed and approved, in one transaction (the workspace import does), while
  the change is under way, and nothing would make either wait;
- the admin (otesite/lib/admin_locks.py) and the workspace import hold `every` month, from the
  first month anything can be computed in (the first business assumptions, or an earlier close):
  one form or file can change a plan, its bands, a person and their assignments at once, any of
  which can reach back to any month, and holding them record by record, in whatever order a form
  lists them, could make two such writes wait for each other for ever. They are rare and short,
  so making them wait for a close step of any month costs nothing anyone would notice. A month
  before the first business assumptions stored cannot be approved (nothing can be computed for
  it) until a write that adds earlier ones has committed, so it needs no holding meanwhile.

Holding makes the missing rows in bulk, with no history row and no new data version: an open
row says nothing a missing one does not. On SQLite, which writes one transaction at a time, the
rows are made all the same and FOR UPDATE is left out by Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, models
from django.db.transaction import TransactionManagementError

from compensation.models import Economics
from otesite.lib.months import add_months, months_between
from otesite.lib.rules import current_month
from performance.locks import locked_message
from performance.month_close import MonthClose, State


class MonthsApproved(Exception):
    """A write was refused, storing nothing: these months are approved (the message names them)."""

    def __init__(self, months: Iterable[date]) -> None:
        self.months = sorted(set(months))
        super().__init__(locked_message(self.months))


def last_closable_month() -> date:
    """The last month that has ended: the latest a close step may take (performance/closing.py)."""
    return add_months(current_month(), -1)


def hold(months: Iterable[date] = (), *, since: date | None = None, every: bool = False) -> list[date]:
    """Lock the close rows of `months`, of every month from `since` on, or of `every` month, until
    the transaction ends (making those missing); the approved ones among them, oldest first."""
    if connection.get_autocommit():
        raise TransactionManagementError("hold() keeps months until the transaction ends: call it inside one")
    wanted = set(months)
    if every:
        since = _first_month()
    if since is not None:
        wanted.update(months_between(since, last_closable_month()))
    _make(wanted)
    held = models.Q(month__in=wanted)
    if since is not None:
        held |= models.Q(month__gte=since)
    rows = MonthClose.objects.select_for_update().filter(held).order_by("month").values_list("month", "state")
    return [month for month, state in rows if state == State.APPROVED]


def refuse_approved(months: Iterable[date] = (), **scope) -> None:
    """Hold the months (as `hold`), and raise MonthsApproved if any of them is approved."""
    if approved := hold(months, **scope):
        raise MonthsApproved(approved)


def held_close(month: date) -> MonthClose:
    """The month's close, its row locked until the transaction ends: for the close steps. Made
    (with its history row) when the month has none yet, even by two steps at once: the second
    waits for the first's row and takes it."""
    if connection.get_autocommit():
        raise TransactionManagementError("held_close() keeps the month until the transaction ends: call it inside one")
    return MonthClose.objects.select_for_update().get_or_create(month=month)[0]


def _first_month() -> date | None:
    """The first month anything can be computed in or was closed, None on an empty database."""
    firsts = [
        Economics.objects.order_by("effective_from").values_list("effective_from", flat=True).first(),
        MonthClose.objects.order_by("month").values_list("month", flat=True).first(),
    ]
    return min((month for month in firsts if month is not None), default=None)


def _make(months: set[date]) -> None:
    """A close row for each month that has none; one made meanwhile by another transaction is
    left as it is (the database waits for that transaction, then skips the month)."""
    if not months:
        return
    missing = months - set(MonthClose.objects.filter(month__in=months).values_list("month", flat=True))
    if missing:
        # The base manager: its bulk_create gives the data no new version (an open row shows nothing new).
        MonthClose._base_manager.bulk_create(
            [MonthClose(month=month) for month in sorted(missing)], ignore_conflicts=True
        )
