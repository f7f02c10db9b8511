"""A saved scenario's plan changes applied as new plan versions (Admins), in one transaction.

Only the plan fields of a scenario's changes become plan versions (annual_ote, annual_base,
monthly_quota, commission_rate); headcount and the business assumptions are not plans and
stay as they are. Each changed role gets a new version from the chosen month: a copy of the
plan in force then (every field it has, so a pay curve is kept) with the changes applied,
relative ones to that plan's values, rounded to the places the plan stores. Months before it
keep their numbers. The start must be this month or later, and after the last month with
numbers (role totals, person actuals or revenue): from an earlier one the versions would
re-price months already recorded, under people who were already paid. The admin may still
start there by saying so: "I understand" on the apply form names the months it re-prices, and
counts only for exactly those (numbers recorded meanwhile in another month ask again).
An approved month is never re-priced (performance/locks.py, through the plans' clean()).

The months from the start are held while the versions are checked and written
(performance/month_lock.py). Two applies at the same moment that write the same role's version
meet the database's uniqueness rule: the second is told so, naming the role, never an error page.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from compensation.models import QuotaPlan, Role, Scenario
from otesite.lib.formatting import quantize
from otesite.lib.months import format_month
from otesite.lib.rules import current_month
from performance.changes import PLACES, parse_changes
from performance.engine import PLAN_CHANGE_FIELDS, Change
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual
from performance.month_lock import hold


class NotApplicable(Exception):
    """The scenario cannot be applied from that month; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class RepricingNotConfirmed(NotApplicable):
    """The start is not after the last month with numbers: `months` (those from the start that
    have numbers) would be re-priced; applying needs the admin to say they understand that."""

    def __init__(self, start: date, months: list[date]) -> None:
        self.start, self.months = start, months
        have = "has" if len(months) == 1 else "have"
        super().__init__(
            [
                f"Applying from {format_month(start)} re-prices {months_text(months)}, which already {have}"
                f" numbers (role totals, person actuals or revenue): their attainment and earnings would change."
                f" Tick “I understand” to apply from {format_month(start)} anyway, or choose a month after"
                f" {format_month(months[-1])}"
            ]
        )


@dataclass(frozen=True)
class AppliedPlan:
    """A new plan version and the version in force before it from that month."""

    role: Role
    before: QuotaPlan
    after: QuotaPlan
    changes: tuple[Change, ...]


def plan_changes(scenario: Scenario) -> list[Change]:
    """The scenario's changes that are plan changes (a role's OTE, base, quota or rate)."""
    return [change for change in parse_changes(scenario.changes) if change.field in PLAN_CHANGE_FIELDS]


def change_reason(scenario: Scenario) -> str:
    """What the plan history says of each version written: the scenario, by name."""
    return f"Scenario: {scenario.name}"[:100]


def months_text(months: list[date]) -> str:
    """ "2026-11 and 2026-12"."""
    shown = [format_month(month) for month in months]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def months_with_numbers(start: date) -> list[date]:
    """The months from `start` on with anything recorded: role totals, person actuals, revenue."""
    found: set[date] = set()
    for model in (MonthlyActual, PersonActual, MonthlyRevenue):
        found.update(model.objects.filter(month__gte=start).values_list("month", flat=True).distinct())
    return sorted(found)


def _refuse_passed(start: date) -> None:
    if start < current_month():
        raise NotApplicable(
            [f"{format_month(start)} has passed; plan versions from a scenario start this month or later"]
        )


def _refuse_repricing(start: date, reprice: Collection[date]) -> None:
    """Refuse a start not after the last month with numbers unless `reprice` (what the admin
    said they understand) names every month it would re-price."""
    months = months_with_numbers(start)
    if months and not set(months) <= set(reprice):
        raise RepricingNotConfirmed(start, months)


def _new_version(plan: QuotaPlan, start: date, changes: list[Change]) -> QuotaPlan:
    """A copy of `plan` from `start` with the changes applied, rounded as the plan stores them."""
    copied = {
        field.attname: getattr(plan, field.attname)
        for field in QuotaPlan._meta.concrete_fields
        if not field.primary_key and field.name != "effective_from"
    }
    version = QuotaPlan(**copied, effective_from=start)
    for change in changes:
        value: Decimal = change.applied_to(getattr(plan, change.field))
        setattr(version, change.field, quantize(value, PLACES[change.field]))
    return version


def _planned(scenario: Scenario, start: date) -> tuple[list[AppliedPlan], list[str]]:
    """Every new version (unsaved), and the problems that stop any of them."""
    changes = plan_changes(scenario)
    if not changes:
        return [], [f"{scenario.name} has no plan changes (headcount and business assumptions are not plans)"]
    roles = {role.name: role for role in Role.objects.filter(name__in={change.role for change in changes})}
    in_force = {plan.role_id: plan for plan in QuotaPlan.objects.in_force(start).filter(role__in=roles.values())}
    found, problems = [], []
    for name in dict.fromkeys(change.role for change in changes):
        mine = [change for change in changes if change.role == name]
        role = roles.get(name)
        plan = in_force.get(role.pk) if role else None
        if role is None:
            problems.append(f"there is no role {name!r} any more")
        elif plan is None:
            problems.append(f"{name} has no plan in force in {format_month(start)} to change")
        elif plan.effective_from == start:
            problems.append(
                f"{name} already has a plan version from {format_month(start)}; edit it in the admin or choose another month"
            )
        else:
            version = _new_version(plan, start, mine)
            try:
                version.full_clean()
            except ValidationError as error:
                problems.extend(f"{name}: {message}" for message in error.messages)
            else:
                found.append(AppliedPlan(role, plan, version, tuple(mine)))
    return found, problems


def apply_scenario(scenario: Scenario, start: date, *, reprice: Collection[date] = ()) -> list[AppliedPlan]:
    """Write the scenario's plan changes as plan versions from `start`, all or none, each with
    the scenario named as the change reason; raises NotApplicable listing every problem
    (RepricingNotConfirmed when `reprice`, the months the admin agreed to re-price, falls short)."""
    try:
        with transaction.atomic():
            _refuse_passed(start)
            hold(since=start)  # no month from `start` on is closed while it is checked and written
            _refuse_repricing(start, reprice)
            applied, problems = _planned(scenario, start)
            if problems:
                raise NotApplicable(problems)
            for item in applied:
                item.after._change_reason = change_reason(scenario)
                item.after.save()
    except IntegrityError:  # another version of a role from `start` was saved at the same moment
        raise NotApplicable(_saved_meanwhile(scenario, start)) from None
    return applied


def _saved_meanwhile(scenario: Scenario, start: date) -> list[str]:
    """What to say when the versions met a version saved while they were written."""
    roles = {change.role for change in plan_changes(scenario)}
    found = QuotaPlan.objects.filter(role__name__in=roles, effective_from=start).select_related("role")
    names = sorted(plan.role.name for plan in found) or ["a role"]
    has = "has" if len(names) == 1 else "have"
    return [
        f"{' and '.join(names)} {has} a plan version from {format_month(start)} saved by someone else at the same"
        " moment (this scenario applied twice, or the plan edited), so none of this scenario's versions were"
        " written; see the plans page, and choose another month to apply it"
    ]
