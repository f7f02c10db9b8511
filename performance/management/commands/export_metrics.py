"""Print the metrics JSON of DOMAIN.md for one month, or a JSON list for a range of months,
or (``--format csv``) the same numbers as CSV rows (performance.exchange.metrics_csv).
An approved month is printed as approved; stderr says so, and where today's computation differs."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from otesite.lib import jsonnum
from otesite.lib.parse import parse_month
from otesite.permissions import EVERYONE
from performance.closing import approval_notes
from performance.documents.metrics import to_metrics_json
from performance.exchange.metrics_csv import write_metrics_csv
from performance.loader import load_range


def month_argument(text: str):
    try:
        return parse_month(text)
    except ValueError as error:
        raise CommandError(str(error)) from error


class Command(BaseCommand):
    help = "Export the metrics of a month (--month) or a range (--from/--to) as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="YYYY-MM: one month, printed as a JSON object")
        parser.add_argument("--from", dest="first", help="YYYY-MM: first month of a range (JSON list)")
        parser.add_argument("--to", dest="last", help="YYYY-MM: last month of a range (JSON list)")
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=("json", "csv"),
            default="json",
            help="json (default) or csv: a row per month (role All) and per role",
        )

    def handle(self, *args, month=None, first=None, last=None, output_format="json", **options) -> None:
        if month and (first or last):
            raise CommandError("Give either --month or --from/--to, not both.")
        if month:
            start = end = month_argument(month)
        elif first and last:
            start, end = month_argument(first), month_argument(last)
            if end < start:
                raise CommandError(f"--to {last} is before --from {first}.")
        else:
            raise CommandError("Give --month YYYY-MM, or --from YYYY-MM and --to YYYY-MM.")

        computed = load_range(start, end, scope=EVERYONE)
        missing = [key for key, value in computed.items() if value is None]
        if missing:
            raise CommandError(
                f"No business assumptions are in force in {missing[0]:%Y-%m}: set them first (admin: Business assumptions)."
            )
        for note in approval_notes(computed.approved):
            self.stderr.write(note)
        if output_format == "csv":
            write_metrics_csv(self.stdout, computed.values())
            return
        documents = [to_metrics_json(value, computed.names) for value in computed.values()]
        payload = documents[0] if month else documents
        self.stdout.write(jsonnum.dumps(payload, indent=2))
