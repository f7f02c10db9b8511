"""`manage.py import_deals PATH [--format otesite|hubspot|salesforce] [--dry-run]`: the web
import's reader, checks and messages, from the shell, for files of any size (DOMAIN.md's Deals CSV
and CRM exports). All or nothing: on any problem it prints them, stores nothing and exits non-zero."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from performance.exchange.deal_formats import FORMATS
from performance.exchange.deals_csv import MAX_BYTES, Progress, import_file, months_text, read_deals


class Command(BaseCommand):
    help = (
        "Import deals from our Deals CSV (id,closed_on,value,upfront,closers,setter,cancelled_on), a HubSpot "
        "deals export or a Salesforce opportunities report: new ids added, known ones changed where they "
        "differ, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="the CSV file to import")
        parser.add_argument("--format", choices=sorted(FORMATS), default="otesite", help="the file's format")
        parser.add_argument("--dry-run", action="store_true", help="check the file and say what would change")

    def handle(self, *args, path: str, format: str, dry_run: bool, **options) -> None:
        file = Path(path)
        try:
            size = file.stat().st_size
            source = file.open("rb")
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        if size > MAX_BYTES:
            raise CommandError(f"nothing imported: {path} is larger than {MAX_BYTES // 1_000_000} MB; split it")
        progress = Progress(lambda rows: self.stderr.write(f"{path}: {rows:,} rows read"))
        with source:
            if dry_run:
                result = read_deals(source, format, progress=progress)
            else:  # checked once, inside the import's transaction
                result, _ = import_file(source, format, reason=f"import_deals {file.name}", progress=progress)
        if not result.ok:
            raise self._refused(path, result)
        for notice in result.notices:
            self.stderr.write(f"{path}: {notice}")
        where = months_text(result.months)
        if dry_run:
            self.stdout.write(f"{path}: would import {result.summary()} ({where}; dry run, nothing stored)")
            return
        self.stdout.write(self.style.SUCCESS(f"{path}: imported {result.summary()} ({where})"))

    def _refused(self, path: str, result) -> CommandError:
        for problem in result.first_problems:
            self.stderr.write(f"{path}: {problem}")
        if result.more_problems:
            self.stderr.write(f"{path}: and {result.more_problems:,} more problems, not listed here")
        count = result.problem_count
        return CommandError(f"nothing imported: {count:,} problem{'s' if count != 1 else ''} in {path}")
