"""Sessions: Django's database sessions, or with DJANGO_REDIS_URL its cached_db sessions over a
Redis that every worker shares (never over a per-process cache)."""

import socket
import subprocess
import sys

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

REDIS = ("127.0.0.1", 6379)


def _settings_with(env: dict) -> list[str]:
    code = "from django.conf import settings; print(settings.SESSION_ENGINE); print(settings.CACHES.get('sessions'))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"DJANGO_SETTINGS_MODULE": "otesite.settings", "DJANGO_DEBUG": "true", "PATH": "", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_sessions_are_djangos_database_sessions_by_default():
    assert _settings_with({}) == ["django.contrib.sessions.backends.db", "None"]


def test_with_a_redis_url_sessions_are_cached_in_that_shared_redis():
    engine, cache = _settings_with({"DJANGO_REDIS_URL": "redis://127.0.0.1:6379/3"})

    assert engine == "django.contrib.sessions.backends.cached_db"
    assert "django.core.cache.backends.redis.RedisCache" in cache
    assert "redis://127.0.0.1:6379/3" in cache


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis answers on 127.0.0.1:6379")
def test_over_redis_a_request_reads_no_session_from_the_database_and_a_logout_ends_it_everywhere(
    client, manager, example_agency
):
    redis_sessions = {
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "CACHES": {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
            "sessions": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/15",
                "KEY_PREFIX": "otesite-tests",
            },
        },
    }
    with override_settings(**redis_sessions):
        client.force_login(manager)
        client.get("/performance/2026-03/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/performance/2026-03/").status_code == 200
        client.post("/logout/")
        after_logout = client.get("/performance/2026-03/")

    assert not [q for q in queries if "django_session" in q["sql"]]
    assert after_logout.status_code == 302
