"""Every write to what the pages are computed from gives the data a new version, in its own transaction.

Saving or deleting one object sends a signal (performance/cache.py connects them). Writes in
bulk send none: `QuerySet.update()`, `bulk_create()` and `bulk_update()` skip post_save, and
a delete skips post_delete when Django can delete in one statement. So the watched models'
managers are built on `VersionedQuerySet`, whose bulk writes bump the version themselves, in
the same transaction: no caller can forget (the admin's actions, the bulk imports,
seed_history, a shell session).

A write of thousands of rows one by one (an import) runs inside `one_version_bump()`: the
rows' signals are gathered and the version changes once, at the end of the block, still inside
the import's transaction (rather than one UPDATE a row).

Nothing here imports a model, so compensation.models and performance.models can both use it:
the version itself (`performance.models.DataVersion`) is changed through the `data_changed`
hook, which performance provides at start-up (otesite/lib/hooks.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction

from otesite.lib import hooks

_gathered: ContextVar[list[bool] | None] = ContextVar("gathered_version_bumps", default=None)


def bump_data_version(**_signal_arguments) -> None:
    """Give the data a new version, inside the caller's transaction (or at the end of the
    enclosing `one_version_bump()` block)."""
    if (gathered := _gathered.get()) is not None:
        gathered.append(True)
        return
    hooks.data_changed()


@contextmanager
def one_version_bump() -> Iterator[None]:
    """Writes inside the block change the data version once, when the block ends. Use it
    inside the writes' transaction, so the rows and the new version commit together."""
    if _gathered.get() is not None:  # already gathering: the outer block bumps
        yield
        return
    token = _gathered.set([])
    try:
        yield
    except BaseException:
        # The writes fail and their transaction rolls back: no new version, and no query in a
        # transaction the failure may have broken (which would hide the failure itself).
        _gathered.reset(token)
        raise
    gathered = _gathered.get()
    _gathered.reset(token)
    if gathered:
        bump_data_version()


class VersionedQuerySet(models.QuerySet):
    """A QuerySet whose writes in bulk change the data version along with the rows."""

    def update(self, **kwargs) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            rows = super().update(**kwargs)
            if rows:
                bump_data_version()
        return rows

    def bulk_create(self, objs, *args, **kwargs) -> list:
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                bump_data_version()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            if rows:
                bump_data_version()
        return rows

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            deleted = super().delete()
            if deleted[0]:
                bump_data_version()
        return deleted
