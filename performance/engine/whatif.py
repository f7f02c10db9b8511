"""What-if: a month's inputs with changes, computed by the same ``compute_month`` as every month.

DOMAIN.md's *What-if*. The base and the scenario are built alike, so a scenario that changes
nothing equals its base exactly:
- every role that counts is taken as role totals, its people's figures summed, at full quota
  (no ramp); tiers and cap apply to the average person;
- credited deals, earnings and revenue are always estimated (``Actual`` carries only headcount
  and units; revenue is derived), which is why the base is "re-estimated", not the month as
  recorded;
- a role keeps its units per person (units = new headcount × units_per_person), except
  managers, whose team deals scale with the closers' credited deals.

Changes arrive parsed (``performance.exchange.changes`` reads the text); this module checks
them against the month and refuses, naming the change, an unknown role, a role that does not
count, a field changed twice, a headcount that is negative or not whole, and a value a plan or
economics rule refuses (the same words as the models' rules). The outcome spread and hiring
are in ``outcomes``; each plan's fixes are in its figures (``plan.plan_fixes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from performance.engine.arithmetic import HUNDRED, ZERO
from performance.engine.month import compute_month
from performance.engine.outcomes import Hiring, Outcome, hiring, outcome_spread
from performance.engine.results import MonthMetrics
from performance.engine.role import role_metrics
from performance.engine.types import Actual, Economics, Plan, RoleInput
from performance.engine.vocabulary import CLOSER, MANAGER

# What a scenario may change, per role and company-wide, in DOMAIN.md's words.
PLAN_CHANGE_FIELDS = ("annual_ote", "annual_base", "monthly_quota", "commission_rate")
ROLE_FIELDS = (*PLAN_CHANGE_FIELDS, "headcount")
COMPANY_FIELDS = ("deal_value", "upfront_rate", "show_rate", "close_rate", "cost_per_meeting")
RATE_FIELDS = ("commission_rate", "upfront_rate", "show_rate", "close_rate")

ONE = Decimal(1)


@dataclass(frozen=True)
class Change:
    """One change: ``role`` None for a company-wide field. ``value`` is the new value, or for a
    relative change (``relative``) the signed percentage: ``+20%`` is 20, ``-5%`` is -5.
    ``text`` is the change as written, to name it in errors."""

    role: str | None
    field: str
    value: Decimal
    relative: bool = False
    text: str = ""

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.role, self.field)

    def applied_to(self, current: Decimal) -> Decimal:
        """The new value: ``value``, or current × (1 + value / 100) for a relative change."""
        return current * (ONE + self.value / HUNDRED) if self.relative else self.value


class ScenarioInvalid(ValueError):
    """Changes that cannot be applied to the month; ``problems`` names each change."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class ScenarioInputs:
    """What ``compute_month`` is given for the base or a scenario (revenue is always derived)."""

    month: str
    economics: Economics
    roles: tuple[RoleInput, ...]  # the roles that count in the month, and only those
    # The month's other roles, by name: a change to one is refused as "does not count".
    not_counting: tuple[str, ...] = ()

    def compute(self) -> MonthMetrics:
        return compute_month(self.month, self.economics, list(self.roles), None)

    def role(self, name: str) -> RoleInput | None:
        return next((role for role in self.roles if role.name == name), None)


# --- The rules a plan and the economics keep (the models' clean() says the same) -------------


def plan_problems(plan: Plan) -> dict[str, str]:
    """By field, what the plan rules refuse; empty when the plan may exist."""
    problems = {}
    if plan.annual_ote <= 0:
        problems["annual_ote"] = "Annual OTE must be greater than 0."
    if plan.annual_base < 0:
        problems["annual_base"] = "Annual base cannot be negative."
    elif plan.annual_base > plan.annual_ote:
        problems["annual_base"] = "Annual base cannot be more than annual OTE."
    if plan.monthly_quota <= 0:
        problems["monthly_quota"] = "Monthly quota must be greater than 0."
    if not ZERO <= plan.commission_rate <= ONE:
        problems["commission_rate"] = "Commission rate is a fraction from 0 to 1 (10% is 0.10)."
    return problems


def economics_problems(economics: Economics) -> dict[str, str]:
    """By field, what the business assumptions' rules refuse."""
    problems = {}
    if economics.deal_value <= 0:
        problems["deal_value"] = "Deal value must be greater than 0."
    for name in ("upfront_rate", "show_rate", "close_rate"):
        if not ZERO <= getattr(economics, name) <= ONE:
            problems[name] = "A rate is a fraction from 0 to 1 (25% is 0.25)."
    if economics.cost_per_meeting < 0:
        problems["cost_per_meeting"] = "Cost per meeting cannot be negative."
    return problems


# --- The base: the month re-estimated as role totals --------------------------------------


def base_inputs(month: str, economics: Economics, roles: Iterable[RoleInput]) -> ScenarioInputs:
    """The month's roles that count, as role totals with only headcount and units: people
    summed (at full quota, no ramp), recorded credited deals, meetings held and earnings left
    out so that they are estimated. Roles that do not count in the month (no plan, no numbers,
    no people) are not in the scenario at all (DOMAIN.md's What-if); their names are kept to
    refuse a change to one."""
    found, others = [], []
    for role in roles:
        recorded = role_metrics(role, economics).actual
        actual = None if recorded is None else Actual(headcount=recorded.headcount, units=recorded.units)
        candidate = RoleInput(role.id, role.name, role.kind, role.plan, actual)
        if counts(candidate):
            found.append(candidate)
        else:
            others.append(role.name)
    return ScenarioInputs(month, economics, tuple(found), tuple(others))


def has_data(roles: Iterable[RoleInput]) -> bool:
    """A what-if starts from a month with data: some role actual or person actual."""
    return any(role.actual is not None or any(p.actual is not None for p in role.people) for role in roles)


def counts(role: RoleInput) -> bool:
    """A role of the base that counts: a usable plan and people (base roles are role totals)."""
    return (
        role.plan is not None and role.plan.monthly_quota > 0 and role.actual is not None and role.actual.headcount > 0
    )


# --- Applying changes ----------------------------------------------------------------------


def _half_up_whole(value: Decimal) -> Decimal:
    return value.quantize(ONE, rounding=ROUND_HALF_UP)


def _new_headcount(change: Change, current: int) -> tuple[int | None, str | None]:
    """(headcount, None) or (None, why not): a relative change is rounded half-up to people."""
    value = change.applied_to(Decimal(current))
    if change.relative:
        value = _half_up_whole(value)
    if value < 0:
        return None, f"headcount cannot be negative (got {value.normalize():f})"
    if value != value.to_integral_value():
        return None, f"headcount must be a whole number of people (got {value.normalize():f})"
    return int(value), None


def _check_targets(base: ScenarioInputs, changes: Sequence[Change]) -> list[str]:
    """Unknown roles, roles that do not count, fields changed twice."""
    problems, seen = [], {}
    for change in changes:
        if change.key in seen:
            problems.append(f'"{change.text}": {_field_name(change)} is already changed by "{seen[change.key]}"')
            continue
        seen[change.key] = change.text
        if change.role is None:
            continue
        role = base.role(change.role)
        if role is None and change.role not in base.not_counting:
            names = ", ".join([*(role.name for role in base.roles), *base.not_counting]) or "none"
            problems.append(f'"{change.text}": there is no role {change.role!r} (roles: {names})')
        elif role is None or not counts(role):
            problems.append(
                f'"{change.text}": {change.role} does not count in {base.month} (no plan, numbers or people)'
            )
    return problems


def _field_name(change: Change) -> str:
    return change.field if change.role is None else f"{change.role}.{change.field}"


def _named(problems: dict[str, str], changes: Sequence[Change]) -> list[str]:
    """Each refused field with the change(s) that set it; base > OTE names both when both moved."""
    found = []
    for name, message in problems.items():
        culprits = [change for change in changes if change.field == name]
        if name == "annual_base" and "OTE" in message:
            culprits += [change for change in changes if change.field == "annual_ote"]
        found.extend(f'"{change.text}": {message}' for change in culprits)
    return found


def _changed_economics(economics: Economics, changes: Sequence[Change]) -> tuple[Economics, list[str]]:
    company = [change for change in changes if change.role is None]
    new = replace(economics, **{c.field: c.applied_to(getattr(economics, c.field)) for c in company})
    return new, _named(economics_problems(new), company)


def _changed_plan(plan: Plan, changes: Sequence[Change]) -> tuple[Plan, list[str]]:
    mine = [change for change in changes if change.field in PLAN_CHANGE_FIELDS]
    new = replace(plan, **{c.field: c.applied_to(getattr(plan, c.field)) for c in mine})
    return new, _named(plan_problems(new), mine)


def _closers_deals(roles: Iterable[RoleInput]) -> Decimal:
    """Σ closers' units (their credited deals, always estimated here) over the roles that count."""
    return sum((role.actual.units for role in roles if role.kind == CLOSER and counts(role) and role.actual), ZERO)


def _with_headcount(kind: str, actual: Actual, headcount: int) -> Actual:
    """Units per person kept: units × new / old (the same units when headcount is unchanged).
    Managers keep their team deals, which follow the closers instead."""
    if headcount == actual.headcount or kind == MANAGER:
        return replace(actual, headcount=headcount)
    return Actual(headcount=headcount, units=actual.units * headcount / actual.headcount)


def scenario_inputs(base: ScenarioInputs, changes: Sequence[Change]) -> ScenarioInputs:
    """The base with ``changes`` applied; raises ``ScenarioInvalid`` naming each bad change."""
    problems = _check_targets(base, changes)
    if problems:
        raise ScenarioInvalid(problems)
    economics, problems = _changed_economics(base.economics, changes)
    roles = []
    for role in base.roles:
        mine = [change for change in changes if change.role == role.name]
        if not mine:
            roles.append(role)
            continue
        assert role.plan is not None and role.actual is not None  # only counting roles change
        plan, refused = _changed_plan(role.plan, mine)
        problems += refused
        actual = role.actual
        for change in (c for c in mine if c.field == "headcount"):
            headcount, why_not = _new_headcount(change, actual.headcount)
            if headcount is None:
                problems.append(f'"{change.text}": {why_not}')
            else:
                actual = _with_headcount(role.kind, actual, headcount)
        roles.append(replace(role, plan=plan, actual=actual))
    if problems:
        raise ScenarioInvalid(problems)
    return ScenarioInputs(base.month, economics, tuple(_managers_follow_closers(base.roles, roles)), base.not_counting)


def _managers_follow_closers(before: Sequence[RoleInput], after: list[RoleInput]) -> list[RoleInput]:
    """Managers' team deals scale with all closer roles' credited deals, whatever the managers'
    headcount; unchanged when the closers had none (or have as many as before)."""
    was, now = _closers_deals(before), _closers_deals(after)
    if was == 0 or now == was:
        return after
    scaled = []
    for role in after:
        if role.kind == MANAGER and role.actual is not None:
            role = replace(role, actual=replace(role.actual, units=role.actual.units * now / was))
        scaled.append(role)
    return scaled


# --- The whole answer: base and scenario side by side ---------------------------------------


@dataclass(frozen=True)
class Side:
    """The base or the scenario: its inputs, its month (each plan's fixes in its figures), its
    outcome spread and, with a goal, its hiring."""

    inputs: ScenarioInputs
    metrics: MonthMetrics
    outcomes: tuple[Outcome, ...]
    hiring: Hiring | None


def side(inputs: ScenarioInputs, revenue_goal: Decimal | None = None) -> Side:
    metrics = inputs.compute()
    return Side(
        inputs=inputs,
        metrics=metrics,
        outcomes=outcome_spread(inputs.month, inputs.economics, [role for role in inputs.roles if counts(role)]),
        hiring=None if revenue_goal is None else hiring(metrics, revenue_goal),
    )


@dataclass(frozen=True)
class WhatIf:
    changes: tuple[Change, ...]
    base: Side
    scenario: Side


def what_if(
    month: str,
    economics: Economics,
    roles: Iterable[RoleInput],
    changes: Sequence[Change] = (),
    revenue_goal: Decimal | None = None,
) -> WhatIf:
    """The month re-estimated (the base) and with ``changes`` (the scenario); raises
    ``ScenarioInvalid`` naming each change that cannot be applied."""
    base = base_inputs(month, economics, roles)
    scenario = scenario_inputs(base, changes)
    base_side = side(base, revenue_goal)
    scenario_side = base_side if scenario == base else side(scenario, revenue_goal)
    return WhatIf(tuple(changes), base_side, scenario_side)
