"""The dashboard's close buttons: POST /performance/YYYY-MM/close/ with `action` = review, approve
or reopen (and `note`; reopening needs one). Managers and Admins reach it (REVIEW_MONTH); approving
and reopening also need APPROVE_MONTH (Admins). A step the month's state refuses comes back to
the dashboard with the reason; nothing else changes.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from otesite.lib.months import format_month
from otesite.permissions import NO_ACCESS, REVIEW_MONTH, permission_required_or_403
from performance.closing import PERMISSIONS, StepRefused, take_step
from performance.month_close import Action

DONE = {Action.REVIEW: "marked reviewed", Action.APPROVE: "approved", Action.REOPEN: "reopened"}


class CloseForm(forms.Form):
    action = forms.ChoiceField(choices=Action.choices)
    note = forms.CharField(required=False, max_length=2000, strip=True)


def note_forms() -> dict[str, CloseForm]:
    """The close panel's note inputs: for reviewing or approving (optional), and for reopening
    (required: take_step refuses to reopen a month without a reason)."""
    step, reopen = CloseForm(auto_id="close-%s"), CloseForm(auto_id="reopen-%s")
    step.fields["note"].label = "Note (optional)"
    reopen.fields["note"].label, reopen.fields["note"].required = "Reason for reopening", True
    return {"step": step, "reopen": reopen}


@permission_required_or_403(REVIEW_MONTH)
@require_POST
def close_month(request: HttpRequest, month: date) -> HttpResponse:
    form = CloseForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        return HttpResponseBadRequest(f"Cannot close {format_month(month)}: {problems}\n", content_type="text/plain")
    action = Action(form.cleaned_data["action"])
    if not request.user.has_perm(PERMISSIONS[action]):
        raise PermissionDenied(NO_ACCESS)
    try:
        take_step(month, action, by=request.user, note=form.cleaned_data["note"])
    except StepRefused as refused:
        messages.error(request, f"Not done: {refused}.")
    else:
        messages.success(request, f"{format_month(month)} {DONE[action]}.")
    return redirect(reverse("month", args=[month]) + "#month-close")
