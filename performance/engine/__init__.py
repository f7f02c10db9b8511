"""The engine: every number of ``../shared/DOMAIN.md``, from plain data.

Plain dataclasses in, plain dataclasses out, ``Decimal`` throughout and no Django import,
so the admin, the screens, the exports and the tests share one definition of each number.
Each formula is one small named function; a value that would divide by zero is ``None``
("n/a"), never an exception.

The map, in the order a month is computed:
- ``vocabulary``: role kinds, statuses, alignments, efficiency bands, recommendation codes.
- ``types``: the inputs (``Economics``, ``Plan`` with its ``Tier``s, ``Actual``,
  ``PersonInput``, ``RoleInput``, ``DealInput``, ``Clawback``); ``results``: the outputs
  (``PlanFigures``, ``ActualFigures``, ``PersonMetrics``, ``RoleMetrics``, ``MonthMetrics``, ...).
- ``arithmetic``: ``divide``, ``percent``, ``mean`` that give ``None`` instead of raising.
- ``paycurve``: tiers and cap: ``paid_points``, ``commission``, ``units_to_deals``, the
  curve run backwards, and a statement's commission band by band.
- ``plan``: what a plan means under the month's economics (OTE, break-even and earnings at
  quota through the curve, alignment, and the plan fixes that would align it).
- ``measures``: what roles and people are measured by alike: credited deals, status.
- ``people``: people mode: ramp, each person's figures, ranks, the role's sums, who is missing.
- ``role``: a role's month from its actual or its people (attainment on team_quota, earnings).
- ``recommendations``: each counting role's advice, in DOMAIN.md's order.
- ``assumptions``: the show and close rates the setters measured, and the month's close rate.
- ``month``: ``compute_month``, the totals, revenue, efficiency and the insights.
- ``deals``: a month kept by deals (what each person's deals credit them) and clawbacks.
- ``statements``: one person's month as paid, band by band and deal by deal, with clawbacks.
- ``payout``: a plan's payout curve, earnings at each attainment, for the plans page's chart.
- ``leaderboards``: the range leaderboard and the ramp curve, over several months.
- ``whatif``: a month's inputs with changes, base and scenario computed alike by
  ``compute_month``; ``outcomes``: the outcome spread and hiring to a revenue goal.
- ``rollups``: the board's numbers over several months (docs/board-metrics.md).
- ``formatting``: half-up rounding and "$5,670" / "75.0%" text, shared with the templates.

Choices where DOMAIN.md leaves room (also in the tests):
- A role with neither a plan nor an actual is ``no_plan``; a plan whose monthly_quota
  is not above zero is not usable either, so its role is ``no_plan`` too.
- ``improve_team`` names the counting closer or setter role with the lowest
  quota_attainment_pct (ties: the first created); managers are never candidates since
  the recommendation is addressed to a manager about the team below them.
- ``fix_plan`` is given for ``unreachable`` and ``overpays`` plans; a plan with an
  OTE of zero has no alignment (``None``) and gets no ``fix_plan``.
- Setter capacity is ``None`` when show_rate * close_rate is zero or no setter role
  counts; ``setters_to_add`` closes the whole gap, at the counting setters' average
  quota per person.
- A role's ote_attainment_pct of ``None`` (OTE of zero) is left out of the team
  average and sorted last among the gaps.
- A role with person actuals is in people mode even if a role actual came with them (the
  inputs refuse both); its people are listed (``people``, ``source``) only when it counts,
  and its missing people whatever its status (but a role without person actuals lists none).
- A ramp fraction outside (0, 1] (refused by the plan rules) is ignored: factor 1.

The package's public names are re-exported here, so callers write ``engine.compute_month``.
"""

from performance.engine.arithmetic import HUNDRED, ZERO, divide, mean, percent
from performance.engine.assumptions import assumption_check, month_close_rate_pct
from performance.engine.deals import clawbacks, counting, deals_revenue, kept_by_deals, months_apart, upfront
from performance.engine.leaderboards import (
    LeaderboardEntry,
    RampCurve,
    RampPoint,
    RoleLeaderboard,
    hiring_cohort,
    ramp_curves,
    range_leaderboard,
)
from performance.engine.month import compute_month, efficiency, setter_capacity
from performance.engine.outcomes import OUTCOME_LEVELS, Hiring, Outcome, hiring, outcome_spread
from performance.engine.paycurve import commission, commission_bands, paid_points, units_to_deals
from performance.engine.payout import PayoutCurve, PayoutPoint, earnings_at_attainment, payout_curve
from performance.engine.people import ramp_factor, rank_order
from performance.engine.plan import (
    break_even_units,
    deals_for_ote,
    earnings_at_quota,
    monthly_ote,
    plan_figures,
    plan_fixes,
)
from performance.engine.results import (
    ActualFigures,
    AssumptionCheck,
    DealPay,
    EfficiencyCheck,
    Insights,
    MissingPeople,
    MonthMetrics,
    MonthSummary,
    PersonMetrics,
    PlanFigures,
    PlanFixes,
    RateCheck,
    Recommendation,
    RoleMetrics,
    SetterCapacity,
    StatementBand,
)
from performance.engine.statements import Statement, clawback_only_people, statement
from performance.engine.types import (
    Actual,
    Clawback,
    DealInput,
    DealLine,
    DealShare,
    Economics,
    Id,
    PersonActual,
    PersonInput,
    Plan,
    RoleInput,
    Tier,
)
from performance.engine.vocabulary import (
    ALIGNED,
    ALIGNED_HIGH,
    ALIGNED_LOW,
    ALIGNMENT_LABELS,
    BELOW,
    CLOSER,
    COUNTING_STATUSES,
    EFFICIENCY_LABELS,
    EFFICIENT,
    FIX_PLAN,
    HIGH,
    IMPROVE_TEAM,
    KIND_LABELS,
    KINDS,
    MANAGER,
    MODERATE,
    MODERATE_MARGIN_PCT,
    MORE_MARKETING,
    MORE_UNITS,
    NEAR,
    NO_DATA,
    NO_HEADCOUNT,
    NO_PLAN,
    ON_TARGET,
    OVERPAYS,
    PERSON_WORDS,
    RAISE_CLOSE_RATE,
    RAISE_TARGETS,
    RECOMMENDATION_CODES,
    SCALE_TEAM,
    SETTER,
    SETTER_COVERAGE_TARGET_PCT,
    SOURCE_DEALS,
    SOURCE_PEOPLE,
    SOURCE_ROLE,
    STATUS_LABELS,
    UNIT_WORDS,
    UNREACHABLE,
    check_kind,
    unit_word,
)
from performance.engine.whatif import (
    COMPANY_FIELDS,
    PLAN_CHANGE_FIELDS,
    ROLE_FIELDS,
    Change,
    ScenarioInputs,
    ScenarioInvalid,
    Side,
    WhatIf,
    has_data,
    what_if,
)

__all__ = [
    "ALIGNED",
    "ALIGNED_HIGH",
    "ALIGNED_LOW",
    "ALIGNMENT_LABELS",
    "BELOW",
    "CLOSER",
    "COUNTING_STATUSES",
    "EFFICIENCY_LABELS",
    "EFFICIENT",
    "FIX_PLAN",
    "HIGH",
    "IMPROVE_TEAM",
    "KINDS",
    "KIND_LABELS",
    "MANAGER",
    "MODERATE",
    "MODERATE_MARGIN_PCT",
    "MORE_MARKETING",
    "MORE_UNITS",
    "NEAR",
    "NO_DATA",
    "NO_HEADCOUNT",
    "NO_PLAN",
    "ON_TARGET",
    "OVERPAYS",
    "PERSON_WORDS",
    "RAISE_CLOSE_RATE",
    "RAISE_TARGETS",
    "RECOMMENDATION_CODES",
    "SCALE_TEAM",
    "SETTER",
    "SETTER_COVERAGE_TARGET_PCT",
    "SOURCE_DEALS",
    "SOURCE_PEOPLE",
    "SOURCE_ROLE",
    "STATUS_LABELS",
    "UNIT_WORDS",
    "UNREACHABLE",
    "check_kind",
    "unit_word",
    "COMPANY_FIELDS",
    "OUTCOME_LEVELS",
    "PLAN_CHANGE_FIELDS",
    "ROLE_FIELDS",
    "HUNDRED",
    "ZERO",
    "Actual",
    "ActualFigures",
    "AssumptionCheck",
    "Clawback",
    "DealInput",
    "DealLine",
    "DealPay",
    "DealShare",
    "Change",
    "Economics",
    "EfficiencyCheck",
    "Hiring",
    "Id",
    "Insights",
    "LeaderboardEntry",
    "MissingPeople",
    "MonthMetrics",
    "MonthSummary",
    "Outcome",
    "PayoutCurve",
    "PayoutPoint",
    "PersonActual",
    "PersonInput",
    "PersonMetrics",
    "Plan",
    "PlanFigures",
    "PlanFixes",
    "RampCurve",
    "RampPoint",
    "RateCheck",
    "Recommendation",
    "RoleInput",
    "RoleLeaderboard",
    "RoleMetrics",
    "ScenarioInputs",
    "ScenarioInvalid",
    "SetterCapacity",
    "Side",
    "Statement",
    "StatementBand",
    "Tier",
    "WhatIf",
    "assumption_check",
    "break_even_units",
    "clawback_only_people",
    "clawbacks",
    "counting",
    "deals_revenue",
    "kept_by_deals",
    "months_apart",
    "upfront",
    "commission",
    "commission_bands",
    "compute_month",
    "deals_for_ote",
    "divide",
    "earnings_at_attainment",
    "earnings_at_quota",
    "efficiency",
    "has_data",
    "hiring",
    "hiring_cohort",
    "mean",
    "month_close_rate_pct",
    "monthly_ote",
    "outcome_spread",
    "paid_points",
    "payout_curve",
    "percent",
    "plan_figures",
    "plan_fixes",
    "ramp_curves",
    "ramp_factor",
    "range_leaderboard",
    "rank_order",
    "setter_capacity",
    "statement",
    "units_to_deals",
    "what_if",
]
