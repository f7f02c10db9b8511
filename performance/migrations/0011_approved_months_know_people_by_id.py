"""Approved months keep the engine's inputs with the ids of their roles and people (the engine
knows them by id since this release, so a rename never changes a number), and their statements
by person id (a statement is found by whom it is for, whatever their name becomes).

Earlier approvals named roles and people; names were locked while a month was approved, so
each still names who it meant, and is looked up once here.
"""

from django.db import migrations


def _with_ids(inputs: dict, role_ids: dict, person_ids: dict) -> dict:
    for role in inputs.get("roles", []):
        role.setdefault("id", role_ids.get(role.get("name")))
        for person in role.get("people", []):
            if "id" not in person:
                person["id"] = person_ids.get(person.pop("name", None))
    return inputs


def forwards(apps, schema_editor):
    MonthClose = apps.get_model("performance", "MonthClose")
    role_ids = dict(apps.get_model("compensation", "Role").objects.values_list("name", "pk"))
    person_ids = dict(apps.get_model("compensation", "Person").objects.values_list("name", "pk"))
    for close in MonthClose.objects.exclude(approved_inputs=None):
        close.approved_inputs = _with_ids(close.approved_inputs, role_ids, person_ids)
        if isinstance(close.approved_statements, list):
            close.approved_statements = {
                str(person_ids.get(statement.get("person"))): statement for statement in close.approved_statements
            }
        close.save(update_fields=["approved_inputs", "approved_statements"])


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0010_drop_import_export_cache_table"),
        ("compensation", "0005_sync_groups_for_scenarios"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
