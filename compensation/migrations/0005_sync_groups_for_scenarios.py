"""The groups as otesite/permissions.py's GROUPS table now says: all three try what-if
scenarios, Managers and Admins save them, Admins apply them as plan versions."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0004_scenario"),
        ("performance", "0007_sync_groups_for_people"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
