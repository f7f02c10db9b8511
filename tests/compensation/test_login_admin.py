"""Logins in the admin: Admins add and change logins and their groups, and manage a person's login
from the person's page in one step; only a superuser makes a superuser; every change is in the history."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from compensation.models import Person

PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(db) -> Person:
    return Person.objects.create(name="Ana Ruiz", email="ana.ruiz@example.com")


def person_form(person: Person, **changes) -> dict:
    data = {
        "name": person.name,
        "email": person.email,
        "user": person.user_id or "",
        "login_active": "on" if person.user is None or person.user.is_active else "",
        "new_username": "",
        "password1": "",
        "password2": "",
        "change_reason": "",
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
    }
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


def save_person(client, person: Person, **changes):
    url = reverse("admin:compensation_person_change", args=[person.pk])
    return client.post(url, person_form(person, **changes))


def fresh(person: Person) -> Person:
    return Person.objects.select_related("user").get(pk=person.pk)


# --- Logins and their groups ------------------------------------------------------------------


def test_an_admin_adds_a_login_and_gives_it_a_group(as_admin, admin):
    assert as_admin.get("/admin/auth/user/add/").status_code == 200

    response = as_admin.post(
        "/admin/auth/user/add/",
        {"username": "mia", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD},
    )
    mia = User.objects.get(username="mia")
    assert response.status_code == 302
    managers = Group.objects.get(name="Managers")
    change = as_admin.get(f"/admin/auth/user/{mia.pk}/change/")
    form = {
        "username": "mia",
        "email": "mia@example.com",
        "is_active": "on",
        "groups": [managers.pk],
        "is_superuser": "on",  # not on the form of a non-superuser: ignored
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    as_admin.post(f"/admin/auth/user/{mia.pk}/change/", form)

    mia.refresh_from_db()
    assert list(mia.groups.all()) == [managers]
    assert not mia.is_superuser
    assert 'name="is_superuser"' not in change.content.decode()
    assert 'name="user_permissions"' not in change.content.decode()
    assert mia.history.filter(history_user=admin).count() >= 2  # created, then given a group
    assert "password" not in {field.name for field in User.history.model._meta.fields}


def test_a_superuser_sees_and_grants_superuser_status(client, db):
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    mia = User.objects.create_user("mia")

    assert 'name="is_superuser"' in client.get(f"/admin/auth/user/{mia.pk}/change/").content.decode()


def test_a_superusers_login_is_read_only_for_an_admin(as_admin):
    root = User.objects.create_superuser("root", password=PASSWORD)

    changed = as_admin.post(f"/admin/auth/user/{root.pk}/password/", {"password1": "x" * 20, "password2": "x" * 20})
    brought_back = as_admin.get(f"/admin/auth/user/{root.pk}/history/{root.history.first().pk}/")

    assert changed.status_code == 403
    assert brought_back.status_code == 403
    assert User.objects.get(pk=root.pk).check_password(PASSWORD)


def test_managers_cannot_open_the_logins(as_manager):
    assert as_manager.get("/admin/auth/user/add/").status_code == 302  # to the admin's login: not staff


# --- A person's login, from the person's admin page -------------------------------------------


def test_an_admin_creates_a_persons_login_in_one_step_and_the_rep_signs_in(as_admin, admin, person):
    page = as_admin.get(reverse("admin:compensation_person_change", args=[person.pk])).content.decode()
    assert 'placeholder="ana.ruiz"' in page  # suggested from the e-mail

    response = save_person(as_admin, person, new_username="ana.ruiz", password1=PASSWORD, password2=PASSWORD)

    assert response.status_code == 302, response.content.decode()
    user = fresh(person).user
    assert (user.username, user.email, user.is_active, user.groups.count()) == (
        "ana.ruiz",
        "ana.ruiz@example.com",
        True,
        0,
    )
    assert user.history.get().history_user == admin
    assert Person.history.filter(id=person.pk, user=user).first().history_user == admin
    rep = Client()
    assert rep.post("/login/", {"username": "ana.ruiz", "password": PASSWORD}).status_code == 302
    assert rep.get("/", follow=True).redirect_chain[-1][0] == "/me/"


def test_a_login_created_without_a_password_offers_to_set_one(as_admin, person):
    save_person(as_admin, person, new_username="ana")

    user = fresh(person).user
    page = as_admin.get(reverse("admin:compensation_person_change", args=[person.pk])).content.decode()
    assert not user.has_usable_password()
    assert reverse("admin:auth_user_password_change", args=[user.pk]) in page


def test_an_admin_links_disables_and_unlinks_a_login(as_admin, admin, person):
    ana = User.objects.create_user("ana", password=PASSWORD)

    save_person(as_admin, person, user=ana.pk)
    assert fresh(person).user == ana

    save_person(as_admin, fresh(person), login_active="")
    assert not User.objects.get(pk=ana.pk).is_active

    save_person(as_admin, fresh(person), login_active="on")
    assert User.objects.get(pk=ana.pk).is_active

    save_person(as_admin, fresh(person), user="")
    assert fresh(person).user is None
    assert User.objects.filter(pk=ana.pk).exists()  # the login stays: unlinked, not deleted
    reasons = [row.history_user for row in User.history.filter(id=ana.pk)]
    assert reasons.count(admin) == 2  # disabled, enabled


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"user": "OTHER"}, "&#x27;ben&#x27; is already the login of Ben Okafor: unlink it there first."),
        ({"new_username": "ben"}, "A login named &#x27;ben&#x27; already exists: link it instead"),
        ({"new_username": "ana ruiz"}, "Enter a valid username."),
        ({"new_username": "ana", "user": "FREE"}, "Link an existing login or create a new one, not both."),
        ({"new_username": "ana", "password1": "abc", "password2": "abd"}, "The two passwords differ."),
        ({"new_username": "ana", "password1": "password", "password2": "password"}, "This password is too common."),
    ],
)
def test_the_person_page_refuses_a_login_it_cannot_give(as_admin, person, changes, message):
    ben, free = User.objects.create_user("ben"), User.objects.create_user("cleo")
    Person.objects.create(name="Ben Okafor", user=ben)
    changes = {key: {"OTHER": ben.pk, "FREE": free.pk}.get(value, value) for key, value in changes.items()}

    response = save_person(as_admin, person, **changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert fresh(person).user is None


def test_an_admin_cannot_disable_a_superusers_login(as_admin, person):
    root = User.objects.create_superuser("root", password=PASSWORD)
    Person.objects.filter(pk=person.pk).update(user=root)

    response = save_person(as_admin, fresh(person), login_active="")

    assert "a superuser&#x27;s login: only a superuser may change it" in response.content.decode()
    assert User.objects.get(pk=root.pk).is_active


def test_signing_in_leaves_no_history_row(client, person):
    ana = User.objects.create_user("ana", password=PASSWORD)
    rows = ana.history.count()

    client.post("/login/", {"username": "ana", "password": PASSWORD})

    assert User.objects.get(pk=ana.pk).last_login is not None
    assert ana.history.count() == rows
