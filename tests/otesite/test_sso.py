"""Single sign-on against a real OpenID provider the suite starts on loopback (tests/oidc/): the
authorization request, the code exchanged for tokens, the ID token's RS256 signature and nonce
checked, and who gets in: a verified e-mail of a login, or of a person (who gets a rep login);
anyone else is refused with a page saying why, and never given an account."""

import jwt
import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest
from oidc.running import sign_in_at_provider, start_provider

from compensation.models import Person
from otesite import sso

SERVER = "http://testserver"


@pytest.fixture(scope="session")
def provider():
    running = start_provider(f"{SERVER}/oidc/callback/")
    yield running
    running.stop()


@pytest.fixture
def sso_on(settings, provider, db):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_PROVIDER_NAME = "Acme sign-in"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "otesite.sso.CompanyBackend"]
    sso._discovered.clear()
    return provider


@pytest.fixture
def sso_only(settings, sso_on):
    settings.OIDC_ONLY = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "otesite.sso.PasswordlessBackend",
        "otesite.sso.CompanyBackend",
    ]
    return sso_on


def started(client, next_page: str = "") -> str:
    """Press "Sign in with ...": the authorization URL at the provider."""
    response = client.get("/oidc/authenticate/" + (f"?next={next_page}" if next_page else ""))
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, email: str, next_page: str = ""):
    """The whole code flow, as a browser would go through it; otesite's answer to the callback."""
    back = sign_in_at_provider(started(client, next_page), email, back_to=f"{SERVER}/")
    return client.get(back.removeprefix(SERVER))


def signed_in_as(client) -> str | None:
    response = client.get("/me/")
    return None if response.status_code == 302 else response.wsgi_request.user.get_username()


def test_without_the_variables_there_is_no_single_sign_on(client, db):
    page = client.get("/login/").content.decode()

    assert "Sign in with" not in page
    assert 'name="password"' in page
    assert client.get("/oidc/authenticate/").status_code == 404


def test_the_login_page_offers_single_sign_on_beside_the_password(client, sso_on):
    page = client.get("/login/?next=/people/").content.decode()

    assert 'href="/oidc/authenticate/?next=/people/">Sign in with Acme sign-in</a>' in page
    assert 'name="password"' in page


def test_the_authorization_request_carries_a_state_a_nonce_and_a_pkce_challenge(client, sso_on):
    location = started(client)

    assert location.startswith(f"{sso_on.issuer}/authorize?")
    for part in (
        "response_type=code",
        "scope=openid+email",
        f"client_id={sso_on.client_id}",
        "code_challenge_method=S256",
    ):
        assert part in location
    (state,) = client.session["oidc_states"]
    assert f"state={state}" in location
    assert f"nonce={client.session['oidc_states'][state]['nonce']}" in location


def test_a_person_signing_in_for_the_first_time_gets_a_rep_login_and_lands_on_their_page(client, sso_on, groups):
    grace = Person.objects.create(name="Grace Liu", email="Grace.Liu@example.com")

    response = sign_in(client, "grace.liu@example.com")

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/")["Location"] == "/me/"
    user = Person.objects.get(pk=grace.pk).user
    assert (user.username, user.is_active, user.groups.count()) == ("grace.liu", True, 0)
    assert not user.has_usable_password()
    assert user.history.get().history_change_reason == "signed in with single sign-on"
    assert signed_in_as(client) == "grace.liu"


def test_a_login_is_found_by_its_verified_email_and_the_next_page_kept(client, sso_on, admin):
    User.objects.filter(pk=admin.pk).update(email="ADMIN@example.com")
    logins = User.objects.count()

    response = sign_in(client, "admin@example.com", next_page="/people/")

    assert response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert User.objects.count() == logins


def test_a_persons_linked_login_is_theirs_whatever_its_own_email(client, sso_on, groups):
    ana = User.objects.create_user("ana")
    Person.objects.create(name="Ana Ruiz", email="ana.ruiz@example.com", user=ana)

    sign_in(client, "ana.ruiz@example.com")

    assert signed_in_as(client) == "ana"


def test_the_id_token_is_checked_as_rs256_against_the_providers_keys(client, sso_on, groups, monkeypatch):
    Person.objects.create(name="Grace Liu", email="grace.liu@example.com")
    seen = []
    verify = sso.CompanyBackend.verify_token

    def spy(self, token, **kwargs):
        seen.append((jwt.get_unverified_header(token), kwargs.get("nonce")))
        return verify(self, token, **kwargs)

    monkeypatch.setattr(sso.CompanyBackend, "verify_token", spy)
    start = started(client)
    (state,) = client.session["oidc_states"]
    nonce = client.session["oidc_states"][state]["nonce"]
    client.get(sign_in_at_provider(start, "grace.liu@example.com", back_to=SERVER).removeprefix(SERVER))

    ((header, checked_nonce),) = seen
    assert header["alg"] == "RS256" and header["kid"]
    assert checked_nonce == nonce
    assert signed_in_as(client) == "grace.liu"


def test_an_id_token_with_another_nonce_is_refused(client, sso_on, groups):
    Person.objects.create(name="Grace Liu", email="grace.liu@example.com")
    start = started(client)
    session = client.session
    (state,) = session["oidc_states"]
    session["oidc_states"][state]["nonce"] = "not-the-one-sent"
    session.save()

    response = client.get(sign_in_at_provider(start, "grace.liu@example.com", back_to=SERVER).removeprefix(SERVER))

    assert response.status_code == 403
    assert "did not check out" in response.content.decode()
    assert not User.objects.filter(username="grace.liu").exists()
    assert signed_in_as(client) is None


def test_the_answer_cannot_be_used_twice(client, sso_on, groups):
    Person.objects.create(name="Grace Liu", email="grace.liu@example.com")
    back = sign_in_at_provider(started(client), "grace.liu@example.com", back_to=SERVER).removeprefix(SERVER)
    client.get(back)
    client.post("/logout/")

    again = client.get(back)

    assert again.status_code == 403  # its state went with the session
    assert "The sign-in took too long or was started elsewhere. Try again." in again.content.decode()
    assert signed_in_as(client) is None


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("stranger@example.com", "Nobody here has the e-mail stranger@example.com, so there is no account for you."),
        ("unverified@example.com", "has not verified the e-mail unverified@example.com"),
    ],
)
def test_an_unknown_or_unverified_email_is_refused_and_given_no_account(client, sso_on, groups, email, reason):
    Person.objects.create(name="Una Verified", email="unverified@example.com")
    logins = User.objects.count()

    response = sign_in(client, email)

    assert response.status_code == 403
    assert reason in response.content.decode()
    assert User.objects.count() == logins
    assert signed_in_as(client) is None


def test_a_disabled_login_is_refused_and_an_sso_session_ends_when_its_login_is_disabled(client, sso_on, groups):
    ana = User.objects.create_user("ana", email="ana.ruiz@example.com")
    Person.objects.create(name="Ana Ruiz", user=ana)
    sign_in(client, "ana.ruiz@example.com")
    assert signed_in_as(client) == "ana"

    User.objects.filter(pk=ana.pk).update(is_active=False)

    assert signed_in_as(client) is None
    response = sign_in(client, "ana.ruiz@example.com")
    assert response.status_code == 403
    assert "Your login here (ana) is disabled. Ask an admin to enable it." in response.content.decode()


def test_with_oidc_only_the_login_page_offers_only_sso_and_refuses_passwords(client, sso_only, manager):
    page = client.get("/login/").content.decode()
    refused = client.post("/login/", {"username": manager.username, "password": "correct horse battery staple"})
    admin_login = client.get("/admin/login/?next=/admin/")

    assert "Sign in with Acme sign-in" in page and 'name="password"' not in page
    assert refused.status_code == 403
    assert "Passwords are turned off here: sign in with single sign-on." in refused.content.decode()
    assert not client.login(request=HttpRequest(), username=manager.username, password="correct horse battery staple")
    assert admin_login["Location"] == "/login/?next=/admin/"
    assert signed_in_as(client) is None


def test_with_oidc_only_sso_still_signs_people_in_with_their_permissions(client, sso_only, manager):
    User.objects.filter(pk=manager.pk).update(email="admin@example.com")  # the provider's account

    sign_in(client, "admin@example.com")

    assert client.get("/people/").status_code == 200  # a manager's permission, through ModelBackend's code


def test_the_provider_unreachable_is_a_clear_page(client, sso_on, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/openid/.well-known/openid-configuration"
    sso._discovered.clear()

    response = client.get("/oidc/authenticate/")

    assert response.status_code == 503
    assert "cannot be reached just now" in response.content.decode()


def test_refused_sign_ins_do_not_lock_the_address_out_of_single_sign_on(client, sso_on, groups, settings):
    Person.objects.create(name="Grace Liu", email="grace.liu@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert sign_in(client, "stranger@example.com").status_code == 403

    sign_in(client, "grace.liu@example.com")

    assert signed_in_as(client) == "grace.liu"


def test_wrong_passwords_still_lock_a_username_out_with_single_sign_on_on(client, sso_on, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": manager.username, "password": "wrong"})

    locked = client.post("/login/", {"username": manager.username, "password": "correct horse battery staple"})

    assert locked.status_code == 429
