"""Leaderboards (DOMAIN.md, Leaderboards): a month's, per role, by quota attainment, and a
range's, Σ units against Σ quota. Ranks and attainment only: nobody's pay.

`/leaderboard/YYYY-MM/` is a month; `/leaderboard/?from=YYYY-MM&to=YYYY-MM` a range;
`/leaderboard/?month=YYYY-MM` is the month picker's target (a redirect without JavaScript, the
fragment and an HX-Push-Url for htmx); `/leaderboard/` alone goes to the latest month.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from otesite.lib.fields import MonthFormField
from otesite.lib.months import format_month, month_label, months_between
from otesite.permissions import VIEW_LEADERBOARDS, Can, Scope, permission_required_or_403, scope_of
from performance import cache, engine
from performance.loader import History, MonthLoad
from performance.web.dashboard import is_fragment_request
from performance.web.people_presenters import month_boards, range_boards
from performance.web.presenters import MonthNavigation
from performance.web.query_forms import MonthPickerForm, RangeForm

PAGE = "performance/leaderboard.html"


class LeaderboardQueryForm(forms.Form):
    """Which leaderboard `/leaderboard/` was asked for: a picked month, a range, or neither."""

    month = MonthFormField(required=False)

    def __init__(self, data=None) -> None:
        super().__init__(data)
        self.fields["from"] = MonthFormField(required=False)
        self.fields["to"] = MonthFormField(required=False)

    @property
    def wants_range(self) -> bool:
        return bool(self.cleaned_data.get("from") or self.cleaned_data.get("to"))


def _picker(initial=None) -> MonthPickerForm:
    """The month picker as drawn (unbound: a wrong month's message is listed above the boards).
    Its input has no id: htmx settles the attributes of elements that keep their id across a
    swap, and a style attribute copied that way is refused by the CSP. Labels wrap their inputs."""
    return MonthPickerForm(initial=initial, auto_id=False)


def _range_picker(values: dict) -> RangeForm:
    """The range's inputs as drawn, holding `values`; no ids either (see _picker)."""
    return RangeForm(
        initial={name: values.get(name, "") for name in ("from", "to")}, months_with_data=[], auto_id=False
    )


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    fragment = is_fragment_request(request)
    return render(request, f"{PAGE}#board" if fragment else PAGE, context | {"fragment": fragment}, status=status)


def _month_context(
    request: HttpRequest, version: str, month: date, with_data: list[date], picker: MonthPickerForm | None = None
) -> dict:
    navigation = MonthNavigation(month, with_data)
    can = Can.of(request.user)
    scope = scope_of(request.user, VIEW_LEADERBOARDS)

    def boards() -> dict:
        loaded = MonthLoad(month, scope=scope)
        metrics = loaded.metrics(month) if navigation.has_data else None
        return {
            "navigation": navigation,
            "boards": month_boards(metrics, loaded.names, scope) if metrics else [],
            "computed": metrics is not None,
            "can": can,
        }

    return {
        "mode": "month",
        "navigation": navigation,
        "title": f"Leaderboard · {navigation.label}",
        # Rendered once per data version: a large team's month takes a moment to load and draw.
        "boards_html": cache.rendered_lazily(
            version, scope, ("leaderboard", month, can), f"{PAGE}#month_boards", boards
        ),
        "picker": picker or _picker(initial={"month": month}),
        "range_form": _range_picker({"from": month, "to": month}),
    }


@permission_required_or_403(VIEW_LEADERBOARDS)
@require_GET
@vary_on_headers("HX-Request")
def leaderboard_month(request: HttpRequest, month: date) -> HttpResponse:
    version = cache.data_version(request)
    return _render(request, _month_context(request, version, month, cache.months_with_data(version)))


@permission_required_or_403(VIEW_LEADERBOARDS)
@require_GET
@vary_on_headers("HX-Request")
def leaderboard(request: HttpRequest) -> HttpResponse:
    """A range, a picked month, or the latest month with data."""
    version = cache.data_version(request)
    with_data = cache.months_with_data(version)
    query = LeaderboardQueryForm(request.GET)
    if not query.is_valid():
        shown = with_data[-1] if with_data else date.today().replace(day=1)
        context = _month_context(request, version, shown, with_data, _picker(request.GET.dict()))
        context["errors"] = [message for messages in query.errors.values() for message in messages]
        # htmx only swaps 2xx answers; a full page says 400.
        return _render(request, context, status=200 if request.htmx else 400)
    if query.wants_range:
        return _range(request, version, with_data)
    picked = query.cleaned_data["month"]
    if picked is None:
        if not with_data:
            return _render(request, {"mode": "empty", "title": "Leaderboard", "picker": _picker()})
        return redirect("leaderboard_month", month=with_data[-1])
    if not is_fragment_request(request):
        return redirect("leaderboard_month", month=picked)
    response = _render(request, _month_context(request, version, picked, with_data))
    response["HX-Push-Url"] = reverse("leaderboard_month", kwargs={"month": picked})
    return response


def _range(request: HttpRequest, version: str, with_data: list[date]) -> HttpResponse:
    form = RangeForm(request.GET, months_with_data=with_data)
    context = {"mode": "range", "title": "Leaderboard", "picker": _picker(), "range_form": _range_picker(form.data)}
    if not form.is_valid():
        context["errors"] = [message for messages in form.errors.values() for message in messages]
        return _render(request, context, status=200 if request.htmx else 400)
    first, last = form.range
    # Rendered once per data version and range, as the trends are: a long range takes a moment.
    can = Can.of(request.user)
    scope = scope_of(request.user, VIEW_LEADERBOARDS)
    boards = cache.rendered_lazily(
        version,
        scope,
        ("leaderboard", first, last, can),
        f"{PAGE}#range_boards",
        lambda: {
            "boards": _range_boards(first, last, scope),
            "range_label": f"{month_label(first)} to {month_label(last)}",
            "months": len(months_between(first, last)),
            "can": can,
        },
    )
    context |= {
        "title": f"Leaderboard · {format_month(first)} to {format_month(last)}",
        "first": first,
        "last": last,
        "range_label": f"{month_label(first)} to {month_label(last)}",
        "months": len(months_between(first, last)),
        "boards_html": boards,
        "range_form": _range_picker({"from": first, "to": last}),
        "picker": _picker(initial={"month": last}),
        "latest": with_data[-1] if with_data else None,
    }
    return _render(request, context)


def _range_boards(first: date, last: date, scope: Scope) -> list:
    history = History(first, last, scope=scope)
    months = [history.month(month) for month in months_between(first, last)]
    names = history.names
    return range_boards(engine.range_leaderboard(months, names), names, scope)
