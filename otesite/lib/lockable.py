"""The model side of the lock on approved months (the rule itself is performance/locks.py).

A model that an approved month depends on mixes in `Lockable`: its clean() calls
`self.refuse_changes()`, and deleting it is refused the same way. The rule sits in the services
above the models, so it is asked through a hook (otesite/lib/hooks.py), never imported."""

from __future__ import annotations

from otesite.lib import hooks


class Lockable:
    def refuse_changes(self, *, deleting: bool = False) -> None:
        """Raise a ValidationError naming the approved months this change (or deletion) alters."""
        hooks.refuse_locked_change(self, deleting=deleting)

    def delete(self, *args, **kwargs):
        self.refuse_changes(deleting=True)
        return super().delete(*args, **kwargs)
