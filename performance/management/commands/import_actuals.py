"""`manage.py import_actuals FILE.csv`: the web import's checks and messages, from the shell.
Role actuals or people's (DOMAIN.md's two CSVs), told apart by the header.

A long file says how far it got on stderr every few seconds (`Progress`); a short one says
nothing until it is done."""

import time
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.exchange.actuals_csv import ImportRefused
from performance.exchange.people_csv import read_actuals_file

PROGRESS_SECONDS = 3.0


class Progress:
    """Writes "checked 1,200 of 5,000 rows" once `every` seconds have passed since the start or
    the last count: silent for a file done sooner."""

    def __init__(self, write: Callable[[str], None], every: float = PROGRESS_SECONDS, clock=time.monotonic) -> None:
        self.write, self.every, self.clock = write, every, clock
        self.due = clock() + every

    def __call__(self, done: int, total: int) -> None:
        if (now := self.clock()) >= self.due:
            self.write(f"checked {done:,} of {total:,} rows")
            self.due = now + self.every


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
        progress = Progress(lambda line: self.stderr.write(f"{path}: {line}"))
        # The rows are checked once: by the dry run, or by apply() under the months' hold.
        result = read_actuals_file(content, check=dry_run, progress=progress)
        if dry_run:
            if result.problems:
                raise self._refused(path, result.problems)
            self.stdout.write(f"{path}: would import {result.summary()} (dry run, nothing stored)")
            return
        try:
            result.apply(reason=f"import_actuals {Path(path).name}", progress=progress)
        except ImportRefused as refused:  # a row the rules refuse, or a month approved meanwhile
            raise self._refused(path, refused.problems) from None
        self.stdout.write(self.style.SUCCESS(f"{path}: imported {result.summary()}"))

    def _refused(self, path: str, problems: list) -> CommandError:
        for problem in problems:
            self.stderr.write(f"{path}: {problem}")
        count = len(problems)
        return CommandError(f"nothing imported: {count} problem{'s' if count != 1 else ''} in {path}")
