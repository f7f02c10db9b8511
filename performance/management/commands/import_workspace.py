"""manage.py import_workspace PATH: merge a workspace JSON file (or an old dashboard config)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from otesite.lib.parse import MAX_JSON_BYTES, ParseError, parse_json, parse_month
from performance.exchange.legacy_config import is_legacy_config, map_legacy_config
from performance.exchange.workspace import WorkspaceInvalid, import_workspace


class Command(BaseCommand):
    help = (
        "Import a workspace JSON file (format otesite.workspace, version 2), merging by natural key. "
        "All or nothing: any problem and nothing is written. Also reads the old dashboard's exported "
        "config (version 1.1) with --effective-from."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON file to import")
        parser.add_argument(
            "--effective-from",
            metavar="YYYY-MM",
            help="legacy config only: the month its plans start",
        )

    def handle(self, *args, path: str, effective_from: str | None, **options) -> None:
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
            summary = import_workspace(data, labels=labels, problems=problems)
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
