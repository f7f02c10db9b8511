"""The groups as otesite/permissions.py's GROUPS table now says: Admins manage people's logins
(create, link, disable, unlink) and add and change logins and their groups in the admin."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0008_drop_person_username_text"),
        ("performance", "0009_sync_groups_for_closing_months"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
