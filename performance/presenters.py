"""What the screens show, read from the metrics engine's dataclasses.

No formulas here: every number comes from `performance.engine`. This module only picks
words, icons and the order of things, so that a status is always an icon and words
(colour is never the only signal) and every screen names things alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from otesite.months import month_label
from performance import engine

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


@dataclass(frozen=True)
class RoleCard:
    """One role of one month, ready for `_role_card.html` and the comparison table."""

    metrics: engine.RoleMetrics

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
        return [RoleCard(role) for role in self.metrics.roles] if self.metrics else []

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
