"""DOMAIN.md's payroll CSV (`manage.py export_payroll`, `/statements/YYYY-MM/payroll.csv`):
`person,role,base,commission,earnings,earnings_recorded,state`, one row per person with a
statement, in role order then name; money to 2 decimals, rounded half-up from the engine's
unrounded Decimals.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from performance import engine
from performance.engine.formatting import quantize

COLUMNS = ("person", "role", "base", "commission", "earnings", "earnings_recorded", "state")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell: str) -> str:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading quote.
    (Only for text: the money columns are written by us and may be negative numbers.)"""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _money(value) -> str:
    return f"{quantize(value, 2):f}"


def payroll_rows(statements: Iterable[engine.Statement], state: str) -> list[list[str]]:
    return [
        [
            escape_formula(statement.person),
            escape_formula(statement.role),
            _money(statement.base),
            _money(statement.commission),
            _money(statement.earnings),
            "true" if statement.earnings_recorded else "false",
            state,
        ]
        for statement in statements
    ]


def write_payroll_csv(out: IO[str], statements: Iterable[engine.Statement], state: str) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(payroll_rows(statements, state))
