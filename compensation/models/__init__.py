"""Roles, people and their assignments, effective-dated OTE plans with their pay curves, the
company's business assumptions, saved what-if scenarios, and the history of logins (login_history.py).

Models stay thin: fields, constraints, cross-field checks in clean(), and QuerySet reads.
Their managers are VersionedQuerySets: a write in bulk changes the pages' data version too.
Every number is computed by performance.engine.
"""

from compensation.models import login_history  # noqa: F401  (the history of logins)
from compensation.models.people import Assignment, AssignmentQuerySet, Person
from compensation.models.plans import (
    ECONOMICS_FIELDS,
    ONE,
    PLAN_FIELDS,
    ZERO,
    Economics,
    EconomicsQuerySet,
    EffectiveDatedQuerySet,
    PlanTier,
    QuotaPlan,
    QuotaPlanQuerySet,
    Role,
)
from compensation.models.scenarios import Scenario

__all__ = [
    "ECONOMICS_FIELDS",
    "ONE",
    "PLAN_FIELDS",
    "ZERO",
    "Assignment",
    "AssignmentQuerySet",
    "Economics",
    "EconomicsQuerySet",
    "EffectiveDatedQuerySet",
    "Person",
    "PlanTier",
    "QuotaPlan",
    "QuotaPlanQuerySet",
    "Role",
    "Scenario",
]
