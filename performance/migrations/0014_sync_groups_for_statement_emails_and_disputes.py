"""The groups as otesite/permissions.py's GROUPS table says, now that statements are e-mailed and
disputed: Managers and Admins send a month's statements and see reps' disputes; Admins resolve them."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0009_sync_groups_for_logins"),
        ("performance", "0013_statement_emails_and_sign_off"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
