"""What the screens show, read from the metrics engine's dataclasses.

No formulas here: every number comes from `performance.engine`. This module only picks
words, icons and the order of things, so that a status is always an icon and words
(colour is never the only signal) and every screen names things alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse

from otesite.lib.formatting import format_money, format_percent, format_units
from otesite.lib.months import format_month, month_label
from performance import engine
from performance.changes import change_text, parse_change

STATUS_ICONS = {
    engine.ON_TARGET: "✔",
    engine.NEAR: "▲",
    engine.BELOW: "✖",
    engine.NO_DATA: "–",
    engine.NO_HEADCOUNT: "–",
    engine.NO_PLAN: "?",
}
ALIGNMENT_ICONS = {engine.ALIGNED: "✔", engine.UNREACHABLE: "⚠", engine.OVERPAYS: "⚠"}
EFFICIENCY_ICONS = {engine.EFFICIENT: "✔", engine.MODERATE: "▲", engine.HIGH: "✖"}

# Why a role does not count this month, in a sentence.
EXCLUDED_REASONS = {
    engine.NO_DATA: "No actuals recorded for this month.",
    engine.NO_HEADCOUNT: "Headcount is 0 this month, so there is nothing to measure.",
    engine.NO_PLAN: "No OTE plan in force this month, so attainment cannot be measured.",
}


def is_red_flag(plan: engine.PlanFigures | None) -> bool:
    """The plan cannot pay OTE at quota, or pays more than OTE at quota: flagged on every screen."""
    return plan is not None and plan.alignment in (engine.UNREACHABLE, engine.OVERPAYS)


def red_flag_highlights(m: engine.MonthMetrics) -> list[str]:
    """A sentence for each plan in force that is a red flag, first among the board pack's
    highlights: "Red flag, the Manager plan (Overpays): OTE needs 19.99 team deals a month; …"."""
    return [
        f"Red flag, the {role.role} plan ({engine.ALIGNMENT_LABELS[role.plan.alignment]}): {role.plan.alignment_reason}."
        for role in m.roles
        if role.plan is not None and is_red_flag(role.plan)
    ]


@dataclass(frozen=True)
class Badge:
    """A status as words, an icon and a CSS class; the class only adds colour."""

    group: str
    code: str
    label: str
    icon: str

    @property
    def css_class(self) -> str:
        return f"{self.group}-{self.code}"


def status_badge(code: str) -> Badge:
    return Badge("status", code, engine.STATUS_LABELS[code], STATUS_ICONS[code])


def alignment_badge(code: str | None) -> Badge | None:
    if code is None:
        return None
    return Badge("alignment", code, engine.ALIGNMENT_LABELS[code], ALIGNMENT_ICONS[code])


def efficiency_badge(code: str | None) -> Badge | None:
    if code is None:
        return None
    return Badge("efficiency", code, engine.EFFICIENCY_LABELS[code], EFFICIENCY_ICONS[code])


def units_word(kind: str) -> str:
    """ "deals", "meetings", "team deals"."""
    return engine.UNIT_WORDS[kind][1]


def what_if_url(month: date | str, changes: Sequence[str] = (), revenue_goal: Decimal | None = None) -> str:
    """The what-if page for `month` with `changes` applied (and a revenue goal)."""
    query: list[tuple[str, str]] = [("month", month if isinstance(month, str) else format_month(month))]
    query += [("change", change) for change in changes]
    if revenue_goal is not None:
        query.append(("revenue_goal", f"{revenue_goal:f}"))
    return f"{reverse('what_if')}?{urlencode(query)}"


@dataclass(frozen=True)
class FixOffer:
    """One plan fix as a ready what-if change: "commission rate 5.0% → 20.0%"."""

    label: str
    before: str
    after: str
    change: str
    url: str


def _shown(field: str, value: Decimal, kind: str) -> str:
    if field == "commission_rate":
        return format_percent(value * engine.HUNDRED)
    if field == "monthly_quota":
        return format_units(value)
    return format_money(value)


FIX_FIELDS = (
    ("commission_rate", "commission rate", "aligned_commission_rate"),
    ("monthly_quota", "quota", "aligned_monthly_quota"),
    ("annual_ote", "OTE", "aligned_annual_ote"),
)


def fix_offers(
    role: str,
    kind: str,
    current: Mapping[str, Decimal],
    fixes: engine.PlanFixes | None,
    month: date | str,
    *,
    keep: Sequence[str] = (),
    revenue_goal: Decimal | None = None,
) -> list[FixOffer]:
    """The plan's fixes that can be made (``current`` holds the plan's commission_rate,
    monthly_quota and annual_ote), each linking to the what-if page with that change on top of
    ``keep`` (other changes of the scenario; one to the same field is replaced)."""
    if fixes is None:
        return []
    offers = []
    for name, label, attribute in FIX_FIELDS:
        value = getattr(fixes, attribute)
        if value is None:
            continue
        change = change_text(role, name, value)
        others = [text for text in keep if parse_change(text).key != (role, name)]
        after = _shown(name, value, kind) + (f" {units_word(kind)}" if name == "monthly_quota" else "")
        offers.append(
            FixOffer(
                label,
                _shown(name, current[name], kind),
                after,
                change,
                what_if_url(month, [*others, change], revenue_goal),
            )
        )
    return offers


def figures_fix_offers(name: str, plan: engine.PlanFigures, economics: engine.Economics, month: date) -> list[FixOffer]:
    """Fix offers from a month's plan figures (the dashboard), the plan's values read back from them."""
    current = {
        "commission_rate": engine.divide(plan.commission_per_deal, economics.upfront_per_deal) or Decimal(0),
        "monthly_quota": plan.monthly_quota,
        "annual_ote": plan.monthly_ote * 12,
    }
    return fix_offers(name, plan.kind, current, plan.fixes, month)


@dataclass(frozen=True)
class RoleCard:
    """One role of one month, ready for `_role_card.html` and the comparison table."""

    metrics: engine.RoleMetrics
    # The month and its economics, for fix offers (the what-if page starts from the month).
    month: date | None = None
    economics: engine.Economics | None = None

    @property
    def name(self) -> str:
        return self.metrics.role

    @property
    def kind_label(self) -> str:
        return engine.KIND_LABELS[self.metrics.kind]

    @property
    def person(self) -> str:
        return engine.PERSON_WORDS[self.metrics.kind]

    @property
    def units_word(self) -> str:
        return units_word(self.metrics.kind)

    @property
    def plan(self) -> engine.PlanFigures | None:
        return self.metrics.plan

    @property
    def actual(self) -> engine.ActualFigures | None:
        return self.metrics.actual

    @property
    def counts(self) -> bool:
        return self.metrics.counts

    @property
    def status(self) -> Badge:
        return status_badge(self.metrics.status)

    @property
    def alignment(self) -> Badge | None:
        return alignment_badge(self.plan.alignment if self.plan else None)

    @property
    def red_flag(self) -> bool:
        """The plan cannot pay OTE at quota, or pays more than OTE at quota."""
        return is_red_flag(self.plan)

    @property
    def fix_offers(self) -> list[FixOffer]:
        """For a red-flagged plan: the three single changes that would align it."""
        if not self.red_flag or self.plan is None or self.month is None or self.economics is None:
            return []
        return figures_fix_offers(self.name, self.plan, self.economics, self.month)

    @property
    def excluded_reason(self) -> str:
        return EXCLUDED_REASONS.get(self.metrics.status, "")

    @property
    def recommendations(self) -> list[engine.Recommendation]:
        return self.metrics.recommendations


@dataclass(frozen=True)
class MonthNavigation:
    """The month shown and its neighbours among the months that have data."""

    month: date
    months_with_data: list[date]

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def has_data(self) -> bool:
        return self.month in self.months_with_data

    @property
    def previous(self) -> date | None:
        index = bisect.bisect_left(self.months_with_data, self.month)
        return self.months_with_data[index - 1] if index else None

    @property
    def next(self) -> date | None:
        index = bisect.bisect_right(self.months_with_data, self.month)
        return self.months_with_data[index] if index < len(self.months_with_data) else None

    @property
    def latest(self) -> date | None:
        return self.months_with_data[-1] if self.months_with_data else None


@dataclass(frozen=True)
class Dashboard:
    """Everything month.html shows. `metrics` is None when nothing can be computed.

    The month is loaded on first use, so a page served from the cache never loads it.
    """

    navigation: MonthNavigation
    load: Callable[[date], engine.MonthMetrics | None] = field(repr=False)

    @cached_property
    def metrics(self) -> engine.MonthMetrics | None:
        return self.load(self.navigation.month) if self.navigation.has_data else None

    @property
    def cards(self) -> list[RoleCard]:
        if not self.metrics:
            return []
        return [RoleCard(role, self.navigation.month, self.metrics.economics) for role in self.metrics.roles]

    @property
    def gaps(self) -> list[RoleCard]:
        """Counting roles, lowest OTE attainment first."""
        return [RoleCard(role) for role in self.metrics.insights.gaps] if self.metrics else []

    @property
    def planned(self) -> list[RoleCard]:
        """Roles with a plan in force, for break-even and plan alignment."""
        return [card for card in self.cards if card.plan is not None]

    @property
    def efficiency(self) -> Badge | None:
        return efficiency_badge(self.metrics.summary.efficiency) if self.metrics else None

    @property
    def rate_checks(self) -> list[tuple[str, engine.RateCheck]]:
        """The assumption check's rates, named, so the setter-capacity advice shows which is off."""
        if not self.metrics:
            return []
        check = self.metrics.insights.assumptions
        return [("Show rate", check.show_rate_pct), ("Close rate", check.close_rate_pct)]

    @property
    def assumption_text(self) -> str:
        """The check's sentence; when the month measured neither rate, that it could not check."""
        if any(rate.actual is not None for _, rate in self.rate_checks):
            return self.metrics.insights.assumptions.text
        return "Too little was recorded this month to check the show and close rates (setters' meetings held)"
