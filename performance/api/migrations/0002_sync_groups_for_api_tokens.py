"""Admins see everyone's API tokens in the admin and revoke them."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("compensation", "0010_days_and_clawback_window"),
        ("performance", "0016_sync_groups_for_deals"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
