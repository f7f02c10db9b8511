from datetime import date

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from otesite.months import add_months, format_month, month_label
from performance import charts, rollups
from performance.forms import RangeForm
from performance.loader import load_range, months_with_data
from performance.metrics_csv import write_metrics_csv

VIEW_METRICS = "performance.view_monthlyactual"
BOARD_MONTHS = 24


def lands_on_board(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Board members (who cannot enter actuals) start on the board view."""
    return not user.has_perm("performance.change_monthlyactual") and user.groups.filter(name="Board").exists()


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if lands_on_board(request.user):
        return redirect("board")
    return render(request, "home.html")


@require_GET
@permission_required(VIEW_METRICS, raise_exception=True)
@vary_on_headers("HX-Request")
def trends(request: HttpRequest) -> HttpResponse:
    form = RangeForm(request.GET, months_with_data=months_with_data())
    context: dict = {"form": form, "charts": [], "range": None}
    status = 200
    if form.is_valid() and form.range is not None:
        first, last = form.range
        history = load_range(first, last)
        context.update(
            range={"from": format_month(first), "to": format_month(last)},
            first=first,
            last=last,
            months=len(history),
            charts=charts.trend_charts(history),
            missing_economics=[month for month, m in history.items() if m is None],
            presets=_presets(form.months_with_data),
        )
    elif not form.is_valid():
        # An HTMX swap shows the message in place; a plain request gets a 400 page.
        status = 200 if request.htmx and not request.htmx.history_restore_request else 400
    # An htmx swap wants the partial; a history restore wants the whole page.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    template = "performance/trends.html#charts" if fragment else "performance/trends.html"
    return render(request, template, context, status=status)


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


@require_GET
@permission_required(VIEW_METRICS, raise_exception=True)
def board(request: HttpRequest) -> HttpResponse:
    with_data = months_with_data()
    if not with_data:
        return render(request, "performance/board.html", {"month": None})
    latest = with_data[-1]
    history = load_range(add_months(latest, 1 - BOARD_MONTHS), latest)
    # The latest month that can be computed (actuals recorded before any assumptions cannot).
    month = max((key for key, m in history.items() if m is not None), default=None)
    if month is None:
        return render(request, "performance/board.html", {"month": None, "no_economics": True})
    shown = {key: m for key, m in history.items() if with_data[0] <= key <= month}
    context = {
        "month": month,
        "month_label": month_label(month),
        "metrics": history[month],
        "board_metrics": rollups.board_metrics(history, month),
        "rollups": [rollups.quarter_to_date(history, month), rollups.year_to_date(history, month)],
        "highlights": rollups.highlights(history, month),
        "charts": charts.board_charts(shown),
        "range": {"from": format_month(min(shown)), "to": format_month(month)},
    }
    return render(request, "performance/board.html", context)


@require_GET
@permission_required(VIEW_METRICS, raise_exception=True)
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
    history = load_range(first, last)
    filename = f"otesite-metrics-{format_month(first)}-to-{format_month(last)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_metrics_csv(response, [m for m in history.values() if m is not None])
    return response
