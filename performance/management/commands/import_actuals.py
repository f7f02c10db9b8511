"""`manage.py import_actuals FILE.csv`: the web import's checks and messages, from the shell.
Role actuals or people's (DOMAIN.md's two CSVs), told apart by the header."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.exchange.actuals_csv import ImportRefused
from performance.exchange.people_csv import read_actuals_file


class Command(BaseCommand):
    help = (
        "Import monthly actuals from a CSV file: role totals (month,role,headcount,...) or people "
        "(month,person,units,...), told apart by the header; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.csv", help="the CSV file to import")
        parser.add_argument("--dry-run", action="store_true", help="check the file and say what would change")

    def handle(self, *args, path: str, dry_run: bool, **options) -> None:
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        result = read_actuals_file(content)
        if result.problems:
            raise self._refused(path, result.problems)
        if dry_run:
            self.stdout.write(f"{path}: would import {result.summary()} (dry run, nothing stored)")
            return
        try:
            result.apply()
        except ImportRefused as refused:  # a month approved since the file was read
            raise self._refused(path, refused.problems) from None
        self.stdout.write(self.style.SUCCESS(f"{path}: imported {result.summary()}"))

    def _refused(self, path: str, problems: list) -> CommandError:
        for problem in problems:
            self.stderr.write(f"{path}: {problem}")
        count = len(problems)
        return CommandError(f"nothing imported: {count} problem{'s' if count != 1 else ''} in {path}")
