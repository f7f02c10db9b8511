"""The board's numbers over several months: rollups, changes and plain-language highlights.

Pure like the engine (no Django import): the input is what ``loader.load_range`` returns,
``{month: MonthMetrics | None}``, and every month's own numbers come from the engine. The
formulas here are the ones DOMAIN.md does not define (written up in docs/board-metrics.md):

- A period's rollup (quarter to date, year to date, a trailing window) sums the months'
  totals and divides the sums: ``team_ote_attainment_pct = Σ total_actual / Σ total_ote
  × 100``, ``ote_pct_of_revenue = Σ total_ote / Σ revenue × 100``,
  ``revenue_per_ote_dollar = Σ revenue / Σ total_ote``, ``capacity_utilization_pct =
  Σ deals_closed / Σ deal_capacity × 100``: never an average of percentages. Months
  without business assumptions are left out (``months`` says how many counted).
- A change compares a metric with an earlier month: ``delta = now − then`` (percentage
  points for percentages), ``None`` when either side is n/a.
- OTE efficiency "improves" when the OTE share of revenue over the last three months is
  lower than over the three months before (pooled as above); a move under half a
  point is "holding steady".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from otesite.lib.formatting import format_money, format_percent, format_units, quantize
from otesite.lib.months import add_months, format_month, month_label, months_between
from performance.engine.arithmetic import ZERO, divide, percent
from performance.engine.results import MonthMetrics, MonthSummary

History = Mapping[date, MonthMetrics | None]

PCT, RATIO = "pct", "ratio"
STEADY_POINTS = Decimal("0.5")
EFFICIENCY_WINDOW = 3


# --- Rollups --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rollup:
    """Sums over a period and the ratios of those sums."""

    label: str
    first: date
    last: date
    months: int
    total_ote: Decimal
    total_actual: Decimal
    revenue: Decimal
    deal_capacity: Decimal
    deals_closed: Decimal

    @property
    def ote_gap(self) -> Decimal:
        return self.total_actual - self.total_ote

    @property
    def team_ote_attainment_pct(self) -> Decimal | None:
        return percent(self.total_actual, self.total_ote)

    @property
    def ote_pct_of_revenue(self) -> Decimal | None:
        return percent(self.total_ote, self.revenue)

    @property
    def revenue_per_ote_dollar(self) -> Decimal | None:
        return divide(self.revenue, self.total_ote)

    @property
    def capacity_utilization_pct(self) -> Decimal | None:
        return percent(self.deals_closed, self.deal_capacity)


def _total(summaries: list[MonthSummary], value: Callable[[MonthSummary], Decimal]) -> Decimal:
    return sum((value(summary) for summary in summaries), ZERO)


def rollup(history: History, first: date, last: date, label: str) -> Rollup:
    """Σ of each month's totals from first to last, over the months that have metrics."""
    summaries = [m.summary for month in months_between(first, last) if (m := history.get(month)) is not None]
    return Rollup(
        label=label,
        first=first,
        last=last,
        months=len(summaries),
        total_ote=_total(summaries, lambda s: s.total_ote),
        total_actual=_total(summaries, lambda s: s.total_actual),
        revenue=_total(summaries, lambda s: s.revenue),
        deal_capacity=_total(summaries, lambda s: s.deal_capacity),
        deals_closed=_total(summaries, lambda s: s.deals_closed),
    )


def quarter_start(month: date) -> date:
    return date(month.year, (month.month - 1) // 3 * 3 + 1, 1)


def quarter_to_date(history: History, month: date) -> Rollup:
    quarter = (month.month - 1) // 3 + 1
    return rollup(history, quarter_start(month), month, f"Q{quarter} {month.year} to date")


def year_to_date(history: History, month: date) -> Rollup:
    return rollup(history, date(month.year, 1, 1), month, f"{month.year} to date")


def trailing(history: History, last: date, months: int) -> Rollup:
    """The `months` months ending with `last`."""
    first = add_months(last, 1 - months)
    return rollup(history, first, last, f"{format_month(first)} to {format_month(last)}")


# --- Changes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A metric now against an earlier month."""

    against: date
    previous: Decimal | None
    delta: Decimal | None
    unit: str
    higher_is_better: bool

    @property
    def direction(self) -> str | None:
        """ "up", "down" or "flat" as shown (rounded); None when n/a."""
        if self.delta is None:
            return None
        shown = quantize(self.delta, 2 if self.unit == RATIO else 1)
        if shown == 0:
            return "flat"
        return "up" if shown > 0 else "down"

    @property
    def is_better(self) -> bool | None:
        if self.direction in (None, "flat"):
            return None
        return (self.direction == "up") == self.higher_is_better

    @property
    def text(self) -> str:
        """ "+2.3 pts", "-0.12", "n/a"."""
        if self.delta is None:
            return "n/a"
        if self.unit == PCT:
            points = quantize(self.delta, 1)
            return f"{_sign(points)}{abs(points):,.1f} pts"
        amount = quantize(self.delta, 2)
        return f"{_sign(amount)}{abs(amount):,.2f}"


def _sign(value: Decimal) -> str:
    if value > 0:
        return "+"
    return "-" if value < 0 else ""


def change(
    current: Decimal | None, previous: Decimal | None, against: date, unit: str, *, higher_is_better: bool
) -> Change:
    delta = None if current is None or previous is None else current - previous
    return Change(against, previous, delta, unit, higher_is_better)


# --- The board's four metrics ---------------------------------------------------------


@dataclass(frozen=True)
class MetricDefinition:
    key: str
    label: str
    unit: str
    higher_is_better: bool
    explanation: str


BOARD_METRICS = (
    MetricDefinition(
        "team_ote_attainment_pct",
        "OTE attainment",
        PCT,
        True,
        "What the team earned as a share of its on-target earnings (Σ earnings / Σ OTE).",
    ),
    MetricDefinition(
        "ote_pct_of_revenue",
        "OTE as % of revenue",
        PCT,
        False,
        "On-target earnings as a share of revenue; lower is more efficient.",
    ),
    MetricDefinition(
        "revenue_per_ote_dollar",
        "Revenue per $1 OTE",
        RATIO,
        True,
        "Revenue brought in for each dollar of on-target earnings.",
    ),
    MetricDefinition(
        "capacity_utilization_pct",
        "Quota capacity used",
        PCT,
        True,
        "Deals closed against what the closers' headcount and quota can deliver.",
    ),
)


@dataclass(frozen=True)
class BoardMetric:
    definition: MetricDefinition
    value: Decimal | None
    month_over_month: Change
    year_over_year: Change
    quarter_to_date: Decimal | None
    year_to_date: Decimal | None

    @property
    def changes(self) -> list[tuple[str, Change]]:
        return [("month before", self.month_over_month), ("a year earlier", self.year_over_year)]


def board_metrics(history: History, month: date) -> list[BoardMetric]:
    """The four investor metrics for `month`, against the month before and a year before."""
    current = history.get(month)
    previous_month, year_before = add_months(month, -1), add_months(month, -12)
    qtd, ytd = quarter_to_date(history, month), year_to_date(history, month)

    def value(m: MonthMetrics | None, key: str) -> Decimal | None:
        return None if m is None else getattr(m.summary, key)

    found = []
    for definition in BOARD_METRICS:
        now = value(current, definition.key)
        found.append(
            BoardMetric(
                definition=definition,
                value=now,
                month_over_month=change(
                    now,
                    value(history.get(previous_month), definition.key),
                    previous_month,
                    definition.unit,
                    higher_is_better=definition.higher_is_better,
                ),
                year_over_year=change(
                    now,
                    value(history.get(year_before), definition.key),
                    year_before,
                    definition.unit,
                    higher_is_better=definition.higher_is_better,
                ),
                quarter_to_date=getattr(qtd, definition.key),
                year_to_date=getattr(ytd, definition.key),
            )
        )
    return found


# --- Highlights -----------------------------------------------------------------------


@dataclass(frozen=True)
class EfficiencyTrend:
    recent: Rollup
    before: Rollup

    @property
    def delta(self) -> Decimal | None:
        recent, before = self.recent.ote_pct_of_revenue, self.before.ote_pct_of_revenue
        return None if recent is None or before is None else recent - before

    @property
    def verdict(self) -> str | None:
        """ "improving" (a smaller share of revenue goes to OTE), "worsening", "steady"."""
        if self.delta is None:
            return None
        if abs(self.delta) < STEADY_POINTS:
            return "steady"
        return "improving" if self.delta < 0 else "worsening"


def efficiency_trend(history: History, month: date, window: int = EFFICIENCY_WINDOW) -> EfficiencyTrend:
    return EfficiencyTrend(
        recent=trailing(history, month, window),
        before=trailing(history, add_months(month, -window), window),
    )


def highlights(history: History, month: date) -> list[str]:
    """A few sentences a board member reads first, from the month and its history."""
    current = history.get(month)
    if current is None:
        return []
    sentences = []
    widest = widest_gap_sentence(current)
    if widest:
        sentences.append(widest)
    sentences.append(efficiency_sentence(efficiency_trend(history, month)))
    sentences.append(current.insights.efficiency.text + ".")
    ytd = year_to_date(history, month)
    sentences.append(
        f"{ytd.label.capitalize()}: the team earned {format_money(ytd.total_actual)} against "
        f"{format_money(ytd.total_ote)} of OTE ({format_percent(ytd.team_ote_attainment_pct)}), "
        f"on {format_money(ytd.revenue)} of revenue."
    )
    capacity = current.insights.setter_capacity
    if capacity is not None and capacity.setters_to_add:
        sentences.append(capacity.text + ".")
    return sentences


def widest_gap_sentence(m: MonthMetrics) -> str | None:
    """The role furthest from OTE (the engine's gaps, worst first)."""
    if not m.insights.gaps:
        return None
    worst = m.insights.gaps[0]
    actual = worst.actual
    assert actual is not None  # gaps only hold counting roles
    attainment = format_percent(actual.ote_attainment_pct)
    gap = actual.gap_per_person
    if gap is None or gap >= 0:
        return f"Every role earned at least its OTE; the lowest, {worst.role}, reached {attainment}."
    return (
        f"The widest gap: {worst.role} earned {attainment} of OTE, {format_money(-gap)} a month "
        f"short per person ({format_money(-(actual.team_gap or ZERO))} for the role)."
    )


def efficiency_sentence(trend: EfficiencyTrend) -> str:
    recent, before = trend.recent, trend.before
    if trend.verdict is None:
        return "OTE efficiency: not enough history yet to compare the last three months with the three before."
    recent_share = format_percent(recent.ote_pct_of_revenue)
    before_share = format_percent(before.ote_pct_of_revenue)
    period = f"over {_span(recent)} (against {before_share} over {_span(before)})"
    if trend.verdict == "steady":
        return f"OTE efficiency is holding steady: OTE took {recent_share} of revenue {period}."
    assert trend.delta is not None
    points = format_units(abs(trend.delta))
    word = "improving" if trend.verdict == "improving" else "worsening"
    direction = "down" if trend.verdict == "improving" else "up"
    return f"OTE efficiency is {word}: OTE took {recent_share} of revenue {period}, {direction} {points} points."


def _span(period: Rollup) -> str:
    return f"{month_label(period.first)} to {month_label(period.last)}"
