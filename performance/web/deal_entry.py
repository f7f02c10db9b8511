"""A deal by hand (/deals/new/), its correction (/deals/<id>/edit/) and its cancellation
(/deals/<id>/cancel/), for Managers and Admins (ENTER_DEALS).

Each save runs in one transaction that first holds the months the deal touches (its close and
cancel months, before and after: performance/month_lock.py), then reads the deal again, then
asks the one rule set (`deal_problems` with `DealFacts.load`, which reads the approved months
after the hold), and writes the deal and its closers with their history (who, through
HistoryRequestMiddleware, and why, the change reason). A save made from a copy of the deal that
someone else has changed since is refused (409) with what is stored now, never written over it.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from otesite.lib.months import format_month
from otesite.lib.versioning import one_version_bump
from otesite.permissions import ENTER_DEALS, permission_required_or_403
from performance.deal_rules import DealFacts, DealValues, deal_problems
from performance.models import Deal, DealCloser
from performance.month_lock import hold
from performance.web.deal_forms import CancelForm, DealForm, stored_values, version_of

FORM = "performance/deal_form.html"
CANCEL = "performance/deal_cancel.html"


class Refused(Exception):
    """The save broke a rule (on the form's fields) or came from an outdated copy (`conflict`)."""

    def __init__(self, conflict: bool = False) -> None:
        self.conflict = conflict


def _months(*records: DealValues | None) -> set[date]:
    return {m for r in records if r is not None for m in (r.close_month, r.cancel_month) if m is not None}


def write_deal(form: DealForm | CancelForm, pk: int | None, reason: str) -> Deal:
    """Check and save the form's deal in one transaction; raises Refused with the problems on the
    form. `pk` None: a new deal."""
    new = form.values()
    with transaction.atomic():
        hold(_months(new, form.stored))  # the close rows first, as every write path
        current = Deal.objects.with_closers().filter(pk=pk).first() if pk is not None else None
        if pk is not None and current is None:
            form.add_error(None, "This deal was deleted meanwhile; nothing was saved.")
            raise Refused(conflict=True)
        before = stored_values(current) if current is not None else None
        if before is not None and version_of(before) != form.cleaned_data.get("version"):
            form.add_error(
                None,
                "Someone else changed this deal since you opened it; nothing was saved. The form now shows"
                " what is stored: look it over and save again.",
            )
            raise Refused(conflict=True)
        if before is not None and _months(before) - _months(new, form.stored):
            hold(_months(before))
        taken = Deal.objects.filter(crm_id=new.crm_id).exclude(pk=pk).exists()
        if taken:
            form.add_problem("crm_id", f"A deal with the id {new.crm_id} is stored already.")
        facts = DealFacts.load(_months(new, before) | {new.close_month})
        problems = deal_problems(new, facts, before)
        for name, message in problems:
            form.add_problem(name, message)
        if problems or taken:
            raise Refused()
        with one_version_bump():
            return _save(current or Deal(), new, reason)


def _save(deal: Deal, values: DealValues, reason: str) -> Deal:
    """The deal and its closers, each change with its history row (and `reason`)."""
    deal.crm_id, deal.closed_on, deal.value, deal.upfront = (
        values.crm_id,
        values.closed_on,
        values.value,
        values.upfront,
    )
    deal.setter_id, deal.cancelled_on = values.setter_id, values.cancelled_on
    deal._change_reason = reason
    deal.save()
    shares = dict(values.closers)
    for closer in list(deal.closers.all()) if deal.pk else []:
        closer._change_reason = reason
        if closer.person_id not in shares:
            closer.delete()
        elif closer.share != shares[closer.person_id]:
            closer.share = shares.pop(closer.person_id)
            closer.save()
        else:
            shares.pop(closer.person_id)
    for person_id, share in shares.items():
        closer = DealCloser(deal=deal, person_id=person_id, share=share)
        closer._change_reason = reason
        closer.save()
    return deal


def _back_to(deal: Deal) -> str:
    return reverse("deals_month", kwargs={"month": format_month(deal.close_month)})


@permission_required_or_403(ENTER_DEALS)
@require_http_methods(["GET", "POST"])
def deal_new(request: HttpRequest) -> HttpResponse:
    """A new deal, checked by the deal rules and saved with its closers."""
    form = DealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            deal = write_deal(form, None, form.cleaned_data["change_reason"] or "entered by hand")
        except Refused:
            pass
        else:
            messages.success(request, f"Deal {deal.crm_id} saved.")
            return redirect(_back_to(deal))
    status = 400 if form.is_bound else 200
    return render(request, FORM, {"form": form, "deal": None, "title": "Add a deal"}, status=status)


@permission_required_or_403(ENTER_DEALS)
@require_http_methods(["GET", "POST"])
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction of a deal; refused in an approved month, and when the deal changed meanwhile."""
    deal = get_object_or_404(Deal.objects.with_closers(), pk=pk)
    form = DealForm(request.POST if request.method == "POST" else None, stored=stored_values(deal))
    reason = ("change_reason", "corrected by hand")
    return _save_or_redraw(request, deal, form, reason, "Deal {deal.crm_id} saved.", FORM, f"Deal {deal.crm_id}")


@permission_required_or_403(ENTER_DEALS)
@require_http_methods(["GET", "POST"])
def deal_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """A cancellation with its day and reason: allowed in a month that is not approved, even when
    the deal's close month is (DOMAIN.md's *Locks*)."""
    deal = get_object_or_404(Deal.objects.with_closers(), pk=pk)
    form = CancelForm(request.POST if request.method == "POST" else None, stored=stored_values(deal))
    saved = "Deal {deal.crm_id} cancelled on {deal.cancelled_on}."
    return _save_or_redraw(request, deal, form, ("reason", ""), saved, CANCEL, f"Cancel deal {deal.crm_id}")


def _save_or_redraw(
    request, deal: Deal, form, reason: tuple[str, str], saved: str, template: str, title: str
) -> HttpResponse:
    """A stored deal's form posted: saved (and back to its month), or drawn again with what is
    wrong (400), or, when the deal changed since the form was drawn, with what is stored now (409).
    `reason` is the form's field that gives the history's reason and the reason when it is empty;
    `saved` the message, formatted with the saved deal."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            deal = write_deal(form, deal.pk, form.cleaned_data[reason[0]] or reason[1])
        except Refused as refused:
            status = 409 if refused.conflict else 400
            if refused.conflict:
                form = _fresh(form, deal.pk, type(form))
        else:
            messages.success(request, saved.format(deal=deal))
            return redirect(_back_to(deal))
    elif form.is_bound:
        status = 400
    return render(request, template, {"form": form, "deal": deal, "title": title}, status=status)


def _fresh(refused, pk: int, form_class):
    """After a conflict: the form as stored now (the typed values dropped, the errors kept), so
    that saving again is a decision made on what is there."""
    current = Deal.objects.with_closers().filter(pk=pk).first()
    if current is None:
        return refused
    fresh = form_class(stored=stored_values(current))
    fresh._errors = refused.errors
    return fresh
