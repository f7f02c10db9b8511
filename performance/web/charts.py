"""Chart data for the trends page and the board: series of the engine's numbers by month.

Pure (no Django import): built from ``loader.load_range``'s ``{month: MonthMetrics | None}``,
so the trends page, the board and the tests share one definition of every chart. A month
without metrics, or a role that does not count that month, is a gap (``None``). Each
chart travels to the browser as ``Chart.data()`` through ``json_script`` and is drawn by
``static/js/charts.js``; ``Chart.rows()`` is the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from otesite.lib.months import format_month
from performance.documents.metrics import json_number
from performance.engine import HUNDRED, MonthMetrics, RoleMetrics

History = Mapping[date, MonthMetrics | None]

# Units say how the JS formats ticks and how the table formats cells.
PCT, MONEY, RATIO, UNITS = "pct", "money", "ratio", "units"
# How a series is drawn: a line, bars, or a dashed reference line (target, 100%).
LINE, BAR, TARGET = "line", "bar", "target"


@dataclass(frozen=True)
class Series:
    label: str
    values: list[Decimal | None]
    style: str = LINE


@dataclass(frozen=True)
class Row:
    month: str
    values: list[Decimal | None]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    unit: str
    months: list[date]
    series: list[Series]
    description: str

    @property
    def data_id(self) -> str:
        """The id of the json_script element the canvas names in data-chart."""
        return f"{self.id}-data"

    def data(self) -> dict[str, Any]:
        """What charts.js reads: labels, datasets, unit; numbers rounded as in the JSON export."""
        places = 4 if self.unit == RATIO else 2
        return {
            "title": self.title,
            "unit": self.unit,
            "labels": [f"{month:%b %Y}" for month in self.months],
            "datasets": [
                {
                    "label": series.label,
                    "style": series.style,
                    "data": [json_number(value, places) for value in series.values],
                }
                for series in self.series
            ],
        }

    @property
    def headers(self) -> list[str]:
        return [series.label for series in self.series]

    def rows(self) -> list[Row]:
        return [
            Row(format_month(month), [series.values[index] for series in self.series])
            for index, month in enumerate(self.months)
        ]


def _by_month(history: History, value: Callable[[MonthMetrics], Decimal | None]) -> list[Decimal | None]:
    return [None if (m := history[month]) is None else value(m) for month in sorted(history)]


def _roles(history: History) -> dict:
    """Every role that counts in some month, by id in the order they first appear, with its
    latest name (a role renamed during the range stays one line)."""
    roles: dict = {}
    for month in sorted(history):
        m = history[month]
        for role in m.roles if m is not None else []:
            if role.counts:
                roles[role.role_id] = role.role
    return roles


def _role_value(m: MonthMetrics, role_id, value: Callable[[RoleMetrics], Decimal | None]) -> Decimal | None:
    role = next((role for role in m.roles if role.role_id == role_id and role.counts), None)
    return None if role is None else value(role)


def _by_role(history: History, value: Callable[[RoleMetrics], Decimal | None]) -> list[Series]:
    return [
        Series(name, _by_month(history, lambda m, role_id=role_id: _role_value(m, role_id, value)))
        for role_id, name in _roles(history).items()
    ]


def _hundred_line(history: History, label: str) -> Series:
    return Series(label, [None if history[month] is None else HUNDRED for month in sorted(history)], TARGET)


def ote_attainment_by_role(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-ote-attainment-by-role",
        title="OTE attainment by role",
        unit=PCT,
        months=sorted(history),
        series=[
            *_by_role(history, lambda role: role.actual.ote_attainment_pct if role.actual else None),
            _hundred_line(history, "OTE (100%)"),
        ],
        description="Earnings per person as a percentage of monthly OTE, per role.",
    )


def quota_attainment_by_role(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-quota-attainment-by-role",
        title="Quota attainment by role",
        unit=PCT,
        months=sorted(history),
        series=[
            *_by_role(history, lambda role: role.actual.quota_attainment_pct if role.actual else None),
            _hundred_line(history, "Quota (100%)"),
        ],
        description="Units per person as a percentage of monthly quota, per role.",
    )


def team_ote_attainment(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-team-ote-attainment",
        title="Team OTE attainment",
        unit=PCT,
        months=sorted(history),
        series=[
            Series("Team OTE attainment", _by_month(history, lambda m: m.summary.team_ote_attainment_pct)),
            _hundred_line(history, "OTE (100%)"),
        ],
        description="Total earnings as a percentage of total OTE (weighted by headcount).",
    )


def ote_against_actual(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-ote-against-actual",
        title="Total OTE against total actual earnings",
        unit=MONEY,
        months=sorted(history),
        series=[
            Series("Total OTE", _by_month(history, lambda m: m.summary.total_ote), BAR),
            Series("Total actual", _by_month(history, lambda m: m.summary.total_actual), BAR),
        ],
        description="What the team would earn at quota, and what it earned, each month.",
    )


def ote_pct_of_revenue(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-ote-pct-of-revenue",
        title="OTE as % of revenue",
        unit=PCT,
        months=sorted(history),
        series=[
            Series("OTE % of revenue", _by_month(history, lambda m: m.summary.ote_pct_of_revenue)),
            Series("Target", _by_month(history, lambda m: m.economics.target_ote_pct_of_revenue), TARGET),
        ],
        description="Total OTE as a share of revenue, against the target in force that month.",
    )


def revenue_per_ote_dollar(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-revenue-per-ote-dollar",
        title="Revenue per $1 OTE",
        unit=RATIO,
        months=sorted(history),
        series=[Series("Revenue per $1 OTE", _by_month(history, lambda m: m.summary.revenue_per_ote_dollar))],
        description="Revenue for each dollar of on-target earnings.",
    )


def deal_capacity(history: History, prefix: str = "chart") -> Chart:
    return Chart(
        id=f"{prefix}-deal-capacity",
        title="Deal capacity against deals closed",
        unit=UNITS,
        months=sorted(history),
        series=[
            Series("Deal capacity", _by_month(history, lambda m: m.summary.deal_capacity), BAR),
            Series("Deals closed", _by_month(history, lambda m: m.summary.deals_closed), BAR),
        ],
        description="Closers' headcount × quota, and the deals they closed.",
    )


def trend_charts(history: History) -> list[Chart]:
    """The six charts of the trends page."""
    return [
        ote_attainment_by_role(history),
        quota_attainment_by_role(history),
        ote_against_actual(history),
        ote_pct_of_revenue(history),
        revenue_per_ote_dollar(history),
        deal_capacity(history),
    ]


def board_charts(history: History) -> list[Chart]:
    """The board's small charts, one per investor metric."""
    return [
        team_ote_attainment(history, "board"),
        ote_pct_of_revenue(history, "board"),
        revenue_per_ote_dollar(history, "board"),
        deal_capacity(history, "board"),
    ]
