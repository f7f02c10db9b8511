"""otesite.sessions: Django's database sessions, read in one plain SQL query."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from otesite.sessions import SessionStore


@pytest.fixture
def saved(db) -> str:
    session = SessionStore()
    session["colour"] = "teal"
    session.save()
    return session.session_key


def test_a_saved_session_loads_as_django_loads_it(saved, django_assert_num_queries):
    with django_assert_num_queries(1):
        loaded = SessionStore(saved).load()
    assert loaded == db.SessionStore(saved).load() == {"colour": "teal"}


def test_an_expired_session_is_empty_and_gets_a_new_key(saved):
    Session.objects.filter(session_key=saved).update(expire_date=timezone.now() - timedelta(seconds=1))
    session = SessionStore(saved)
    assert session.load() == {}
    assert session.session_key is None


@pytest.mark.parametrize("key", ["nosuchsessionkey0123456789abcdef", "short", ""])
def test_an_unknown_or_malformed_key_is_an_empty_session(db, key):
    assert SessionStore(key).load() == {}
