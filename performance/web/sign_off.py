"""Signing off a statement (performance/disputes.py): a rep acknowledges or disputes their own
statement of an approved month (POST to the statement's /acknowledge/ and /dispute/); Managers
and Admins see open disputes at /disputes/ (VIEW_DISPUTES), and an admin resolves one
(RESOLVE_DISPUTES): no change, or reopening its month. Each refusal comes back as a message.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from compensation.models import Person
from otesite.lib.months import format_month
from otesite.permissions import OWN_NUMBERS, RESOLVE_DISPUTES, VIEW_DISPUTES, permission_required_or_403
from performance import disputes
from performance.statement_records import Dispute
from performance.web.sign_off_forms import DisputeForm, ResolveForm
from performance.web.statements import statement_context

RESOLVED_SHOWN = 20  # the latest resolved disputes listed under the open ones


def _statement_url(month: date, person_id: int) -> str:
    return reverse("statement", args=[month, person_id]) + "#sign-off"


@permission_required_or_403(OWN_NUMBERS)
@require_POST
def acknowledge(request: HttpRequest, month: date, person_id: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_id)
    try:
        disputes.acknowledge(month, person, by=request.user)
    except disputes.SignOffRefused as refused:
        messages.error(request, f"Not acknowledged: {refused}.")
    else:
        messages.success(request, f"You acknowledged your statement for {format_month(month)}.")
    return redirect(_statement_url(month, person.pk))


@permission_required_or_403(OWN_NUMBERS)
@require_POST
def dispute(request: HttpRequest, month: date, person_id: int) -> HttpResponse:
    """A bad form shows the statement again with what was typed and why it was refused."""
    context = statement_context(request, month, person_id)  # 404 unless the viewer may see it
    form = DisputeForm(request.POST, lines=context["s"])
    if not form.is_valid():
        context["dispute_form"] = form
        return render(request, "performance/statement.html", context, status=400)
    try:
        found = disputes.raise_dispute(
            month, context["person"], by=request.user, line=form.cleaned_data["line"], note=form.cleaned_data["note"]
        )
    except disputes.SignOffRefused as refused:
        messages.error(request, f"Not disputed: {refused}.")
    else:
        messages.success(request, f"Dispute #{found.pk} sent: an admin will look at it and answer here.")
    return redirect(_statement_url(month, person_id))


@permission_required_or_403(RESOLVE_DISPUTES)
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    form = ResolveForm(request.POST)
    back = form.data.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("disputes")
    if not form.is_valid():
        problems = "; ".join(message for errors in form.errors.values() for message in errors)
        messages.error(request, f"Dispute #{pk} not resolved: {problems}")
        return redirect(back)
    reopen = form.cleaned_data["outcome"] == ResolveForm.REOPEN
    try:
        found = disputes.resolve(pk, by=request.user, note=form.cleaned_data["note"], reopen=reopen)
    except disputes.SignOffRefused as refused:
        messages.error(request, f"Dispute #{pk} not resolved: {refused}.")
    else:
        done = f"and {format_month(found.month)} reopened" if reopen else "with no change"
        messages.success(request, f"Dispute #{pk} resolved {done}.")
    return redirect(back)


@permission_required_or_403(VIEW_DISPUTES)
@require_GET
def disputes_page(request: HttpRequest) -> HttpResponse:
    """Every open dispute, oldest first, and the latest resolved ones."""
    resolved = disputes.with_names(Dispute.objects.exclude(state=Dispute.Status.OPEN))
    context = {
        "open": disputes.open_disputes(),
        "resolved": list(resolved.order_by("-resolved_at", "-id")[:RESOLVED_SHOWN]),
        "resolved_shown": RESOLVED_SHOWN,
    }
    return render(request, "performance/disputes.html", context)
