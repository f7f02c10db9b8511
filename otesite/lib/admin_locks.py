"""The admin's share of the lock on approved months (the rule is performance/locks.py, asked
through otesite/lib/hooks.py).

Saving goes through the models' clean(), which every admin form runs. Deleting does not, so:
`LockedMonthsAdminMixin` lists an approved month as a reason not to delete, on the delete page and
the "delete selected" action alike (everything the deletion would take with it is checked:
a person's assignments, a plan's bands), and `LockedMonthsFormSet` refuses an inline row deleted
from a plan (its bands) or a person (their assignments) when that would alter an approved month.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from otesite.lib import hooks


class LockedMonthsAdminMixin:
    def get_deleted_objects(self, objs, request):
        deleted, counts, permissions_needed, protected = super().get_deleted_objects(objs, request)
        refusals = hooks.deletion_refusals(objs)
        for refusal in refusals:
            messages.error(request, f"Cannot delete: {refusal}.")
        return deleted, counts, permissions_needed, [*protected, *refusals]


class LockedMonthsFormSet(BaseInlineFormSet):
    """An inline whose deleted rows are checked against the approved months."""

    def clean(self) -> None:
        super().clean()
        stored = [form.instance for form in self.deleted_forms if form.instance.pk is not None]
        if stored and (refusal := hooks.rows_deletion_refusal(stored)):
            raise ValidationError(refusal)
