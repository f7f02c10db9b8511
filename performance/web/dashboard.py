"""The manager's month (the Team Performance dashboard), the trends, the board view and the CSV."""

from datetime import date
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from otesite.lib.months import add_months, format_month, month_label, months_between
from otesite.lib.rules import current_month
from otesite.permissions import VIEW_DASHBOARD, Can, Scope, is_board_member, permission_required_or_403, scope_of
from performance import cache, closing, engine
from performance.engine import rollups
from performance.exchange.metrics_csv import write_metrics_csv
from performance.loader import History, MonthLoad, load_range, months_with_data
from performance.web import charts
from performance.web import closing as closing_views
from performance.web.context import open_disputes_now
from performance.web.people_charts import people_trend_charts
from performance.web.people_presenters import PeopleDashboard
from performance.web.presenters import MonthNavigation, red_flag_highlights
from performance.web.query_forms import BoardForm, MonthPickerForm, RangeForm

PAGE = "performance/month.html"
TRENDS = "performance/trends.html"
BOARD = "performance/board.html"
BOARD_MONTHS = 24  # the pack's own window: the month, the one before, a year earlier, QTD and YTD


def is_fragment_request(request: HttpRequest) -> bool:
    """An htmx swap wants the partial; a history restore wants the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@permission_required_or_403(VIEW_DASHBOARD, or_own_numbers=True)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where login lands: board members on the board view, a rep on their own page (/me/),
    everyone else on the latest month."""
    if not request.user.has_perm(VIEW_DASHBOARD):
        return redirect("me")
    if is_board_member(request.user):
        return redirect("board")
    return latest_month(request)


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
def latest_month(request: HttpRequest) -> HttpResponse:
    """The latest month with data; a friendly page when there is none yet."""
    months = months_with_data()
    if months:
        return redirect("month", month=months[-1])
    return render(request, "performance/empty.html")


def _render_month(request: HttpRequest, month: date, form: MonthPickerForm | None = None, status: int = 200):
    version = cache.data_version(request)
    can = Can.of(request.user)
    scope = scope_of(request.user)
    close = cache.cached(version, ("close", month), lambda: closing.close_shown(month))
    # Its metrics and its people's names, from one load; the close says already whether the
    # month is approved, so a month that is not needs no query for its approved inputs.
    loaded = MonthLoad(month, scope=scope, approved=None if close.state == closing.State.APPROVED else {})
    dashboard = PeopleDashboard(
        MonthNavigation(month, cache.months_with_data(version)),
        loaded.metrics,
        names=lambda: loaded.names,
        scope=scope,
    )
    # The month itself, for the page and the fragment alike: cached until the data changes.
    section = {"dashboard": dashboard, "form": form or MonthPickerForm(initial={"month": month}), "can": can}
    approval = SimpleLazyObject(
        lambda: closing.approval_of(month, history=loaded.history) if close.state == closing.State.APPROVED else None
    )
    section |= {"close": close, "approval": approval}
    if form:  # a picked month that is not one shows what was typed: not cached
        html = render_to_string(f"{PAGE}#section", section)
    else:
        html = cache.rendered(version, scope, ("dashboard", month, can), f"{PAGE}#section", section)
    fragment = is_fragment_request(request)
    context = {"dashboard": dashboard, "section": html, "fragment": fragment, "close": close}
    if can.view_disputes:  # listed on the close panel, from the navigation's count: no query of its own
        context["disputes"] = [found for found in open_disputes_now(request) if found.month == month]
    # For the close panel, kept with the section: a cached section's month is not loaded again.
    context["checks"] = cache.cached(version, ("checks", scope.key, month), lambda: dashboard.checks)
    context["close_forms"] = closing_views.note_forms()
    return render(request, f"{PAGE}#dashboard" if fragment else PAGE, context, status=status)


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
@vary_on_headers("HX-Request")
def month(request: HttpRequest, month: date) -> HttpResponse:
    return _render_month(request, month)


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
@vary_on_headers("HX-Request")
def pick_month(request: HttpRequest) -> HttpResponse:
    """The month picker's target: `?month=YYYY-MM` goes to that month's page.

    Without JavaScript it redirects; for htmx it answers with the dashboard fragment and
    tells htmx which URL to push, so the address bar shows the month's own page.
    """
    form = MonthPickerForm(request.GET)
    if not form.is_valid():
        latest = months_with_data()
        shown = latest[-1] if latest else date.today().replace(day=1)
        # htmx only swaps 2xx answers; a full page says 400 so nothing caches it as a month.
        return _render_month(request, shown, form, status=200 if request.htmx else 400)
    chosen = form.cleaned_data["month"]
    if not is_fragment_request(request):
        return redirect("month", month=chosen)
    response = _render_month(request, chosen)
    response["HX-Push-Url"] = reverse("month", kwargs={"month": chosen})
    return response


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
@vary_on_headers("HX-Request")
def trends(request: HttpRequest) -> HttpResponse:
    version = cache.data_version(request)
    scope = scope_of(request.user)
    form = RangeForm(request.GET, months_with_data=cache.months_with_data(version))
    context: dict = {"form": form, "range": None}
    status = 200
    if form.is_valid() and form.range is not None:
        first, last = form.range
        shown = {"from": format_month(first), "to": format_month(last)}
        # Loaded and drawn only when the cached section misses; the range and the data are its key.
        section = {"range": shown, "trend": SimpleLazyObject(lambda: _trend(first, last, scope))}
        context.update(
            range=shown,
            presets=_presets(form.months_with_data),
            trend_section=cache.rendered(version, scope, ("trends", first, last), f"{TRENDS}#trend", section),
        )
    elif not form.is_valid():
        # An HTMX swap shows the message in place; a plain request gets a 400 page.
        status = 200 if is_fragment_request(request) else 400
    shown = context["range"] or {name: form.data.get(name, "") for name in ("from", "to")}
    context["picker"] = form.shown(shown, auto_id="range-%s")
    template = f"{TRENDS}#charts" if is_fragment_request(request) else TRENDS
    return render(request, template, context, status=status)


def _trend(first: date, last: date, scope: Scope) -> dict:
    history = load_range(first, last, scope=scope)
    return {
        "months": len(history),
        "charts": [*charts.trend_charts(history), *people_trend_charts(history)],
        "missing_economics": [month for month, m in history.items() if m is None],
        "approved": sorted(history.approved),
    }


def _presets(with_data: list[date]) -> list[dict[str, str]]:
    """Quick ranges: the last 12 and 24 months with data, and all history."""
    if not with_data:
        return []
    earliest, latest = with_data[0], with_data[-1]
    presets = [
        {"label": f"Last {count} months", "from": format_month(max(earliest, add_months(latest, 1 - count)))}
        for count in (12, 24)
    ]
    presets.append({"label": "All history", "from": format_month(earliest)})
    return [{**preset, "to": format_month(latest)} for preset in presets]


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
@vary_on_headers("HX-Request")
def board(request: HttpRequest) -> HttpResponse:
    """The board pack of `?month=` (default: the latest month with data that has started), its
    trends over `?from=&to=` (default: the 24 months up to it); the printed pack is this page."""
    started = [m for m in months_with_data() if m <= current_month()]
    form = BoardForm(request.GET, months_with_data=started)
    fragment = is_fragment_request(request)
    context: dict = {"form": form, "month": None, "fragment": fragment, "has_data": bool(started)}
    status = 200
    if not form.is_valid():
        status = 200 if fragment else 400  # htmx swaps only 2xx answers: the message shows in place
    elif form.cleaned_data["month"] is not None:
        context.update(_board_pack(form, scope_of(request.user)))
    shown = {name: form.data.get(name, "") for name in ("month", "from", "to")}
    context["picker"] = form.shown(
        shown | ({"month": context["month"]} if context["month"] else {}), auto_id="board-%s"
    )
    response = render(request, BOARD + ("#pack" if fragment else ""), context, status=status)
    if fragment and form.is_valid():
        query = urlencode(form.given())
        response["HX-Push-Url"] = reverse("board") + (f"?{query}" if query else "")
    return response


def _board_pack(form: BoardForm, scope: Scope) -> dict:
    """The pack's numbers and charts, from one History (five queries) over both windows."""
    month, given = form.cleaned_data["month"], "month" in form.given()
    first, last = form.range
    pack_months = months_between(add_months(month, 1 - BOARD_MONTHS), month)
    history = History(min(first, pack_months[0]), max(last, month), scope=scope)
    computed: dict[date, engine.MonthMetrics | None] = {}

    def window(months: list[date]) -> dict[date, engine.MonthMetrics | None]:
        for m in months:
            if m not in computed:  # months in both windows are computed once
                computed[m] = history.month(m)
        return {m: computed[m] for m in months}

    pack = window(pack_months)
    if pack[month] is None and not given:
        # By default, the latest month that can be computed (actuals before any assumptions cannot).
        month = max((key for key, m in pack.items() if m is not None), default=None)
    if month is None or pack[month] is None:
        return {"no_economics": True, "month_text": format_month(form.cleaned_data["month"])}
    return {
        "month": month,
        "month_label": month_label(month),
        "metrics": pack[month],
        "board_metrics": rollups.board_metrics(pack, month),
        "rollups": [rollups.quarter_to_date(pack, month), rollups.year_to_date(pack, month)],
        "highlights": [*red_flag_highlights(pack[month]), *rollups.highlights(pack, month)],
        "charts": charts.board_charts(window(months_between(first, last))),
        "range": {"from": format_month(first), "to": format_month(last)},
        "approved": sorted(m for m in history.approved if first <= m <= last or m == month),
    }


@permission_required_or_403(VIEW_DASHBOARD)
@require_GET
def metrics_csv(request: HttpRequest) -> HttpResponse:
    form = RangeForm(request.GET, months_with_data=months_with_data())
    if not form.is_valid():
        problems = "; ".join(message for messages in form.errors.values() for message in messages)
        return HttpResponseBadRequest(f"Cannot export: {problems}\n", content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    if form.range is None:
        response["Content-Disposition"] = 'attachment; filename="otesite-metrics.csv"'
        write_metrics_csv(response, [])
        return response
    first, last = form.range
    history = load_range(first, last, scope=scope_of(request.user))
    filename = f"otesite-metrics-{format_month(first)}-to-{format_month(last)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_metrics_csv(response, [m for m in history.values() if m is not None])
    return response
