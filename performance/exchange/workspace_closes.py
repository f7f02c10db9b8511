"""The workspace's `closes` (version 3): each month's state, applied after everything else in
the file (DOMAIN.md), so one file can carry a month's data and approve it; and the lock that
the months approved here already put on the rest of the file.

A close moves a month forward only, by the same steps as the dashboard (performance/closing.py:
open → reviewed → approved), kept in the close log as taken by the user the import names, or
else by an import, with a note saying which import and who ran it; like the dashboard, only a
month that has ended can be reviewed or approved. Reopening needs a person and a reason
(`manage.py close_month YYYY-MM --reopen --by USERNAME --note REASON`), so a file that would
take a month back is refused. Records that would alter a month approved here are refused too,
naming the month: economics, plans and revenue by their models' clean(), which every record goes
through; role actuals, assignments and person actuals (checked by rules that see the merged
file) and plans' replaced bands here, with the one rule of performance/locks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from otesite.lib.months import format_month
from otesite.lib.parse import parse_month, shown
from performance.closing import StepRefused, in_progress, take_step
from performance.exchange.workspace_records import Check, Validation, to_text
from performance.locks import approved_months_affected_by, locked_message, tiers_affect
from performance.month_close import Action, MonthClose, State

KEYS = ("month", "state")
ORDER = {State.OPEN: 0, State.REVIEWED: 1, State.APPROVED: 2}
STEPS = {(State.OPEN, State.REVIEWED): (Action.REVIEW,), (State.REVIEWED, State.APPROVED): (Action.APPROVE,)}
STEPS[State.OPEN, State.APPROVED] = (Action.REVIEW, Action.APPROVE)
CHECKED_BY_RULES = ("actuals", "assignments", "person_actuals")


@dataclass(frozen=True)
class CloseRecord:
    path: str
    month: date
    state: str
    stored: str | None  # None: the month has no close yet (it is open)


def check_closes(check: Check, rows: list) -> None:
    """Read the closes; report records that would alter a month approved here."""
    # A month whose row was only ever held (performance/month_lock.py) is open and has no close yet.
    closed = MonthClose.objects.filter(~Q(state=State.OPEN) | Q(steps__isnull=False)).distinct()
    stored = dict(closed.values_list("month", "state"))
    _check_locks(check.v, sorted(month for month, state in stored.items() if state == State.APPROVED))
    seen: dict = {}
    for path, row in rows:
        bad: set[str] = set()
        month = check.read(path, row, "month", parse_month, required=True, bad=bad)
        state = check.read(path, row, "state", to_text, required=True, bad=bad)
        if state is not None and state not in State.values:
            check.v.add(f"{path}.state", f"must be one of {', '.join(State.values)}, not {shown(state)}")
            continue
        if month is None or state is None or check.duplicate(seen, month, path, f"month {format_month(month)}"):
            continue
        current = stored.get(month, State.OPEN)
        if ORDER[State(state)] < ORDER[State(current)]:
            check.v.add(
                f"{path}.state",
                f"{format_month(month)} is {current} here and an import does not reopen a month; reopen it with"
                f" manage.py close_month {format_month(month)} --reopen --by USERNAME --note REASON",
            )
            continue
        if state != current and (problem := in_progress(month)):
            check.v.add(f"{path}.state", problem)
            continue
        check.v.closes.append(CloseRecord(path, month, State(state), stored.get(month)))


def _check_locks(v: Validation, approved: list[date]) -> None:
    if not approved:
        return
    for record in v.records:
        months = []
        if record.section in CHECKED_BY_RULES and (record.is_new or record.changed):
            months += approved_months_affected_by(record.instance, approved=approved)
        if record.tiers is not None and not record.is_new:
            months += tiers_affect(record.instance, approved)
        if months:
            v.add(record.path, locked_message(months))


def apply_closes(v: Validation, note: str, by=None) -> tuple[int, int, int]:
    """Take each close's steps, after everything else is saved, as `by` (None: an import) with
    `note` in the close log; (created, updated, unchanged). A month with nothing to close, or a
    step `by` may not take, raises StepRefused, naming it: the caller rolls back."""
    created = updated = unchanged = 0
    for record in v.closes:
        current = State(record.stored or State.OPEN)
        if current == record.state:
            unchanged += 1
            continue
        for action in STEPS[current, record.state]:
            try:
                take_step(record.month, action, by=by, note=note)
            except StepRefused as refused:
                raise StepRefused(f"{record.path}: {refused}") from refused
        if record.stored is None:
            created += 1
        else:
            updated += 1
    return created, updated, unchanged


def export_closes() -> list[dict]:
    """Every month that is not open, oldest first."""
    closes = MonthClose.objects.exclude(state=State.OPEN).order_by("month")
    return [{"month": format_month(close.month), "state": close.state} for close in closes]
