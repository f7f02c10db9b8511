"""Text cells that a spreadsheet would run as formulas, made inert in every CSV we write.

A role named `=HYPERLINK("http://x","y")` or `+cmd|' /C calc'!A0` would be a live formula
when an exported file is opened in Excel, LibreOffice or Google Sheets (CSV injection). Every
writer (the metrics CSV and `export_metrics --format csv`, the actuals and people templates,
payroll, the admin's exports) passes its text cells through `escape_text`, which puts a `'` in front of a cell that
starts with one of FORMULA_STARTS: spreadsheets show the text as typed and run nothing.

Only text is escaped. A number stays a number, negative ones included (`-5.00` in `ote_gap`):
writers that know their columns escape the text ones (`escape_text`); writers that only see
strings (the admin export) use `escape_cell`, which leaves a cell alone when the one parser's
number pattern reads all of it.

Reading our own files back, `unescape_text` takes the `'` off again, so an exported role name
imports as the same role.

Every CSV we write is written by `writer(out)`: a csv.writer with our line endings that passes
each cell through `escape_cell` as well, so a writer that forgets to escape a text column still
hands no spreadsheet a formula (a cell already escaped, or a number, comes through unchanged).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)


def escape_text(text: str) -> str:
    """A text cell, with a `'` in front when a spreadsheet would read it as a formula."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def escape_cell(value: Any) -> Any:
    """A cell of unknown kind: numbers (and text that is exactly a number) unchanged, other text escaped."""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    return escape_text(value)


def unescape_text(text: str) -> str:
    """The text as it was before `escape_text` (a cell read back from one of our files)."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class CellWriter:
    """csv.writer's writerow and writerows, every cell through `escape_cell`."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([escape_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str]) -> CellWriter:
    """The writer of every CSV we write: CRLF line endings, no cell a spreadsheet would run."""
    return CellWriter(out)
