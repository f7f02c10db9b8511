"""The admin's share of the lock on approved months (the rule is performance/locks.py, asked
through otesite/lib/hooks.py).

Every write through these pages (a change or add form with its inlines, a delete page, the list's
actions and editable columns, a revert from the history) first holds every month's close row
for the rest of its transaction (performance/month_lock.py, through a hook), so no month is
reviewed, approved or reopened while it is checked and saved, and the check sees any approval
made before it. Saving goes through the models' clean(), which every admin form runs. Deleting
does not, so:
`LockedMonthsAdminMixin` lists an approved month as a reason not to delete, on the delete page and
the "delete selected" action alike (everything the deletion would take with it is checked:
a person's assignments, a plan's bands), and `LockedMonthsFormSet` refuses an inline row deleted
from a plan (its bands) or a person (their assignments) when that would alter an approved month.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.forms.models import BaseInlineFormSet

from otesite.lib import hooks


class LockedMonthsAdminMixin:
    def changeform_view(self, request, *args, **kwargs):
        with self._holding_months(request):
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with self._holding_months(request):
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with self._holding_months(request):
            return super().changelist_view(request, *args, **kwargs)

    def history_form_view(self, request, *args, **kwargs):
        with self._holding_months(request):
            return super().history_form_view(request, *args, **kwargs)

    @contextmanager
    def _holding_months(self, request) -> Iterator[None]:
        """A POST runs in one transaction that holds every month before it checks anything."""
        if request.method != "POST":
            yield
            return
        with transaction.atomic(using=router.db_for_write(self.model)):
            hooks.hold_every_month()
            yield

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
