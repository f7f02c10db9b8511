"""E-mailing people their statements: when a month is approved, and again on an explicit send
(the statements page's button, `manage.py send_statements YYYY-MM`).

Each person of the approved month who has an e-mail address gets their statement as approved,
in HTML and plain text (the one statement template, performance/_statement_body.html, read
back as text for the plain part), with an absolute link to their statement page (SITE_URL).
Sending is in two steps:

1. `claim` records an attempt (`StatementEmail`, status "sending") for each person who has
   not been sent this approval's statement yet; a constraint lets only one attempt per
   approval and person be sending or sent, so a second send, even at the same moment, skips
   them and says so. A reopened and approved-again month is a new approval: it sends again.
2. `deliver` renders and sends each claimed message over one connection and records it sent,
   with its Message-ID, or failed, with the error; a failed one is claimed again by the next
   send (a retry). An attempt left "sending" for STALE_AFTER (its process died) is failed.

An approval sends only after it has committed (performance.month_close.month_approved), in a
thread of its own (settings.STATEMENT_EMAILS_IN_BACKGROUND), so the mail server can neither
fail nor slow it; an approval by an import (by nobody: a restored backup) sends nothing.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from compensation.models import Person
from otesite.lib.formatting import format_money
from otesite.lib.months import format_month, month_label
from otesite.lib.plain_text import html_to_text
from performance.closing import state_of
from performance.month_close import CloseStep, State
from performance.statement_records import StatementEmail, approval_in_force
from performance.statements import MonthStatements, StatementMissing, month_of

logger = logging.getLogger(__name__)
Status = StatementEmail.Status
STALE_AFTER = timedelta(minutes=15)


class SendRefused(Exception):
    """Nothing can be sent for the month; the message says why."""


@dataclass
class Claimed:
    """Who gets their statement now (`queued`), and by name who does not and why."""

    month: date
    queued: list[StatementEmail] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    being_sent: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """What a person pressing "send" is told (the command prints the same)."""
        shown = format_month(self.month)
        count = len(self.queued)
        said = [
            f"Sending {count} statement{'s' * (count != 1)} for {shown}." if count else f"Nothing to send for {shown}."
        ]
        if self.already_sent:
            said.append(f"Already sent for this approval, skipped: {', '.join(self.already_sent)}.")
        if self.being_sent:
            said.append(f"Being sent already, skipped: {', '.join(self.being_sent)}.")
        if self.no_address:
            said.append(f"No e-mail address: {', '.join(self.no_address)}.")
        return said


def claim(month: date, *, by: AbstractBaseUser | None) -> Claimed:
    """Record a "sending" attempt for each person of the approved month not sent its
    statement yet; SendRefused when the month is not approved."""
    approval = approval_in_force(month)
    if approval is None:
        raise SendRefused(
            f"{format_month(month)} is {state_of(month)}; statements are e-mailed once the month is approved"
        )
    now = timezone.now()
    StatementEmail.objects.filter(status=Status.SENDING, at__lt=now - STALE_AFTER).update(
        status=Status.FAILED, error=f"Interrupted: not sent within {STALE_AFTER.seconds // 60} minutes."
    )
    ids = [int(person_id) for person_id in approval.close.approved_statements or {}]
    busy = dict(
        StatementEmail.objects.filter(approval=approval, status__in=[Status.SENDING, Status.SENT]).values_list(
            "person_id", "status"
        )
    )
    claimed = Claimed(month)
    for person in Person.objects.filter(pk__in=ids).order_by("name"):
        if person.pk in busy:
            (claimed.already_sent if busy[person.pk] == Status.SENT else claimed.being_sent).append(person.name)
        elif not person.email:
            claimed.no_address.append(person.name)
        else:
            try:
                with transaction.atomic():
                    row = StatementEmail.objects.create(
                        month=month, person=person, approval=approval, to=person.email, at=now, by=by
                    )
            except IntegrityError:  # another send claimed them a moment ago
                claimed.being_sent.append(person.name)
            else:
                claimed.queued.append(row)
    return claimed


def deliver(month: date, rows: list[StatementEmail]) -> None:
    """Send the claimed messages over one connection; record each sent or failed."""
    if not rows:
        return
    try:
        statements = month_of(month)
    except StatementMissing as missing:
        return _fail(rows, str(missing))
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # no server, wrong password: every message failed, none lost
        return _fail(rows, f"Could not reach the mail server: {_said(error)}")
    try:
        for row in rows:
            try:
                message = statement_message(statements, row, connection)
                row.message_id = message.extra_headers["Message-ID"]
                message.send()
            except Exception as error:  # recorded on the row, shown on the statements page
                row.status, row.error = Status.FAILED, _said(error)
                connection.close()  # the next message opens a fresh connection
            else:
                row.status, row.error = Status.SENT, ""
            row.save(update_fields=["status", "error", "message_id"])
    finally:
        connection.close()


def send_statements(month: date, *, by: AbstractBaseUser | None, background: bool = False) -> Claimed:
    """Claim, then deliver now or (`background`) in a thread once the claim has committed."""
    claimed = claim(month, by=by)
    if background:
        ids = [row.pk for row in claimed.queued]
        transaction.on_commit(
            lambda: in_background(lambda: deliver(month, list(StatementEmail.objects.filter(pk__in=ids))))
        )
    else:
        deliver(month, claimed.queued)
    return claimed


def on_month_approved(sender, step: CloseStep, **kwargs) -> None:
    """performance.month_close.month_approved: e-mail the month's statements."""
    if step.by_id is None:
        return  # an import approved it (a restored backup): `send_statements` sends, if wanted
    month, by = step.close.month, step.by

    def send() -> None:
        try:
            send_statements(month, by=by)
        except SendRefused as refused:  # reopened in the meantime
            logger.warning("Statements of %s not e-mailed: %s", format_month(month), refused)

    in_background(send) if settings.STATEMENT_EMAILS_IN_BACKGROUND else send()


def in_background(work: Callable[[], None]) -> None:
    """Run `work` in a thread of its own, which closes its database connections when done. Not
    a daemon: a process that ends (a command, a worker recycled) finishes sending first."""

    def run() -> None:
        try:
            work()
        except Exception:
            logger.exception("Sending statements failed")
        finally:
            connections.close_all()

    threading.Thread(target=run, name="statement-emails", daemon=False).start()


# --- The message ----------------------------------------------------------------------------


def statement_link(month: date, person_id: int) -> str:
    return settings.SITE_URL + reverse("statement", args=[format_month(month), person_id])


def statement_message(statements: MonthStatements, row: StatementEmail, connection=None) -> EmailMultiAlternatives:
    """The person's statement of the month as an e-mail: HTML and plain text, from one template."""
    found = statements.of(row.person_id)
    if found is None:
        raise StatementMissing(f"no statement for {format_month(row.month)}")
    context = {
        "found": found,
        "s": found.statement,
        "month": row.month,
        "month_label": month_label(row.month),
        "state": State(statements.state),
        "link": statement_link(row.month, row.person_id),
    }
    body = render_to_string("performance/_statement_body.html", context)
    context |= {"body": mark_safe(body), "body_text": html_to_text(body)}
    message = EmailMultiAlternatives(
        subject=f"Your statement for {month_label(row.month)}: {format_money(found.statement.earnings)}",
        body=render_to_string("performance/email/statement.txt", context),
        to=[row.to],
        headers={"Message-ID": make_msgid(domain=urlsplit(settings.SITE_URL).hostname or DNS_NAME.get_fqdn())},
        connection=connection,
    )
    message.attach_alternative(render_to_string("performance/email/statement.html", context), "text/html")
    return message


def _said(error: Exception) -> str:
    """The error as a person reads it: "ben@example.com refused: 550 5.1.1 No such mailbox"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        said = "; ".join(f"{to} refused: {code} {_text(reply)}" for to, (code, reply) in error.recipients.items())
    elif isinstance(error, smtplib.SMTPResponseException):
        said = f"the mail server answered {error.smtp_code} {_text(error.smtp_error)}"
    else:
        said = f"{type(error).__name__}: {error}"
    return said[:2000]


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _fail(rows: list[StatementEmail], error: str) -> None:
    StatementEmail.objects.filter(pk__in=[row.pk for row in rows]).update(status=Status.FAILED, error=error)
