"""Two transactions at once, on two connections: threads, and a pause at a chosen point of one
while the other runs, so that the interleaving is the same on every run. PostgreSQL only:
SQLite runs one write transaction at a time, so nothing interleaves there."""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

NEEDS_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one write transaction at a time, so two never interleave",
)
# Committed for real, so that the other connection sees it.
ON_POSTGRESQL = [NEEDS_POSTGRESQL, pytest.mark.django_db(transaction=True)]

TIMEOUT = 30  # seconds: a thread still running then is stuck
WAIT = 0.5  # seconds given to the second transaction to get as far as it can


class Worker(threading.Thread):
    """Runs `work` on its own thread, hence on its own database connection."""

    def __init__(self, work: Callable[[], str]) -> None:
        super().__init__(daemon=True)
        self.work, self.result, self.error = work, None, None
        self.start()

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as error:
            self.error = error
        finally:
            connection.close()


@dataclass
class Gate:
    reached: threading.Event
    go: threading.Event


@contextmanager
def paused(owner, name: str, *, after: bool = False):
    """The first call of `owner.name` stops (before it runs, or `after`) until the gate opens."""
    original = getattr(owner, name)
    gate = Gate(threading.Event(), threading.Event())

    def stop() -> None:
        if not gate.reached.is_set():
            gate.reached.set()
            gate.go.wait(TIMEOUT)

    def wrapper(*args, **kwargs):
        if not after:
            stop()
        result = original(*args, **kwargs)
        if after:
            stop()
        return result

    with mock.patch.object(owner, name, wrapper):
        try:
            yield gate
        finally:
            gate.go.set()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def finished(*workers: Worker) -> None:
    for worker in workers:
        worker.join(TIMEOUT)
        assert not worker.is_alive(), "stuck: a transaction never finished"
        assert worker.error is None, repr(worker.error)
