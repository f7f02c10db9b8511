"""manage.py export_workspace > backup.json: the whole workspace in the exchange format."""

from django.core.management.base import BaseCommand

from performance.exchange.workspace_export import dumps_workspace, export_workspace


class Command(BaseCommand):
    help = "Write the whole workspace (economics, roles, plans, actuals, revenue) as JSON to stdout."

    def handle(self, *args, **options) -> None:
        self.stdout.write(dumps_workspace(export_workspace()), ending="")
