"""DOMAIN.md's payroll CSV (`manage.py export_payroll`, `/statements/YYYY-MM/payroll.csv`):
`person,role,base,commission,earnings,earnings_recorded,state`, one row per person with a
statement, in role order then name; money to 2 decimals, rounded half-up from the engine's
unrounded Decimals. Text cells are made inert for spreadsheets by the one helper every CSV
writer shares (csv_cells.escape_text).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text
from otesite.lib.formatting import quantize
from performance import engine
from performance.documents.metrics import Names, name_of

COLUMNS = ("person", "role", "base", "commission", "earnings", "earnings_recorded", "state")


def _money(value) -> str:
    return f"{quantize(value, 2):f}"


def payroll_rows(statements: Iterable[engine.Statement], state: str, names: Names) -> list[list[str]]:
    return [
        [
            escape_text(name_of(names, statement.person_id)),
            escape_text(statement.role),
            _money(statement.base),
            _money(statement.commission),
            _money(statement.earnings),
            "true" if statement.earnings_recorded else "false",
            state,
        ]
        for statement in statements
    ]


def write_payroll_csv(out: IO[str], statements: Iterable[engine.Statement], state: str, names: Names) -> None:
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(payroll_rows(statements, state, names))
