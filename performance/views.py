"""The manager's month: the Team Performance dashboard."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from performance.forms import MonthPickerForm
from performance.loader import load_month, months_with_data
from performance.presenters import Dashboard, MonthNavigation

VIEW_DASHBOARD = "performance.view_monthlyactual"
PAGE = "performance/month.html"


def require_perm(request: HttpRequest, permission: str) -> None:
    """Logged in is not enough: a user in no group sees a 403 page."""
    if not request.user.has_perm(permission):
        raise PermissionDenied("Your account has no access to this page. Ask an admin to add you to a group.")


def is_fragment_request(request: HttpRequest) -> bool:
    """An htmx swap wants the partial; a history restore wants the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The latest month with data; a friendly page when there is none yet."""
    require_perm(request, VIEW_DASHBOARD)
    months = months_with_data()
    if months:
        return redirect("month", month=months[-1])
    return render(request, "performance/empty.html")


def _render_month(request: HttpRequest, month: date, form: MonthPickerForm | None = None, status: int = 200):
    navigation = MonthNavigation(month, months_with_data())
    dashboard = Dashboard(navigation, load_month(month) if navigation.has_data else None)
    fragment = is_fragment_request(request)
    context = {"dashboard": dashboard, "form": form or MonthPickerForm(initial={"month": month}), "fragment": fragment}
    return render(request, f"{PAGE}#dashboard" if fragment else PAGE, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def month(request: HttpRequest, month: date) -> HttpResponse:
    require_perm(request, VIEW_DASHBOARD)
    return _render_month(request, month)


@require_GET
@vary_on_headers("HX-Request")
def pick_month(request: HttpRequest) -> HttpResponse:
    """The month picker's target: `?month=YYYY-MM` goes to that month's page.

    Without JavaScript it redirects; for htmx it answers with the dashboard fragment and
    tells htmx which URL to push, so the address bar shows the month's own page.
    """
    require_perm(request, VIEW_DASHBOARD)
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
