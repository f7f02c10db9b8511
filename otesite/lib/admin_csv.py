"""The admin's CSV downloads and the way to our own import.

- `csv_download(filename, columns)`: an admin action that downloads the selected rows as CSV,
  written as every CSV of ours is: numbers as a person types them (`plain`), months as YYYY-MM,
  and text cells escaped so that no spreadsheet runs them as formulas (csv_cells.escape_text).
  The columns of actuals are DOMAIN.md's actuals and people CSVs, so a download imports back.
- `ImportLinkAdmin`: a changelist whose object tools link to the product's own import, with
  its preview, its messages and its limits (there is no second importer in the admin).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from django.contrib import admin
from django.http import HttpResponse

from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text
from otesite.lib.months import format_month
from otesite.lib.parse import plain

Column = tuple[str, Callable[[object], object]]


def cell(value: object) -> str:
    """A value as our CSVs write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return plain(value)
    if isinstance(value, date):
        return format_month(value)
    if isinstance(value, tuple | list):
        return ";".join(cell(item) for item in value)
    return escape_text(str(value))


def write_rows(rows, columns: Sequence[Column]) -> str:
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([cell(value(row)) for _, value in columns])
    return out.getvalue()


def csv_download(filename: str, columns: Sequence[Column], description: str = "Download selected as CSV"):
    """An admin action writing the selected rows with `columns` (name, value of a row)."""

    @admin.action(description=description)
    def download(modeladmin, request, queryset) -> HttpResponse:
        response = HttpResponse(write_rows(queryset, columns), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    download.__name__ = "download_csv"
    return download


def field(name: str) -> Column:
    return (name, lambda row: getattr(row, name))


class ImportLinkAdmin(admin.ModelAdmin):
    """A changelist with a link to the product's own CSV import (its URL name: `import_url_name`)."""

    change_list_template = "admin/change_list_with_import.html"
    import_url_name = "actuals_import"
    import_label = "Import a CSV (with preview)"

    def changelist_view(self, request, extra_context=None):
        extra = {"import_url_name": self.import_url_name, "import_label": self.import_label}
        return super().changelist_view(request, extra_context={**extra, **(extra_context or {})})
