"""What the plans page shows: each role's plan in force and upcoming versions, with the
figures the metrics engine gives them. No formulas here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compensation.models import Economics, QuotaPlan, Role
from performance import engine
from performance.loader import EffectiveDated, economics_input, plan_input
from performance.presenters import Badge, alignment_badge, is_red_flag, units_word


@dataclass(frozen=True)
class PlanVersion:
    plan: QuotaPlan
    in_force: bool
    # The engine's figures under the economics in force when the version applies (today
    # for the plan in force, its first month for one to come); None when none hold by then.
    figures: engine.PlanFigures | None
    economics: Economics | None = None  # the assumptions behind `figures`

    @property
    def alignment(self) -> Badge | None:
        return alignment_badge(self.figures.alignment if self.figures else None)

    @property
    def red_flag(self) -> bool:
        return is_red_flag(self.figures)


@dataclass(frozen=True)
class RolePlans:
    role: Role
    versions: list[PlanVersion]

    @property
    def units_word(self) -> str:
        return units_word(self.role.kind)

    @property
    def unit_word(self) -> str:
        return engine.UNIT_WORDS[self.role.kind][0]

    @property
    def in_force(self) -> PlanVersion | None:
        return next((version for version in self.versions if version.in_force), None)


def role_plans(today: date) -> list[RolePlans]:
    """Every role with its plan in force in `today`'s month and the versions after it (3 queries)."""
    roles = list(Role.objects.all())
    economics = EffectiveDated(Economics.objects.all())
    plans = EffectiveDated(QuotaPlan.objects.all())
    by_role: dict[int, list[QuotaPlan]] = {role.pk: [] for role in roles}
    for plan in plans.rows:
        by_role[plan.role_id].append(plan)
    result = []
    for role in roles:
        current = EffectiveDated(by_role[role.pk]).at(today)
        shown = [plan for plan in by_role[role.pk] if plan is current or plan.effective_from > today]
        versions = [
            _version(role, plan, plan is current, economics.at(max(today, plan.effective_from))) for plan in shown
        ]
        result.append(RolePlans(role, versions))
    return result


def _version(role: Role, plan: QuotaPlan, in_force: bool, economics: Economics | None) -> PlanVersion:
    figures = (
        None if economics is None else engine.plan_figures(role.kind, plan_input(plan), economics_input(economics))
    )
    return PlanVersion(plan, in_force, figures, economics)
