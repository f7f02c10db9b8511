"""manage.py import_workspace PATH [--by USERNAME]: merge a workspace JSON file (or an old
dashboard config).

A file's `closes` move months through the same steps as the dashboard, and the close log says
who took them: with --by, that site user (who needs the permission the dashboard asks: a
manager reviews, an admin approves), as with close_month; without it, "an import". Either way
each step's note names the command, the file and the operating-system user who ran it, so the
log never loses who moved a month.

A long import (a CRM-sized history: tens of thousands of records) tells stderr how it goes, a line
a section checked and written, once it has run for LONG_IMPORT_SECONDS; a short one says nothing
there, so scripts and tests see only the summary on stdout."""

import getpass
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from otesite.lib.parse import MAX_JSON_BYTES, ParseError, parse_json, parse_month
from performance.exchange.legacy_config import is_legacy_config, map_legacy_config
from performance.exchange.workspace import WorkspaceInvalid, import_workspace


class Command(BaseCommand):
    help = (
        "Import a workspace JSON file (format otesite.workspace, version 2, 3 or 4), merging by natural key. "
        "All or nothing: any problem and nothing is written. Also reads the old dashboard's exported "
        "config (version 1.1) with --effective-from. A file that marks months reviewed or approved is "
        "kept in each month's close log with the file's name and the operating-system user who ran the "
        "command; give --by to take those steps as a site user, as close_month does."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to import")
        parser.add_argument(
            "--effective-from",
            metavar="YYYY-MM",
            help="legacy config only: the month its plans start",
        )
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="the site user the file's closes are taken as (reviewing needs a manager or an admin, approving "
            "an admin); without it the close log says an import. Either way the log's note names the file and "
            "the operating-system user who ran this",
        )

    def handle(self, *args, path: str, effective_from: str | None, by: str | None, **options) -> None:
        user = None
        if by is not None:
            user = get_user_model().objects.filter(username=by, is_active=True).first()
            if user is None:
                raise CommandError(f"--by: no active user is called {by!r}; nothing was imported")
        try:
            if Path(path).stat().st_size > MAX_JSON_BYTES:
                raise CommandError(f"{path}: is larger than {MAX_JSON_BYTES // 1_000_000} MB; nothing was imported")
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read the file ({error})") from None
        try:
            data = parse_json(text)
        except ParseError as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None

        labels, problems = None, []
        legacy_version = data.get("version") if isinstance(data, dict) else None
        if is_legacy_config(data):
            if not effective_from:
                raise CommandError(
                    f"{path} is the old dashboard's config (version {data.get('version', '?')}); it has no dates, "
                    "so say when its plans start: --effective-from YYYY-MM. Nothing was imported."
                )
            try:
                month = parse_month(effective_from)
            except ValueError as error:
                raise CommandError(f"--effective-from: {error}") from None
            mapping = map_legacy_config(data, month)
            data, labels, problems = mapping.workspace, mapping.labels, mapping.problems
        elif effective_from:
            raise CommandError(
                "--effective-from only applies to the old dashboard's config; a workspace file dates its own records"
            )

        try:
            summary = import_workspace(
                data, labels=labels, problems=problems, by=user, note=_note(path), progress=Progress(self.stderr)
            )
        except WorkspaceInvalid as error:
            raise self._refused(error) from None
        if labels is not None:
            self.stdout.write(f"Read the old dashboard's config (version {legacy_version}):")
            for note in mapping.notes:
                self.stdout.write(f"  {note}")
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("Imported." if summary.changed else "Nothing to change: the data already matched.")
        )

    def _refused(self, error: WorkspaceInvalid) -> CommandError:
        count = len(error.problems)
        listing = "\n".join(f"  {problem}" for problem in error.problems)
        return CommandError(f"Nothing was imported; {count} problem{'s' if count != 1 else ''}:\n{listing}")


LONG_IMPORT_SECONDS = 2.0


class Progress:
    """`import_workspace`'s progress callback: quiet for the first LONG_IMPORT_SECONDS, then a line a
    section on stderr ("wrote person_actuals: 18,000 records (6.2 s)")."""

    def __init__(self, out) -> None:
        self.out, self.after, self.start = out, LONG_IMPORT_SECONDS, time.monotonic()

    def __call__(self, step: str, section: str, rows: int) -> None:
        elapsed = time.monotonic() - self.start
        if elapsed >= self.after and rows:
            self.out.write(f"{step} {section}: {rows:,} records ({elapsed:.1f} s)")


def _note(path: str) -> str:
    """What the close log keeps of this import: "import_workspace backup.json, run by OS user ada"."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no login name and no password entry (some containers)
        who = "unknown"
    return f"import_workspace {Path(path).name}, run by OS user {who}"
