"""The admin's share of the lock on approved months (performance/locks.py).

Saving goes through the models' clean(), which every admin form runs. Deleting does not, so:
`LockedMonthsAdminMixin` lists an approved month as a reason not to delete, on the delete page and
the "delete selected" action alike (everything the deletion would take with it is checked:
a person's assignments, a plan's bands), and `LockedMonthsFormSet` refuses an inline row deleted
from a plan (its bands) or a person (their assignments) when that would alter an approved month.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router
from django.forms.models import BaseInlineFormSet

from performance.locks import GUARDED, approved_months, approved_months_affected_by, locked_message


def deletion_refusals(objs) -> list[str]:
    """Why deleting `objs` (and what goes with them) is refused: the approved months it alters."""
    objs = list(objs)
    approved = approved_months()
    if not objs or not approved:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    months = set()
    for model, instances in collector.data.items():
        if model._meta.label in GUARDED:
            for instance in instances:
                months.update(approved_months_affected_by(instance, deleting=True, approved=approved))
    return [locked_message(months)] if months else []


class LockedMonthsAdminMixin:
    def get_deleted_objects(self, objs, request):
        deleted, counts, permissions_needed, protected = super().get_deleted_objects(objs, request)
        refusals = deletion_refusals(objs)
        for refusal in refusals:
            messages.error(request, f"Cannot delete: {refusal}.")
        return deleted, counts, permissions_needed, [*protected, *refusals]


class LockedMonthsFormSet(BaseInlineFormSet):
    """An inline whose deleted rows are checked against the approved months."""

    def clean(self) -> None:
        super().clean()
        months = set()
        approved = None
        for form in self.deleted_forms:
            if form.instance.pk is not None:
                approved = approved_months() if approved is None else approved
                months.update(approved_months_affected_by(form.instance, deleting=True, approved=approved))
        if months:
            raise ValidationError(locked_message(months))
