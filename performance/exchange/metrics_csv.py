"""The metrics JSON of DOMAIN.md flattened into CSV rows, for spreadsheets.

One row per month with ``role`` = ``All`` (the month's summary and setter capacity), then
one row per role. Columns are named as the metrics JSON keys; the cells are the JSON
export's own numbers (``documents.metrics.to_metrics_json``), so the CSV, ``export_metrics`` and the
screens never disagree: 2 decimals, ``revenue_per_ote_dollar`` 4, an empty cell for null.
Recommendations are their codes joined by ``;``. Text cells (role names) are escaped so no
spreadsheet runs them as formulas (``exchange.csv_cells``); numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from otesite.lib import csv_cells
from otesite.lib.csv_cells import escape_text
from performance.documents.metrics import EARNINGS_FIELDS, PLAN_FIELDS, to_metrics_json
from performance.engine import MonthMetrics

ALL_ROLES = "All"
SUMMARY_FIELDS = (
    "total_ote",
    "total_actual",
    "ote_gap",
    "team_avg_attainment_pct",
    "team_ote_attainment_pct",
    "revenue",
    "revenue_per_ote_dollar",
    "ote_pct_of_revenue",
    "efficiency",
    "deal_capacity",
    "capacity_utilization_pct",
)
SETTER_CAPACITY_FIELDS = (
    "meetings_needed",
    "meetings_supplied",
    "coverage_pct",
    "setters_to_add",
    "meetings_booked",
    "booked_coverage_pct",
)
ROLE_FIELDS = (
    "kind",
    "status",
    "alignment",
    *PLAN_FIELDS,
    "headcount",
    "units",
    "credited_deals",
    "units_per_person",
    "quota_attainment_pct",
    *EARNINGS_FIELDS,
    "source",
)
COLUMNS = ("month", "role", *SUMMARY_FIELDS, *SETTER_CAPACITY_FIELDS, *ROLE_FIELDS, "recommendations")
PLACES = {"revenue_per_ote_dollar": 4}


def cell(name: str, value: Any) -> str:
    """A JSON value as CSV text: numbers to their export places, null empty, text escaped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{PLACES.get(name, 2)}f}"
    if isinstance(value, str):
        return escape_text(value)
    return str(value)


def month_rows(m: MonthMetrics) -> list[dict[str, str]]:
    document = to_metrics_json(m, include_text=False)
    summary = {name: cell(name, document["summary"][name]) for name in SUMMARY_FIELDS}
    capacity = document["insights"]["setter_capacity"] or {}
    summary.update({name: cell(name, capacity.get(name)) for name in SETTER_CAPACITY_FIELDS})
    rows = [{"month": m.month, "role": ALL_ROLES, **summary}]
    for role in document["roles"]:
        row = {"month": m.month, "role": cell("role", role["role"])}
        row.update({name: cell(name, role.get(name)) for name in ROLE_FIELDS})
        row["recommendations"] = ";".join(item["code"] for item in role.get("recommendations", []))
        rows.append(row)
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def metrics_rows(months: Iterable[MonthMetrics]) -> list[dict[str, str]]:
    return [row for m in months for row in month_rows(m)]


def write_metrics_csv(out: IO[str], months: Iterable[MonthMetrics]) -> None:
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([row[column] for column in COLUMNS] for row in metrics_rows(months))
