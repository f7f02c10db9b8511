"""Migrations 0006 to 0008: a person's free-text username becomes a link to the login of that name."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("compensation", "0005_sync_groups_for_scenarios")]
AFTER = [("compensation", "0008_drop_person_username_text")]


def migrated_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_people():
    apps = migrated_to(BEFORE)
    User = apps.get_model("auth", "User")
    Person = apps.get_model("compensation", "Person")
    User.objects.create(username="ana")
    Person.objects.create(name="Ana Ruiz", username="ana")
    Person.objects.create(name="Ben Okafor", username="benn")  # a typo: no such login
    Person.objects.create(name="Chloe Martin")
    yield
    call_command("migrate", verbosity=0)  # leave the database as the other tests expect it


def test_a_username_that_names_a_login_becomes_a_link_and_a_typo_is_reported_and_dropped(old_people, capsys):
    apps = migrated_to(AFTER)

    Person = apps.get_model("compensation", "Person")
    linked = {person.name: person.user.username if person.user else None for person in Person.objects.all()}
    assert linked == {"Ana Ruiz": "ana", "Ben Okafor": None, "Chloe Martin": None}
    assert "Ben Okafor: no login named 'benn'; left without a login" in capsys.readouterr().out
    history = apps.get_model("compensation", "HistoricalPerson").objects.get(name="Ana Ruiz")
    assert history.user.username == "ana"
    assert history.history_change_reason == "login linked from the old username field"


def test_going_back_writes_the_linked_logins_username_again(old_people):
    migrated_to(AFTER)

    apps = migrated_to(BEFORE)

    Person = apps.get_model("compensation", "Person")
    assert dict(Person.objects.values_list("name", "username")) == {
        "Ana Ruiz": "ana",
        "Ben Okafor": None,
        "Chloe Martin": None,
    }
