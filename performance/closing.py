"""Closing a month (DOMAIN.md): open → reviewed (a manager) → approved (an admin), and reopened
(an admin, with a written reason). The screen, `manage.py close_month` and the workspace import
all move a month through `take_step`, so they refuse the same steps with the same words.

Approving keeps what was approved on the month's `MonthClose`: the engine's inputs (every screen
then shows the month through the engine as approved: performance/loader.py), the metrics JSON
and every statement JSON (the record, compared with today's computation by `approval_of`).
Reopening clears them; simple-history keeps every earlier approval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from otesite.lib.months import add_months, format_month
from otesite.lib.rules import current_month
from otesite.permissions import APPROVE_MONTH, EVERYONE, REVIEW_MONTH
from performance import engine
from performance.documents.inputs import inputs_to_json
from performance.documents.metrics import to_metrics_json
from performance.documents.statement import month_statements, statement_json
from performance.loader import History
from performance.month_close import Action, CloseStep, MonthClose, State, month_approved
from performance.month_lock import held_close

PERMISSIONS = {Action.REVIEW: REVIEW_MONTH, Action.APPROVE: APPROVE_MONTH, Action.REOPEN: APPROVE_MONTH}
FROM_STATES = {Action.REVIEW: (State.OPEN,), Action.APPROVE: (State.REVIEWED,), Action.REOPEN: State.values[1:]}
TO_STATE = {Action.REVIEW: State.REVIEWED, Action.APPROVE: State.APPROVED, Action.REOPEN: State.OPEN}
WHO = {Action.REVIEW: "a manager or an admin", Action.APPROVE: "an admin", Action.REOPEN: "an admin"}
WHAT = {
    Action.REVIEW: "only an open month can be marked reviewed",
    Action.APPROVE: "only a reviewed month can be approved (a manager marks it reviewed first)",
    Action.REOPEN: "only a reviewed or approved month can be reopened",
}


class StepRefused(Exception):
    """The step cannot be taken; the message says why, naming the month."""


def in_progress(month: date) -> str | None:
    """Why `month` cannot be reviewed or approved yet (it has not ended), or None once it has.
    Its numbers can be entered as it goes; only closing it waits for its last day to pass."""
    if month < current_month():
        return None
    last = add_months(month, 1) - timedelta(days=1)
    return (
        f"{format_month(month)} has not ended yet (its last day is {last:%Y-%m-%d}): a month can be reviewed or"
        f" approved only after its last day, from {add_months(month, 1):%Y-%m-%d}; its numbers can be entered as it goes"
    )


def state_of(month: date) -> str:
    return MonthClose.objects.filter(month=month).values_list("state", flat=True).first() or State.OPEN


def take_step(month: date, action: str, *, by: AbstractBaseUser | None, note: str = "") -> CloseStep:
    """Move `month` one step, kept with who (None: an import), when and the note; StepRefused
    when `by` lacks the permission the screen asks for, the month is not in a state the step
    starts from, a reopening has no reason, the month has not ended (reviewing, approving), or
    it has nothing to review or approve."""
    action = Action(action)
    shown = format_month(month)
    if by is not None and not by.has_perm(PERMISSIONS[action]):
        raise StepRefused(f"{by.get_username()} may not {action.value} {shown}: only {WHO[action]} may")
    note = note.strip()
    if action == Action.REOPEN and not note:
        raise StepRefused(f"Reopening {shown} needs a written reason")
    if action != Action.REOPEN and (problem := in_progress(month)):
        raise StepRefused(problem)
    with transaction.atomic():
        close = held_close(month)  # every write to the month waits for this step, or this step for it
        if close.state not in FROM_STATES[action]:
            raise StepRefused(f"{shown} is {close.state}; {WHAT[action]}")
        if action != Action.REOPEN:
            snapshot = approval_snapshot(month)  # also refuses a month with nothing to close
        if action == Action.APPROVE:
            close.approved_inputs, close.approved_metrics, close.approved_statements = snapshot
        if action == Action.REOPEN:
            close.approved_inputs = close.approved_metrics = close.approved_statements = None
        step = CloseStep(close=close, action=action, from_state=close.state, to_state=TO_STATE[action])
        close.state = TO_STATE[action]
        close._change_reason = note[:100] or action.label
        close.save()
        step.by, step.at, step.note = by, timezone.now(), note
        step.save()
        if action == Action.APPROVE:  # e-mail the statements, once the approval is committed
            transaction.on_commit(lambda: month_approved.send(sender=CloseStep, step=step), robust=True)
    return step


def approval_snapshot(month: date) -> tuple[dict, dict, dict[str, dict]]:
    """The month as computed now: its engine inputs, metrics JSON and statements (JSON, by
    person id: a statement is found by whom it is for, whatever their name becomes)."""
    history = History(month, month, scope=EVERYONE)
    inputs = history.inputs(month)
    shown = format_month(month)
    if inputs is None:
        raise StepRefused(f"{shown} has no business assumptions; nothing can be computed to close")
    if not engine.has_data(inputs.kept_roles):
        raise StepRefused(f"{shown} has no actuals; there is nothing to close")
    m = engine.compute_month(*inputs)
    names = history.names
    statements = {
        str(item.person_id): statement_json(item, State.APPROVED, names) for item in month_statements(m, names)
    }
    return inputs_to_json(inputs), to_metrics_json(m, names), statements


# --- What screens say about a month's close ----------------------------------------------


@dataclass(frozen=True)
class StepShown:
    action: str
    label: str
    by: str
    at: datetime
    note: str


@dataclass(frozen=True)
class CloseShown:
    """A month's state and steps, as the dashboard's close panel shows them (cacheable)."""

    month: date
    state: str
    steps: tuple[StepShown, ...] = ()

    @property
    def label(self) -> str:
        return State(self.state).label

    @property
    def closable_from(self) -> date | None:
        """While the month has not ended: the first day it can be reviewed (None after)."""
        return add_months(self.month, 1) if in_progress(self.month) else None

    @property
    def approved(self) -> StepShown | None:
        found = [step for step in self.steps if step.action == Action.APPROVE]
        return found[-1] if found and self.state == State.APPROVED else None


def close_shown(month: date) -> CloseShown:
    close = MonthClose.objects.filter(month=month).first()
    if close is None:
        return CloseShown(month, State.OPEN)
    steps = tuple(
        StepShown(step.action, Action(step.action).label, step.by_name, step.at, step.note)
        for step in close.steps.select_related("by")
    )
    return CloseShown(month, close.state, steps)


@dataclass(frozen=True)
class Approval:
    """An approved month: when and by whom, and where today's computation differs from it."""

    month: date
    at: datetime | None
    by: str
    differences: list[str] = field(default_factory=list)


def approval_of(month: date, person_id: int | None = None, history: History | None = None) -> Approval | None:
    """None unless `month` is approved; else the approval and how today's computation of the
    month (or of the person's statement) differs from what was approved. A page that loaded
    the month's History already passes it on (no second load)."""
    close = MonthClose.objects.approved().filter(month=month).first()
    if close is None:
        return None
    step = close.steps.filter(action=Action.APPROVE).select_related("by").last()
    history = history if history is not None else History(month, month, scope=EVERYONE)
    live, names = history.live_month(month), history.names
    if person_id is None:
        approved, today = close.approved_metrics or {}, to_metrics_json(live, names) if live is not None else {}
    else:
        approved = (close.approved_statements or {}).get(str(person_id), {})
        found = engine.statement(live, person_id) if live is not None else None
        today = statement_json(found, State.APPROVED, names) if found is not None else {}
    differences = differences_between(approved, today)
    return Approval(month, step.at if step else None, step.by_name if step else "an import", differences)


def approval_notes(months) -> list[str]:
    """For exports: a line per approved month, saying it is as approved and where today differs."""
    notes = []
    for month in sorted(months):
        if (approval := approval_of(month)) is None:
            continue
        when = f" on {timezone.localtime(approval.at):%Y-%m-%d %H:%M}" if approval.at else ""
        note = f"{format_month(month)}: the numbers as approved{when} by {approval.by}"
        differs = f"; today's computation differs: {'; '.join(approval.differences)}" if approval.differences else ""
        notes.append(note + differs)
    return notes


def _flat(value: Any, path: str, out: dict[str, Any]) -> dict[str, Any]:
    """{"roles.Closers.team_earnings": 45360.0, ...}: list items named by their role or person."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flat(item, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value) and value:
        for index, item in enumerate(value):
            name = item.get("role") if "role" in item and "person" not in item else item.get("person")
            _flat(
                {k: v for k, v in item.items() if k not in ("role", "person") or not name},
                f"{path}.{name or index}",
                out,
            )
    else:
        out[path] = value
    return out


def _text(value: Any) -> str:
    return "none" if value is None else str(value)


def differences_between(approved: dict, today: dict, limit: int = 12) -> list[str]:
    """ "summary.total_actual: 45360.0 → 47000.0", for each figure that differs (at most `limit`,
    then how many more)."""
    before, after = _flat(approved, "", {}), _flat(today, "", {})
    changed = [
        f"{path}: {_text(before.get(path))} → {_text(after.get(path))}"
        for path in [*before, *(path for path in after if path not in before)]
        if before.get(path) != after.get(path)
    ]
    if len(changed) > limit:
        changed = [*changed[:limit], f"and {len(changed) - limit} more"]
    return changed
