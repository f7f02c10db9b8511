"""/deals/import/: a Deals CSV, a HubSpot export or a Salesforce report, uploaded, previewed and
confirmed, like the actuals import (performance/web/actuals.py), with the reader the command uses
(performance/exchange/deals_csv.py), so both accept and refuse the same files in the same words.

The preview keeps nothing once it has answered, on disk or in the database (several app servers
share the load; a big upload sits in Django's temporary file only during its request): the
file travels back signed and compressed in the confirm form, and the confirm step reads and checks
it again, against what is stored by then, before it writes all or nothing. A big file's preview is
paged: the page buttons post the same signed file back for another page of rows (htmx swaps only
the preview; without JavaScript the whole page comes back). The upload shows its progress
(static/js/deals_import.js, on htmx's upload progress events).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from otesite.lib.parse import plain
from otesite.permissions import ENTER_DEALS, permission_required_or_403
from performance.deal_rules import DealValues
from performance.exchange.deal_formats import FORMATS
from performance.exchange.deals_csv import DealsImport, import_file, months_text, read_deals
from performance.web.actuals import dashboard_url

IMPORT_SALT = "performance.deals-import"
IMPORT_MAX_AGE = 60 * 60  # a preview is good for an hour
MAX_UPLOAD_BYTES = 20_000_000  # about 350,000 rows; bigger files: manage.py import_deals
# The signed file must come back in the confirm form, under Django's DATA_UPLOAD_MAX_MEMORY_SIZE
# (2.5 MB by default): a 100,000-row export compresses to about 1.7 MB.
MAX_PAYLOAD_CHARS = 2_400_000
ROWS_PER_PAGE = 50
PARTIALS = {"deals-import": "#import", "deals-preview": "#preview"}  # what htmx swaps: the element's id


class DealsUploadForm(forms.Form):
    format = forms.ChoiceField(
        label="The file is",
        choices=[(fmt.name, fmt.label) for fmt in FORMATS.values()],
        initial="otesite",
        help_text="A CRM export is read as it comes: only Closed Won deals are imported, the others counted.",
    )
    file = forms.FileField(
        label="Deals file (CSV)",
        help_text=f"Up to {MAX_UPLOAD_BYTES // 1_000_000} MB; bigger files with manage.py import_deals.",
        allow_empty_file=True,  # so an empty file gets the same "file: is empty" as the command
        error_messages={"required": "Choose a CSV file to upload."},
    )


class DealsPreviewForm(forms.Form):
    """The previewed file, signed (IMPORT_SALT), and which page of its rows to show."""

    payload = forms.CharField(widget=forms.HiddenInput)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


@dataclass(frozen=True)
class PreviewRow:
    """A deal of the file as the preview shows it: people by name."""

    row: int
    action: str
    deal: DealValues
    closers: str
    setter: str


def _shown(number: int, value: DealValues, action: str, names: dict[int, str]) -> PreviewRow:
    closers = [(names.get(person_id, ""), share) for person_id, share in value.closers]
    text = "; ".join(name if len(closers) == 1 else f"{name} ({plain(share)})" for name, share in closers)
    return PreviewRow(number, action, value, text, names.get(value.setter_id, ""))


def _page(request: HttpRequest, result: DealsImport | None, *, upload=None, payload: str = "", page=1, status=200):
    rows = None
    if result is not None and result.ok and result.actions:
        paginator = Paginator(list(zip(result.rows, result.actions, strict=True)), ROWS_PER_PAGE)
        rows = paginator.get_page(page)
        rows.object_list = [_shown(n, value, action, result.names) for (n, value), action in rows.object_list]
    context = {
        "upload": upload or DealsUploadForm(),
        "result": result,
        "rows": rows,
        "months": months_text(result.months) if result and result.rows else "",
        "confirm": DealsPreviewForm(initial={"payload": payload}),
        "payload": payload,
    }
    template = "performance/deals_import.html"
    if request.htmx and request.htmx.target in PARTIALS:
        template += PARTIALS[request.htmx.target]
    return render(request, template, context, status=status)


def _refused(message: str) -> DealsImport:
    result = DealsImport()
    result.problem(message)
    return result


@permission_required_or_403(ENTER_DEALS)
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request", "HX-Target")
def deals_import(request: HttpRequest) -> HttpResponse:
    """Upload a file and see what it would change (a dry run), or another page of that; nothing is
    stored here."""
    if request.method == "GET":
        return _page(request, None)
    if "payload" in request.POST:
        return _another_page(request)
    upload = DealsUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _page(request, None, upload=upload, status=400)
    file, fmt = upload.cleaned_data["file"], upload.cleaned_data["format"]
    if file.size > MAX_UPLOAD_BYTES:
        message = f"is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB; import it with manage.py import_deals"
        return _page(request, _refused(message), upload=upload, status=400)
    content = file.read()
    result = read_deals(io.BytesIO(content), fmt)
    if not result.ok:
        return _page(request, result, upload=upload, status=400)
    payload = signing.dumps(
        {"name": file.name, "format": fmt, "csv": content.decode("utf-8-sig")}, salt=IMPORT_SALT, compress=True
    )
    if len(payload) > MAX_PAYLOAD_CHARS:
        message = "is too big to confirm from the browser; import it with manage.py import_deals"
        return _page(request, _refused(message), upload=upload, status=400)
    return _page(request, result, upload=upload, payload=payload)


def _signed_file(request: HttpRequest) -> tuple[dict | None, int]:
    form = DealsPreviewForm(request.POST)
    valid = form.is_valid()
    try:
        data = signing.loads(form.cleaned_data["payload"] if valid else "", salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.SignatureExpired:
        messages.error(request, "That preview is more than an hour old; upload the file again.")
        return None, 1
    except signing.BadSignature:
        messages.error(request, "That preview could not be read; upload the file again.")
        return None, 1
    return data, (form.cleaned_data.get("page") or 1) if valid else 1


def _another_page(request: HttpRequest) -> HttpResponse:
    data, page = _signed_file(request)
    if data is None:
        return _redirect(request)
    result = read_deals(io.BytesIO(data["csv"].encode()), data["format"])
    upload = DealsUploadForm(initial={"format": data["format"]})
    return _page(request, result, upload=upload, payload=request.POST["payload"], page=page)


def _redirect(request: HttpRequest) -> HttpResponse:
    """Back to the upload; an htmx request is told to go there as a whole page."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("deals_import")
        return response
    return redirect("deals_import")


@permission_required_or_403(ENTER_DEALS)
@require_POST
def deals_import_confirm(request: HttpRequest) -> HttpResponse:
    """Store a previewed file: read and checked again against what is stored now, after holding
    its months, then all or nothing."""
    data, _ = _signed_file(request)
    if data is None:
        return _redirect(request)
    # Read and checked once, inside the transaction that stores it, after holding its months.
    result, written = import_file(
        io.BytesIO(data["csv"].encode()), data["format"], reason=f"deals import {data['name']}", user=request.user
    )
    if written is not None:
        summary = f"{written.summary()}; {result.skipped_text()}" if result.skipped else written.summary()
        messages.success(request, f"Imported {data['name']} ({months_text(result.months)}): {summary}.")
        return redirect(dashboard_url(result.months[-1]))
    upload = DealsUploadForm(initial={"format": data["format"]})
    return _page(request, result, upload=upload, status=400)
