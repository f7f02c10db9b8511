"""A second computation of DOMAIN.md's numbers, written from its words alone, to check the
engine against: from a workspace JSON document (version 2, 3 or 4), every month's metrics
JSON, statements and payroll rows, as JSON numbers rounded half-up.

Map: ``numbers`` (Decimal helpers, the pay curve) → ``workspace`` (records in force, holders,
days, deals) → ``people`` (a plan's figures, a person's month) → ``roles`` (a role's month in
each mode) → ``month`` (month figures, recommendations, insights, clawbacks) → ``documents``
(the three outputs).
"""

from decimal import localcontext

from .documents import metrics_json, payroll_json, statements_json
from .month import Computation

PRECISION = 60


def compute(document: dict, months: list[str] | None = None) -> dict[str, dict]:
    """{month: {"metrics": ..., "statements": {person: ...}, "payroll": [...]}} for every month
    of the workspace (or those asked for); each month's state from its ``closes`` (open by default)."""
    with localcontext() as context:
        context.prec = PRECISION
        computation = Computation(document)
        found = {}
        for month in months or computation.workspace.months():
            figures = computation.month(month)
            state = computation.workspace.states.get(month, "open")
            found[month] = {
                "metrics": metrics_json(figures),
                "statements": statements_json(figures, state),
                "payroll": payroll_json(figures, state),
            }
        return found
