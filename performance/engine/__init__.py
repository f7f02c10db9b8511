"""The engine: every number of ``../shared/DOMAIN.md``, from plain data.

Plain dataclasses in, plain dataclasses out, ``Decimal`` throughout and no Django import,
so the admin, the screens, the exports and the tests share one definition of each number.
Each formula is one small named function; a value that would divide by zero is ``None``
("n/a"), never an exception.

The map, in the order a month is computed:
- ``vocabulary``: role kinds, statuses, alignments, efficiency bands, recommendation codes.
- ``types``: the inputs (``Economics``, ``Plan``, ``Actual``, ``RoleInput``) and outputs
  (``PlanFigures``, ``ActualFigures``, ``RoleMetrics``, ``MonthMetrics``, ...).
- ``arithmetic``: ``divide``, ``percent``, ``mean`` that give ``None`` instead of raising.
- ``plan``: what a plan means under the month's economics (OTE, break-even, alignment).
- ``role``: a role's month from its actual (credited deals, attainment, earnings, status).
- ``recommendations``: each counting role's advice, in DOMAIN.md's order.
- ``month``: ``compute_month``, the totals, revenue, efficiency and the insights.
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

The package's public names are re-exported here, so callers write ``engine.compute_month``.
"""

from performance.engine.arithmetic import HUNDRED, ZERO, divide, mean, percent
from performance.engine.month import compute_month, efficiency, month_close_rate_pct, setter_capacity
from performance.engine.plan import monthly_ote, plan_figures
from performance.engine.types import (
    Actual,
    ActualFigures,
    Economics,
    EfficiencyCheck,
    Insights,
    MonthMetrics,
    MonthSummary,
    PersonActual,
    PersonInput,
    Plan,
    PlanFigures,
    Recommendation,
    RoleInput,
    RoleMetrics,
    SetterCapacity,
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
    STATUS_LABELS,
    UNIT_WORDS,
    UNREACHABLE,
    check_kind,
    unit_word,
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
    "STATUS_LABELS",
    "UNIT_WORDS",
    "UNREACHABLE",
    "check_kind",
    "unit_word",
    "HUNDRED",
    "ZERO",
    "Actual",
    "ActualFigures",
    "Economics",
    "EfficiencyCheck",
    "Insights",
    "MonthMetrics",
    "MonthSummary",
    "PersonActual",
    "PersonInput",
    "Plan",
    "PlanFigures",
    "Recommendation",
    "RoleInput",
    "RoleMetrics",
    "SetterCapacity",
    "Tier",
    "compute_month",
    "divide",
    "efficiency",
    "mean",
    "month_close_rate_pct",
    "monthly_ote",
    "percent",
    "plan_figures",
    "setter_capacity",
]
