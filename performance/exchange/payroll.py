"""DOMAIN.md's payroll CSV (`manage.py export_payroll`, `/statements/YYYY-MM/payroll.csv`):
`person,role,base,commission,earnings,earnings_recorded,state,clawbacks,payable`, the rows of
performance/documents/payroll.py (no payee left out: role totals have a row naming the role,
people with only clawbacks a row with no role); money to 2 decimals, rounded half-up from the
engine's unrounded Decimals. Every cell goes through the one CSV writer (csv_cells.writer),
which makes text inert for spreadsheets.
"""

from __future__ import annotations

from typing import IO

from otesite.lib import csv_cells
from otesite.lib.formatting import quantize
from performance.documents.payroll import COLUMNS, PayrollRow


def _money(value) -> str:
    return f"{quantize(value, 2):f}"


def payroll_cells(rows: list[PayrollRow], state: str) -> list[list[str]]:
    return [
        [
            row.person,
            row.role,
            _money(row.base),
            _money(row.commission),
            _money(row.earnings),
            "true" if row.earnings_recorded else "false",
            state,
            _money(row.clawbacks),
            _money(row.payable),
        ]
        for row in rows
    ]


def write_payroll_csv(out: IO[str], rows: list[PayrollRow], state: str) -> None:
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(payroll_cells(rows, state))
