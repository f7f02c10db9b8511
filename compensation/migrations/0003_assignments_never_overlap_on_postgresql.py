"""On PostgreSQL, the database itself refuses overlapping assignments of one person.

Assignment.clean() checks it on every database; this adds an exclusion constraint over the
months each assignment covers, `[start, end]` (an empty end is open-ended), so no way of
writing can slip past it. It needs the btree_gist extension (for `person_id WITH =`), which
is trusted: a database owner without superuser rights may create it. The constraint is
deferred to the end of the transaction, so an import that shortens one assignment and starts
the next in the same transaction is judged on the result, not on the order of its saves.
SQLite has no such constraint: there the model's check is the only one.
"""

from django.db import migrations

CONSTRAINT = "assignments_never_overlap"
TABLE = "compensation_assignment"


def add_constraint(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(person_id WITH =, daterange(start, \"end\", '[]') WITH &&) DEFERRABLE INITIALLY DEFERRED"
    )


def drop_constraint(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("compensation", "0002_people_and_pay_curves")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
