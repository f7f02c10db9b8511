"""Saved scenarios side by side: a table whose columns are the scenarios (and their common base,
when they share a month), each figure read from the engine's answer for that scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from otesite.lib.months import month_label
from otesite.lib.number_filters import ratio
from otesite.lib.parse import parse_month
from performance import engine
from performance.web.whatif_presenters import MONEY, PCT, UNITS

Figure = Callable[[engine.Side], Any]


@dataclass(frozen=True)
class Cell:
    text: str
    changed: bool = False


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[Cell]
    group: str = ""


@dataclass(frozen=True)
class Column:
    heading: str
    note: str
    side: engine.Side | None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompareTable:
    columns: list[Column]
    rows: list[CompareRow]
    has_base: bool


def _summary(name: str) -> Figure:
    return lambda side: getattr(side.metrics.summary, name)


def _outcome(index: int) -> Figure:
    return lambda side: side.outcomes[index].pay_pct_of_revenue


NO_GOAL = "no goal"


def _hiring(name: str) -> Figure:
    """A column's answer to its own revenue goal; a column without one says so."""
    return lambda side: NO_GOAL if side.hiring is None else getattr(side.hiring, name)


def _or_no_goal(show: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: value if value == NO_GOAL else show(value)


def _role(name: str, value: Callable[[engine.RoleMetrics], Any]) -> Figure:
    def figure(side: engine.Side) -> Any:
        role = next((role for role in side.metrics.roles if role.role == name), None)
        return None if role is None else value(role)

    return figure


def _count(value: Any) -> str:
    return "n/a" if value is None else str(value)


def _alignment(value: Any) -> str:
    return engine.ALIGNMENT_LABELS.get(value or "", "n/a")


def _figures(columns: list[Column]) -> list[tuple[str, str, Callable[[Any], str], Figure]]:
    """(group, label, format, figure) for every row; roles in the order the first column lists them."""
    found: list[tuple[str, str, Callable[[Any], str], Figure]] = [
        ("Month", "Total OTE a month", MONEY, _summary("total_ote")),
        ("Month", "Total pay (estimated)", MONEY, _summary("total_actual")),
        ("Month", "Revenue", MONEY, _summary("revenue")),
        ("Month", "OTE as % of revenue", PCT, _summary("ote_pct_of_revenue")),
        ("Month", "Revenue per $1 OTE", ratio, _summary("revenue_per_ote_dollar")),
        ("Month", "Team OTE attainment", PCT, _summary("team_ote_attainment_pct")),
    ]
    found += [
        ("Pay as % of revenue", f"at {level}% of quota", PCT, _outcome(index))
        for index, level in enumerate(engine.OUTCOME_LEVELS)
    ]
    names = list(dict.fromkeys(role.role for column in columns if column.side for role in column.side.metrics.roles))
    for name in names:
        found += [
            (name, "Headcount", _count, _role(name, lambda role: role.actual.headcount if role.actual else None)),
            (name, "Monthly OTE", MONEY, _role(name, lambda role: role.plan.monthly_ote if role.plan else None)),
            (name, "Quota a person", UNITS, _role(name, lambda role: role.plan.monthly_quota if role.plan else None)),
            (name, "Alignment", _alignment, _role(name, lambda role: role.plan.alignment if role.plan else None)),
        ]
    if any(column.side and column.side.hiring for column in columns):
        found += [
            ("Hiring to the goal", "Revenue goal a month", _or_no_goal(MONEY), _hiring("revenue_goal")),
            ("Hiring to the goal", "Closers needed", _or_no_goal(_count), _hiring("closers_needed")),
            ("Hiring to the goal", "Setters needed", _or_no_goal(_count), _hiring("setters_needed")),
        ]
    return found


def compare_table(columns: list[Column], *, has_base: bool) -> CompareTable:
    """Every figure of every column; a cell is ``changed`` when it differs from the first column
    (the common base, or else the first scenario)."""
    rows = []
    for group, label, show, figure in _figures(columns):
        texts = ["—" if column.side is None else show(figure(column.side)) for column in columns]
        cells = [Cell(text, index > 0 and text != texts[0]) for index, text in enumerate(texts)]
        rows.append(CompareRow(label, cells, group))
    return CompareTable(columns, rows, has_base)


def base_column(side: engine.Side, month: str) -> Column:
    """The common base: it has no revenue goal of its own (each scenario answers its own), so
    the hiring a scenario's goal gave it is left out."""
    return Column("Base", f"{month_label_of(month)}, re-estimated", replace(side, hiring=None))


def month_label_of(month: str) -> str:
    return month_label(parse_month(month))
