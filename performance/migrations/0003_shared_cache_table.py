"""Create the database cache table that django-import-export keeps uploads in.

Every app server shares it between an import's dry run and its confirmation (see
otesite/tmp_storages.py); creating it in a migration means `migrate` is the only
deployment step, wherever the app runs.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_groups")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
