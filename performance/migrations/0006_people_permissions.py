"""The groups of 0002 get the permissions of people, assignments, pay-curve bands and person
actuals: Admins change them all, Managers view them and record person actuals (as they record
role actuals), Board members view them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {"compensation": ("person", "assignment", "plantier"), "performance": ("personactual",)}
MANAGER_WRITES = ("add_personactual", "change_personactual")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.none()
    for app_label, models in MODELS.items():
        ours |= Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
    views = ours.filter(codename__startswith="view_")
    for group in Group.objects.filter(name="Admins"):
        group.permissions.add(*ours)
    for group in Group.objects.filter(name="Managers"):
        group.permissions.add(*views, *ours.filter(codename__in=MANAGER_WRITES))
    for group in Group.objects.filter(name="Board"):
        group.permissions.add(*views)


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0005_person_actuals"),
        ("performance", "0002_groups"),
        ("compensation", "0003_assignments_never_overlap_on_postgresql"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
