"""`manage.py statement --month YYYY-MM --person NAME`: one person's statement as DOMAIN.md's
statement JSON, from the engine (an approved month as approved)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib import jsonnum
from otesite.lib.parse import ParseError, parse_month
from performance.statements import StatementMissing, statement_of


class Command(BaseCommand):
    help = "Print one person's statement for a month (DOMAIN.md's statement JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--person", required=True, help="the person's name, as on their record")

    def handle(self, *args, month: str, person: str, **options) -> None:
        try:
            parsed = parse_month(month)
        except ParseError as error:
            raise CommandError(f"--month: {error}") from error
        try:
            found = statement_of(parsed, person)
        except StatementMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(jsonnum.dumps(found.json(), indent=2))
