"""`manage.py send_statements YYYY-MM [--by USERNAME]`: the statements page's "E-mail the
statements" button, for scripts. E-mails each person of the approved month who has an address
and has not been sent this approval's statement yet (a failed one is tried again), and prints
who was sent theirs, who was skipped and why, and what failed. Exit 1 when the month is not
approved or any message failed (the failures are recorded, and a second run retries them)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib.parse import ParseError, parse_month
from otesite.permissions import SEND_STATEMENTS
from performance.mailing import SendRefused, send_statements
from performance.statement_records import StatementEmail


class Command(BaseCommand):
    help = "E-mail an approved month's statements to its people (those not sent theirs yet)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", metavar="YYYY-MM")
        parser.add_argument("--by", metavar="USERNAME", help="who sends them (recorded); default: the command line")

    def handle(self, *args, month: str, by: str | None, **options) -> None:
        try:
            parsed = parse_month(month)
        except ParseError as error:
            raise CommandError(f"month: {error}") from error
        user = None
        if by is not None:
            user = get_user_model().objects.filter(username=by, is_active=True).first()
            if user is None:
                raise CommandError(f"--by: no active user is called {by!r}")
            if not user.has_perm(SEND_STATEMENTS):
                raise CommandError(f"{by} may not send statements: only a manager or an admin may")
        try:
            claimed = send_statements(parsed, by=user)
        except SendRefused as error:
            raise CommandError(str(error)) from error
        for sentence in claimed.sentences():
            self.stdout.write(sentence)
        failed = 0
        for row in claimed.queued:
            if row.status == StatementEmail.Status.SENT:
                self.stdout.write(f"sent: {row.person.name} <{row.to}> {row.message_id}")
            else:
                failed += 1
                self.stderr.write(f"failed: {row.person.name} <{row.to}>: {row.error}")
        if failed:
            raise CommandError(f"{failed} of {len(claimed.queued)} could not be sent; run the command again to retry")
