"""Login everywhere, the right people on the right pages, and the headers a browser needs.

Two tables cover every view: the URL walk finds each URL pattern by itself, and the permission
matrix must have a row for each of our views (a test fails, naming it, when one is missing).
"""

import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

import pytest
from conftest import REPO
from django.contrib import admin as django_admin
from django.test import Client
from django.urls import resolve, reverse
from urlwalk import all_urls

from compensation.models import Assignment, Person, QuotaPlan, Role, Scenario
from otesite import permissions
from performance.models import PersonActual

PASSWORD = "correct horse battery staple"  # the conftest users' password

# --- Anonymous visitors are sent to login --------------------------------------------------

# Reachable without logging in, and what they answer. Everything else must redirect to login.
PUBLIC = {"healthz": 200, "login": 200, "admin:login": 200, "sso_start": 404, "sso_callback": 404}  # SSO: off here
# The API asks for a token, not a login page: without one, 401 and how to send one.
API_PATHS = ("/api/v1/", "/api/schema/")


@pytest.mark.parametrize("url", all_urls(), ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_is_sent_to_login(client, db, url, method):
    response = getattr(client, method)(url.path)

    if url.view_name in PUBLIC:
        assert response.status_code in (PUBLIC[url.view_name], 405)
    elif url.path.startswith(API_PATHS):
        assert response.status_code == 401, url.view_name
        assert response["WWW-Authenticate"] == "Token"
    else:
        # The admin's own pages (index, app lists) send visitors to the admin's login form.
        logins = (
            [reverse("login"), reverse("admin:login")] if url.view_name.startswith("admin:") else [reverse("login")]
        )
        assert response.status_code == 302, url.view_name
        assert response["Location"] in [f"{login}?next={url.path}" for login in logins]


def test_the_walk_finds_every_part_of_the_site():
    names = {url.view_name for url in all_urls()}

    assert {"home", "login", "logout", "healthz", "admin:index", "admin:compensation_quotaplan_change"} <= names


# --- Permission matrix ----------------------------------------------------------------------


class Outcome(Enum):
    OK = "200"
    LOGIN = "redirect to /login/"
    ADMIN_LOGIN = "redirect to /admin/login/"
    REDIRECT = "redirect elsewhere"
    DENIED = "403 page"
    NOT_ALLOWED = "405"
    BAD_REQUEST = "400 (the request reached the view, which refused its data)"
    NOT_FOUND = "404"
    UNAUTHORIZED = "401 from the API: no token"
    API_DENIED = "403 from the API, saying there is no access"
    NOT_JSON = "415 from the API: it takes JSON (the request reached the view)"

    def check(self, response) -> bool:
        location = response.get("Location", "")
        return {
            Outcome.OK: lambda: response.status_code == 200,
            Outcome.LOGIN: lambda: response.status_code == 302 and location.startswith("/login/?next="),
            Outcome.ADMIN_LOGIN: lambda: response.status_code == 302 and location.startswith("/admin/login/?next="),
            Outcome.REDIRECT: lambda: response.status_code == 302 and "login/?next=" not in location,
            Outcome.DENIED: lambda: response.status_code == 403 and b"have access" in response.content,
            Outcome.NOT_ALLOWED: lambda: response.status_code == 405,
            Outcome.BAD_REQUEST: lambda: response.status_code == 400,
            Outcome.NOT_FOUND: lambda: response.status_code == 404,
            Outcome.UNAUTHORIZED: lambda: response.status_code == 401 and response["WWW-Authenticate"] == "Token",
            Outcome.API_DENIED: lambda: response.status_code == 403 and b"no access" in response.content,
            Outcome.NOT_JSON: lambda: response.status_code == 415,
        }[self]()


OK, LOGIN, ADMIN_LOGIN, REDIRECT, DENIED, NOT_ALLOWED, BAD_REQUEST, NOT_FOUND, UNAUTHORIZED, API_DENIED, NOT_JSON = (
    Outcome
)
NO, GONE = UNAUTHORIZED, API_DENIED  # short, for the API's rows below
USERS = ["anonymous", "stranger", "board", "manager", "admin"]


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # may use {month}: the latest month of the example agency, "2026-03"; {scenario}: a saved one; {person}
    anonymous: Outcome
    stranger: Outcome
    board: Outcome
    manager: Outcome
    admin: Outcome


def _admin_rows() -> list[Row]:
    """Our models' admin pages: staff only, so everyone else is sent to the admin's login."""
    rows = [Row("GET", "/admin/", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK)]
    for model in django_admin.site._registry:
        if model._meta.app_label in ("compensation", "performance"):
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            rows.append(Row("GET", changelist, LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK))
            rows.append(Row("GET", f"{changelist}add/", LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK))
    return rows


# One line per view and method. Every view of ours needs a GET and a POST row (see below).
# The permission comes first: without it, the 403 page whatever the method (a stranger learns
# nothing of which methods a view takes); with it, a wrong method is a 405.
MATRIX = [
    #   method  path            anonymous stranger     board        manager      admin
    Row("GET",  "/healthz",     OK,       OK,          OK,          OK,          OK),
    Row("POST", "/healthz",     NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/login/",      OK,       REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    Row("POST", "/login/",      OK,       REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    Row("GET",  "/logout/",     LOGIN,    NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/logout/",     LOGIN,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    # Single sign-on: public, and not there unless configured (tests/otesite/test_sso.py turns it on).
    Row("GET",  "/oidc/authenticate/", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    Row("POST", "/oidc/authenticate/", NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/oidc/callback/", NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    Row("POST", "/oidc/callback/", NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/",            LOGIN,    DENIED,      REDIRECT,    REDIRECT,    REDIRECT),
    Row("POST", "/",            LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/performance/{month}/", LOGIN, DENIED, OK,         OK,          OK),
    Row("POST", "/performance/{month}/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/performance/?month={month}", LOGIN, DENIED, REDIRECT, REDIRECT, REDIRECT),
    Row("POST", "/performance/", LOGIN,   DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/plans/",      LOGIN,    DENIED,      OK,          OK,          OK),
    Row("POST", "/plans/",      LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/plans/preview/", LOGIN, DENIED,      OK,          OK,          OK),
    Row("POST", "/plans/preview/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/plans/history/", LOGIN, DENIED,      OK,          DENIED,      OK),
    Row("POST", "/plans/history/", LOGIN, DENIED,      NOT_ALLOWED, DENIED,      NOT_ALLOWED),
    Row("GET",  "/performance/latest/", LOGIN, DENIED, REDIRECT,    REDIRECT,    REDIRECT),
    Row("POST", "/performance/latest/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/performance/trends/", LOGIN, DENIED, OK,          OK,          OK),
    Row("POST", "/performance/trends/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/performance/metrics.csv", LOGIN, DENIED, OK,      OK,          OK),
    Row("POST", "/performance/metrics.csv", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/board/",      LOGIN,    DENIED,      OK,          OK,          OK),
    Row("POST", "/board/",      LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/board/?month={month}&from=2026-01&to={month}", LOGIN, DENIED, OK, OK, OK),
    Row("GET",  "/board/?month=2031-01", LOGIN, DENIED, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST),
    # Entering actuals: managers and admins only.
    Row("GET",  "/actuals/",    LOGIN,    DENIED,      DENIED,      REDIRECT,    REDIRECT),
    Row("POST", "/actuals/",    LOGIN,    DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/actuals/{month}/", LOGIN, DENIED,    DENIED,      OK,          OK),
    Row("POST", "/actuals/{month}/", LOGIN, DENIED,    DENIED,      BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/actuals/{month}/check/", LOGIN, DENIED, DENIED,   BAD_REQUEST, BAD_REQUEST),
    Row("POST", "/actuals/{month}/check/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/actuals/{month}/preview/", LOGIN, DENIED, DENIED, OK,          OK),
    Row("POST", "/actuals/{month}/preview/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/actuals/import/", LOGIN, DENIED,     DENIED,      OK,          OK),
    Row("POST", "/actuals/import/", LOGIN, DENIED,     DENIED,      BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/actuals/import/confirm/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/actuals/import/confirm/", LOGIN, DENIED, DENIED,  REDIRECT,    REDIRECT),
    Row("GET",  "/actuals/import/template.csv", LOGIN, DENIED, DENIED, OK,       OK),
    Row("POST", "/actuals/import/template.csv", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/actuals/import/people-template.csv", LOGIN, DENIED, DENIED, OK, OK),
    Row("POST", "/actuals/import/people-template.csv", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/deals/import/", LOGIN, DENIED,     DENIED,      OK,          OK),
    Row("POST", "/deals/import/", LOGIN, DENIED,     DENIED,      BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/deals/import/confirm/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/deals/import/confirm/", LOGIN, DENIED, DENIED,  REDIRECT,    REDIRECT),
    # What-if: everyone who views plans tries scenarios; Managers and Admins save, list, open and
    # compare them; Admins apply one's plan changes as plan versions.
    Row("GET",  "/what-if/?month={month}", LOGIN, DENIED, OK,       OK,          OK),
    Row("POST", "/what-if/",    LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/what-if/save/", LOGIN,  DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/what-if/save/", LOGIN,  DENIED,      DENIED,      BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/what-if/scenarios/", LOGIN, DENIED,  DENIED,      OK,          OK),
    Row("POST", "/what-if/scenarios/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/what-if/scenarios/compare/", LOGIN, DENIED, DENIED, BAD_REQUEST, BAD_REQUEST),
    Row("POST", "/what-if/scenarios/compare/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/what-if/scenarios/{scenario}/", LOGIN, DENIED, DENIED, OK,     OK),
    Row("POST", "/what-if/scenarios/{scenario}/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/what-if/scenarios/{scenario}/apply/", LOGIN, DENIED,      DENIED,      DENIED,      NOT_ALLOWED),
    Row("POST", "/what-if/scenarios/{scenario}/apply/", LOGIN, DENIED, DENIED, DENIED, BAD_REQUEST),
    # People: leaderboards (ranks, no pay) and person pages, for everyone who views the dashboard.
    Row("GET",  "/leaderboard/", LOGIN,   DENIED,      REDIRECT,    REDIRECT,    REDIRECT),
    Row("POST", "/leaderboard/", LOGIN,   DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/leaderboard/?from=2026-01&to={month}", LOGIN, DENIED, OK, OK,   OK),
    Row("GET",  "/leaderboard/{month}/", LOGIN, DENIED, OK,         OK,          OK),
    Row("POST", "/leaderboard/{month}/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/people/",     LOGIN,    DENIED,      OK,          OK,          OK),
    Row("POST", "/people/",     LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/people/{person}/", LOGIN, DENIED,    OK,          OK,          OK),
    Row("POST", "/people/{person}/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # A person's login: Admins only (a POST that names no action is refused).
    Row("GET",  "/people/{person}/login/", LOGIN, DENIED, DENIED, DENIED, NOT_ALLOWED),
    Row("POST", "/people/{person}/login/", LOGIN, DENIED, DENIED, DENIED, BAD_REQUEST),
    # Closing a month: Managers review, Admins approve and reopen (a POST without an action is refused).
    Row("GET",  "/performance/{month}/close/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/performance/{month}/close/", LOGIN, DENIED, DENIED, BAD_REQUEST, BAD_REQUEST),
    # Statements and payroll: Managers and Admins; a rep only their own (tests/test_statements.py).
    Row("GET",  "/statements/{month}/", LOGIN, DENIED,  DENIED,      OK,          OK),
    Row("POST", "/statements/{month}/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/statements/{month}/{person}/", LOGIN, DENIED, DENIED, OK,      OK),
    Row("POST", "/statements/{month}/{person}/", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/statements/{month}/payroll.csv", LOGIN, DENIED, DENIED, OK,    OK),
    Row("POST", "/statements/{month}/payroll.csv", LOGIN, DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    # E-mailing a month's statements: Managers and Admins (2026-03 is not approved: a message says so).
    Row("GET",  "/statements/{month}/send/", LOGIN, DENIED, DENIED, NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/statements/{month}/send/", LOGIN, DENIED, DENIED, REDIRECT,    REDIRECT),
    # Signing off a statement: only a rep, their own (tests/performance/web/test_sign_off.py).
    Row("GET",  "/statements/{month}/{person}/acknowledge/", LOGIN, DENIED, DENIED, DENIED, DENIED),
    Row("POST", "/statements/{month}/{person}/acknowledge/", LOGIN, DENIED, DENIED, DENIED, DENIED),
    Row("GET",  "/statements/{month}/{person}/dispute/", LOGIN, DENIED, DENIED, DENIED, DENIED),
    Row("POST", "/statements/{month}/{person}/dispute/", LOGIN, DENIED, DENIED, DENIED, DENIED),
    # Disputes: Managers and Admins see them; Admins resolve them (an empty form: a message says why).
    Row("GET",  "/disputes/",   LOGIN,    DENIED,      DENIED,      OK,          OK),
    Row("POST", "/disputes/",   LOGIN,    DENIED,      DENIED,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/disputes/1/resolve/", LOGIN, DENIED, DENIED,      DENIED,      NOT_ALLOWED),
    Row("POST", "/disputes/1/resolve/", LOGIN, DENIED, DENIED,      DENIED,      REDIRECT),
    # Deals: everyone who views everything sees them (a rep is sent to /me/); Managers and Admins
    # add, correct and cancel them (no deal 1 here: 404 once let in; an empty form is refused).
    Row("GET",  "/deals/",      LOGIN,    DENIED,      REDIRECT,    REDIRECT,    REDIRECT),
    Row("POST", "/deals/",      LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/deals/{month}/", LOGIN, DENIED,      OK,          OK,          OK),
    Row("POST", "/deals/{month}/", LOGIN, DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/deals/new/",  LOGIN,    DENIED,      DENIED,      OK,          OK),
    Row("POST", "/deals/new/",  LOGIN,    DENIED,      DENIED,      BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/deals/1/edit/", LOGIN,  DENIED,      DENIED,      NOT_FOUND,   NOT_FOUND),
    Row("POST", "/deals/1/edit/", LOGIN,  DENIED,      DENIED,      NOT_FOUND,   NOT_FOUND),
    Row("GET",  "/deals/1/cancel/", LOGIN, DENIED,     DENIED,      NOT_FOUND,   NOT_FOUND),
    Row("POST", "/deals/1/cancel/", LOGIN, DENIED,     DENIED,      NOT_FOUND,   NOT_FOUND),
    # A rep's own page: users whose login is linked to a person; those who see the dashboard
    # without one (none of these has one) are told why it is empty.
    Row("GET",  "/me/",         LOGIN,    DENIED,      OK,          OK,          OK),
    Row("POST", "/me/",         LOGIN,    DENIED,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # The API (performance/api/): the screens' permissions; a session works as a token does (the
    # walk logs in); a POST of a form rather than JSON is refused once it is let in (415).
    Row("GET",  "/api/v1/months/", NO,    GONE,        OK,          OK,          OK),
    Row("POST", "/api/v1/months/", NO,    GONE,        NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/months/{month}/metrics/", NO, GONE, OK,    OK,          OK),
    Row("POST", "/api/v1/months/{month}/metrics/", NO, GONE, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/months/{month}/close/", NO, GONE, OK,      OK,          OK),
    Row("POST", "/api/v1/months/{month}/close/", NO, GONE, GONE,    NOT_JSON,    NOT_JSON),
    Row("GET",  "/api/v1/roles/", NO,     GONE,        OK,          OK,          OK),
    Row("POST", "/api/v1/roles/", NO,     GONE,        NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/plans/", NO,     GONE,        OK,          OK,          OK),
    Row("POST", "/api/v1/plans/", NO,     GONE,        NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/people/", NO,    GONE,        OK,          OK,          OK),
    Row("POST", "/api/v1/people/", NO,    GONE,        NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/assignments/", NO, GONE,      OK,          OK,          OK),
    Row("POST", "/api/v1/assignments/", NO, GONE,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/deals/", NO,     GONE,        OK,          OK,          OK),
    Row("POST", "/api/v1/deals/", NO,     GONE,        GONE,        NOT_JSON,    NOT_JSON),
    Row("GET",  "/api/v1/actuals/", NO,   GONE,        GONE,        NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/api/v1/actuals/", NO,   GONE,        GONE,        NOT_JSON,    NOT_JSON),
    Row("GET",  "/api/v1/person-actuals/", NO, GONE,   GONE,        NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/api/v1/person-actuals/", NO, GONE,   GONE,        NOT_JSON,    NOT_JSON),
    Row("GET",  "/api/v1/statements/{month}/", NO, GONE, GONE,      OK,          OK),
    Row("POST", "/api/v1/statements/{month}/", NO, GONE, GONE,      NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/statements/{month}/{person}/", NO, GONE, GONE, OK,      OK),
    Row("POST", "/api/v1/statements/{month}/{person}/", NO, GONE, GONE, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/v1/payroll/{month}/", NO, GONE,  GONE,        OK,          OK),
    Row("POST", "/api/v1/payroll/{month}/", NO, GONE,  GONE,        NOT_ALLOWED, NOT_ALLOWED),
    # The API's description: any login or token (it holds no data); its docs are a page.
    Row("GET",  "/api/schema/", NO,       OK,          OK,          OK,          OK),
    Row("POST", "/api/schema/", NO,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("GET",  "/api/docs/",   LOGIN,    OK,          OK,          OK,          OK),
    Row("POST", "/api/docs/",   LOGIN,    NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # Each user's own API tokens (an empty form is refused; nobody has token 1 here).
    Row("GET",  "/account/tokens/", LOGIN, OK,         OK,          OK,          OK),
    Row("POST", "/account/tokens/", LOGIN, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST),
    Row("GET",  "/account/tokens/1/revoke/", LOGIN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    Row("POST", "/account/tokens/1/revoke/", LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    Row("GET",  "/admin/api/apitoken/", LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK),
    *_admin_rows(),
]  # fmt: skip


@pytest.fixture
def client_as(client, stranger, board_member, manager, admin) -> Callable[[str], Client]:
    users = {"stranger": stranger, "board": board_member, "manager": manager, "admin": admin}

    def as_user(who: str) -> Client:
        if who != "anonymous":
            client.force_login(users[who])
        return client

    return as_user


@pytest.fixture
def saved_scenario(example_agency) -> Scenario:
    return Scenario.objects.create(name="Matrix", month=date(2026, 3, 1), changes=["close_rate=0.3"])


@pytest.fixture
def a_person(example_agency) -> Person:
    """Someone with a page and a statement in 2026-03: a partner kept person by person."""
    partners = Role.objects.create(name="Partners", kind="closer")
    QuotaPlan.objects.create(
        role=partners, effective_from=date(2026, 1, 1), annual_ote=60000, monthly_quota=2, commission_rate="0.1"
    )
    person = Person.objects.create(name="Pat Partner")
    Assignment.objects.create(person=person, role=partners, start=date(2026, 1, 1))
    PersonActual.objects.create(person=person, month=date(2026, 3, 1), units=2)
    return person


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("row", MATRIX, ids=lambda row: f"{row.method} {row.path}")
def test_each_user_gets_what_the_matrix_says(client_as, example_agency, saved_scenario, a_person, row, who):
    path = row.path.format(month="2026-03", scenario=saved_scenario.pk, person=a_person.pk)

    response = getattr(client_as(who), row.method.lower())(path)

    expected = getattr(row, who)
    assert expected.check(response), f"{who} {row.method} {path}: expected {expected.value}, got {response.status_code}"


def test_the_matrix_has_a_get_and_a_post_row_for_every_view_of_ours():
    covered = {
        (resolve(row.path.format(month="2026-03", scenario=1, person=1).split("?")[0]).view_name, row.method)
        for row in MATRIX
    }
    ours = {url.view_name for url in all_urls() if not url.view_name.startswith("admin:")}

    missing = sorted(f"{method} {name}" for name in ours for method in ("GET", "POST") if (name, method) not in covered)
    assert not missing, f"add rows to MATRIX in {__name__} for: {', '.join(missing)}"


# Views that need no named permission: reachable before logging in (signing in with SSO
# included), or for logging out.
NO_PERMISSION = {"healthz", "login", "logout", "sso_start", "sso_callback"}
# The API's schema and docs hold no data (any login), and /account/tokens/ is each user's own.
NO_PERMISSION |= {"api_schema", "api_docs", "api_tokens", "api_token_revoke"}


def test_every_view_of_ours_checks_a_named_permission_with_the_one_decorator():
    named = {value for name, value in vars(permissions).items() if name.isupper() and isinstance(value, str)}
    unchecked = sorted(
        url.view_name
        for url in all_urls()
        if not url.view_name.startswith("admin:")
        and url.view_name not in NO_PERMISSION
        and getattr(resolve(url.path).func, "permission", None) not in named
    )
    assert not unchecked, f"decorate with otesite.permissions.permission_required_or_403: {', '.join(unchecked)}"


# --- Headers --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/login/", "/healthz", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, db, path):
    response = client.get(path)

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_session_and_csrf_cookies_are_httponly(client, manager):
    client.get("/login/")
    client.post("/login/", {"username": manager.username, "password": PASSWORD})

    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["csrftoken"]["httponly"]


def test_production_settings_make_the_cookies_secure():
    from django.conf import settings

    # The test settings switch these off to run over plain HTTP; production derives them from DEBUG.
    source = (REPO / "otesite" / "settings.py").read_text()
    assert "SESSION_COOKIE_SECURE = not DEBUG" in source
    assert "CSRF_COOKIE_SECURE = not DEBUG" in source
    assert settings.SESSION_COOKIE_HTTPONLY


# --- Lockout after repeated failures (django-axes) ------------------------------------------


def _login(client, username, password, address="127.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_out_with_a_clear_message(client, manager):
    for _ in range(4):
        assert _login(client, manager.username, "wrong").status_code == 200

    locked = _login(client, manager.username, "wrong")
    still_locked = _login(client, manager.username, PASSWORD)

    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert b"wait 15 minutes" in locked.content
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_password_before_the_limit_logs_in_and_clears_the_count(client, manager):
    for _ in range(4):
        _login(client, manager.username, "wrong")

    response = _login(client, manager.username, PASSWORD)
    client.post("/logout/")
    for _ in range(4):
        _login(client, manager.username, "wrong")
    after_reset = _login(client, manager.username, PASSWORD)

    assert response.status_code == 302
    assert after_reset.status_code == 302


def test_the_lockout_is_per_username_and_address(client, manager, board_member):
    for _ in range(5):
        _login(client, manager.username, "wrong")

    other_user_same_address = _login(Client(), board_member.username, PASSWORD)
    same_user_other_address = _login(Client(), manager.username, PASSWORD, address="10.1.2.3")

    assert other_user_same_address.status_code == 302
    assert same_user_other_address.status_code == 302


def test_the_test_client_can_still_log_in_when_given_a_request(client, manager):
    from django.http import HttpRequest

    # django-axes needs the request; the test client's login() passes it on to authenticate().
    assert client.login(request=HttpRequest(), username=manager.username, password=PASSWORD)


# --- CSRF -----------------------------------------------------------------------------------


def test_logging_in_without_a_csrf_token_is_refused(db, manager):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/login/", {"username": manager.username, "password": PASSWORD})

    assert response.status_code == 403
    assert b"This form has expired" in response.content


def test_logging_out_without_a_csrf_token_is_refused(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    response = client.post("/logout/")

    assert response.status_code == 403
    assert client.get("/").status_code == 200  # still logged in


def test_logging_in_with_the_csrf_token_from_the_form_works(db, manager):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/login/").context["csrf_token"]

    response = client.post(
        "/login/", {"username": manager.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


def test_a_deal_posted_without_a_csrf_token_is_refused(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    response = client.post("/deals/new/", {"crm_id": "HS-1"})

    assert response.status_code == 403
    assert b"This form has expired" in response.content


# --- Production settings --------------------------------------------------------------------


def test_production_settings_pass_the_deployment_checklist():
    keep = ("PATH", "HOME", "LANG", "DATABASE_URL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "otesite.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "example.com",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _production_env(**extra: str) -> dict:
    keep = ("PATH", "HOME", "LANG", "DATABASE_URL")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    return env | {"DJANGO_SETTINGS_MODULE": "otesite.settings", "DJANGO_DEBUG": "false"} | extra


def test_without_a_secret_key_commands_run_but_the_deployment_checklist_fails():
    env = _production_env(DJANGO_ALLOWED_HOSTS="example.com")
    makemigrations = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert makemigrations.returncode == 0, makemigrations.stderr
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert deploy.returncode != 0
    assert "otesite.E001" in deploy.stderr


def test_without_a_secret_key_the_app_refuses_to_serve():
    served = subprocess.run(
        [sys.executable, "-c", "import otesite.wsgi"],
        cwd=REPO,
        env=_production_env(DJANGO_ALLOWED_HOSTS="example.com"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert served.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in served.stderr
