"""A person's login on their page (/people/<id>/): Admins create, link, disable, enable or unlink
it in one step; the rep then signs in and lands on /me/; nobody else may; all of it in the history."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from compensation.models import Person

PASSWORD = "correct horse battery staple"


@pytest.fixture
def ana(people_team) -> Person:
    return Person.objects.get(name="Ana Ruiz")  # ana@example.com, a closer with numbers


def act(client, person: Person, action: str, **fields):
    return client.post(f"/people/{person.pk}/login/", {"action": action, **fields})


def login_of(person: Person):
    return Person.objects.select_related("user").get(pk=person.pk).user


def test_an_admin_sees_the_login_panel_with_a_suggested_username(as_admin, ana):
    User.objects.create_user("kim")  # a login of no one's, offered for linking

    page = as_admin.get(f"/people/{ana.pk}/").content.decode()

    assert "Ana Ruiz has no login" in page
    assert 'name="create-username" value="ana"' in page
    assert '<option value="kim">' in page


@pytest.mark.parametrize("who", ["as_manager", "as_board"])
def test_managers_and_the_board_see_no_login_panel(request, who, ana):
    page = request.getfixturevalue(who).get(f"/people/{ana.pk}/").content.decode()

    assert 'id="login"' not in page


def test_an_admin_creates_a_reps_login_in_one_step_and_the_rep_lands_on_me(as_admin, admin, ana):
    response = act(
        as_admin,
        ana,
        "create",
        **{"create-username": "ana", "create-password1": PASSWORD, "create-password2": PASSWORD},
    )

    assert response.status_code == 302 and response["Location"] == f"/people/{ana.pk}/"
    followed = as_admin.get(response["Location"]).content.decode()
    assert "Created the login &#x27;ana&#x27; for Ana Ruiz with the password you typed" in followed
    assert "Ana Ruiz signs in as <strong>ana</strong>" in followed
    user = login_of(ana)
    assert (user.email, user.is_staff, user.groups.count()) == ("ana@example.com", False, 0)
    assert user.history.get().history_user == admin
    assert ana.history.first().history_user == admin
    assert ana.history.first().history_change_reason == "the person's page"

    rep = Client()
    signed_in = rep.post("/login/", {"username": "ana", "password": PASSWORD}, follow=True)
    assert signed_in.redirect_chain[-1][0] == "/me/"
    assert "Ana Ruiz" in signed_in.content.decode()


def test_a_login_created_without_a_password_has_none_and_offers_to_set_one(as_admin, ana):
    act(as_admin, ana, "create", **{"create-username": "ana"})

    user = login_of(ana)
    page = as_admin.get(f"/people/{ana.pk}/").content.decode()
    assert not user.has_usable_password()
    assert f'href="/admin/auth/user/{user.pk}/password/">Set a password' in page
    assert "No password: signs in with single sign-on" in page


def test_an_admin_links_disables_enables_and_unlinks_a_login(as_admin, admin, ana):
    kim = User.objects.create_user("kim", password=PASSWORD)
    rep = Client()
    rep.force_login(kim)

    act(as_admin, ana, "link", **{"link-username": "kim"})
    assert login_of(ana) == kim
    assert rep.get("/me/").status_code == 200

    act(as_admin, ana, "disable")
    assert not User.objects.get(pk=kim.pk).is_active
    assert rep.get("/me/")["Location"].startswith("/login/")  # signed out: a disabled login has no session
    assert "Disabled: cannot sign in" in as_admin.get(f"/people/{ana.pk}/").content.decode()

    act(as_admin, ana, "enable")
    assert User.objects.get(pk=kim.pk).is_active

    response = act(as_admin, ana, "unlink")
    assert login_of(ana) is None
    assert User.objects.filter(pk=kim.pk).exists()
    assert "Unlinked the login &#x27;kim&#x27; of Ana Ruiz." in as_admin.get(response["Location"]).content.decode()
    assert [row.history_user for row in kim.history.all()].count(admin) == 2  # disabled, enabled
    assert [row.user_id for row in ana.history.all()[:2]] == [None, kim.pk]  # unlinked, after linked


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("create", {"create-username": "ben"}, "A login named &#x27;ben&#x27; already exists: link it instead"),
        ("create", {"create-username": "ana", "create-password1": "abc"}, "The two passwords differ."),
        ("link", {"link-username": "nobody"}, "No login is named &#x27;nobody&#x27;: create it instead"),
        ("link", {"link-username": "ben"}, "&#x27;ben&#x27; is already the login of Ben Okafor"),
    ],
)
def test_a_login_that_cannot_be_given_is_refused_on_the_page(as_admin, ana, action, fields, message):
    Person.objects.filter(name="Ben Okafor").update(user=User.objects.create_user("ben"))

    response = act(as_admin, ana, action, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert login_of(ana) is None


def test_a_post_that_says_nothing_is_refused(as_admin, ana):
    assert act(as_admin, ana, "delete").status_code == 400


@pytest.mark.parametrize("who", ["as_manager", "as_board", "as_stranger"])
def test_no_one_but_an_admin_may_touch_a_login(request, who, ana):
    response = act(request.getfixturevalue(who), ana, "create", **{"create-username": "ana"})

    assert response.status_code == 403
    assert login_of(ana) is None


def test_a_rep_may_not_change_their_own_login(client, ana):
    rep = User.objects.create_user("ana")
    Person.objects.filter(pk=ana.pk).update(user=rep)
    client.force_login(rep)

    assert act(client, ana, "unlink").status_code == 403
    assert login_of(ana) == rep
