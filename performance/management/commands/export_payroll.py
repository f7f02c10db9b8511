"""`manage.py export_payroll --month YYYY-MM`: DOMAIN.md's payroll CSV on stdout, one row per
person with a statement, in role order then name (an approved month as approved)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib.parse import ParseError, parse_month
from performance.exchange.payroll import write_payroll_csv
from performance.statements import StatementMissing, month_of


class Command(BaseCommand):
    help = "Write the payroll CSV of a month: person,role,base,commission,earnings,earnings_recorded,state."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")

    def handle(self, *args, month: str, **options) -> None:
        try:
            parsed = parse_month(month)
        except ParseError as error:
            raise CommandError(f"--month: {error}") from error
        try:
            found = month_of(parsed)
        except StatementMissing as error:
            raise CommandError(str(error)) from error
        write_payroll_csv(self.stdout, found.payroll, found.state)
