"""`manage.py close_month YYYY-MM --review|--approve|--reopen --by USERNAME [--note TEXT]`: the
dashboard's close buttons, for scripts (DOMAIN.md's *Closing a month*). The user must hold the
permission the screen asks for; reopening needs --note, the reason. Exit 1 with the reason when
the step is refused."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib.months import format_month
from otesite.lib.parse import ParseError, parse_month
from performance.closing import StepRefused, take_step
from performance.month_close import Action


class Command(BaseCommand):
    help = "Mark a month reviewed, approve it, or reopen it (with --note, the reason), as USERNAME."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", metavar="YYYY-MM")
        step = parser.add_mutually_exclusive_group(required=True)
        for action in Action:
            step.add_argument(f"--{action.value}", dest="action", action="store_const", const=action.value)
        parser.add_argument("--by", required=True, metavar="USERNAME", help="who takes the step")
        parser.add_argument("--note", default="", help="a note; for --reopen, the reason (required)")

    def handle(self, *args, month: str, action: str, by: str, note: str, **options) -> None:
        try:
            parsed = parse_month(month)
        except ParseError as error:
            raise CommandError(f"month: {error}") from error
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(f"--by: no active user is called {by!r}")
        try:
            step = take_step(parsed, action, by=user, note=note)
        except StepRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{format_month(parsed)}: {step.from_state} → {step.to_state} by {by}")
