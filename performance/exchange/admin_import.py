"""The admin's import and export pages (django-import-export), held to the rules of our own CSVs.

- `SafeCSV`: the CSV format with IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT done our way: text
  cells that a spreadsheet would run as formulas get a `'` in front (`csv_cells.escape_cell`),
  numbers stay numbers. (django-import-export's own escaping only drops a leading "=".)
- `SizeCheckedImportForm`: refuses a file over MAX_BYTES or MAX_ROWS with the managers'
  import's words, before the admin keeps the upload in its cache table for the confirm step.
- `ClassDiff`: the dry run's diff as `<ins class>`/`<del class>`, styled by
  static/css/admin-import.css, where django-import-export writes `style` attributes that the
  Content-Security-Policy blocks.
"""

from __future__ import annotations

import csv
import io

from diff_match_patch import diff_match_patch
from django import forms
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.resources import Diff

from .actuals_csv import MAX_BYTES, decode, too_many_rows
from .csv_cells import escape_cell

IMPORT_CSS = "css/admin-import.css"


class SafeCSV(CSV):
    def _escape_formulae(self, dataset) -> None:
        """Called by export_data when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on (settings.py)."""
        rows = [[escape_cell(cell) for cell in row] for row in dataset]
        headers = dataset.headers
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)


class SizeCheckedImportForm(ImportForm):
    class Media:
        css = {"all": [IMPORT_CSS]}

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_BYTES:  # never read into memory
            raise forms.ValidationError(f"is larger than {MAX_BYTES // 1000} kB; import a month or a year at a time")
        content = upload.read()
        upload.seek(0)
        text, problem = decode(content)
        if problem is None:
            try:
                problem = too_many_rows(list(csv.reader(io.StringIO(text, newline=""))))
            except csv.Error:
                problem = None  # the import reads it again and says what is wrong
        if problem:
            raise forms.ValidationError(f"The file {problem.message}.")
        return upload


class StyledConfirmImportForm(ConfirmImportForm):
    """The confirm step shows the dry run's diff: its classes need the stylesheet."""

    class Media:
        css = {"all": [IMPORT_CSS]}


DIFF_TAGS = {
    diff_match_patch.DIFF_INSERT: ("ins", "diff-insert"),
    diff_match_patch.DIFF_DELETE: ("del", "diff-delete"),
    diff_match_patch.DIFF_EQUAL: ("span", "diff-equal"),
}


class ClassDiff(Diff):
    def as_html(self) -> list[str]:
        cells = []
        dmp = diff_match_patch()
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            diff = dmp.diff_main(force_str(before), force_str(after))
            dmp.diff_cleanupSemantic(diff)
            parts = ((*DIFF_TAGS[op], text) for op, text in diff)
            cells.append(format_html_join("", '<{0} class="{1}">{2}</{0}>', parts))
        return cells


class ExchangeAdmin(ImportExportModelAdmin):
    """What the actuals' and plans' admins share: CSV only, written safely, size-checked on the way in."""

    import_formats = export_formats = [SafeCSV]  # the format DOMAIN.md and spreadsheets share
    import_form_class = SizeCheckedImportForm
    confirm_form_class = StyledConfirmImportForm
