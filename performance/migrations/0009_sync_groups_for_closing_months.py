"""The groups as otesite/permissions.py's GROUPS table says, now that months can be closed:
Managers mark a month reviewed, Admins approve and reopen it, and both read every statement."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0005_sync_groups_for_scenarios"),
        ("performance", "0008_month_close"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
