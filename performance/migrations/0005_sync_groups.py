"""The groups as otesite/permissions.py's GROUPS table says: that table is the one truth.

Migration 0002 made the groups first; this one makes them match the table (the Admins,
Managers and Board keep what they need, and no longer hold the history models' and the data
version's permissions, which no page asks for). After changing the table, add a migration
like this one.
"""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    # Permissions of models created by later migrations (saved scenarios) are given by them.
    sync_groups(apps, missing_ok=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("compensation", "0001_initial"),
        ("performance", "0004_data_version"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
