"""API tokens: made (shown once, only a digest kept), used as `Authorization: Token …`, expired,
revoked by their owner on /account/tokens/ or by an admin, printed by `manage.py
create_api_token`; and every client held to a rate."""

import io
from datetime import timedelta

import pytest
from api_cases import body
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from performance.api.models import ApiToken
from performance.api.tokens import digest, make_token


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_is_kept_only_as_its_digest_and_prefix(manager):
    token, row = make_token(manager, days=30, name="CRM sync")

    assert token.startswith("ote_") and len(token) > 40
    assert row.digest == digest(token) != token
    assert row.prefix == token[:12]
    assert not ApiToken.objects.filter(digest=token).exists()
    assert timedelta(days=29, hours=23) < row.expires_at - timezone.now() <= timedelta(days=30)


def test_a_token_signs_its_user_in_and_notes_when_it_was_used(manager, people_team):
    token, row = make_token(manager)

    response = client_with(token).get("/api/v1/months/")

    assert response.status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Token ote_nope", "Invalid token."),
        ("Token", "Invalid token header. No credentials provided."),
        ("Bearer x", None),  # not ours: as if none was sent
    ],
)
def test_a_wrong_token_is_refused_with_401(db, header, detail):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/months/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    if detail:
        assert body(response)["detail"] == detail


def test_an_expired_token_is_refused(manager):
    token, row = make_token(manager, days=1)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client_with(token).get("/api/v1/months/")

    assert response.status_code == 401
    assert "This token expired on" in body(response)["detail"]


def test_a_disabled_users_token_is_refused(manager):
    token, _ = make_token(manager)
    manager.is_active = False
    manager.save()

    assert client_with(token).get("/api/v1/months/").status_code == 401


def test_a_revoked_token_is_refused(client, manager):
    token, row = make_token(manager)
    client.force_login(manager)

    client.post(f"/account/tokens/{row.pk}/revoke/")

    row.refresh_from_db()
    assert row.state == "revoked"
    assert client_with(token).get("/api/v1/months/").status_code == 401


# --- The owner's page ---------------------------------------------------------------------------


def test_the_page_makes_a_token_shows_it_once_and_lists_it(client, manager):
    client.force_login(manager)

    made = client.post("/account/tokens/", {"name": "Payroll script", "days": "7"})
    later = client.get("/account/tokens/")

    row = ApiToken.objects.get(user=manager)
    token = made.context["new_token"]
    assert digest(token) == row.digest
    assert token in made.content.decode()
    assert token not in later.content.decode()
    assert row.prefix in later.content.decode()
    assert "Payroll script" in later.content.decode()
    assert "no-store" in made["Cache-Control"]


def test_the_page_refuses_a_life_out_of_range(client, manager):
    client.force_login(manager)

    response = client.post("/account/tokens/", {"days": "0"})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_nobody_revokes_anyone_elses_token(client, manager, board_member):
    _, row = make_token(manager)
    client.force_login(board_member)

    response = client.post(f"/account/tokens/{row.pk}/revoke/")

    assert response.status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_a_rep_makes_a_token_too(client, people_team):
    from api_cases import rep_user

    client.force_login(rep_user("Ana Ruiz"))

    assert client.post("/account/tokens/", {"days": "30"}).status_code == 200
    assert ApiToken.objects.filter(user__username="ana").count() == 1


def test_an_admin_lists_and_revokes_tokens_in_the_admin(client, admin, manager):
    _, row = make_token(manager, name="CRM sync")
    client.force_login(admin)

    listed = client.get("/admin/api/apitoken/")
    client.post("/admin/api/apitoken/", {"action": "revoke_tokens", "_selected_action": [row.pk]})

    assert listed.status_code == 200
    assert "CRM sync" in listed.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert client.get("/admin/api/apitoken/add/").status_code == 403


# --- The command ------------------------------------------------------------------------------


def test_the_command_prints_a_new_token(manager):
    out, err = io.StringIO(), io.StringIO()

    call_command("create_api_token", manager.username, "--days", "3", stdout=out, stderr=err)

    token = out.getvalue().strip()
    row = ApiToken.objects.get(digest=digest(token))
    assert row.user == manager
    assert "it is not shown again" in err.getvalue()
    assert timedelta(days=2) < row.expires_at - timezone.now() <= timedelta(days=3)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["nobody"], "No user is called 'nobody'."), (["max_manager", "--days", "0"], "--days: a token lasts from 1 to")],
)
def test_the_command_refuses_what_it_cannot_do(manager, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *args, stdout=io.StringIO(), stderr=io.StringIO())


# --- Throttling ---------------------------------------------------------------------------------


def test_throttling_is_on_for_users_and_anonymous_clients():
    from django.conf import settings

    framework = settings.REST_FRAMEWORK
    assert framework["DEFAULT_THROTTLE_CLASSES"] == [
        "performance.api.throttling.AnonThrottle",
        "performance.api.throttling.UserThrottle",
    ]
    assert set(framework["DEFAULT_THROTTLE_RATES"]) == {"anon", "user"}


@pytest.fixture
def counts_cleared():
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


def test_a_client_over_its_rate_gets_429_and_when_to_come_back(settings, manager, counts_cleared):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }
    token, _ = make_token(manager)
    user, anonymous = client_with(token), APIClient()

    users = [user.get("/api/v1/roles/").status_code for _ in range(4)]
    anonymous_ones = [anonymous.get("/api/v1/roles/").status_code for _ in range(3)]

    assert users == [200, 200, 200, 429]
    assert anonymous_ones == [401, 401, 429]
    assert int(user.get("/api/v1/roles/")["Retry-After"]) > 0
