"""Print a what-if scenario of one month (DOMAIN.md's *What-if*) as the metrics JSON, with its
outcome spread and, given a revenue goal, the headcount it needs; with no --change, the base.

    manage.py what_if --month 2026-03 --change "Closers.annual_ote=+20%" --change "close_rate=0.3" \\
        --revenue-goal 500000

Every figure is estimated from units (the base is the month re-estimated, not the month as
recorded: the command says so on stderr). A change that cannot be applied exits 1 naming it.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib import jsonnum
from otesite.lib.parse import ParseError, parse_month, parse_number
from otesite.permissions import EVERYONE
from performance import engine
from performance.changes import parse_changes
from performance.exchange.whatif_json import to_what_if_json
from performance.loader import WhatIfUnavailable, load_what_if

RE_ESTIMATED = (
    "re-estimated: every role as role totals at full quota (people summed, no ramp), credited deals, "
    "earnings and revenue estimated from units; not the month as recorded"
)


class Command(BaseCommand):
    help = "Print a what-if scenario of a month (metrics JSON + outcomes + hiring); no --change prints the base."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM: the month the scenario starts from")
        parser.add_argument(
            "--change",
            action="append",
            default=[],
            dest="changes",
            help='a change, repeatable: "Closers.annual_ote=+20%%", "close_rate=0.3", "SDRs.headcount=3"',
        )
        parser.add_argument("--revenue-goal", help="revenue a month to hire for: adds closers and setters needed")

    def handle(self, *args, month: str, changes: list[str], revenue_goal: str | None = None, **options) -> None:
        try:
            start = parse_month(month)
        except ParseError as error:
            raise CommandError(f"--month: {error}") from error
        try:
            goal = None if revenue_goal is None else parse_number(revenue_goal)
        except ParseError as error:
            raise CommandError(f"--revenue-goal: {error}") from error
        try:
            result = load_what_if(start, parse_changes(changes), goal, scope=EVERYONE)
        except engine.ScenarioInvalid as error:
            raise CommandError("the scenario cannot be computed:\n" + "\n".join(error.problems)) from error
        except WhatIfUnavailable as error:
            raise CommandError(str(error)) from error
        label = f"{month} {RE_ESTIMATED}"
        self.stderr.write(f"Scenario on {label}." if result.changes else f"Base: {label}.")
        self.stdout.write(jsonnum.dumps(to_what_if_json(result.scenario), indent=2))
