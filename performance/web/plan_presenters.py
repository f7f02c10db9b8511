"""What the plans page shows: each role's plan in force and upcoming versions, with the
figures the metrics engine gives them. No formulas here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from compensation.models import PLAN_FIELDS, Economics, QuotaPlan, Role
from performance import engine
from performance.changes import change_text
from performance.loader import EffectiveDated, economics_input, plan_input
from performance.web.people_charts import PayoutChart
from performance.web.presenters import Badge, FixOffer, alignment_badge, fix_offers, is_red_flag, units_word


@dataclass(frozen=True)
class PlanVersion:
    plan: QuotaPlan
    in_force: bool
    # The engine's figures under the economics in force when the version applies (today
    # for the plan in force, its first month for one to come); None when none hold by then.
    figures: engine.PlanFigures | None
    # For a plan that is not aligned: the what-if changes that would align it.
    fix_offers: list[FixOffer] = field(default_factory=list)
    economics: Economics | None = None  # the assumptions behind `figures`
    # What the plan pays from 0 to 200% of quota (None without business assumptions).
    payout: PayoutChart | None = None

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


def role_plans(today: date, what_if_month: date | None = None) -> list[RolePlans]:
    """Every role with its plan in force in `today`'s month and the versions after it (4 queries).
    With `what_if_month` (the month a what-if would start from), each plan that is not aligned
    offers its fixes as links to the what-if page."""
    roles = list(Role.objects.all())
    economics = EffectiveDated(Economics.objects.all())
    plans = EffectiveDated(QuotaPlan.objects.with_curves())
    by_role: dict[int, list[QuotaPlan]] = {role.pk: [] for role in roles}
    for plan in plans.rows:
        by_role[plan.role_id].append(plan)
    result = []
    for role in roles:
        current = EffectiveDated(by_role[role.pk]).at(today)
        shown = [plan for plan in by_role[role.pk] if plan is current or plan.effective_from > today]
        in_what_if = EffectiveDated(by_role[role.pk]).at(what_if_month) if what_if_month else None
        versions = [
            _version(
                role, plan, plan is current, economics.at(max(today, plan.effective_from)), what_if_month, in_what_if
            )
            for plan in shown
        ]
        result.append(RolePlans(role, versions))
    return result


def _version(
    role: Role,
    plan: QuotaPlan,
    in_force: bool,
    economics: Economics | None,
    what_if_month: date | None,
    in_what_if: QuotaPlan | None,
) -> PlanVersion:
    figures = (
        None if economics is None else engine.plan_figures(role.kind, plan_input(plan), economics_input(economics))
    )
    offers = []
    if figures is not None and what_if_month is not None:
        offers = fix_offers(
            role.name,
            role.kind,
            {name: getattr(plan, name) for name in ("commission_rate", "monthly_quota", "annual_ote")},
            figures.fixes,
            what_if_month,
            keep=_differences(role, plan, in_what_if),
        )
    payout = None if economics is None else payout_chart(f"payout-{plan.pk}", role.kind, plan_input(plan), economics)
    return PlanVersion(plan, in_force, figures, offers, economics, payout)


def _differences(role: Role, plan: QuotaPlan, in_what_if: QuotaPlan | None) -> list[str]:
    """The what-if changes that turn the plan in force in the what-if's month into `plan` (an
    upcoming version), so a fix is tried on the plan it fixes."""
    if in_what_if is None or in_what_if.pk == plan.pk:
        return []
    return [
        change_text(role.name, name, getattr(plan, name))
        for name in PLAN_FIELDS
        if getattr(plan, name) != getattr(in_what_if, name)
    ]


def payout_chart(chart_id: str, kind: str, plan: engine.Plan, economics: Economics) -> PayoutChart:
    """The plan's payout curve under `economics`, from the engine."""
    curve = engine.payout_curve(kind, plan, economics_input(economics))
    return PayoutChart(chart_id, "What it pays a month, 0 to 200% of quota", curve, units_word(kind))
