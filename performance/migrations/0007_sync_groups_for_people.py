"""The groups as otesite/permissions.py's GROUPS table says, now that people, assignments,
pay-curve bands and person actuals exist: Admins change them, Managers record person actuals
and view the rest, Board members view them."""

from django.db import migrations

from otesite.permissions import sync_groups


def sync(apps, schema_editor):
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0003_assignments_never_overlap_on_postgresql"),
        ("performance", "0006_person_actuals"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
