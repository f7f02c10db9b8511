"""Each person's free-text username becomes a link to the login of that name.

A username that names no login links nothing: the migration lists it and keeps nothing of it
(an admin creates or links the person's login afterwards). Each link made is a history row.
Going back writes the linked login's username into the text field again."""

import sys

from django.conf import settings
from django.db import migrations
from django.utils import timezone

REASON = "login linked from the old username field"


def link(apps, schema_editor):
    Person = apps.get_model("compensation", "Person")
    HistoricalPerson = apps.get_model("compensation", "HistoricalPerson")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for person in Person.objects.exclude(username=None).exclude(username="").order_by("name"):
        user = User.objects.filter(username=person.username).first()
        if user is None:
            sys.stdout.write(f"\n  {person.name}: no login named {person.username!r}; left without a login")
            continue
        person.user = user
        person.save(update_fields=["user"])
        HistoricalPerson.objects.create(
            id=person.pk,
            name=person.name,
            email=person.email,
            username=person.username,
            user_id=user.pk,
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )


def unlink(apps, schema_editor):
    Person = apps.get_model("compensation", "Person")
    for person in Person.objects.exclude(user=None).select_related("user"):
        person.username = person.user.username
        person.save(update_fields=["username"])


class Migration(migrations.Migration):
    dependencies = [("compensation", "0006_person_login")]

    operations = [migrations.RunPython(link, unlink)]
