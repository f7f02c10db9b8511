"""The model side of the lock on approved months (the rule itself is performance/locks.py).

A model that an approved month depends on mixes in `Lockable`: its clean() calls
`self.refuse_changes()`, and deleting it is refused the same way. The rule is imported when
asked, because performance.locks reads the very models that mix this in."""

from __future__ import annotations


class Lockable:
    def refuse_changes(self, *, deleting: bool = False) -> None:
        """Raise a ValidationError naming the approved months this change (or deletion) alters."""
        from performance.locks import refuse_changes_to

        refuse_changes_to(self, deleting=deleting)

    def delete(self, *args, **kwargs):
        self.refuse_changes(deleting=True)
        return super().delete(*args, **kwargs)
