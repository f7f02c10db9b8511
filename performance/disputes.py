"""Signing off a statement: on an approved month a rep acknowledges their own statement, or
disputes it with a note, optionally naming a line of it; an admin resolves a dispute with a
note, either "no change" or by reopening the month (the reopening's note names the dispute,
and the dispute keeps the step). Every record keeps who, when and the note, and its history.

The screens (performance/web/sign_off.py) check the same permissions first; these functions
check them again, so a command or a test cannot go around them. Each refusal is a
SignOffRefused whose message says why, naming the month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from compensation.models import Person
from otesite.lib.months import format_month
from otesite.permissions import RESOLVE_DISPUTES, person_of
from performance.closing import StepRefused, state_of, take_step
from performance.month_close import Action, CloseStep
from performance.statement_records import Acknowledgement, Dispute, approval_in_force

LINE_LENGTH = 120


class SignOffRefused(Exception):
    """The acknowledgement, dispute or resolution cannot be taken; the message says why."""


def _approval_of_statement(month: date, person: Person) -> CloseStep:
    """The approval of `month` that holds `person`'s statement; refused when there is none."""
    approval = approval_in_force(month)
    shown = format_month(month)
    if approval is None:
        raise SignOffRefused(f"{shown} is {state_of(month)}; a statement is signed off once its month is approved")
    if str(person.pk) not in (approval.close.approved_statements or {}):
        raise SignOffRefused(f"{person.name} has no statement for {shown}")
    return approval


def _refuse_unless_own(person: Person, by: AbstractBaseUser, doing: str) -> None:
    own = person_of(by)
    if own is None or own.pk != person.pk:
        raise SignOffRefused(f"{by.get_username()} may not {doing} {person.name}'s statement: only they may")


def acknowledge(month: date, person: Person, *, by: AbstractBaseUser) -> Acknowledgement:
    """The rep's word that their statement of the month, as approved, is right (once per approval)."""
    _refuse_unless_own(person, by, "acknowledge")
    approval = _approval_of_statement(month, person)
    if Dispute.objects.open().filter(approval=approval, person=person).exists():
        raise SignOffRefused(f"Your dispute of {format_month(month)} is open; it is resolved first")
    try:
        with transaction.atomic():
            return Acknowledgement.objects.create(
                month=month, person=person, approval=approval, by=by, at=timezone.now()
            )
    except IntegrityError:
        raise SignOffRefused(f"You have already acknowledged your statement for {format_month(month)}") from None


def raise_dispute(month: date, person: Person, *, by: AbstractBaseUser, line: str, note: str) -> Dispute:
    """The rep's objection to their statement of the month, with a note, naming a line or not."""
    _refuse_unless_own(person, by, "dispute")
    note, line = note.strip(), line.strip()
    if not note:
        raise SignOffRefused("A dispute needs a note saying what is wrong")
    if len(line) > LINE_LENGTH:
        raise SignOffRefused(f"The line disputed is at most {LINE_LENGTH} characters")
    approval = _approval_of_statement(month, person)
    dispute = Dispute(
        month=month, person=person, approval=approval, line=line, note=note, raised_by=by, raised_at=timezone.now()
    )
    dispute._change_reason = "raised"
    dispute.save()
    return dispute


def resolve(dispute_id: int, *, by: AbstractBaseUser, note: str, reopen: bool) -> Dispute:
    """Close an open dispute with the admin's note: no change, or the month reopened with a
    reason naming the dispute (the step is kept on the dispute). Both or neither are saved."""
    if not by.has_perm(RESOLVE_DISPUTES):
        raise SignOffRefused(f"{by.get_username()} may not resolve disputes: only an admin may")
    note = note.strip()
    if not note:
        raise SignOffRefused("Resolving a dispute needs a note saying what was decided")
    with transaction.atomic():
        dispute = Dispute.objects.select_for_update().select_related("person").filter(pk=dispute_id).first()
        if dispute is None:
            raise SignOffRefused(f"There is no dispute #{dispute_id}")
        if not dispute.is_open:
            raise SignOffRefused(f"Dispute #{dispute.pk} was already resolved on {dispute.resolved_at:%Y-%m-%d %H:%M}")
        if reopen:
            reason = f"Dispute #{dispute.pk} ({dispute.person.name}, {dispute.line_label}): {note}"
            try:
                dispute.reopen_step = take_step(dispute.month, Action.REOPEN, by=by, note=reason)
            except StepRefused as refused:
                raise SignOffRefused(str(refused)) from refused
        dispute.state = Dispute.Status.RESOLVED
        dispute.resolution = Dispute.Resolution.REOPENED if reopen else Dispute.Resolution.NO_CHANGE
        dispute.resolved_by, dispute.resolved_at, dispute.resolution_note = by, timezone.now(), note
        dispute._change_reason = dispute.get_resolution_display()
        dispute.save()
    return dispute


# --- What screens show ----------------------------------------------------------------------


def with_names(disputes):
    return disputes.select_related("person", "raised_by", "resolved_by", "reopen_step")


def open_disputes(month: date | None = None) -> list[Dispute]:
    """Open disputes, oldest first; of one month when given (a list: cacheable)."""
    found = Dispute.objects.open()
    return list(with_names(found if month is None else found.filter(month=month)))


@dataclass(frozen=True)
class SignOff:
    """A statement's sign-off under the month's approval in force (None: not approved)."""

    approval: CloseStep | None
    acknowledged: Acknowledgement | None = None
    disputes: list[Dispute] = field(default_factory=list)  # of this month, every approval, oldest first

    @property
    def open_dispute(self) -> Dispute | None:
        return next((dispute for dispute in self.disputes if dispute.is_open), None)

    @property
    def may_acknowledge(self) -> bool:
        return self.approval is not None and self.acknowledged is None and self.open_dispute is None

    @property
    def state(self) -> str:
        """For a list: "acknowledged", "disputed", or "" (nothing yet, or not approved)."""
        if self.open_dispute is not None:
            return "disputed"
        return "acknowledged" if self.acknowledged is not None else ""


def sign_off_of(month: date, person_id: int) -> SignOff:
    approval = approval_in_force(month)
    disputes = list(with_names(Dispute.objects.filter(month=month, person_id=person_id)))
    if approval is None:
        return SignOff(None, None, disputes)
    acknowledged = Acknowledgement.objects.filter(approval=approval, person_id=person_id).first()
    return SignOff(approval, acknowledged, disputes)


def sign_offs_of(month: date) -> dict[int, SignOff]:
    """Everyone's sign-off of the month, by person id (three queries), for the statements list."""
    approval = approval_in_force(month)
    disputes: dict[int, list[Dispute]] = {}
    for dispute in with_names(Dispute.objects.filter(month=month)):
        disputes.setdefault(dispute.person_id, []).append(dispute)
    acknowledged = {}
    if approval is not None:
        acknowledged = {row.person_id: row for row in Acknowledgement.objects.filter(approval=approval)}
    people = set(disputes) | set(acknowledged)
    return {pid: SignOff(approval, acknowledged.get(pid), disputes.get(pid, [])) for pid in people}


def disputes_of(person: Person) -> list[Dispute]:
    """A rep's disputes, newest first, for /me/."""
    return list(with_names(Dispute.objects.filter(person=person)).order_by("-raised_at", "-id"))
