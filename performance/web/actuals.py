"""Getting a month's numbers in: the entry form with its live preview, and the CSV import
(role totals or people, told apart by the header).

Every view needs ENTER_ACTUALS (otesite/permissions.py: Managers and Admins), GET and POST alike.
The import's preview never stores the upload on disk (several app servers share the load):
the checked file travels back in the confirm form, signed, and is checked again on confirm.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from otesite.lib.fields import MonthFormField
from otesite.lib.months import add_months, format_month, month_label
from otesite.lib.parse import FIRST_MONTH, parse_month
from otesite.lib.rules import month_not_started
from otesite.permissions import ENTER_ACTUALS, Scope, permission_required_or_403, scope_of
from performance import loader
from performance.actuals import MonthChanged, first_assumptions_month, month_problem, version_of
from performance.exchange.actuals_csv import (
    MAX_BYTES,
    ActualsImport,
    ImportRefused,
    Problem,
    template_csv,
    template_month,
)
from performance.exchange.people_csv import people_template_csv, read_actuals_file
from performance.locks import month_locked
from performance.month_lock import MonthsApproved
from performance.web.actuals_forms import ActualsMonthForm
from performance.web.actuals_readonly import locked_month
from performance.web.people_presenters import preview_people
from performance.web.person_entry import PersonActualsForm, month_people_version, roles_kept_by_person, save_with_people

IMPORT_SALT = "performance.actuals-import"
IMPORT_MAX_AGE = 60 * 60  # a preview older than an hour is read again from a new upload


def dashboard_url(month: date) -> str:
    """The month's dashboard, where saving or importing a month lands."""
    return reverse("month", args=[month])


# --- Month entry --------------------------------------------------------------------------


def _entry_month(month: str, scope: Scope) -> tuple[date | None, loader.History | None, str | None]:
    """The URL's month and everything it needs (one History), or why actuals cannot be entered:
    not a month, a month that has not started, an approved month (`locked` says which), or one
    before the first business assumptions."""
    try:
        parsed = parse_month(month)
    except ValueError as error:
        return None, None, str(error)
    if problem := month_not_started(parsed):
        return parsed, None, problem
    if problem := month_locked(parsed):
        return parsed, None, LockedProblem(problem)
    history = _entry_history(parsed, scope)
    if history.economics.at(parsed) is None:
        return parsed, None, month_problem(parsed, first_assumptions_month())
    return parsed, history, None


def _entry_history(month: date, scope: Scope) -> loader.History:
    """The month and the one before it, which says how roles are kept (person_entry.py). The first
    month there can be (1900-01) has none before it: its roles are kept as a month before with
    nothing recorded would keep them."""
    return loader.History(max(add_months(month, -1), FIRST_MONTH), month, scope=scope)


def _entry_form(month: date, history: loader.History, data=None) -> ActualsMonthForm:
    return ActualsMonthForm(
        data,
        month=month,
        roles=[role for role in history.roles if role.pk not in roles_kept_by_person(history, month)],
        stored=history.actuals.get(month, {}),
        revenue=history.revenue.get(month),
        check_url=reverse("actuals_check", args=[format_month(month)]),
    )


def _people_form(month: date, history: loader.History, data=None) -> PersonActualsForm:
    """A row per person assigned this month to a role kept person by person (person_entry)."""
    return PersonActualsForm(
        data, month=month, history=history, check_url=reverse("actuals_check", args=[format_month(month)])
    )


def _preview(month: date, history: loader.History, form: ActualsMonthForm, people: PersonActualsForm | None = None):
    """The month from the forms' values (None while a field is wrong), or as stored when unbound."""
    if not form.is_bound:
        return history.month(month)
    if not form.is_valid() or (people is not None and not people.is_valid()):
        return None
    if people is not None:
        history = history.with_person_actuals(month, people.unsaved())
    return history.month_with(month, form.unsaved_actuals(), form.unsaved_revenue())


class LockedProblem(str):
    """Why an approved month's numbers cannot be entered: its page shows them read-only."""


def _refused_month(request: HttpRequest, month: str, problem: str, status: int) -> HttpResponse:
    context = {"month_text": month, "problem": problem, "picker": PickMonthForm()}
    return render(request, "performance/actuals_month.html", context, status=status)


def _locked_month(request: HttpRequest, month: date, problem: str, status: int) -> HttpResponse:
    """An approved month's entry page: its numbers read-only, who may reopen it, the picker."""
    history = loader.History(month, month, scope=scope_of(request.user, ENTER_ACTUALS))
    context = {
        "month": month,
        "month_text": format_month(month),
        "locked": locked_month(month, history),
        "problem": problem,
        "refused": request.method == "POST",
        "picker": PickMonthForm(initial={"month": month}),
        "dashboard_url": dashboard_url(month),
    }
    return render(request, "performance/actuals_month.html", context, status=status)


class PickMonthForm(forms.Form):
    month = MonthFormField(required=False, label="Another month")


@permission_required_or_403(ENTER_ACTUALS)
@require_GET
def actuals_start(request: HttpRequest) -> HttpResponse:
    """Enter actuals: the picked month (?month=YYYY-MM), else the one after the latest stored."""
    picked = PickMonthForm(request.GET)
    if not picked.is_valid():
        messages.error(request, f"month: {' '.join(picked.errors['month'])}")
        return redirect("actuals_start")
    month = picked.cleaned_data["month"] or template_month()
    return redirect("actuals_month", month=format_month(month))


def _entry_context(
    month: date, form: ActualsMonthForm, preview, people: PersonActualsForm | None, names: Mapping[int, str]
) -> dict:
    return {
        "month": month,
        "month_text": format_month(month),
        "form": form,
        "people": people,
        "preview": preview,
        "preview_people": preview_people(preview, names) if preview is not None else [],
        "picker": PickMonthForm(initial={"month": month}),
        "dashboard_url": dashboard_url(month),
    }


@permission_required_or_403(ENTER_ACTUALS)
@require_http_methods(["GET", "POST"])
def actuals_month(request: HttpRequest, month: str) -> HttpResponse:
    """Record what each role did in `month`: one form, saved in one transaction."""
    parsed, history, problem = _entry_month(month, scope_of(request.user, ENTER_ACTUALS))
    if isinstance(problem, LockedProblem):
        return _locked_month(request, parsed, problem, 400 if request.method == "POST" else 200)
    if problem:
        # A month that is not one is not found; one before the assumptions cannot be entered yet.
        return _refused_month(request, month, problem, 404 if parsed is None else 400 if request.POST else 200)
    data = request.POST if request.method == "POST" else None
    form, people = _entry_form(parsed, history, data), _people_form(parsed, history, data)
    if request.method == "POST" and form.is_valid() and people.is_valid():
        try:  # role totals, revenue and people: all or nothing
            save_with_people(parsed, form, people)
        except MonthChanged as changed:
            return _changed_meanwhile(request, parsed, changed)
        except MonthsApproved as approved:  # approved while the form was open: nothing was saved
            return _refused_month(request, month, f"Nothing was saved: {approved}.", 409)
        summary = form.summary() + (f"; {people.summary()}" if people.assignments else "")
        messages.success(request, f"Saved the actuals for {month_label(parsed)}: {summary}.")
        return redirect(dashboard_url(parsed))
    context = _entry_context(parsed, form, _preview(parsed, history, form, people), people, history.names)
    return render(request, "performance/actuals_month.html", context, status=400 if form.is_bound else 200)


def _changed_meanwhile(request: HttpRequest, month: date, changed: MonthChanged) -> HttpResponse:
    """The form again with what the manager typed, checked against the month as saved now and
    carrying its new version, so saving again replaces the other save knowingly (409 Conflict)."""
    history = _entry_history(month, scope_of(request.user, ENTER_ACTUALS))
    data = request.POST.copy()
    data["version"] = version_of(history.actuals.get(month, {}).values(), history.revenue.get(month))
    data["people_version"] = month_people_version(month)
    form, people = _entry_form(month, history, data), _people_form(month, history, data)
    context = _entry_context(month, form, _preview(month, history, form, people), people, history.names) | {
        "changed": str(changed)
    }
    return render(request, "performance/actuals_month.html", context, status=409)


class CheckFieldForm(forms.Form):
    """Which field of the entry form to check as the manager leaves it."""

    field = forms.CharField(max_length=100)


@permission_required_or_403(ENTER_ACTUALS)
@require_GET
def actuals_check(request: HttpRequest, month: str) -> HttpResponse:
    """The error (or none) of one field, with its row around it: validation as you leave a field."""
    parsed, history, problem = _entry_month(month, scope_of(request.user, ENTER_ACTUALS))
    query = CheckFieldForm(request.GET)
    if problem or not query.is_valid():
        return HttpResponse(status=400)
    name = query.cleaned_data["field"]
    form = next(
        (
            f
            for f in (_entry_form(parsed, history, request.GET), _people_form(parsed, history, request.GET))
            if name in f.fields
        ),
        None,
    )
    if form is None:
        return HttpResponse(status=400)
    form.is_valid()
    return render(request, "performance/actuals_month.html#field-error", {"field": form[name]})


@permission_required_or_403(ENTER_ACTUALS)
@require_GET
@vary_on_headers("HX-Request")
def actuals_preview(request: HttpRequest, month: str) -> HttpResponse:
    """The month's metrics from the form's unsaved values (GET: previewing is not saving)."""
    parsed, history, problem = _entry_month(month, scope_of(request.user, ENTER_ACTUALS))
    if problem:
        return _refused_month(request, month, problem, 404 if parsed is None else 400)
    form, people = _entry_form(parsed, history, request.GET), _people_form(parsed, history, request.GET)
    context = _entry_context(parsed, form, _preview(parsed, history, form, people), people, history.names)
    template = "performance/actuals_month.html"
    return render(request, f"{template}#preview" if request.htmx else template, context)


# --- CSV import ---------------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Actuals CSV (role totals or people)",
        help_text=f"Up to {MAX_BYTES // 1000} kB.",
        allow_empty_file=True,  # so an empty file gets the same "file: is empty" as the command
        error_messages={"required": "Choose a CSV file to upload."},
    )


class ConfirmImportForm(forms.Form):
    """The previewed file, signed (IMPORT_SALT), carried back by the confirm button."""

    payload = forms.CharField(widget=forms.HiddenInput)


def _import_page(request: HttpRequest, result: ActualsImport | None, *, upload=None, payload: str = "", status=200):
    context = {
        "upload": upload or UploadForm(),
        "result": result,
        "payload": payload,
        "confirm": ConfirmImportForm(initial={"payload": payload}),
        "dashboard_url": dashboard_url(result.months[-1]) if result and result.months else None,
    }
    return render(request, "performance/actuals_import.html", context, status=status)


@permission_required_or_403(ENTER_ACTUALS)
@require_http_methods(["GET", "POST"])
def actuals_import(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what it would change (a dry run); nothing is stored here."""
    if request.method == "GET":
        return _import_page(request, None)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _import_page(request, None, upload=upload, status=400)
    file = upload.cleaned_data["file"]
    if file.size > MAX_BYTES:
        result = ActualsImport(problems=[Problem(f"is larger than {MAX_BYTES // 1000} kB; import a year at a time")])
        return _import_page(request, result, status=400)
    content = file.read()
    result = read_actuals_file(content)
    if not result.ok:
        return _import_page(request, result, status=400)
    payload = signing.dumps({"name": file.name, "csv": content.decode("utf-8-sig")}, salt=IMPORT_SALT, compress=True)
    return _import_page(request, result, payload=payload)


@permission_required_or_403(ENTER_ACTUALS)
@require_POST
def actuals_import_confirm(request: HttpRequest) -> HttpResponse:
    """Apply a previewed file: checked again against what is stored now, then all or nothing."""
    confirm = ConfirmImportForm(request.POST)
    try:
        data = signing.loads(
            confirm.cleaned_data["payload"] if confirm.is_valid() else "", salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
        )
    except signing.SignatureExpired:
        messages.error(request, "That preview is more than an hour old; upload the file again.")
        return redirect("actuals_import")
    except signing.BadSignature:
        messages.error(request, "That preview could not be read; upload the file again.")
        return redirect("actuals_import")
    result = read_actuals_file(data["csv"].encode(), check=False)  # apply() checks it, under the hold
    try:
        result.apply(user=request.user, reason=f"Imported {data['name']}")
    except ImportRefused as refused:
        # Something changed since the preview (a role renamed, assumptions removed, a month
        # approved): say what; nothing was stored.
        result.problems = refused.problems
        return _import_page(request, result, status=400)
    months = ", ".join(format_month(m) for m in result.months)
    messages.success(request, f"Imported {data['name']} ({months}): {result.summary()}.")
    return redirect(dashboard_url(result.months[-1]))


@permission_required_or_403(ENTER_ACTUALS)
@require_GET
def actuals_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the header and a row per current role, ready to fill in."""
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="actuals-template.csv"'
    return response


@permission_required_or_403(ENTER_ACTUALS)
@require_GET
def actuals_people_template(request: HttpRequest) -> HttpResponse:
    """The people CSV: the header and a row per person assigned in the next month to enter."""
    response = HttpResponse(people_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="people-actuals-template.csv"'
    return response
