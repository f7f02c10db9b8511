"""Once created the database cache table that django-import-export kept uploads in.

The admin's imports now link to the product's own import (/actuals/import/), so the table is no
longer created; migration 0010 drops it where an earlier release made it. Kept as a no-op so
that the migration history of existing databases stays whole.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_groups")]

    operations = []
