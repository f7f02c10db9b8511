"""Drop the database cache table django-import-export kept uploads in (see 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0009_sync_groups_for_closing_months")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS otesite_import_export_cache", migrations.RunSQL.noop),
    ]
