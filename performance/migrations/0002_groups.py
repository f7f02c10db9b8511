"""The three groups people are put in, with the model permissions each needs.

Admins change everything (and are made staff by whoever adds them); Managers view
everything and record monthly actuals and revenue; Board members only view.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APP_LABELS = ("compensation", "performance")
MANAGER_WRITES = {
    "add_monthlyactual",
    "change_monthlyactual",
    "add_monthlyrevenue",
    "change_monthlyrevenue",
}
TIMELINE = "view_plan_timeline"


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label__in=APP_LABELS)
    views = ours.filter(codename__startswith="view_").exclude(codename=TIMELINE)

    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.set(ours)
    admins.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename__startswith="view_"))

    managers, _ = Group.objects.get_or_create(name="Managers")
    managers.permissions.set(list(views) + list(ours.filter(codename__in=MANAGER_WRITES)))

    board, _ = Group.objects.get_or_create(name="Board")
    board.permissions.set(list(views) + list(ours.filter(codename=TIMELINE)))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Admins", "Managers", "Board"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("compensation", "0001_initial"),
        ("performance", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
