"""Charts of people and pay curves, in the shape ``performance/charts.py`` gives the trends:
data for ``json_script``, drawn by ``static/js/charts.js``, and the same numbers as a table.

Pure (no Django import). Every number is the engine's: the ramp curve (``ramp_curves``), the
months' people counts, a person's months (``PersonMetrics``) and a plan's payout curve
(``payout_curve``, earnings through the tiers and the cap: nothing is worked out in JS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from performance.documents.metrics import json_number
from performance.engine import HUNDRED, ZERO, MonthMetrics, PayoutCurve, PersonMetrics, RampCurve, ramp_curves
from performance.web.charts import BAR, LINE, MONEY, PCT, TARGET, UNITS, Chart, History, Row, Series

MARKER = "marker"  # a single marked point (the plan at quota)


@dataclass(frozen=True)
class LabelledChart:
    """A chart over named points (tenure months) rather than calendar months; otherwise as
    ``charts.Chart``, so ``_chart.html`` shows it and its table alike."""

    id: str
    title: str
    unit: str
    labels: list[str]
    series: list[Series]
    description: str
    x_label: str

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "unit": self.unit,
            "labels": self.labels,
            "datasets": [
                {"label": s.label, "style": s.style, "data": [json_number(v) for v in s.values]} for s in self.series
            ],
        }

    @property
    def headers(self) -> list[str]:
        return [series.label for series in self.series]

    def rows(self) -> list[Row]:
        return [Row(label, [series.values[index] for series in self.series]) for index, label in enumerate(self.labels)]


# --- Trends: the ramp curve and how many people ---------------------------------------------


RAMP_CHART_MONTHS = 12


def ramp_curve_chart(curves: list[RampCurve], prefix: str = "chart") -> LabelledChart | None:
    """Mean quota attainment by tenure month, a line per hiring cohort, over a hire's first
    RAMP_CHART_MONTHS months. Only cohorts seen from their first month: people hired before
    the range would start their line years in and say nothing of ramping up (None: no cohort)."""
    curves = [curve for curve in curves if curve.points and curve.points[0].tenure_month == 1]
    if not curves:
        return None
    longest = min(RAMP_CHART_MONTHS, max(point.tenure_month for curve in curves for point in curve.points))
    series = []
    for curve in curves:
        by_tenure = {point.tenure_month: point.mean_quota_attainment_pct for point in curve.points}
        series.append(Series(f"Hired {curve.cohort}", [by_tenure.get(t) for t in range(1, longest + 1)]))
    series.append(Series("Quota (100%)", [HUNDRED] * longest, TARGET))
    return LabelledChart(
        id=f"{prefix}-ramp-curve",
        title="Ramp curve: attainment by month in the role",
        unit=PCT,
        labels=[f"Month {tenure}" for tenure in range(1, longest + 1)],
        series=series,
        description=(
            "Mean quota attainment (against the ramped quota) of the range's new hires in their 1st, 2nd,"
            " 3rd… month, a line per hiring quarter; moves and promotions are left out."
        ),
        x_label="Month in the role",
    )


def _by_month(history: History, value: Callable[[MonthMetrics], Decimal]) -> list[Decimal | None]:
    return [None if (m := history[month]) is None else value(m) for month in sorted(history)]


def _people_mode(m: MonthMetrics) -> list:
    return [role for role in m.roles if role.people]


def people_count_chart(history: History, prefix: str = "chart") -> Chart | None:
    """People with numbers and people missing them, by month (None when nobody is kept by person)."""
    with_numbers = _by_month(history, lambda m: Decimal(sum(len(role.people) for role in _people_mode(m))))
    if not any(with_numbers):
        return None
    missing = _by_month(history, lambda m: Decimal(sum(len(item.people) for item in m.insights.missing_people)))
    headcount = _by_month(history, lambda m: Decimal(m.summary.headcount))
    return Chart(
        id=f"{prefix}-people-count",
        title="People",
        unit=UNITS,
        months=sorted(history),
        series=[
            Series("Headcount (all counting roles)", headcount),
            Series("People with numbers", with_numbers, BAR),
            Series("Assigned, no numbers", missing, BAR),
        ],
        description="Headcount of the roles that count, and of the people kept person by person: with numbers, and assigned without.",
    )


def people_trend_charts(history: History) -> list[Chart | LabelledChart]:
    """The trends page's people charts, for ranges where someone is kept person by person."""
    found = [ramp_curve_chart(ramp_curves(history.values())), people_count_chart(history)]
    return [chart for chart in found if chart is not None]


# --- A person's months ---------------------------------------------------------------------


def person_charts(months: list[tuple[date, PersonMetrics]]) -> list[Chart]:
    """Their attainment against quota, and their earnings against their own OTE, month by month."""
    if not months:
        return []
    dates = [month for month, _ in months]
    people = [person for _, person in months]
    return [
        Chart(
            id="person-attainment",
            title="Quota attainment",
            unit=PCT,
            months=dates,
            series=[
                Series("Quota attainment", [p.quota_attainment_pct for p in people]),
                Series("Quota (100%)", [HUNDRED for _ in people], TARGET),
            ],
            description="Units as a percentage of their own quota (ramped while new), each month.",
        ),
        Chart(
            id="person-earnings",
            title="Earnings against their OTE",
            unit=MONEY,
            months=dates,
            series=[
                Series("Earnings", [p.earnings for p in people], BAR),
                Series("Their OTE", [p.ote for p in people], TARGET),
            ],
            description="What they earned (recorded, or estimated from their units), against their own monthly OTE.",
        ),
    ]


# --- A plan's payout curve -------------------------------------------------------------------


@dataclass(frozen=True)
class PayoutChart:
    """Earnings against attainment on a linear axis (0–200%), OTE and quota marked."""

    id: str
    title: str
    curve: PayoutCurve
    units_word: str

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def data(self) -> dict[str, Any]:
        points = self.curve.points
        top = max([point.earnings for point in points] + [self.curve.monthly_ote])
        last = points[-1].attainment_pct

        def xy(x: Decimal, y: Decimal) -> dict[str, float | None]:
            return {"x": json_number(x), "y": json_number(y)}

        datasets = [
            {"label": "Earnings a month", "style": LINE, "data": [xy(p.attainment_pct, p.earnings) for p in points]},
            {
                "label": "OTE",
                "style": TARGET,
                "data": [xy(ZERO, self.curve.monthly_ote), xy(last, self.curve.monthly_ote)],
            },
            {"label": "Quota (100%)", "style": TARGET, "data": [xy(HUNDRED, ZERO), xy(HUNDRED, top)]},
            {"label": "Pay at quota", "style": MARKER, "data": [xy(HUNDRED, self.curve.earnings_at_quota)]},
        ]
        return {
            "title": self.title,
            "unit": MONEY,
            "x": {"type": "linear", "unit": PCT, "min": 0, "max": json_number(last), "title": "Quota attainment"},
            "datasets": datasets,
        }

    @property
    def rows(self) -> list:
        """The table under the chart: every 50 points of attainment, and the cap."""
        marked = {Decimal(0), Decimal(50), HUNDRED, Decimal(150), Decimal(200)}
        if self.curve.cap_pct is not None:
            marked.add(self.curve.cap_pct)
        return [point for point in self.curve.points if point.attainment_pct in marked]
