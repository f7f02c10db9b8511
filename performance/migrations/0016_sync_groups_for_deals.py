"""Managers and Admins enter, correct and cancel deals; everyone who sees the dashboard sees them."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0010_days_and_clawback_window"),
        ("performance", "0015_deals"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
