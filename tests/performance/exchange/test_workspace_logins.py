"""A person's `username` in the workspace JSON names their login: an existing one is linked, an
unknown one is created without a usable password; the export writes the linked login's username."""

import pytest
from django.contrib.auth.models import User
from test_workspace_people import people_team, refused, run_import, stored_state

from compensation.models import Person
from performance.exchange.workspace_export import dumps_workspace, export_workspace


def with_usernames(**usernames) -> dict:
    """people_team.json with these people's usernames ("Ana Ruiz" as Ana_Ruiz)."""
    data = people_team()
    for row in data["people"]:
        row["username"] = usernames.get(row["name"].replace(" ", "_"), row["username"])
    return data


def login_of(name: str) -> str | None:
    return Person.objects.select_related("user").get(name=name).username


@pytest.fixture
def team(db, tmp_path) -> None:
    run_import(tmp_path, people_team())


def test_a_username_that_names_a_login_links_it(team, tmp_path):
    ana = User.objects.create_user("ana", password="correct horse battery staple")

    run_import(tmp_path, with_usernames(Ana_Ruiz="ana"))

    assert Person.objects.get(name="Ana Ruiz").user == ana
    assert User.objects.get(pk=ana.pk).check_password("correct horse battery staple")  # untouched


def test_an_unknown_username_creates_a_login_without_a_password_and_says_so(team, tmp_path):
    output = run_import(tmp_path, with_usernames(Ana_Ruiz="ana"))

    ana = User.objects.get(username="ana")
    assert Person.objects.get(name="Ana Ruiz").user == ana
    assert not ana.has_usable_password()
    assert (ana.email, ana.is_active, ana.is_staff, ana.groups.count()) == ("ana@example.com", True, False, 0)
    assert "logins created without a password: ana (each signs in with single sign-on" in output
    assert ana.history.get().history_change_reason == "import_workspace"
    assert Person.history.filter(name="Ana Ruiz").first().history_change_reason == "import_workspace"


def test_the_export_writes_the_linked_login_and_a_round_trip_is_byte_identical(team, tmp_path):
    run_import(tmp_path, with_usernames(Ana_Ruiz="ana", Ben_Okafor="ben"))
    exported = dumps_workspace(export_workspace())
    assert '{"name": "Ana Ruiz", "email": "ana@example.com", "username": "ana"}' in exported
    before = stored_state(), User.history.count()

    output = run_import(tmp_path, exported)

    assert dumps_workspace(export_workspace()) == exported
    assert (stored_state(), User.history.count()) == before
    assert "people: 0 created, 0 updated, 7 unchanged" in output


def test_a_file_may_move_a_login_from_one_of_its_people_to_another(team, tmp_path):
    run_import(tmp_path, with_usernames(Ana_Ruiz="ana"))

    run_import(tmp_path, with_usernames(Ana_Ruiz=None, Ben_Okafor="ana"))

    assert (login_of("Ana Ruiz"), login_of("Ben Okafor")) == (None, "ana")


def test_it_refuses_the_login_of_someone_the_file_leaves_as_stored(team, tmp_path):
    ana = User.objects.create_user("ana")
    Person.objects.filter(name="Ana Ruiz").update(user=ana)
    data = with_usernames(Ben_Okafor="ana")
    data["people"] = [row for row in data["people"] if row["name"] != "Ana Ruiz"]

    message = refused(tmp_path, data)

    assert "people[0].username: 'ana' is the login of Ana Ruiz, whom this file leaves as stored" in message


def test_it_refuses_a_username_a_login_cannot_have_and_creates_nothing(team, tmp_path):
    message = refused(tmp_path, with_usernames(Ana_Ruiz="ana ruiz", Ben_Okafor="ben"))

    assert "people[0].username: Enter a valid username." in message
    assert not User.objects.exists()


def test_it_refuses_a_new_username_that_differs_from_a_login_only_in_case(team, tmp_path):
    User.objects.create_user("ana")

    message = refused(tmp_path, with_usernames(Ana_Ruiz="ANA"))

    assert "people[0].username: A login named 'ana' already exists" in message
