"""/deals/: a month's deals as stored (closers and shares, setter, value, upfront, state) and what
each paid to whom, from the month's one computation (the loader, kept per data version like the
other screens' sections), filterable by person; the month's clawbacks below.

`/deals/YYYY-MM/` is a month (`?person=ID` narrows it to one person's deals and pay);
`/deals/?month=YYYY-MM&person=ID` is the picker's target (a redirect without JavaScript, the
fragment and an HX-Push-Url for htmx); `/deals/` alone goes to the latest month with data.
A rep (no VIEW_DEALS, a person of their own) is sent to /me/, which shows their own deals.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from compensation.models import Person
from otesite.lib.fields import MonthFormField, MonthInput
from otesite.lib.months import add_months, month_label
from otesite.lib.rules import current_month
from otesite.permissions import ENTER_DEALS, VIEW_DEALS, Scope, permission_required_or_403, scope_of
from performance import cache
from performance.loader import MonthLoad
from performance.models import Deal
from performance.web.dashboard import is_fragment_request
from performance.web.deal_presenters import ClawbackRow, clawback_rows, deal_pay, deal_rows

PAGE = "performance/deals.html"


class DealsQueryForm(forms.Form):
    """The month and the person the list is narrowed to; both optional."""

    month = MonthFormField(label="Month", required=False, widget=MonthInput())
    person = forms.ModelChoiceField(
        Person.objects.order_by("name"), label="Person", required=False, empty_label="Everyone"
    )


def month_pay(month: date, scope: Scope) -> tuple[dict, list[ClawbackRow], Decimal | None, dict[int, str]]:
    """What the month's one computation says each deal paid (by deal id), its clawbacks, the
    upfront rate in force and people's names: loaded through the loader, once per data version."""
    loaded = MonthLoad(month, scope=scope)
    metrics = loaded.metrics(month)
    names = loaded.names
    pay = dict(deal_pay(metrics, scope))
    rate = metrics.economics.upfront_rate if metrics is not None else None
    return pay, clawback_rows(metrics, names, scope), rate, names


def _context(request: HttpRequest, month: date, person: Person | None) -> dict:
    scope = scope_of(request.user, VIEW_DEALS)
    version = cache.data_version(request)
    pay, clawbacks, rate, names = cache.cached(version, ("deal_pay", scope.key, month), lambda: month_pay(month, scope))
    stored = Deal.objects.closed_between(month, month).with_closers()
    names = names | dict(Person.objects.values_list("pk", "name"))  # a deal may name someone not assigned
    rows = deal_rows(stored, pay, names, rate)
    if person is not None:
        rows = [row for row in rows if row.names(person.pk)]
        for row in rows:
            row.paid = [line for line in row.paid if line.person_id == person.pk]
        clawbacks = [row for row in clawbacks if row.person_id == person.pk]
    title = f"Deals · {month_label(month)}" + (f" · {person.name}" if person else "")
    return {
        "title": title,
        "month": month,
        "month_label": month_label(month),
        "previous": add_months(month, -1),
        "next": add_months(month, 1) if month < current_month() else None,
        "person": person,
        "query": DealsQueryForm(initial={"month": month, "person": person}, auto_id=False),
        "rows": rows,
        "clawbacks": clawbacks,
        "paid_total": sum((row.paid_total for row in rows), Decimal(0)),
        "clawback_total": sum((row.amount for row in clawbacks), Decimal(0)),
        "may_enter": request.user.has_perm(ENTER_DEALS),
        "person_query": f"?{urlencode({'person': person.pk})}" if person else "",
    }


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    fragment = is_fragment_request(request)
    return render(request, f"{PAGE}#deals" if fragment else PAGE, context | {"fragment": fragment}, status=status)


def _reps_to_me(view):
    """A rep holds no VIEW_DEALS: their own deals are on /me/."""

    def checked(request: HttpRequest, *args, **kwargs):
        if not request.user.has_perm(VIEW_DEALS):
            return redirect("me")
        return view(request, *args, **kwargs)

    checked.__name__, checked.__doc__ = view.__name__, view.__doc__
    return checked


@permission_required_or_403(VIEW_DEALS, or_own_numbers=True)
@require_GET
@vary_on_headers("HX-Request")
@_reps_to_me
def deals_month(request: HttpRequest, month: date) -> HttpResponse:
    """The month's deals, with what each paid to whom, and its clawbacks."""
    query = DealsQueryForm(request.GET)
    if not query.is_valid():
        context = _context(request, month, None)
        context["errors"] = [message for messages in query.errors.values() for message in messages]
        return _render(request, context, status=200 if request.htmx else 400)
    return _render(request, _context(request, month, query.cleaned_data["person"]))


@permission_required_or_403(VIEW_DEALS, or_own_numbers=True)
@require_GET
@vary_on_headers("HX-Request")
@_reps_to_me
def deals(request: HttpRequest) -> HttpResponse:
    """The picker's target, or the latest month with data."""
    query = DealsQueryForm(request.GET)
    if not query.is_valid():
        context = _context(request, current_month(), None)
        context["errors"] = [message for messages in query.errors.values() for message in messages]
        return _render(request, context, status=200 if request.htmx else 400)
    month, person = query.cleaned_data["month"], query.cleaned_data["person"]
    if month is None:
        with_data = cache.months_with_data(cache.data_version(request))
        month = with_data[-1] if with_data else current_month()
    url = reverse("deals_month", kwargs={"month": month}) + (f"?{urlencode({'person': person.pk})}" if person else "")
    if not is_fragment_request(request):
        return redirect(url)
    response = _render(request, _context(request, month, person))
    response["HX-Push-Url"] = url
    return response
