"""What a visitor sees when a page is missing, forbidden, broken, or the database is down."""

import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import RequestFactory
from django.views.defaults import permission_denied

from otesite import health
from otesite.urls import handler500


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False  # answer like production instead of re-raising
    return client


def test_a_missing_page_gets_a_friendly_404(as_manager):
    response = as_manager.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Back to the start page" in response.content


def test_a_user_in_no_group_is_told_to_ask_an_admin(stranger):
    request = RequestFactory().get("/somewhere/")
    request.user = stranger

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    assert b"have access to this page" in response.content
    assert b"not in any group yet" in response.content
    assert b"Ask an administrator" in response.content


def test_the_project_uses_the_database_aware_500_handler():
    assert handler500 == "otesite.errors.server_error"


@pytest.mark.urls("tests.error_urls")
def test_a_bug_gets_a_friendly_500_without_a_traceback(failing_client, db, caplog):
    response = failing_client.get("/test/bug/")

    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"Traceback" not in response.content
    assert b"ZeroDivisionError" not in response.content


@pytest.mark.urls("tests.error_urls")
def test_a_database_outage_in_a_view_answers_503_and_logs_it(failing_client, db, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_client.get("/test/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"The database is unavailable" in response.content
    assert b"Connection refused" not in response.content
    assert any(record.exc_info and record.exc_info[0] is OperationalError for record in caplog.records)


def test_a_database_outage_while_loading_the_session_answers_503(failing_client, manager, monkeypatch):
    failing_client.force_login(manager)

    def unreachable(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    response = failing_client.get("/")

    assert response.status_code == 503
    assert b"The database is unavailable" in response.content


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_needs_no_login_and_sets_no_cookie(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies
