"""What the what-if pages show: base and scenario side by side, read from the engine's answer.

No formulas here: every number comes from ``engine.what_if``. This module lays the two sides
out as rows (a label, the base's text, the scenario's text, and whether they differ), the
outcome spread as a chart and a table, the inputs of the form, and the plan fixes as links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from otesite.lib.formatting import format_money, format_percent, format_units
from otesite.lib.number_filters import ratio, signed_money
from performance import engine
from performance.changes import value_text
from performance.documents.metrics import json_number
from performance.web.presenters import FixOffer, alignment_badge, fix_offers, units_word
from performance.web.whatif_forms import WhatIfForm, input_name

FIELD_LABELS = {
    "annual_ote": "Annual OTE ($)",
    "annual_base": "Annual base ($)",
    "monthly_quota": "Monthly quota",
    "commission_rate": "Commission rate (0–1)",
    "headcount": "Headcount",
    "deal_value": "Deal value ($)",
    "upfront_rate": "Upfront rate (0–1)",
    "show_rate": "Show rate (0–1)",
    "close_rate": "Close rate (0–1)",
    "cost_per_meeting": "Cost per meeting ($)",
}


@dataclass(frozen=True)
class Row:
    """One figure of both sides, as shown."""

    label: str
    base: str
    scenario: str

    @property
    def changed(self) -> bool:
        return self.base != self.scenario


def _na(format_value: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: "n/a" if value is None else format_value(value)


MONEY, PCT, UNITS = _na(format_money), _na(format_percent), _na(format_units)


def _row(label: str, show: Callable[[Any], str], base: Any, scenario: Any) -> Row:
    return Row(label, show(base), show(scenario))


def summary_rows(base: engine.MonthMetrics, scenario: engine.MonthMetrics) -> list[Row]:
    b, s = base.summary, scenario.summary
    label = engine.EFFICIENCY_LABELS.get
    return [
        _row("Total OTE a month", MONEY, b.total_ote, s.total_ote),
        _row("Total pay (estimated)", MONEY, b.total_actual, s.total_actual),
        _row("OTE gap", signed_money, b.ote_gap, s.ote_gap),
        _row("Revenue (from closers' deals)", MONEY, b.revenue, s.revenue),
        _row("Revenue per $1 OTE", ratio, b.revenue_per_ote_dollar, s.revenue_per_ote_dollar),
        _row("OTE as % of revenue", PCT, b.ote_pct_of_revenue, s.ote_pct_of_revenue),
        Row("Efficiency", label(b.efficiency or "", "n/a"), label(s.efficiency or "", "n/a")),
        _row("Team OTE attainment", PCT, b.team_ote_attainment_pct, s.team_ote_attainment_pct),
        _row("Team average attainment", PCT, b.team_avg_attainment_pct, s.team_avg_attainment_pct),
        _row("Deal capacity", UNITS, b.deal_capacity, s.deal_capacity),
        _row("Capacity utilization", PCT, b.capacity_utilization_pct, s.capacity_utilization_pct),
    ]


@dataclass(frozen=True)
class RoleComparison:
    name: str
    kind_label: str
    rows: list[Row]
    base: engine.RoleMetrics
    scenario: engine.RoleMetrics
    fixes: list[FixOffer]

    @property
    def base_alignment(self):
        return alignment_badge(self.base.plan.alignment if self.base.plan else None)

    @property
    def scenario_alignment(self):
        return alignment_badge(self.scenario.plan.alignment if self.scenario.plan else None)


def _plan(role: engine.RoleMetrics, value: Callable[[engine.PlanFigures], Any]) -> Any:
    return None if role.plan is None else value(role.plan)


def _actual(role: engine.RoleMetrics, value: Callable[[engine.ActualFigures], Any]) -> Any:
    return None if role.actual is None or not role.counts else value(role.actual)


def role_rows(base: engine.RoleMetrics, scenario: engine.RoleMetrics) -> list[Row]:
    unit = units_word(base.kind)
    in_units = _na(lambda value: f"{format_units(value)} {unit}")
    alignment = engine.ALIGNMENT_LABELS.get
    pairs: list[tuple[str, Callable[[Any], str], Callable[[engine.RoleMetrics], Any]]] = [
        ("Headcount", _na(str), lambda role: role.actual.headcount if role.actual else None),
        ("Monthly OTE", MONEY, lambda role: _plan(role, lambda plan: plan.monthly_ote)),
        ("Quota a person", in_units, lambda role: _plan(role, lambda plan: plan.monthly_quota)),
        ("Commission per deal", MONEY, lambda role: _plan(role, lambda plan: plan.commission_per_deal)),
        ("Break-even a person", in_units, lambda role: _plan(role, lambda plan: plan.break_even_units)),
        ("Earnings at quota", MONEY, lambda role: _plan(role, lambda plan: plan.earnings_at_quota)),
        ("Units", in_units, lambda role: _actual(role, lambda actual: actual.units)),
        ("Quota attainment", PCT, lambda role: _actual(role, lambda actual: actual.quota_attainment_pct)),
        ("Team earnings (estimated)", MONEY, lambda role: _actual(role, lambda actual: actual.team_earnings)),
        ("Earnings a person", MONEY, lambda role: _actual(role, lambda actual: actual.earnings_per_person)),
        ("OTE attainment", PCT, lambda role: _actual(role, lambda actual: actual.ote_attainment_pct)),
    ]
    rows = [_row(label, show, value(base), value(scenario)) for label, show, value in pairs]
    rows.insert(
        6,
        Row(
            "Alignment",
            alignment(_plan(base, lambda plan: plan.alignment) or "", "n/a"),
            alignment(_plan(scenario, lambda plan: plan.alignment) or "", "n/a"),
        ),
    )
    rows.append(Row("Status", base.status_label, scenario.status_label))
    return rows


def role_comparisons(result: engine.WhatIf, changes: Sequence[str], goal: Decimal | None) -> list[RoleComparison]:
    """Each role of the month, base beside scenario (both list the roles in the same order),
    with the fixes of the scenario's plan when it is not aligned."""
    found = []
    scenario_inputs = result.scenario.inputs
    for base, scenario in zip(result.base.metrics.roles, result.scenario.metrics.roles, strict=True):
        plan_input = scenario_inputs.role(scenario.role).plan if scenario_inputs.role(scenario.role) else None
        offers = []
        if scenario.counts and scenario.plan is not None and plan_input is not None:
            current = {name: getattr(plan_input, name) for name in ("commission_rate", "monthly_quota", "annual_ote")}
            offers = fix_offers(
                scenario.role,
                scenario.kind,
                current,
                scenario.plan.fixes,
                scenario_inputs.month,
                keep=changes,
                revenue_goal=goal,
            )
        kind_label = engine.KIND_LABELS[scenario.kind]
        found.append(RoleComparison(scenario.role, kind_label, role_rows(base, scenario), base, scenario, offers))
    return found


def capacity_rows(base: engine.MonthMetrics, scenario: engine.MonthMetrics) -> list[Row]:
    b, s = base.insights.setter_capacity, scenario.insights.setter_capacity
    pick = lambda capacity, name: None if capacity is None else getattr(capacity, name)  # noqa: E731
    return [
        _row("Meetings the closers' quota needs", UNITS, pick(b, "meetings_needed"), pick(s, "meetings_needed")),
        _row("Meetings the setters' quota supplies", UNITS, pick(b, "meetings_supplied"), pick(s, "meetings_supplied")),
        _row("Coverage", PCT, pick(b, "coverage_pct"), pick(s, "coverage_pct")),
        Row("Setters to add", _to_add(b), _to_add(s)),
    ]


def _to_add(capacity: engine.SetterCapacity | None) -> str:
    if capacity is None:
        return "n/a"
    return str(capacity.setters_to_add or 0)


@dataclass(frozen=True)
class OutcomeRow:
    attainment: str
    base: engine.Outcome
    scenario: engine.Outcome

    @property
    def changed(self) -> bool:
        return self.base.total_actual != self.scenario.total_actual or self.base.revenue != self.scenario.revenue


def outcome_rows(result: engine.WhatIf) -> list[OutcomeRow]:
    return [
        OutcomeRow(format_percent(base.attainment_pct), base, scenario)
        for base, scenario in zip(result.base.outcomes, result.scenario.outcomes, strict=True)
    ]


def outcome_chart(result: engine.WhatIf) -> dict[str, Any]:
    """What static/js/charts.js draws: the month's pay at each level, base and scenario, against
    the scenario's total OTE (what aligned plans pay at 100%). Pay as % of revenue is in the table."""
    levels = result.scenario.outcomes
    total_ote = result.scenario.metrics.summary.total_ote
    return {
        "title": "Pay across outcomes, against OTE",
        "unit": "money",
        "labels": [f"{format_units(outcome.attainment_pct)}% of quota" for outcome in levels],
        "datasets": [
            {"label": "Base pay", "style": "bar", "data": [json_number(o.total_actual) for o in result.base.outcomes]},
            {"label": "Scenario pay", "style": "bar", "data": [json_number(o.total_actual) for o in levels]},
            {"label": "Scenario total OTE", "style": "target", "data": [json_number(total_ote) for _ in levels]},
        ],
    }


@dataclass(frozen=True)
class InputGroup:
    legend: str
    fields: list[forms.BoundField]


def input_form(
    base: engine.ScenarioInputs, counting: Sequence[str], values: dict[str, str], month: str, goal_text: str
) -> WhatIfForm:
    """The what-if form as drawn: unbound, each input holding what was typed (or a link's change
    for its field), with the base's value as its placeholder (problems are listed with the
    results). Company-wide inputs first, then each counting role's."""
    form = WhatIfForm(initial={**values, "month": month, "revenue_goal": goal_text}, roles=counting)
    current: dict[str | None, dict[str, Decimal]] = {
        None: {field: getattr(base.economics, field) for field in engine.COMPANY_FIELDS}
    }
    for name in counting:
        role = base.role(name)
        assert role is not None and role.plan is not None and role.actual is not None
        current[name] = {field: getattr(role.plan, field) for field in engine.PLAN_CHANGE_FIELDS}
        current[name]["headcount"] = Decimal(role.actual.headcount)
    for index, (role, values_now) in enumerate(current.items()):
        for field, value in values_now.items():
            input_field = form.fields[input_name(role, field)]
            input_field.label = FIELD_LABELS[field]
            input_field.widget.attrs |= {
                "id": f"change-{index}-{field}",
                "placeholder": value_text(field, value),
                "autocomplete": "off",
                "aria-describedby": "whatif-help",
            }
    form.fields["revenue_goal"].widget.attrs["id"] = "whatif-goal"
    return form


def input_groups(form: WhatIfForm, counting: Sequence[str]) -> list[InputGroup]:
    groups = [InputGroup("Company-wide", [form[input_name(None, field)] for field in engine.COMPANY_FIELDS])]
    groups += [InputGroup(name, [form[input_name(name, field)] for field in engine.ROLE_FIELDS]) for name in counting]
    return groups
